"""``werkhalle merge``: join the shards of one sweep (``sweep --shard i/n``) into the whole."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sim.cli.app import app, echo, handle_errors
from sim.cli.experiments import NoPlots, Quiet, _run, _written, sweep_table


@app.command()
@handle_errors
def merge(
    folders: Annotated[list[Path], typer.Argument(help="The shards' run directories "
                                                       "(werkhalle sweep ... --shard i/n).")],
    out: Annotated[Path, typer.Option(help="New run directory for the whole sweep.")],
    no_plots: NoPlots = False,
    quiet: Quiet = False,
) -> None:
    """Merge the run directories of a sharded sweep: the same tables as running it whole."""
    from sim.experiments.merge import merge_shards

    result = _run(lambda: merge_shards(folders, out, progress=not quiet), out, not no_plots)
    echo(result.banner)
    echo(sweep_table(result))
    _written(out)
