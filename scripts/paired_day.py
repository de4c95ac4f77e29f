"""Paired effects of issue #14 mechanics 5 and 7, seeds 1-20, 95 % Student-t CI (SYNTHETIC).

Usage::

    python scripts/paired_day.py setting_a      # the night-shift re-plan (mechanic 7)
    python scripts/paired_day.py daily_report   # adopting the 16:30 proposals (mechanic 5)

``setting_a``: the same agents with the night-shift lever (``[agents.planner] night``, as
shipped) vs without it (``night`` removed), and the agents with the lever vs no agents at all
(the story's comparison). ``daily_report``: the same agents carrying out the report's
first-ranked proposal (``daily_adopt = true``, as shipped) vs no daily report at all. Every
pair runs on the same seed (common random numbers); the interval is that of the mean paired
difference (:func:`sim.experiments.stats.mean_ci`).

Productivity is reported under a stated definition: good units per paid staff hour
(``output [units]`` / (``cost labour`` / labour cost per staff hour)); the paid staff time
includes overtime and booked night crews. The story's "productivity 96.8 %" is a claim (see
docs/claims.md), not this figure.
"""

from __future__ import annotations

import sys

import pandas as pd
from paired_common import SEEDS, paired, values

from sim import load_scenario, with_overrides
from sim.runner import run_kpis

PRODUCTIVITY = "productivity [units/paid staff h]"
PER_UNIT = "energy per unit [kWh/unit]"


def kpis(scenario, seed: int, agents: str | None = None) -> pd.Series:  # noqa: ANN001
    """The run's KPIs plus productivity (good units per paid staff hour)."""
    k = run_kpis(scenario, seed, agents=agents).copy()
    eco = scenario.economics
    hours = k[f"cost labour [{eco.currency}]"] / eco.labour_cost_per_staff_hour
    k[PRODUCTIVITY] = k["output [units]"] / hours if hours else float("nan")
    return k


def table(name: str, base, alt, names: list[str], agents=(None, None)) -> None:  # noqa: ANN001
    """Print mean without, mean with, the paired difference and its 95 % CI per KPI."""
    a = [kpis(base, s, agents[0]) for s in SEEDS]
    b = [kpis(alt, s, agents[1]) for s in SEEDS]
    print(f"SYNTHETIC - {name}, seeds 1-20, paired, 95 % t CI")
    print(f"{'KPI':40s} {'without':>10s} {'with':>10s} {'diff':>10s}  95 % CI")
    for kpi in names:
        x, y = values(a, kpi), values(b, kpi)
        ci = paired(y, x)
        print(f"{kpi:40s} {sum(x) / len(x):10.3f} {sum(y) / len(y):10.3f} {ci['mean']:+10.3f}  "
              f"[{ci['ci_low']:+.3f}, {ci['ci_high']:+.3f}]")
    print()


def main(argv: list[str]) -> None:
    """Run the study named in ``argv``."""
    which = argv[0] if argv else "setting_a"
    scn = load_scenario(which)
    cur = scn.economics.currency
    if which == "setting_a":
        names = ["output [units]", "on-time delivery [%]", "late units [units]", "overtime [h]",
                 f"cost overtime [{cur}]", f"cost labour [{cur}]", f"cost [{cur}]",
                 "energy [kWh]", PRODUCTIVITY]
        without = with_overrides(scn, {"agents.planner.night": None})
        table("setting_a: agents with the night-shift lever vs the same agents without it",
              without, scn, names)
        table("setting_a: agents with the night-shift lever vs no agents", scn, scn, names,
              agents=("off", None))
    elif which == "daily_report":
        names = ["output [units]", "on-time delivery [%]", "late units [units]",
                 "energy [kWh]", PER_UNIT, "overtime [h]", f"cost [{cur}]"]
        without = with_overrides(scn, {"agents.planner.daily_report": None,
                                       "agents.planner.daily_adopt": False})
        table("daily_report: agents adopting the 16:30 proposal vs the same agents without "
              "the report", without, scn, names)
    else:
        raise SystemExit(f"unknown study {which!r}; expected setting_a or daily_report")


if __name__ == "__main__":
    main(sys.argv[1:])
