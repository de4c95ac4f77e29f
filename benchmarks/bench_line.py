"""Benchmark: the Werkhalle line model against a lean plain-SimPy reference of the same line.

Run from the repository root::

    python benchmarks/bench_line.py            # full run (a few minutes on a shared machine)
    python benchmarks/bench_line.py --quick    # smoke run (seconds; figures are rough)

It prints, for one machine and one invocation:

(a) a five-station line (Poisson arrivals below capacity, exponential processing, buffers of
    10 with blocking after service, calendar-time breakdowns with MTBF 100 min and MTTR
    5 min) in our model (``sim.run``: no agents, event log off, timeseries sampled once a
    day, state accounting, energy and KPIs collected) and
    (b) the same line written directly in SimPy (stores of capacity 10, one process per
    machine, breakdowns as interrupts, ``random.expovariate``), as CPU time per finished part
    and the ratio ours / reference (best of several repeats);
(c) an overloaded variant (arrivals above capacity, unbounded first buffer, so the queue
    grows all the time) at two horizons: time per part must not grow with the queue;
(d) peak traced memory (``tracemalloc``) of (a) at three horizons with the event log off:
    it must stay flat;
(e) side by side for the stable and the overloaded line: our model, the SimPy reference and
    (f) the same line on Mesa 3's discrete-event scheduler (``mesa.experimental.devs``,
    event-scheduling style; see ``line_devs.py``), each with CPU us per part and the ratio
    against SimPy, and the load-independent figures to quote from a shared machine: events
    per part (SimPy: calls of ``Environment.step``, counted by patching it in this script;
    Mesa: events popped from its event list) and Python function calls per part (cProfile's
    total calls / parts);
(g) our model's events and calls per part as the horizon grows 4x (stable line) and as the
    front queue grows (overloaded line): flat means ~1.

Every figure is a measurement of this toy model on this machine, not of any real plant.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import random
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import simpy

import sim
from sim import SYNTHETIC_LABEL, load_scenario

STATIONS = 5
MEAN_PROCESS = 1.0
"""Minutes per part at every station (exponential)."""
INTERARRIVAL = 1.25
"""Mean minutes between arrivals (Poisson): 0.8 parts/min, below the capacity of ~0.95."""
OVERLOAD_INTERARRIVAL = 0.8
"""1.25 parts/min: above capacity, so the first queue grows without bound."""
BUFFER = 10
MTBF, MTTR = 100.0, 5.0


def scenario(interarrival: float, horizon: float, first_buffer: int | str) -> sim.Scenario:
    """The benchmark line as a Werkhalle scenario."""
    failures = {"ttf": {"dist": "exponential", "mean": f"{MTBF} min"},
                "ttr": {"dist": "exponential", "mean": f"{MTTR} min"}, "clock": "calendar"}
    stations = {
        f"s{i}": {"process_time": {"dist": "exponential", "mean": f"{MEAN_PROCESS} min"},
                  "buffer": first_buffer if i == 0 else BUFFER, "failures": failures,
                  "operators": 0}
        for i in range(STATIONS)
    }
    return load_scenario({
        "name": "bench-line", "horizon": f"{horizon} min", "sample_interval": "1 d",
        "event_log": False, "variants": {"part": {}}, "stations": stations,
        "release": {"kind": "poisson", "interarrival": f"{interarrival} min"},
    })


def ours(interarrival: float, horizon: float, first_buffer: int | str, seed: int) -> int:
    """Run our model end to end (``sim.run``: build, simulate, collect KPIs); return output."""
    result = sim.run(scenario(interarrival, horizon, first_buffer), seed=seed, event_log=False)
    return int(result.kpis["output [units]"])


def reference(interarrival: float, horizon: float, first_buffer: int | str, seed: int) -> int:
    """The same line in plain SimPy, written lean; return the number of finished parts."""
    env = simpy.Environment()
    expo = random.Random(seed).expovariate
    caps = [float("inf") if first_buffer == "inf" else first_buffer] + [BUFFER] * STATIONS
    queues = [simpy.Store(env, capacity=caps[i]) for i in range(STATIONS)]
    done = [0]

    class Machine:
        __slots__ = ("broken", "repaired", "working", "process")

    def source():  # noqa: ANN202
        first = queues[0]
        while True:
            yield env.timeout(expo(1 / interarrival))
            yield first.put(env.now)

    def work(m: Machine, inq: simpy.Store, outq: simpy.Store | None):  # noqa: ANN202
        while True:
            part = yield inq.get()
            remaining = expo(1 / MEAN_PROCESS)
            while remaining > 0:
                while m.broken:
                    yield m.repaired
                start = env.now
                m.working = True
                try:
                    yield env.timeout(remaining)
                    remaining = 0.0
                except simpy.Interrupt:
                    remaining -= env.now - start
                m.working = False
            if outq is None:
                done[0] += 1
            else:
                yield outq.put(part)

    def breakdowns(m: Machine):  # noqa: ANN202
        while True:
            yield env.timeout(expo(1 / MTBF))
            m.broken = True
            if m.working:
                m.working = False
                m.process.interrupt()
            yield env.timeout(expo(1 / MTTR))
            m.broken = False
            event, m.repaired = m.repaired, env.event()
            event.succeed()

    env.process(source())
    for i in range(STATIONS):
        m = Machine()
        m.broken, m.working, m.repaired = False, False, env.event()
        m.process = env.process(work(m, queues[i], queues[i + 1] if i + 1 < STATIONS else None))
        env.process(breakdowns(m))
    env.run(until=horizon)
    return done[0]




def devs(interarrival: float, horizon: float, first_buffer: int | str, seed: int) -> int:
    """The same line on Mesa's discrete-event scheduler; return the number of finished parts."""
    from line_devs import DevsLine

    line = DevsLine(STATIONS, interarrival, first_buffer, BUFFER, MEAN_PROCESS, MTBF, MTTR, seed)
    return line.run(horizon)


def per_part(fn: Callable[..., int], *args: Any) -> tuple[float, int]:
    """CPU time per finished part (microseconds) of one call, and the part count.

    CPU time of this process (not wall time), so other work on the machine disturbs the
    figures less; all models are single-threaded.
    """
    gc.collect()
    start = time.process_time()
    parts = fn(*args)
    return (time.process_time() - start) / parts * 1e6, parts


def best_of(repeats: int, runs: dict[str, tuple[Callable[..., int], tuple]]) -> dict[str, tuple]:
    """Best (lowest) time per part of each run over ``repeats`` interleaved repetitions."""
    best: dict[str, tuple[float, int]] = {}
    for _ in range(repeats):
        for name, (fn, args) in runs.items():
            us, parts = per_part(fn, *args)
            if name not in best or us < best[name][0]:
                best[name] = (us, parts)
    return best


@contextmanager
def simpy_steps() -> Iterator[list[int]]:
    """Count ``simpy.Environment.step`` calls (every processed SimPy event) while inside."""
    counter = [0]
    original = simpy.Environment.step

    def step(self: simpy.Environment) -> None:
        counter[0] += 1
        original(self)

    simpy.Environment.step = step  # type: ignore[method-assign]
    try:
        yield counter
    finally:
        simpy.Environment.step = original  # type: ignore[method-assign]


def events_per_part(fn: Callable[..., int], *args: Any) -> float:
    """Events processed per finished part of one (untimed) run."""
    if fn is devs:
        from line_devs import counted_events

        counter, restore = counted_events()
        try:
            parts = fn(*args)
        finally:
            restore()
        return counter[0] / parts
    with simpy_steps() as counter:
        parts = fn(*args)
    return counter[0] / parts


def calls_per_part(fn: Callable[..., int], *args: Any) -> float:
    """Python function calls per finished part of one (untimed) run, counted by cProfile."""
    profile = cProfile.Profile()
    parts = profile.runcall(fn, *args)
    return pstats.Stats(profile).total_calls / parts


def peak_memory(horizon: float) -> float:
    """Peak traced memory (MiB) of one run of (a) with the event log off."""
    gc.collect()
    tracemalloc.start()
    ours(INTERARRIVAL, horizon, BUFFER, 1)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def mesa_available() -> str | None:
    """Mesa's version if its discrete-event scheduler can be imported, else ``None``."""
    try:
        import mesa
        from mesa.experimental.devs import DEVSimulator  # noqa: F401
    except ImportError:
        return None
    return mesa.__version__


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short horizons, one repeat")
    parser.add_argument("--repeats", type=int, default=None, help="repeats (default 3; quick 1)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (1 if args.quick else 3)
    horizon = 5_000.0 if args.quick else 100_000.0
    mesa_version = mesa_available()
    print(f"# {SYNTHETIC_LABEL}")
    print(f"# werkhalle {sim.__version__}, simpy {simpy.__version__}, "
          f"mesa {mesa_version or 'not available'}; best of {repeats}; "
          f"{STATIONS} stations, exp({MEAN_PROCESS} min), buffers {BUFFER}, "
          f"breakdowns MTBF {MTBF:g} / MTTR {MTTR:g} min (calendar clock)")

    lines = {"stable": (INTERARRIVAL, BUFFER, 1), "overloaded": (OVERLOAD_INTERARRIVAL, "inf", 2)}
    models: dict[str, Callable[..., int]] = {"werkhalle": ours, "simpy ref": reference}
    if mesa_version:
        models["mesa devs"] = devs
    runs = {(model, line): (fn, (ia, horizon, first, seed))
            for line, (ia, first, seed) in lines.items() for model, fn in models.items()}
    timed = best_of(repeats, runs)
    (us_ours, n_ours), (us_ref, n_ref) = timed["werkhalle", "stable"], timed["simpy ref", "stable"]
    print("# CPU time per finished part (process time, best of the repeats)")
    print(f"(a) ours      horizon {horizon:>9,.0f} min  {n_ours:>8,} parts  "
          f"{us_ours:6.1f} us/part")
    print(f"(b) simpy ref horizon {horizon:>9,.0f} min  {n_ref:>8,} parts  "
          f"{us_ref:6.1f} us/part")
    print(f"ratio ours/simpy = {us_ours / us_ref:.2f} (target <= 0.6)")

    short, long_ = horizon / 4, horizon
    over = best_of(repeats, {"short": (ours, (OVERLOAD_INTERARRIVAL, short, "inf", 2))})
    over["long"] = timed["werkhalle", "overloaded"]
    queue_short = short * (1 / OVERLOAD_INTERARRIVAL) - over["short"][1]
    queue_long = long_ * (1 / OVERLOAD_INTERARRIVAL) - over["long"][1]
    print(f"(c) overloaded, horizon {short:>9,.0f} min: {over['short'][0]:6.1f} us/part "
          f"(~{queue_short:,.0f} parts queued at the end)")
    print(f"(c) overloaded, horizon {long_:>9,.0f} min: {over['long'][0]:6.1f} us/part "
          f"(~{queue_long:,.0f} parts queued at the end)")
    print(f"overload cost growth long/short = {over['long'][0] / over['short'][0]:.2f} "
          f"(flat: ~1)")

    for h in (horizon / 4, horizon / 2, horizon):
        print(f"(d) peak memory, horizon {h:>9,.0f} min, event log off: "
              f"{peak_memory(h):6.2f} MiB")

    count_h = horizon / 4
    print(f"# side by side: CPU us/part at {horizon:,.0f} min (best of {repeats}); events and "
          f"function calls per part (load-independent) at {count_h:,.0f} min")
    print(f"{'':4}{'model':<11}{'line':<11}{'parts':>8}{'us/part':>9}{'x simpy':>9}"
          f"{'events/part':>13}{'calls/part':>12}")
    counted: dict[tuple[str, str], tuple[float, float]] = {}
    for line, (ia, first, seed) in lines.items():
        for model, fn in models.items():
            us, parts = timed[model, line]
            counted[model, line] = (events_per_part(fn, ia, count_h, first, seed),
                                    calls_per_part(fn, ia, count_h, first, seed))
            tag = "(f)" if model == "mesa devs" else "(e)"
            print(f"{tag} {model:<11}{line:<11}{parts:>8,}{us:>9.1f}"
                  f"{us / timed['simpy ref', line][0]:>9.2f}"
                  f"{counted[model, line][0]:>13.2f}{counted[model, line][1]:>12.1f}")
    if not mesa_version:
        print("(f) mesa devs: mesa.experimental.devs not importable, skipped")

    for line, (ia, first, seed) in lines.items():
        small = (events_per_part(ours, ia, count_h / 4, first, seed),
                 calls_per_part(ours, ia, count_h / 4, first, seed))
        big = counted["werkhalle", line]
        what = "horizon" if line == "stable" else "horizon and front queue"
        print(f"(g) werkhalle {line:<10} {what} x4 ({count_h / 4:,.0f} -> {count_h:,.0f} min): "
              f"events/part {small[0]:.2f} -> {big[0]:.2f} ({big[0] / small[0]:.2f}), "
              f"calls/part {small[1]:.1f} -> {big[1]:.1f} ({big[1] / small[1]:.2f})")


if __name__ == "__main__":
    main()
