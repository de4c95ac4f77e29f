"""Benchmark: ``sim.compare`` of a vignette, warm and cold, and what its look-ahead replays.

Run from the repository root::

    python benchmarks/bench_compare.py            # 5 warm repeats, 3 cold subprocesses
    python benchmarks/bench_compare.py --quick    # 1 and 1 (smoke run)

Prints, for one machine and one invocation (no asserts):

* cold: ``import sim`` plus the first ``sim.compare(NAME, seed=1)`` in a fresh Python
  process (CPU seconds of the child, and wall seconds), median of ``--cold`` processes;
* warm: the same call again in this process, median and best of ``--repeats`` (CPU and wall),
  with the baseline run and the twin's share from the comparison's metadata;
* the twin (the planner's look-ahead): runs, SimPy events it processed, and how many of them
  were a *replayed prefix* (events before the decision time, i.e. the past simulated again),
  per decision and in total. Counted from outside: this script wraps ``Twin.evaluate`` (to
  know the decision time) and ``simpy.Environment.step`` (to count events); nothing in
  ``sim`` is changed.

Every figure is a measurement of this toy model on this machine, not of any real plant.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import simpy

import sim
from sim.agents import twin as twin_module
from sim.labels import SYNTHETIC_LABEL

COLD = ("import time, resource; t = time.perf_counter(); import sim; "
        "sim.compare({name!r}, seed=1); "
        "r = resource.getrusage(resource.RUSAGE_SELF); "
        "print(r.ru_utime + r.ru_stime, time.perf_counter() - t)")
"""The child process of a cold measurement: prints its CPU seconds and wall seconds."""


@contextmanager
def twin_counters() -> Iterator[dict[str, Any]]:
    """Count SimPy events of the main runs and of the twin, and the twin's replayed prefix."""
    counts: dict[str, Any] = {"run": 0, "twin": 0, "prefix": 0, "decisions": []}
    inside: list[float] = []
    step, evaluate = simpy.Environment.step, twin_module.Twin.evaluate

    def counting_step(self: simpy.Environment) -> None:
        if inside:
            counts["twin"] += 1
            if self._queue and self._queue[0][0] < inside[-1]:
                counts["prefix"] += 1
        else:
            counts["run"] += 1
        step(self)

    def counting_evaluate(self: Any, now: float, history: list, options: list,
                          *args: Any, **kwargs: Any) -> Any:
        before = counts["twin"], counts["prefix"], self.runs
        inside.append(now)
        try:
            return evaluate(self, now, history, options, *args, **kwargs)
        finally:
            inside.pop()
            counts["decisions"].append((now, self.runs - before[2], counts["twin"] - before[0],
                                        counts["prefix"] - before[1]))

    simpy.Environment.step = counting_step  # type: ignore[method-assign]
    twin_module.Twin.evaluate = counting_evaluate  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        simpy.Environment.step = step  # type: ignore[method-assign]
        twin_module.Twin.evaluate = evaluate  # type: ignore[method-assign]


def cold(name: str, times: int) -> tuple[float, float]:
    """Median CPU and wall seconds of ``import sim`` + the first compare in a fresh process."""
    cpu, wall = [], []
    for _ in range(times):
        out = subprocess.run([sys.executable, "-c", COLD.format(name=name)], check=True,
                             capture_output=True, text=True).stdout.split()
        cpu.append(float(out[-2]))
        wall.append(float(out[-1]))
    return statistics.median(cpu), statistics.median(wall)


def warm(name: str, repeats: int) -> tuple[list[float], list[float], sim.Comparison]:
    """CPU and wall seconds of ``repeats`` warm compares (after one unmeasured call)."""
    sim.compare(name, seed=1)
    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        comparison = sim.compare(name, seed=1)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return cpu, wall, comparison


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one warm repeat, one cold run")
    parser.add_argument("--repeats", type=int, default=None, help="warm repeats (default 5)")
    parser.add_argument("--cold", type=int, default=None, help="cold processes (default 3)")
    parser.add_argument("--scenario", default="supply_disruption")
    args = parser.parse_args(argv)
    repeats = args.repeats or (1 if args.quick else 5)
    colds = args.cold or (1 if args.quick else 3)
    name = args.scenario
    print(f"# {SYNTHETIC_LABEL}")
    print(f"# werkhalle {sim.__version__}, python {sys.version.split()[0]}; compare {name!r}, "
          f"seed 1; CPU = process time (load-independent-ish), wall = elapsed")

    cpu_c, wall_c = cold(name, colds)
    print(f"cold compare {name} (fresh process, import sim + first call): CPU {cpu_c:.3f} s, "
          f"wall {wall_c:.3f} s (median of {colds})")
    cpu_w, wall_w, c = warm(name, repeats)
    m = c.metadata
    print(f"warm compare {name}: CPU median {statistics.median(cpu_w):.3f} s (best "
          f"{min(cpu_w):.3f}), wall median {statistics.median(wall_w):.3f} s (best "
          f"{min(wall_w):.3f}) of {repeats}; last call: baseline {m['baseline_seconds']:.3f} s, "
          f"look-ahead {m['twin_seconds']:.3f} s of {m['seconds']:.3f} s "
          f"({100 * m['twin_seconds'] / m['seconds']:.0f} %), {m['decisions']} decisions")

    import sim.agents.fork as fork

    saved, fork.ENABLED = fork.ENABLED, False  # count in this process: the replay path
    try:
        with twin_counters() as counts:  # agents vs nobody: only the agents' look-ahead
            c = sim.compare(name, seed=1, people=())
    finally:
        fork.ENABLED = saved
    runs = sum(d[1] for d in counts["decisions"])
    twin, prefix = counts["twin"], counts["prefix"]
    print(f"twin: {runs} runs at {len(counts['decisions'])} decisions (metadata: "
          f"{c.metadata['twin_runs']}), {twin:,} SimPy events ({twin / max(runs, 1):,.0f} per "
          f"run); main runs (baseline + agents) {counts['run']:,} events; counted on the "
          f"replay path (the fork path shares each decision's past: see docs/benchmarks.md)")
    print(f"twin replayed prefix: {prefix:,} of {twin:,} twin events = "
          f"{100 * prefix / max(twin, 1):.1f} % (target: 0 %)")
    for now, n, events, pre in counts["decisions"]:
        if n:
            print(f"  decision at {now / 60:6.1f} h: {n} runs, {events:>8,} events, "
                  f"replayed prefix {100 * pre / max(events, 1):5.1f} %")
    print("replications per second (serial and 2 joblib workers): "
          "python benchmarks/bench_experiments.py --no-dask")


if __name__ == "__main__":
    main()
