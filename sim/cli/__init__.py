"""The ``werkhalle`` command line: one Typer app, one module per feature.

Each feature module registers its commands on :data:`sim.cli.app.app` when imported; this
package imports them all and :func:`main` runs the app. To add a feature, add ONE line
``import sim.cli.<feature>  # noqa: F401`` in alphabetical order (plain ``import`` lines, so
that the import sorter never merges them).
"""

import sim.cli.agents  # noqa: F401  (registers: compare)
import sim.cli.classroom  # noqa: F401  (registers: classroom)
import sim.cli.dashboard  # noqa: F401  (registers: dashboard)
import sim.cli.experiments  # noqa: F401  (registers: replicate, sweep, stress)
import sim.cli.line  # noqa: F401  (registers: list, validate, run)
import sim.cli.shards  # noqa: F401  (registers: merge)
from sim.cli.app import app


def main() -> None:
    """Run the ``werkhalle`` command line (the console script and ``python -m sim``)."""
    app(prog_name="werkhalle")


__all__ = ["app", "main"]
