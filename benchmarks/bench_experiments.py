"""Benchmark of the experiment runner: replications per second, parallel efficiency, Dask cost.

Prints (no asserts):

* replications per second serially and on all local cores (joblib), and the parallel
  efficiency ``(rate_k / rate_1) / k`` (target >= 0.85 on 2 cores);
* the Dask path on a LocalCluster with one single-threaded worker process per core: the
  replication rate, and the per-task overhead (round trip of a task that does nothing, and
  the extra wall time per task compared with ideal scaling of the serial run).

Each figure is the best of ``--repeat`` timings. Usage:
``python benchmarks/bench_experiments.py [--quick] [-n N] [--repeat R] [--scenario NAME]``.
"""

from __future__ import annotations

import argparse
import os
import time

from sim.experiments import replicate
from sim.experiments.execute import execute
from sim.experiments.tasks import Task
from sim.labels import SYNTHETIC_LABEL
from sim.scenario import load_scenario, to_data


def noop(task: Task) -> int:
    """A task that does nothing (measures pure scheduling overhead)."""
    return task.index


def timed(fn, *args, repeat: int = 1, **kwargs) -> float:  # noqa: ANN001
    """Best wall time of ``repeat`` calls (the least disturbed by other work, as timeit does)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny run (for the test suite)")
    parser.add_argument("-n", type=int, default=None, help="replications per measurement")
    parser.add_argument("--scenario", default="baseline")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask measurements")
    parser.add_argument("--repeat", type=int, default=None,
                        help="best of this many timings per figure (default 3, quick: 1)")
    args = parser.parse_args()
    n = args.n or (8 if args.quick else 120)
    cores = os.cpu_count() or 1
    rep = args.repeat or (1 if args.quick else 3)
    scenario = load_scenario(args.scenario)
    if args.quick:
        from sim.scenario import with_overrides

        scenario = with_overrides(scenario, {"horizon": "1 d"})
    kw = {"progress": False}
    print(f"# {SYNTHETIC_LABEL} (timings only)")
    print(f"scenario {scenario.name}, horizon {scenario.horizon / 60:g} h, n = {n}, "
          f"{cores} cores, load average before {os.getloadavg()[0]:.2f} "
          "(other work on the machine lowers the parallel figures)")

    replicate(scenario, 2, backend="serial", **kw)  # imports, caches
    replicate(scenario, cores, jobs=cores, **kw)  # start the worker pool
    t1 = tk = float("inf")
    for _ in range(rep):  # interleaved, so that both see the same background load
        t1 = min(t1, timed(replicate, scenario, n, backend="serial", **kw))
        tk = min(tk, timed(replicate, scenario, n, jobs=cores, **kw))
    rate1, ratek = n / t1, n / tk
    print(f"serial:            {rate1:8.1f} replications/s  ({t1:.2f} s)")
    print(f"joblib, {cores} workers: {ratek:8.1f} replications/s  ({tk:.2f} s)")
    print(f"parallel efficiency on {cores} cores: {ratek / rate1 / cores:.2f}")
    data = to_data(scenario)
    tasks = [Task(i, data, i) for i in range(n)]
    tj = timed(lambda: list(execute(noop, tasks, jobs=cores)), repeat=rep)
    print(f"joblib round trip of an empty task: {1000 * tj / n:.2f} ms/task")

    if args.no_dask:
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("dask.distributed not installed: pip install 'werkhalle[dask]'")
        return
    with LocalCluster(n_workers=cores, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        replicate(scenario, cores, client=client, **kw)  # workers import sim
        td = timed(replicate, scenario, n, client=client, repeat=rep, **kw)
        list(execute(noop, tasks[:cores], client=client))
        tn = timed(lambda: list(execute(noop, tasks, client=client)), repeat=rep)
    print(f"dask, {cores} workers:   {n / td:8.1f} replications/s  ({td:.2f} s)")
    print(f"dask round trip of an empty task: {1000 * tn / n:.2f} ms/task "
          f"({n} tasks, {tn:.2f} s)")
    extra = (td - t1 / cores) / n
    print(f"dask overhead per replication vs ideal scaling: {1000 * extra:.2f} ms "
          f"({100 * extra / (t1 / n):.0f} % of one replication's {1000 * t1 / n:.1f} ms)")


if __name__ == "__main__":
    main()
