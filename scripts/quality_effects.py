"""Paired effects of the quality levers (issue #14, mechanics 3 and 4), seeds 1-20.

Usage: ``python scripts/quality_effects.py STUDY`` with STUDY one of:

* ``containment``: ``quality_containment``, agents as configured, with the containment
  levers (``[quality.retest]`` and ``[quality.cooling]``) vs without them (the same agents:
  the worker's report then only leads to a recalibration);
* ``retest`` / ``cooling``: only that one lever vs neither;
* ``qa``: ``qa_staff``, the planner with the staff-to-QA lever (``[quality.inspection]``)
  vs without it (the same planner, the old ``reassign_staff`` option);
* ``qa_cheap`` / ``qa_dear``: the same at an escape cost of 0 / 2,000 EUR (where QA must
  lose / should win more often).

Prints per KPI the mean without, the mean with, the mean paired difference (with - without)
and its 95 % Student-t interval, over seeds 1..20 (common random numbers: the same seed in
both), the line quality rate with the lever (mean and 95 % interval, beside the story's
claim), and how many seeds used QA or the extended test at all. Results are SYNTHETIC.
"""

from __future__ import annotations

import sys

from paired_common import paired, runs_of, values

from sim import load_scenario, with_overrides
from sim.experiments.stats import mean_ci
from sim.results.names import KPI

CONTAIN_OFF = {"quality.retest": None, "quality.cooling": None}
STUDIES = {
    "containment": ("quality_containment", {}, CONTAIN_OFF),
    "retest": ("quality_containment", {"quality.cooling": None}, CONTAIN_OFF),
    "cooling": ("quality_containment", {"quality.retest": None}, CONTAIN_OFF),
    "qa": ("qa_staff", {}, {"quality.inspection": None}),
    "qa_cheap": ("qa_staff", {"quality.escape_cost": 0.0},
                 {"quality.escape_cost": 0.0, "quality.inspection": None}),
    "qa_dear": ("qa_staff", {"quality.escape_cost": 2000.0},
                {"quality.escape_cost": 2000.0, "quality.inspection": None}),
}
KPIS = (KPI.ESCAPES, KPI.CAUGHT, KPI.LINE_QUALITY, KPI.QUALITY, KPI.SCRAP, KPI.RETESTED,
        KPI.INSPECTED, KPI.OUTPUT, KPI.LATE_UNITS, "cost [EUR]", "cost escapes [EUR]")


def main(argv: list[str]) -> None:
    """Run the pairs of one study and print the table."""
    (study,) = argv
    name, with_, without = STUDIES[study]
    base = load_scenario(name)
    runs = {key: runs_of(with_overrides(base, over))
            for key, over in (("with", with_), ("without", without))}
    print(f"SYNTHETIC - {name}: study {study!r}, with {with_ or 'as shipped'} vs {without}, "
          f"agents as configured, seeds 1-20, paired, 95 % t CI")
    print(f"{'KPI':36s} {'without':>10s} {'with':>10s} {'diff':>10s}  95 % CI")
    for kpi in KPIS:
        if kpi not in runs["with"][0].index:
            continue
        off, on = values(runs["without"], kpi), values(runs["with"], kpi)
        ci = paired(on, off)
        print(f"{kpi:36s} {sum(off) / len(off):10.2f} {sum(on) / len(on):10.2f} "
              f"{ci['mean']:+10.2f}  [{ci['ci_low']:+.2f}, {ci['ci_high']:+.2f}]")
    level = mean_ci(values(runs["with"], KPI.LINE_QUALITY))
    print(f"{KPI.LINE_QUALITY} with the lever: {level['mean']:.2f} "
          f"[{level['ci_low']:.2f}, {level['ci_high']:.2f}] (the story claims 99.98 %)")
    used = sum(float(k.get(KPI.INSPECTED, 0.0)) > 0 for k in runs["with"])
    tested = sum(float(k.get(KPI.RETESTED, 0.0)) > 0 for k in runs["with"])
    print(f"seeds with QA checks: {used}/20; seeds with an extended test: {tested}/20")


if __name__ == "__main__":
    main(sys.argv[1:])
