"""Benchmark: ``sim.compare`` of a vignette, warm and cold, and what its look-ahead replays.

Run from the repository root::

    python benchmarks/bench_compare.py            # 5 warm repeats per path, 3 cold subprocesses
    python benchmarks/bench_compare.py --quick    # 1 and 1 (smoke run)

Prints, for one machine and one invocation (no asserts):

* cold: ``import sim`` plus the first ``sim.compare(NAME, seed=1)`` in a fresh Python
  process (CPU seconds of the child and of its own forked children, and wall seconds),
  median of ``--cold`` processes;
* warm, on both look-ahead paths: the same call again in this process, median and best of
  ``--repeats``: CPU (this process plus the forked children it waited for) and wall, with
  the twin's share from the comparison's metadata, for each way the look-ahead gets the
  past (:class:`sim.agents.twin.Branching`): *replay* = every forward run simulates the past
  again from t = 0 (the reference); *snapshot* = the portable default (the past once per
  decision, frozen, a restored copy per (future, option): :mod:`sim.line.snapshot`); *fork*
  = the POSIX opt-in (the past once per decision, each (future, option) in a forked child,
  up to two side by side);
* the twin (the planner's look-ahead) on each path: runs, SimPy events it processed, and
  how many of them were a *replayed prefix* (events before the decision time: the past
  simulated again), per decision and in total; on the snapshot path also how many pasts were
  frozen (size, milliseconds) and copies restored (milliseconds each). Counted from
  outside: this script wraps ``Twin.evaluate`` (to know the decision time),
  ``simpy.Environment.step`` (to count events), ``Snapshot`` (to time it) and, on the fork
  path, each child's work (its counts come back with its figures); nothing in ``sim`` is
  changed.

Every figure is a measurement of this toy model on this machine, not of any real plant.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import simpy

import sim
from sim.agents import fork
from sim.agents import twin as twin_module
from sim.agents.twin import Branching
from sim.labels import SYNTHETIC_LABEL
from sim.line.snapshot import Snapshot

COLD = ("import time, resource; t = time.perf_counter(); import sim; "
        "sim.compare({name!r}, seed=1); "
        "r = resource.getrusage(resource.RUSAGE_SELF); "
        "c = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime, time.perf_counter() - t)")
"""The child process of a cold measurement: prints its CPU seconds and wall seconds."""


@contextmanager
def twin_counters() -> Iterator[dict[str, Any]]:
    """Count SimPy events of the main runs and of the twin, and the twin's replayed prefix."""
    counts: dict[str, Any] = {"run": 0, "twin": 0, "prefix": 0, "decisions": []}
    inside: list[float] = []
    step, evaluate = simpy.Environment.step, twin_module.Twin.evaluate
    in_children = fork.in_children

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

    def counting_children(works: list, jobs: int | None = None) -> list:
        def counted(work: Any) -> Any:
            def run() -> dict[str, float]:  # in the child: its own counts go back with it
                twin, prefix = counts["twin"], counts["prefix"]
                out = work()
                out["_twin"], out["_prefix"] = counts["twin"] - twin, counts["prefix"] - prefix
                return out
            return run

        outs = in_children([counted(w) for w in works], jobs)
        for out in outs:
            if out is not None:
                counts["twin"] += out.pop("_twin")
                counts["prefix"] += out.pop("_prefix")
        return outs

    simpy.Environment.step = counting_step  # type: ignore[method-assign]
    twin_module.Twin.evaluate = counting_evaluate  # type: ignore[method-assign]
    fork.in_children = counting_children  # type: ignore[assignment]
    try:
        yield counts
    finally:
        simpy.Environment.step = step  # type: ignore[method-assign]
        twin_module.Twin.evaluate = evaluate  # type: ignore[method-assign]
        fork.in_children = in_children  # type: ignore[assignment]


def cold(name: str, times: int) -> tuple[float, float]:
    """Median CPU and wall seconds of ``import sim`` + the first compare in a fresh process."""
    cpu, wall = [], []
    for _ in range(times):
        out = subprocess.run([sys.executable, "-c", COLD.format(name=name)], check=True,
                             capture_output=True, text=True).stdout.split()
        cpu.append(float(out[-2]))
        wall.append(float(out[-1]))
    return statistics.median(cpu), statistics.median(wall)


def cpu_seconds() -> float:
    """CPU seconds of this process and of the children it has waited for (forked twins)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def warm(name: str, repeats: int) -> tuple[list[float], list[float], sim.Comparison]:
    """CPU and wall seconds of ``repeats`` warm compares (after one unmeasured call)."""
    sim.compare(name, seed=1)
    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = cpu_seconds(), time.perf_counter()
        comparison = sim.compare(name, seed=1)
        cpu.append(cpu_seconds() - c0)
        wall.append(time.perf_counter() - w0)
    return cpu, wall, comparison


@contextmanager
def path(branching: Branching) -> Iterator[None]:
    """The look-ahead with ``branching`` (how each forward run gets the past)."""
    saved, twin_module.BRANCHING = twin_module.BRANCHING, branching
    try:
        yield
    finally:
        twin_module.BRANCHING = saved


@contextmanager
def snapshot_costs() -> Iterator[dict[str, float]]:
    """Count and time the snapshot path's freezes (with their size) and restores."""
    costs = {"freezes": 0, "freeze_s": 0.0, "bytes": 0, "restores": 0, "restore_s": 0.0}
    init, restore = Snapshot.__init__, Snapshot.restore

    def timed_init(self: Snapshot, obj: Any) -> None:
        t = time.perf_counter()
        init(self, obj)
        costs["freeze_s"] += time.perf_counter() - t
        costs["freezes"] += 1
        costs["bytes"] += len(self)

    def timed_restore(self: Snapshot) -> Any:
        t = time.perf_counter()
        out = restore(self)
        costs["restore_s"] += time.perf_counter() - t
        costs["restores"] += 1
        return out

    Snapshot.__init__ = timed_init  # type: ignore[method-assign]
    Snapshot.restore = timed_restore  # type: ignore[method-assign]
    try:
        yield costs
    finally:
        Snapshot.__init__ = init  # type: ignore[method-assign]
        Snapshot.restore = restore  # type: ignore[method-assign]


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
    fork_ok = fork.available()
    paths = [("replay", Branching.REPLAY), ("snapshot", Branching.SNAPSHOT)] + (
        [("fork", Branching.FORK)] if fork_ok else [])
    for label, shared in paths:
        with path(shared):
            cpu_w, wall_w, c = warm(name, repeats)
        m = c.metadata
        print(f"warm compare {name} [{label}]: CPU median {statistics.median(cpu_w):.3f} s (best "
              f"{min(cpu_w):.3f}), wall median {statistics.median(wall_w):.3f} s (best "
              f"{min(wall_w):.3f}) of {repeats}; last call: baseline "
              f"{m['baseline_seconds']:.3f} s, look-ahead {m['twin_seconds']:.3f} s of "
              f"{m['seconds']:.3f} s ({100 * m['twin_seconds'] / m['seconds']:.0f} %), "
              f"{m['futures']} futures, {m['decisions']} decisions (agents run)")
    if not fork_ok:
        print("fork path not available here (not POSIX, WERKHALLE_FORK=0 or other threads)")
    for label, shared in paths:
        with path(shared), twin_counters() as counts, snapshot_costs() as costs:
            sim.compare(name, seed=1)  # baseline, person rung(s) and agents: every twin
        runs = sum(d[1] for d in counts["decisions"])
        twin, prefix = counts["twin"], counts["prefix"]
        print(f"twin [{label}]: {runs} runs at {len(counts['decisions'])} decisions "
              f"(agents and person rungs), {twin:,} SimPy events ({twin / max(runs, 1):,.0f} "
              f"per run); main runs {counts['run']:,} events")
        print(f"twin [{label}] replayed prefix: {prefix:,} of {twin:,} twin events = "
              f"{100 * prefix / max(twin, 1):.1f} % (target: 0 %)")
        if costs["freezes"]:
            print(f"twin [{label}] snapshots: {costs['freezes']} pasts frozen "
                  f"({costs['bytes'] / costs['freezes'] / 1024:.1f} KiB each, "
                  f"{1000 * costs['freeze_s'] / costs['freezes']:.2f} ms), "
                  f"{costs['restores']} copies restored "
                  f"({1000 * costs['restore_s'] / max(costs['restores'], 1):.2f} ms each)")
        for now, n, events, pre in counts["decisions"]:
            if n:
                print(f"  decision at {now / 60:6.1f} h: {n:3} runs, {events:>8,} events, "
                      f"prefix {100 * pre / max(events, 1):5.1f} %")
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("replications per second (serial and 2 joblib workers): "
          "python benchmarks/bench_experiments.py --no-dask")


if __name__ == "__main__":
    main()
