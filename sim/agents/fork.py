"""The look-ahead's POSIX shortcut: simulate the shared past once, then fork per future and option.

The twin's portable path (:meth:`Twin.simulate <sim.agents.twin.Twin.simulate>`) rebuilds the
line from t = 0 for every option in every sampled future, because a running SimPy model (its
processes are generators) cannot be copied. Where the operating system can copy a whole
process, the twin does this instead, per decision:

1. build *one* model of the known scenario and replay the history plus **every** option's
   actions into it, each option's wrapped in :class:`Only` (it acts only in the branch whose
   chosen option it is); run it to the decision time: the shared past, simulated once;
2. per (future, option): ``os.fork()`` a child, which selects the option, branches the random
   streams into that future (:func:`~sim.line.forecast.branch`), runs the window and sends its
   figures back through a pipe; the parent's model stays at the decision time for the next.

The results are the same numbers as the portable path (tests compare both on the vignette):
wrapped actions of the other options are no-ops, and they do not change the order in which
anything else happens (SimPy orders simultaneous events by when they were scheduled, and the
other events are scheduled in the same order). Used only where ``os.fork`` exists, no other
thread is running (the dashboard's worker threads, a notebook's), :data:`ENABLED` is true and
the environment variable ``WERKHALLE_FORK`` is not ``0``; lecturers on Windows or in a browser
keep the portable path.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.line.commands import Command
    from sim.line.control import LineControl

ENABLED = True
"""Module-level switch: ``False`` keeps the twin on its portable replay path."""


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
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    return pickle.loads(data)  # noqa: S301 - our own child's figures
