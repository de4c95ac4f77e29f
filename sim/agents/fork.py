"""The look-ahead's POSIX option: simulate the shared past once, then fork per future and option.

The twin's default (:attr:`Branching.SNAPSHOT <sim.agents.twin.Branching.SNAPSHOT>`) freezes
the past of a decision and restores a copy per (future, option), which works on every
platform. Where the operating system can copy a whole process, ``WERKHALLE_FORK=1`` makes the
twin do this instead, per decision:

1. build *one* model of the known scenario and replay the history plus **every** option's
   actions into it, each option's wrapped in :class:`Only` (it acts only in the branch whose
   chosen option it is); run it to the decision time: the shared past, simulated once;
2. per (future, option): ``os.fork()`` a child, which selects the option, branches the random
   streams into that future (:func:`~sim.line.forecast.branch`), runs the window and sends its
   figures back through a pipe; the parent's model stays at the decision time for the next.
   The children of one racing round (:func:`in_children`) run up to :data:`JOBS` at a time
   (the cores, at most two): they share nothing, so side by side gives the same numbers.

What it saves and what not (``benchmarks/bench_compare.py``, ``docs/benchmarks.md``): the
past is simulated once, as with a snapshot, and two children run side by side, so the wall
time falls when a second core is free; but a child pays for copying the pages it touches
(copy on write), so the CPU of parent and children together is higher than the snapshot's.

The results are the same numbers as the other paths (tests compare them on the vignette):
wrapped actions of the other options are no-ops, and they do not change the order in which
anything else happens (SimPy orders simultaneous events by when they were scheduled, and the
other events are scheduled in the same order). Used only where ``os.fork`` exists, no other
thread is running (the dashboard's worker threads, a notebook's), :data:`ENABLED` is true and
the environment variable ``WERKHALLE_FORK`` is ``1`` (``0`` or anything else keeps the
snapshot; :meth:`Twin._branching <sim.agents.twin.Twin._branching>` decides).
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.line.commands import Command
    from sim.line.control import LineControl

ENABLED = True
"""Module-level switch: ``False`` keeps the twin on its portable replay path."""
JOBS = max(1, min(2, os.cpu_count() or 1))
"""Children of one round that run at the same time (the cores, at most two)."""


def available() -> bool:
    """Whether the twin may fork here and now (POSIX, switched on, no other thread running)."""
    return (ENABLED and hasattr(os, "fork") and os.environ.get("WERKHALLE_FORK", "1") != "0"
            and threading.active_count() == 1)


@dataclass(frozen=True)
class Only:
    """An option's command in the shared past: it acts only when its option is selected.

    Attributes:
        selected: A one-element list holding the index of the option a branch carries out.
        index: The index of the option this command belongs to.
        command: The typed command.
    """

    selected: list[int]
    index: int
    command: Command

    def apply(self, control: LineControl) -> Any:
        """Carry out the command if its option is the selected one (else nothing)."""
        if self.selected[0] == self.index:
            return self.command.apply(control)
        return None


def in_child(work: Callable[[], dict[str, float]]) -> dict[str, float] | None:
    """Run ``work`` in a forked child and return its result (``None`` if the child failed).

    The child shares the parent's memory as it is now (copy on write), so ``work`` continues
    the parent's model; whatever it changes stays in the child. The figures come back pickled
    (floats exactly).
    """
    parent = os.getpid()
    read, write = os.pipe()
    gc.freeze()  # the parent's objects out of the collector's reach: the child won't copy them
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    finally:
        if os.getpid() == parent:
            gc.unfreeze()
    if pid == 0:  # the child: do the work, send it, leave without any clean-up of the parent's
        _child(work, read, write)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    return pickle.loads(data)  # noqa: S301 - our own child's figures


def in_children(works: list[Callable[[], dict[str, float]]],
                jobs: int | None = None) -> list[dict[str, float] | None]:
    """Run each of ``works`` in its own forked child, up to ``jobs`` at a time.

    Like :func:`in_child` for many independent pieces of work on the same parent state: the
    children do not see each other's changes, so running them side by side gives the same
    results as one after the other. Returns the results in the order of ``works`` (``None``
    for a child that failed).
    """
    jobs = JOBS if jobs is None else max(1, jobs)
    if jobs == 1:
        return [in_child(work) for work in works]
    out: list[dict[str, float] | None] = [None] * len(works)
    running: dict[int, tuple[int, int]] = {}  # pid -> (index of the work, read end of its pipe)
    parent = os.getpid()
    gc.freeze()
    try:
        for index, work in enumerate(works):
            while len(running) >= jobs:
                _collect(running, out)
            read, write = os.pipe()
            try:
                pid = os.fork()
            except OSError:
                os.close(read)
                os.close(write)
                continue  # this one stays None: the caller takes the portable path
            if pid == 0:
                _child(work, read, write)
            os.close(write)
            running[pid] = (index, read)
        while running:
            _collect(running, out)
    finally:
        if os.getpid() == parent:
            gc.unfreeze()
    return out


def _child(work: Callable[[], dict[str, float]], read: int, write: int) -> None:
    """In a forked child: do the work, send its figures, leave without the parent's clean-up."""
    status = 1
    try:
        gc.disable()  # a short life: no collections touching (and copying) shared pages
        os.close(read)
        data = pickle.dumps(work())
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def _collect(running: dict[int, tuple[int, int]], out: list[dict[str, float] | None]) -> None:
    """Wait until one of our running children has sent its figures (or died) and store them."""
    pipes = {read: pid for pid, (_, read) in running.items()}
    ready, _, _ = select.select(list(pipes), [], [])
    pid = pipes[ready[0]]
    index, read = running.pop(pid)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()  # to the end: the child has written all and exits
    _, status = os.waitpid(pid, 0)
    if status == 0 and data:
        out[index] = pickle.loads(data)  # noqa: S301 - our own child's figures
