"""What the paired-effect scripts of issue #14 share: seeds 1-20 and paired t intervals.

Each script (``paired_lever.py``, ``paired_day.py``, ``paired_sisters.py``,
``paired_sister_capacity.py``, ``quality_effects.py``) runs some configurations of one scenario
on the same seeds (common random numbers) and prints paired differences with their 95 %
Student-t interval, computed by :func:`sim.experiments.stats.mean_ci`. Results are SYNTHETIC.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from sim.experiments.stats import mean_ci
from sim.runner import run_kpis

SEEDS = range(1, 21)
"""The seeds of every pair."""


def runs_of(scenario: Any, agents: str | None = None) -> list[pd.Series]:
    """The KPIs of ``scenario`` on every seed of :data:`SEEDS`."""
    return [run_kpis(scenario, seed, agents=agents) for seed in SEEDS]


def values(runs: Sequence[pd.Series], kpi: str) -> list[float]:
    """One KPI of each run."""
    return [float(r[kpi]) for r in runs]


def paired(first: Sequence[float], second: Sequence[float]) -> dict[str, float]:
    """Mean and 95 % t interval of the paired differences ``first - second``."""
    return mean_ci([a - b for a, b in zip(first, second, strict=True)])


def print_against(runs: Mapping[str, Sequence[pd.Series]], kpis: Sequence[str],
                  short: Sequence[str]) -> None:
    """Print per KPI the mean of each configuration and the first minus each other one.

    Args:
        runs: The runs of each configuration; the first is the one compared.
        kpis: The KPIs (rows).
        short: Column titles of the configurations, in the order of ``runs``.
    """
    keys = list(runs)
    titles = "".join(f" {title:>10s}" for title in short)
    diffs = "".join(f"  {f'{short[0]} - {title}':>28s}" for title in short[1:])
    print(f"{'KPI':40s}{titles}{diffs}")
    for kpi in kpis:
        col = {k: values(runs[k], kpi) for k in keys}
        means = "".join(f" {sum(c) / len(c):10.2f}" for c in col.values())
        cells = ""
        for other in keys[1:]:
            ci = paired(col[keys[0]], col[other])
            cell = f"{ci['mean']:+9.2f} [{ci['ci_low']:+9.2f}, {ci['ci_high']:+9.2f}]"
            cells += f"  {cell:>28s}"
        print(f"{kpi:40s}{means}{cells}")
