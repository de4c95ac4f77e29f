"""Snapshots of a running line: freeze a model once, restore as many independent copies.

The planner's look-ahead asks "what if?" several times at one decision: K sampled futures
times the options. Each forward run needs the line *as it is now*. A snapshot gives it without
simulating the past again: the model at the decision is pickled once
(:class:`Snapshot`), and every forward run restores its own copy
(:meth:`Snapshot.restore`): a fresh, independent object graph in the same state, with the
same event queue in the same order. A copy continues exactly as the original would (the same
numbers to the bit, ``tests/test_snapshot.py``), and what it does never reaches the original
or its siblings.

This works because every process of the line is plain data (:mod:`sim.line.steps`); a
generator process cannot be copied, and freezing a model that still has one fails with a
message naming it. Three things need care, and get it here:

* the scenario and its parts (pydantic models, immutable) are not copied but shared by
  reference: a copy is small, and restoring it costs well under a millisecond;
* SimPy binds its event classes to the environment (``env.timeout`` is ``Timeout`` bound to
  ``env``): such a binding is restored as a binding to the copy;
* the machine states are compared by identity on the hot path (:mod:`sim.line.states`), so
  they are restored as the module's own strings, not as equal copies; SimPy's event counter
  (an ``itertools.count``, whose pickling ends with Python 3.14) is restored at its next id.

Works on every platform and in the browser (no ``fork``); :mod:`sim.agents.fork` is the
optional POSIX shortcut that copies a whole process instead.
"""

from __future__ import annotations

import gc
import io
import itertools
import pickle
import types
from typing import Any

from pydantic import BaseModel

from sim.line.states import STATES

__all__ = ["Snapshot", "SnapshotError"]

_CONSTANTS = {state: state for state in STATES}
"""Strings restored as these very objects (compared with ``is`` on the hot path)."""


class SnapshotError(TypeError):
    """The object graph holds something that cannot be copied (a generator process)."""


class Snapshot:
    """A frozen copy of an object graph that holds running line models.

    Args:
        obj: What to freeze, e.g. a :class:`~sim.line.model.LineModel`, or a tuple of a
            model and objects that must stay connected to it in every copy.

    Raises:
        SnapshotError: A process of the model is a generator (it cannot be copied).
    """

    def __init__(self, obj: Any) -> None:
        self._shared: list[Any] = []
        """The objects shared by reference (scenario data, state words)."""
        buffer = io.BytesIO()
        _Freezer(buffer, self._shared).dump(obj)
        self.data = buffer.getvalue()
        """The pickled graph (without the shared objects)."""

    def restore(self) -> Any:
        """A new, independent copy of the frozen graph."""
        collecting = gc.isenabled()
        gc.disable()  # thousands of new objects, none of them garbage: no collections
        try:
            return _Thawer(io.BytesIO(self.data), self._shared).load()
        finally:
            if collecting:
                gc.enable()

    def __len__(self) -> int:
        """Size of the frozen copy in bytes (the shared scenario not counted)."""
        return len(self.data)


class _Freezer(pickle.Pickler):
    """Pickles a running model: shares immutable data, rebinds SimPy's bound classes."""

    def __init__(self, file: io.BytesIO, shared: list[Any]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._shared = shared
        self._index: dict[int, int] = {}

    def persistent_id(self, obj: Any) -> int | None:  # noqa: D102 - pickle's hook
        if isinstance(obj, BaseModel):
            pass
        elif type(obj) is str and obj in _CONSTANTS:
            obj = _CONSTANTS[obj]
        else:
            return None
        key = id(obj)
        if key not in self._index:
            self._index[key] = len(self._shared)
            self._shared.append(obj)
        return self._index[key]

    def reducer_override(self, obj: Any) -> Any:  # noqa: D102 - pickle's hook
        if isinstance(obj, types.GeneratorType):
            raise SnapshotError(
                f"cannot copy the running line: the process {obj.gi_code.co_qualname!r} is a "
                "generator; write it as a sim.line.steps.Steps state machine")
        if isinstance(obj, types.MethodType) and isinstance(obj.__func__, type):
            return _bind, (obj.__func__, obj.__self__)  # SimPy: ``env.timeout`` and friends
        if type(obj) is itertools.count:
            return itertools.count, (_next_count(obj),)
        return NotImplemented


class _Thawer(pickle.Unpickler):
    """Restores what :class:`_Freezer` wrote, with the shared objects by reference."""

    def __init__(self, file: io.BytesIO, shared: list[Any]) -> None:
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid: Any) -> Any:  # noqa: D102 - pickle's hook
        return self._shared[pid]


def _bind(cls: type, instance: Any) -> types.MethodType:
    """``cls`` bound to ``instance``, as SimPy's ``BoundClass`` does (``env.timeout``)."""
    return types.MethodType(cls, instance)


def _next_count(counter: itertools.count) -> int:
    """The next value of an ``itertools.count`` of integers, without taking it."""
    text = repr(counter)  # "count(17)"
    return int(text[text.index("(") + 1:-1])
