"""Benchmark: how long a comparison of the vignettes takes, and what the planner's look-ahead costs.

Run from the repository root::

    python benchmarks/bench_agents.py            # best of 5 per figure
    python benchmarks/bench_agents.py --quick    # one repeat (smoke run)

Prints, for one machine and one invocation (wall-clock seconds, no asserts):

* the one-off import of Mesa (paid by the first run with agents in a process);
* ``sim.compare`` of the main vignette (``supply_disruption``, seed 1), the first call in the
  process (cold) and the best of several warm calls, split into the baseline run, the run
  with agents, and its look-ahead simulations (the twin: a fresh line model per option,
  replaying the run's actions on the same random numbers, up to decision + look-ahead);
* the same for the other vignettes.

Every figure is a measurement of this toy model on this machine, not of any real plant.
"""

from __future__ import annotations

import argparse
import sys
import time

from sim.labels import SYNTHETIC_LABEL

VIGNETTES = ("supply_disruption", "predictive_maintenance", "quality_drift", "bad_day")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat per figure")
    args = parser.parse_args()
    repeats = 1 if args.quick else 5
    print(f"# {SYNTHETIC_LABEL}")
    print(f"# python {sys.version.split()[0]}; best of {repeats}; wall-clock seconds")
    started = time.perf_counter()
    import mesa  # noqa: F401

    print(f"import mesa (one-off per process)              {time.perf_counter() - started:7.3f} s")
    from sim.experiments.compare import compare

    for name in VIGNETTES:
        first = time.perf_counter()
        compare(name, seed=1)
        cold = time.perf_counter() - first
        best = None
        for _ in range(repeats):
            t0 = time.perf_counter()
            c = compare(name, seed=1)
            took = time.perf_counter() - t0
            if best is None or took < best[0]:
                best = (took, c)
        took, c = best
        m = c.metadata
        runs, twin = m["twin_runs"], m["twin_seconds"]
        per = 1000 * twin / runs if runs else float("nan")
        print(f"compare {name:<24} cold {cold:6.3f} s | warm {took:6.3f} s "
              f"(baseline {m['baseline_seconds']:.3f} s, agents {took - m['baseline_seconds']:.3f}"
              f" s, of which look-ahead {twin:.3f} s = {runs} runs x {per:.0f} ms); "
              f"{m['decisions']} decisions")


if __name__ == "__main__":
    main()
