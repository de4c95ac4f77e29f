"""Dask workers must run the same versions as the client, or they compute other numbers.

Tasks carry scenario data and a seed, never code: the worker runs *its own* installed
Werkhalle, SimPy, Mesa, numpy ... A worker with another version therefore silently returns
different rows. :func:`check_workers` asks every worker for :func:`environment_versions` before
anything is submitted and refuses the cluster with one clear message; :func:`checked_call`
repeats the comparison inside every task, so a worker that joins later cannot slip in.
"""

from __future__ import annotations

import functools
import importlib.metadata
import sys
from collections.abc import Callable, Mapping
from typing import Any

from sim._version import __version__
from sim.errors import ScenarioError

LIBRARIES = ("simpy", "mesa", "numpy", "pandas", "scipy", "pydantic")
"""Libraries whose version can change a run's numbers (besides Werkhalle and Python)."""

MISMATCH = "__werkhalle_version_mismatch__"
"""Marker a worker returns instead of a result when its versions differ."""


@functools.cache
def _library_versions() -> tuple[tuple[str, str], ...]:
    found = []
    for name in LIBRARIES:
        try:
            found.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            found.append((name, "not installed"))
    return tuple(found)


def environment_versions() -> dict[str, str]:
    """What decides the numbers a process computes: Werkhalle, Python (minor), libraries."""
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return {"werkhalle": __version__, "python": python, **dict(_library_versions())}


def differences(expected: Mapping[str, str], found: Mapping[str, str]) -> list[str]:
    """``["werkhalle 0.0.9 (here 0.1.0)", ...]`` for every entry that differs."""
    return [f"{name} {found.get(name, 'unknown')} (here {want})"
            for name, want in expected.items() if found.get(name) != want]


def mismatch_error(worker: str, expected: Mapping[str, str],
                   found: Mapping[str, str]) -> ScenarioError:
    """The one error for a refused worker: which worker, which versions, what to do."""
    wanted = ", ".join(f"{k} {v}" for k, v in expected.items())
    return ScenarioError(
        "dask", "workers",
        f"workers with the same versions as this machine; refused {worker}: "
        f"{'; '.join(differences(expected, found))} — another version computes other "
        f"numbers. Install the same versions on that worker (here: {wanted}) or stop it")


def check_workers(client: Any) -> dict[str, str]:
    """Ask every connected worker for its versions; raise on the first mismatch.

    Args:
        client: A ``distributed.Client``.

    Returns:
        The client's versions (what every task will be checked against).

    Raises:
        ScenarioError: If a worker reports other versions (naming it and the differences).
    """
    expected = environment_versions()
    reported = client.run(environment_versions)
    for worker, found in sorted(reported.items()):
        if found != expected:
            raise mismatch_error(worker, expected, found)
    return expected


def checked_call(fn: Callable[[Any], Any], task: Any, expected: Mapping[str, str]) -> Any:
    """Run ``fn(task)`` on a worker, unless the worker's versions differ from ``expected``.

    Returns:
        ``(task.index, result)``, or ``(MISMATCH, worker address, versions)``.
    """
    found = environment_versions()
    if found != dict(expected):
        try:
            from distributed import get_worker

            where = get_worker().address
        except (ImportError, ValueError):  # not inside a Dask worker
            where = "a worker"
        return MISMATCH, where, found
    return task.index, fn(task)
