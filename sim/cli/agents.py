"""``werkhalle compare``: a scenario with nobody, a person after 24 h and the agents, side by side.

Prints the end-of-day balance (baseline vs agents, with deltas) and the narrative timeline
under the SYNTHETIC banner, and writes both results, the tables, the timeline and the plots
into one folder, atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sim import i18n
from sim.cli.app import AllowLarge, app, echo, fail, handle_errors, use_agg
from sim.cli.formats import FormatOption, TableFormat, check_format, write_workbook
from sim.cli.line import load_from_cli
from sim.labels import SYNTHETIC_LABEL


@app.command()
@handle_errors
def compare(
    file: Annotated[str, typer.Argument(help="Scenario file or shipped name "
                                              "(supply_disruption).")],
    seed: Annotated[int, typer.Option(min=0, help="Seed of both runs (common random "
                                                  "numbers).")] = 0,
    out: Annotated[
        Path | None,
        typer.Option(help="Output folder (default: out/<scenario>-compare-seed<N>): new, "
                     "empty, or holding an earlier comparison (which is replaced)."),
    ] = None,
    agents: Annotated[
        str | None,
        typer.Option(help="Autonomy of every agent: recommend or autonomous (default: as "
                     "the scenario says)."),
    ] = None,
    person: Annotated[
        list[str] | None,
        typer.Option(help="Also run a person who takes the same decision after this reaction "
                     "delay (repeatable; default: 24 h; 'none': no person)."),
    ] = None,
    no_plots: Annotated[bool, typer.Option("--no-plots", help="Do not write PNG plots.")] = False,
    settings: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a field, e.g. --set agents.weights.co2=5 "
                     "(repeatable)."),
    ] = None,
    allow_large: AllowLarge = False,
    table_format: FormatOption = TableFormat.csv,
) -> None:
    """Run a scenario without and with agents (same seed) and compare the end-of-day balance.

    In recommend mode, production management approves every proposal after the scenario's
    human_reaction_delay.
    """
    from sim.agents.journal import options_frame
    from sim.experiments.compare import compare as compare_runs
    from sim.results.outdir import check_out_dir
    from sim.scenario.agents_schema import AUTONOMY_LEVELS

    if agents is not None and agents not in AUTONOMY_LEVELS[1:]:  # agents on: not "off"
        fail(f"--agents: expected recommend or autonomous (got {agents!r})")
    check_format(table_format)
    scenario = load_from_cli(file, settings)
    people = ["24 h"] if person is None else [p for p in person if p.lower() != "none"]
    target = out if out is not None else Path("out") / f"{scenario.name}-compare-seed{seed}"
    check_out_dir(target, "compare")  # before the runs: refuse a folder we may not write to
    comparison = compare_runs(scenario, seed=seed, agents=agents, people=people,
                              allow_large=allow_large)
    echo(comparison.balance_text())
    echo()
    echo(comparison.timeline_text())
    meta = comparison.metadata
    echo()
    echo(i18n.t("cli.compare_timing", decisions=meta["decisions"],
                seconds=i18n.number(meta["seconds"], 2), twin=meta["twin_runs"],
                forecast=meta["forecast"], futures=meta["futures"],
                twin_seconds=i18n.number(meta["twin_seconds"], 2)))
    figures = None
    if not no_plots:
        use_agg()
        from sim.plots import comparison_figures

        figures = comparison_figures(comparison)
    comparison.save(target, figures=figures)
    write_workbook(table_format, target, "comparison",
                   {"balance": comparison.table, "kpis_compared": comparison.kpis,
                    "options": options_frame(comparison.decisions)},
                   SYNTHETIC_LABEL, comparison.fingerprint)
    written = sorted(p.name for p in target.iterdir())
    echo(i18n.t("cli.wrote", target=target, files=", ".join(written)))
