"""The R7 maintenance study (issue #14, mechanic 8): the tables of total cost per policy.

Usage: ``python scripts/maintenance_study.py [SCENARIO] [N] [--plot DIR]`` (defaults:
``r7_at_risk``, 20 replications, base seed 1). Prints, under the SYNTHETIC banner and the
fingerprint: the U-curve of total cost over the preventive interval (with the reactive line),
the value of predictive maintenance per sensor noise and threshold (paired against the best
preventive interval and against reactive), and the ordering at the scenario's own settings.
With ``--plot DIR`` it also saves the two figures there (PNG, labelled).
"""

from __future__ import annotations

import sys

from sim.experiments.maintenance_study import format_maintenance_study, run_maintenance_study


def main(argv: list[str]) -> None:
    """Run the study and print its tables."""
    plot = None
    if "--plot" in argv:
        i = argv.index("--plot")
        plot = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    scenario = argv[0] if argv else "r7_at_risk"
    n = int(argv[1]) if len(argv) > 1 else 20
    tables = run_maintenance_study(scenario, n=n, seed=1, progress=False)
    print(format_maintenance_study(tables))
    if plot is not None:
        from sim.plots.maintenance import save_study_figures

        for path in save_study_figures(tables, plot):
            print(f"saved {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
