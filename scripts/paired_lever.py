"""Paired effect of one lever (issue #14): the same scenario with and without it, seeds 1-20.

Usage: ``python scripts/paired_lever.py SCENARIO FIELD[=A,B] [KPI ...]`` — runs ``SCENARIO``
with ``FIELD = A`` ("without", default ``false``) and ``FIELD = B`` ("with", default ``true``;
values as JSON) on seeds 1..20 (common random numbers: the same seed in both), agents as the
scenario configures them (``WERKHALLE_AGENTS=off`` in the environment: no agents), and prints
per KPI the mean without, the mean with, the mean paired difference (with - without) and its
95 % Student-t confidence interval. Results are SYNTHETIC.
"""

from __future__ import annotations

import json
import os
import sys

import numpy as np
from scipy import stats

from sim import load_scenario, with_overrides
from sim.runner import run_kpis

SEEDS = range(1, 21)


def main(argv: list[str]) -> None:
    """Run the pairs and print the table."""
    name, field, *kpis = argv
    field, _, values = field.partition("=")
    a, b = (json.loads(v) for v in values.split(",")) if values else (False, True)
    agents = os.environ.get("WERKHALLE_AGENTS") or None
    base = load_scenario(name)
    runs = {key: [run_kpis(with_overrides(base, {field: value}), seed, agents=agents)
                  for seed in SEEDS] for key, value in ((False, a), (True, b))}
    kpis = kpis or list(runs[False][0].index)
    print(f"SYNTHETIC - {name}: {field} = {b} vs {a}, agents {agents or 'as configured'}, "
          f"seeds 1-20, paired, 95 % t CI")
    print(f"{'KPI':42s} {'without':>11s} {'with':>11s} {'diff':>11s}  95 % CI")
    for kpi in kpis:
        off = np.array([float(k[kpi]) for k in runs[False]])
        on = np.array([float(k[kpi]) for k in runs[True]])
        d = on - off
        half = (stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d))
                if d.std(ddof=1) > 0 else 0.0)
        pct = 100 * d.mean() / off.mean() if off.mean() else float("nan")
        print(f"{kpi:42s} {off.mean():11.4f} {on.mean():11.4f} {d.mean():+11.4f}  "
              f"[{d.mean() - half:+.4f}, {d.mean() + half:+.4f}]  ({pct:+.1f} %)")


if __name__ == "__main__":
    main(sys.argv[1:])
