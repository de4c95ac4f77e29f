"""Buffers and gates of the stations: SimPy stores with O(1) takes, zero-capacity hand-overs.

:class:`Buffer` is a station's input buffer (finite: upstream blocks after service);
:class:`ZeroBuffer` is ``buffer = 0``, a direct hand-over to a waiting machine; :class:`Gate`
is the open/closed flag of a station (shifts, staffing). Split from :mod:`sim.line.station`.
"""

from __future__ import annotations

from collections import deque

import simpy


class PartQueue(deque):
    """A buffer's parts: a deque (O(1) at both ends at any length) that sorts like a list."""

    def sort(self, *, key=None, reverse: bool = False) -> None:  # noqa: ANN001
        """Sort in place, stably (as ``list.sort``), e.g. to re-sequence waiting parts."""
        ordered = sorted(self, key=key, reverse=reverse)
        self.clear()
        self.extend(ordered)


class Buffer(simpy.Store):
    """A station's input buffer: a SimPy store that takes its first part in O(1).

    ``simpy.Store`` keeps a list and takes ``items.pop(0)``, which costs time in proportion
    to the queue; with a :class:`PartQueue` the cost per part stays flat however long the
    queue grows (an overloaded line).
    """

    def __init__(self, env: simpy.Environment, capacity: float) -> None:
        super().__init__(env, capacity=capacity)
        self.items = PartQueue()

    def _do_get(self, event: simpy.resources.store.StoreGet) -> None:
        if self.items:
            event.succeed(self.items.popleft())

    # -- direct hand-over: no event when nobody has to wait ---------------------------------
    def take(self):  # noqa: ANN201 - a Part or None
        """Take the first part at hand now, or return ``None`` if the caller must wait.

        The same as ``yield buffer.get()`` when a part is waiting, without the event round
        trip: a machine blocked upstream on this buffer is let in at once, as SimPy would.
        """
        if not self.items or self.get_queue:
            return None
        part = self.items.popleft()
        if self.put_queue:
            self._trigger_put(None)
        return part

    def offer(self, part) -> bool:  # noqa: ANN001 - a Part
        """Put ``part`` in now if there is room (handing it to a waiting machine); else False.

        The same as ``yield buffer.put(part)`` when the buffer has room, without the event
        round trip; ``False`` means the caller is blocked and must ``yield buffer.put(part)``.
        """
        if len(self.items) >= self._capacity or self.put_queue:
            return False
        self.items.append(part)
        if self.get_queue:  # a starved machine waits: its get fires (its one event)
            self._trigger_get(None)
        return True


class ZeroBuffer(Buffer):
    """A buffer of capacity 0 (``buffer = 0``): a direct hand-over, upstream blocks meanwhile.

    A part is accepted only for a machine that is waiting for one (a pending get), so the
    upstream machine stays ``blocked`` holding its finished part until a downstream machine
    is free to take it: the no-buffer lines of the textbooks (blocking after service).
    ``items`` holds only parts accepted for a waiting machine, for an instant.
    """

    def __init__(self, env: simpy.Environment) -> None:
        super().__init__(env, capacity=1)  # SimPy needs capacity > 0; ``room`` decides

    @property
    def room(self) -> int:
        """Parts it can accept now: machines waiting for a part minus parts handed to them."""
        return len(self.get_queue) - len(self.items)

    def _do_put(self, event: simpy.resources.store.StorePut) -> None:
        if len(self.items) < len(self.get_queue):
            self.items.append(event.item)
            event.succeed()

    def take(self) -> None:
        """No direct take: a part is here only for a machine already waiting (its get)."""
        return None

    def offer(self, part) -> bool:  # noqa: ANN001, ARG002 - a Part
        """No direct put: the hand-over always goes through a waiting machine's get."""
        return False

    def get(self) -> simpy.resources.store.StoreGet:  # type: ignore[override]
        """Ask for a part; a new request lets a blocked upstream part through at once."""
        request = simpy.resources.store.StoreGet(self)
        if not request.triggered and self.put_queue:
            self._trigger_put(None)
        return request


class Gate:
    """Open/closed flag with an event to wait on while closed."""

    __slots__ = ("env", "is_open", "_opened", "_closed")

    def __init__(self, env: simpy.Environment, is_open: bool = True) -> None:
        self.env = env
        self.is_open = is_open
        self._opened = env.event()
        self._closed: simpy.Event | None = None

    def wait(self) -> simpy.Event:
        """Return an event that fires when the gate next opens."""
        return self._opened

    def wait_closed(self) -> simpy.Event:
        """Return an event that fires when the gate next closes (made on demand)."""
        if self._closed is None:
            self._closed = self.env.event()
        return self._closed

    def set(self, is_open: bool) -> bool:
        """Open or close the gate; return whether that changed anything."""
        if is_open == self.is_open:
            return False
        self.is_open = is_open
        if is_open:
            self._opened.succeed()
            self._opened = self.env.event()
        elif self._closed is not None:
            closed, self._closed = self._closed, None
            closed.succeed()
        return True
