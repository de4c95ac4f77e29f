"""The second half of a machine's part flow: count the part, draw its quality, hand it on.

Mixed into :class:`~sim.line.machine.Machine` (whose module has the first half and the
generator these steps replace): after processing, :meth:`HandOver._processed` counts the part
and draws its quality (scrap, rework here, or routed rework to another station's queue), lets
the quality hook see a good part, and hands it on -- at once when the next buffer has room
(``offer``), else by waiting for a put (the machine is ``blocked`` meanwhile); a transfer batch
moves its parts one by one. Every path ends in the machine's next part
(``Machine._next_part``), as the generator's ``continue`` did.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, NoReturn

from sim.line.buffers import ZeroBuffer
from sim.line.states import BLOCKED

if TYPE_CHECKING:
    import simpy

    from sim.line.model import Part
    from sim.line.station import Station

__all__ = ["HandOver", "unhandled"]


def unhandled(exc: BaseException) -> NoReturn:
    """``throw`` at a wait without ``try``: the exception ends the process (as in a generator)."""
    raise exc


def _full(buffer: Any) -> bool:
    """Whether ``buffer`` has no room now (then a put waits: the machine is blocked)."""
    if isinstance(buffer, ZeroBuffer):
        return buffer.room <= 0
    return len(buffer.items) >= buffer.capacity


class HandOver:
    """After processing: count, quality, hand on (mixed into ``Machine``)."""

    if TYPE_CHECKING:
        station: Station
        env: simpy.Environment
        part: Part | None
        part_log: Any
        passed: Any
        hooks: bool
        began: float
        processed: int
        working: bool
        operating_clock: bool
        ttf_left: float
        unbooked: float
        moving: deque[Part]
        send: Any
        throw: Any
        _batch: int
        _rework_p: float
        _plain: bool
        _next_zero: bool
        _next_capacity: float
        _put: Any

        def set_activity(self, activity: str) -> None:
            """Change what the machine does (see ``Machine.set_activity``)."""

        def wait(self, event: Any, then: Any, on_throw: Any = None) -> Any:
            """Wait for ``event`` (see :meth:`sim.line.steps.Steps.wait`)."""

        def _next_part(self, _: Any) -> Any: ...

    def _processed(self, _: Any) -> Any:
        """Count the part, draw its quality, hand it on (or rework or scrap it)."""
        self.working = False
        if self.operating_clock:
            self.ttf_left -= self.unbooked
        st = self.station
        part: Part = self.part  # type: ignore[assignment]
        if self._plain and not st.scrap_p:  # the short path: a good part, straight on
            self.processed += 1
            st.processed += 1
            st.good += 1
            nxt = st.next
            if nxt is None:
                st.model.on_finish(part)
            elif not nxt.buffer.offer(part):
                return self._blocked(nxt.buffer, part)
            self.part = None
            return self._next_part(None)
        plog = self.part_log
        self.processed += 1
        st.processed += 1
        if st.ideal is not None:  # ISO 22400 performance: ideal minutes of what was made
            st.ideal_minutes += st.ideal[part.variant]
        scrap_p = st.scrap_p  # the spec's, unless a quality drift moves it (sim.line.wear)
        rework_p = self._rework_p
        if scrap_p or rework_p:
            u = st.quality()
            model, env = st.model, self.env
            if u < scrap_p:
                if plog is not None:
                    plog.add(part, st.name, self.began, env.now, "scrap")
                st.scrapped += 1
                model.on_scrap(st, part)
                self.part = None
                return self._next_part(None)
            if u < scrap_p + rework_p:
                if plog is not None:
                    plog.add(part, st.name, self.began, env.now, "rework")
                    part.entered = env.now  # (routed rework: reset when it joins)
                st.reworked += 1
                part.reworks += 1
                back = st.rework_to
                if back is None:  # reworked here next, ahead of the queue
                    st.rework_queue.append(part)
                    self.part = None
                    return self._next_part(None)
                # Routed rework: the part joins the end of ``back``'s queue (this station
                # or an upstream one), blocking this machine while that buffer is full.
                # (A loop of full finite buffers can deadlock, as in a real plant.)
                if _full(back.buffer):
                    self.set_activity(BLOCKED)
                return self.wait(back.buffer.put(part), self._rework_joined)
        st.good += 1
        if self.passed is not None:  # hidden defects, batch times (sim.line.inspection)
            self.passed(st, part)
        if plog is not None:
            plog.add(part, st.name, self.began, self.env.now, "good")
        nxt = st.next
        if self._batch > 1:
            # Transfer batch: good parts wait in the station's outbox until ``batch`` are
            # done; the machine that completes the batch moves all of them on, one put at
            # a time (blocking while the next buffer is full), while its siblings go on.
            st.outbox.append(part)
            self.part = None
            if len(st.outbox) < self._batch:
                return self._next_part(None)
            self.moving, st.outbox = st.outbox, deque()
            return self._move_batch(None)
        if nxt is None:
            st.model.on_finish(part)
        elif not nxt.buffer.offer(part):  # direct hand-over when there is room, else wait
            return self._blocked(nxt.buffer, part)
        else:
            if plog is not None:
                part.entered = self.env.now
            if self.hooks:
                st.model.on_enter_buffer(nxt, part)
        self.part = None
        return self._next_part(None)

    def _blocked(self, buffer: Any, part: Part) -> Any:
        """``yield next_buffer.put(part)``: wait for room (blocked unless a machine waits)."""
        if (buffer.room <= 0 if self._next_zero
                else len(buffer.items) >= self._next_capacity):  # (no machine waiting)
            self.set_activity(BLOCKED)
        self.send, self.throw = self._handed_on, unhandled
        return self._put(part)

    def _handed_on(self, _: Any) -> Any:
        """After ``yield next_buffer.put(part)``: the part is in; the next one."""
        return self._entered(self.station.next)  # type: ignore[arg-type]

    def _rework_joined(self, _: Any) -> Any:
        """After ``yield target.put(part)``: the part to rework joined ``rework_to``'s queue."""
        return self._entered(self.station.rework_to)  # type: ignore[arg-type]

    def _entered(self, station: Station) -> Any:
        """The part at hand entered ``station``'s buffer (part log, hooks); the next part."""
        part: Part = self.part  # type: ignore[assignment]
        if self.part_log is not None:
            part.entered = self.env.now
        if self.hooks:
            station.model.on_enter_buffer(station, part)
        self.part = None
        return self._next_part(None)

    def _move_batch(self, _: Any) -> Any:
        """``while moving:`` hand the batch's parts on one by one (a put when blocked)."""
        st = self.station
        nxt = st.next
        moving = self.moving
        while moving:
            part = moving.popleft()
            if nxt is None:
                st.model.on_finish(part)
                continue
            if not nxt.buffer.offer(part):  # blocked: wait for room
                buffer = nxt.buffer
                if (buffer.room <= 0 if self._next_zero  # type: ignore[attr-defined]
                        else len(buffer.items) >= self._next_capacity):
                    self.set_activity(BLOCKED)
                self.part = part
                return self.wait(self._put(part), self._batch_moved)
            if self.part_log is not None:
                part.entered = self.env.now
            if self.hooks:
                st.model.on_enter_buffer(nxt, part)
        return self._next_part(None)

    def _batch_moved(self, _: Any) -> Any:
        """A blocked part of the batch is in; the rest of the batch."""
        part: Part = self.part  # type: ignore[assignment]
        if self.part_log is not None:
            part.entered = self.env.now
        if self.hooks:
            self.station.model.on_enter_buffer(self.station.next, part)  # type: ignore[arg-type]
        self.part = None
        return self._move_batch(None)
