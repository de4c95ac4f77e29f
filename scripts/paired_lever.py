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

from paired_common import paired, runs_of, values

from sim import load_scenario, with_overrides


def main(argv: list[str]) -> None:
    """Run the pairs and print the table."""
    name, field, *kpis = argv
    field, _, given = field.partition("=")
    a, b = (json.loads(v) for v in given.split(",")) if given else (False, True)
    agents = os.environ.get("WERKHALLE_AGENTS") or None
    base = load_scenario(name)
    runs = {key: runs_of(with_overrides(base, {field: value}), agents)
            for key, value in ((False, a), (True, b))}
    kpis = kpis or list(runs[False][0].index)
    print(f"SYNTHETIC - {name}: {field} = {b} vs {a}, agents {agents or 'as configured'}, "
          f"seeds 1-20, paired, 95 % t CI")
    print(f"{'KPI':42s} {'without':>11s} {'with':>11s} {'diff':>11s}  95 % CI")
    for kpi in kpis:
        off, on = values(runs[False], kpi), values(runs[True], kpi)
        ci = paired(on, off)
        mean_off, mean_on = sum(off) / len(off), sum(on) / len(on)
        pct = 100 * ci["mean"] / mean_off if mean_off else float("nan")
        print(f"{kpi:42s} {mean_off:11.4f} {mean_on:11.4f} {ci['mean']:+11.4f}  "
              f"[{ci['ci_low']:+.4f}, {ci['ci_high']:+.4f}]  ({pct:+.1f} %)")


if __name__ == "__main__":
    main(sys.argv[1:])
