"""Running many tasks: serially, on local cores (joblib) or on a Dask cluster.

:func:`execute` maps a picklable task function over :class:`~sim.experiments.tasks.Task`
objects and yields ``(index, result)`` pairs *as they finish*; :func:`run_tasks` adds the run
directory (every finished result is written at once, finished ones are skipped on resume), a
progress bar, and puts the results back in task order. Results never depend on the backend,
the worker count or the completion order: each task carries its own seed and results are
ordered by task index.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sim.errors import ScenarioError
from sim.experiments.tasks import Task
from sim.experiments.versions import MISMATCH, check_workers, checked_call, mismatch_error

if TYPE_CHECKING:
    from sim.experiments.store import RunStore

BACKENDS = ("serial", "joblib", "dask")
"""Execution backends."""

TaskFunction = Callable[[Task], Any]
"""A picklable (module-level) function of one task."""


def resolve_backend(backend: str | None, jobs: int, client: Any) -> str:
    """Choose the backend: ``dask`` when a client is given, else ``joblib`` unless one job.

    Args:
        backend: ``"serial"``, ``"joblib"``, ``"dask"`` or ``None`` (choose).
        jobs: Worker processes for joblib (``-1``: all cores).
        client: A ``distributed.Client``, a scheduler address, or ``None``.
    """
    if backend is None:
        if client is not None:
            return "dask"
        return "serial" if jobs == 1 else "joblib"
    if backend not in BACKENDS:
        raise ScenarioError(None, "backend", f"one of {', '.join(BACKENDS)} (got {backend!r})")
    if backend == "dask" and client is None:
        raise ScenarioError(None, "client", "a distributed.Client or a scheduler address "
                                            "for backend 'dask'")
    return backend


def execute(fn: TaskFunction, tasks: Sequence[Task], *, backend: str | None = None,
            jobs: int = -1, client: Any = None) -> Iterator[tuple[int, Any]]:
    """Run ``fn`` on every task and yield ``(task.index, result)`` as tasks finish.

    Args:
        fn: A module-level function of one task (pickled by reference).
        tasks: The tasks; each carries plain scenario data and its seed.
        backend: See :func:`resolve_backend`.
        jobs: Worker processes for joblib (``-1``: all cores).
        client: A ``distributed.Client`` or a scheduler address (``"tcp://host:8786"``).

    Yields:
        ``(index, result)`` in completion order (callers order by index).
    """
    if jobs == 0:
        raise ScenarioError(None, "jobs", "a positive number of workers, or -1 for all cores")
    chosen = resolve_backend(backend, jobs, client)
    if not tasks:
        return
    if chosen == "serial":
        for task in tasks:
            yield task.index, fn(task)
    elif chosen == "joblib":
        yield from _joblib(fn, tasks, jobs)
    else:
        yield from _dask(fn, tasks, client)


def call_indexed(fn: TaskFunction, task: Task) -> tuple[int, Any]:
    """Run ``fn(task)`` and return it with the task's index (the unit shipped to workers)."""
    return task.index, fn(task)


def _joblib(fn: TaskFunction, tasks: Sequence[Task], jobs: int) -> Iterator[tuple[int, Any]]:
    from joblib import Parallel, delayed

    workers = min(jobs if jobs > 0 else (os.cpu_count() or 1), len(tasks))
    parallel = Parallel(n_jobs=workers, return_as="generator_unordered")
    yield from parallel(delayed(call_indexed)(fn, task) for task in tasks)


def _dask(fn: TaskFunction, tasks: Sequence[Task], client: Any) -> Iterator[tuple[int, Any]]:
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("backend 'dask' needs dask.distributed: "
                          "pip install 'werkhalle[dask]'") from None
    own = not isinstance(client, Client)
    dask_client = Client(client) if own else client
    try:
        expected = check_workers(dask_client)  # refuse workers with other versions
    except BaseException:
        if own:
            dask_client.close()
        raise
    futures = [dask_client.submit(checked_call, fn, task, expected, pure=False)
               for task in tasks]
    try:
        for future in as_completed(futures):
            reply = future.result()
            if reply[0] == MISMATCH:  # a worker that joined after the check
                raise mismatch_error(reply[1], expected, reply[2])
            yield reply
            future.release()
    finally:
        dask_client.cancel([f for f in futures if not f.done()])
        if own:
            dask_client.close()


def run_tasks(fn: TaskFunction, tasks: Sequence[Task], *, store: RunStore | None = None,
              backend: str | None = None, jobs: int = -1, client: Any = None,
              progress: bool = True, desc: str = "runs") -> list[Any]:
    """Run all tasks (skipping those a run directory already holds) and return results in order.

    Every result is passed through a JSON round trip, so results read back from a run
    directory on ``--resume`` are identical to freshly computed ones.

    Args:
        fn: The task function.
        tasks: The tasks; ``tasks[i].index == i``.
        store: A run directory; finished results are written to it as they arrive.
        backend: See :func:`resolve_backend`.
        jobs: Worker processes for joblib (``-1``: all cores).
        client: A ``distributed.Client`` or an address, for the Dask backend.
        progress: Show a progress bar (terminal or notebook).
        desc: Label of the progress bar.

    Returns:
        One result per task, in task order.
    """
    from tqdm.auto import tqdm

    results: dict[int, Any] = store.finished(tasks) if store is not None else {}
    pending = [task for task in tasks if task.index not in results]
    by_index = {task.index: task for task in tasks}
    bar = tqdm(total=len(tasks), initial=len(results), desc=desc, disable=not progress,
               unit="run", dynamic_ncols=True)
    try:
        for index, result in execute(fn, pending, backend=backend, jobs=jobs, client=client):
            result = json.loads(json.dumps(result))
            if store is not None:
                store.save(by_index[index], result)
            results[index] = result
            bar.update(1)
    finally:
        bar.close()
        if store is not None:
            store.end_session(computed=len(results) - (len(tasks) - len(pending)),
                              complete=len(results) == len(tasks))
    return [results[task.index] for task in tasks]
