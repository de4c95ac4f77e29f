"""Benchmark: how long a comparison of the vignettes takes, and what the planner's look-ahead costs.

Run from the repository root::

    python benchmarks/bench_agents.py            # median of 5 per figure
    python benchmarks/bench_agents.py --quick    # one repeat (smoke run)

Prints, for one machine and one invocation (wall-clock seconds, no asserts):

* the one-off import of Mesa (paid by the first run with agents in a process);
* ``sim.compare`` of the main vignette (``supply_disruption``, seed 1), the first call in the
  process (cold) and the median of several warm calls, split into the run where nobody
  reacts, the run with agents and its look-ahead simulations (the twin: a fresh line model
  per option and sampled future, replaying the run's past and branching at the decision,
  up to decision + look-ahead; time per twin run), and the person deciding after 24 h;
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
    print(f"# python {sys.version.split()[0]}; median of {repeats}; wall-clock seconds")
    started = time.perf_counter()
    import mesa  # noqa: F401

    print(f"import mesa (one-off per process)              {time.perf_counter() - started:7.3f} s")
    from sim.experiments.compare import compare

    for name in VIGNETTES:
        first = time.perf_counter()
        compare(name, seed=1)
        cold = time.perf_counter() - first
        timed = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            c = compare(name, seed=1)
            timed.append((time.perf_counter() - t0, c))
        timed.sort(key=lambda x: x[0])
        took, c = timed[len(timed) // 2]  # the median warm call
        m = c.metadata
        runs, twin = m["twin_runs"], m["twin_seconds"]
        per = 1000 * twin / runs if runs else float("nan")
        person = took - m["baseline_seconds"] - m["agents_seconds"]
        print(f"compare {name:<24} cold {cold:6.3f} s | warm {took:6.3f} s "
              f"(median of {repeats}; nobody {m['baseline_seconds']:.3f} s, agents "
              f"{m['agents_seconds']:.3f} s, of which look-ahead {twin:.3f} s = {runs} runs x "
              f"{per:.0f} ms [{m['forecast']}, {m['futures']} futures]; person after 24 h "
              f"{person:.3f} s); {m['decisions']} decisions")


if __name__ == "__main__":
    main()
