"""Breakdowns and repairs of a machine: its failure logic as state machines (:mod:`sim.line.steps`).

The part of a machine that spends operating time across interrupts, fails, waits for a crew
and is repaired. :class:`Breakdowns` is mixed into :class:`~sim.line.machine.Machine` (the
machine's own attributes: ``env``, ``station``, ``broken``, ``ttf_left`` ...); the processes
are small :class:`~sim.line.steps.Steps` classes, one per SimPy generator they replace:

* :class:`Work` -- ``_work(duration)``, the sub-process that spends operating time,
  surviving breakdowns (``yield from`` in the machine's process: ``self.call(Work(...))``);
* :class:`Frozen` -- ``_frozen()``, a part paused while its station is closed;
* :class:`Repair` -- ``_repair(...)``, one breakdown's repair (with a crew: request, repair,
  release, as ``with crew.request() as request:`` does);
* :class:`RepairClock` -- ``_repair_clock(...)``, repair time that counts only while open;
* :class:`CalendarFailures` -- ``_calendar_failures()``, failures on the calendar clock (a
  forecast interrupts it to move ``next_failure``, :mod:`sim.line.forecast`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import simpy

from sim.line.states import OFF
from sim.line.steps import Steps

if TYPE_CHECKING:
    from sim.line.machine import Machine
    from sim.line.station import Station

__all__ = ["Breakdowns", "CalendarFailures", "Frozen", "Repair", "RepairClock", "Work"]


class Breakdowns:
    """Failure and repair of a machine (mixed into ``Machine``)."""

    env: simpy.Environment
    station: Station
    process: Any
    getting: Any
    repaired: Any
    broken: int
    working: bool
    ttf_left: float
    operating_clock: bool
    freeze_processing: bool
    freeze_repair: bool
    activity: str
    up_since: float
    next_failure: float | None

    ttf: Any
    """Draws the next time to failure (the machine's sampler)."""
    ttr: Any
    """Draws the next repair time (the machine's sampler)."""

    if TYPE_CHECKING:
        def renew(self) -> None:
            """Start a new life (see ``Machine.renew``)."""

        def _refresh(self) -> None: ...

        def set_activity(self, activity: str) -> None:
            """Change what the machine does (see ``Machine.set_activity``)."""

    def _work(self, duration: float) -> Work:
        """The sub-process that spends ``duration`` of operating time (see :class:`Work`)."""
        return Work(self, duration)  # type: ignore[arg-type]

    # -- failures ----------------------------------------------------------------------------
    def fail(self, repair_time: float, cause: str) -> simpy.Process:
        """Break the machine now; a crew repairs it in ``repair_time`` (after any crew wait).

        Args:
            repair_time: Minutes of repair once a crew is there.
            cause: ``"failure"`` (random), ``"scripted"`` (a disruption) or ``"maintenance"``.

        Returns:
            The repair process (an event that fires when the repair is done).
        """
        self.broken += 1
        self._refresh()
        if self.working:
            self.working = False
            self.process.interrupt(cause)
        elif self.getting is not None and not self.getting.triggered:
            # Idle and waiting for a part: withdraw the request from the buffer's queue, so
            # the next part goes to a free sibling (or waits), and wake the machine up so it
            # waits for its repair instead. A request already granted at this very instant
            # stays granted: the part is in the machine's hands.
            self.getting.cancel()
            self.getting = None
            self.process.interrupt(cause)
        self.station.model.on_breakdown(self, cause)  # type: ignore[arg-type]
        return self.env.process(Repair(self, repair_time, cause))  # type: ignore[arg-type]


class Work(Steps):
    """Spend ``duration`` of operating time, surviving interrupts by breakdowns.

    Replaces the sub-generator ::

        while remaining > 1e-9:
            if frozen and closed: yield from _frozen()          # start -> _open
            if life used up: renew, fail; while broken: yield m.repaired   # _open
            try: yield env.timeout(segment)                      # _segment
            except Interrupt: (elapsed so far)                   # _interrupted
            book elapsed; maybe fail; while broken: yield m.repaired   # _booked
    """

    def __init__(self, machine: Machine, duration: float) -> None:
        self.machine = machine
        self.remaining = duration
        """Operating minutes still to spend."""
        self.segment = 0.0
        """The current timeout's length (up to the next failure at most)."""
        self.since = 0.0
        """When the current timeout began."""

    def start(self, _: Any) -> Any:
        """Top of ``while remaining > 1e-9``: pause first if frozen and closed."""
        m = self.machine
        if self.remaining <= 1e-9:
            return self.done()
        if m.freeze_processing and not m.station.gate.is_open:
            return self.call(Frozen(m), self._open)
        return self._open(None)

    def _open(self, _: Any) -> Any:
        """A forecast may have redrawn a life that ended mid-part: fail now, await the repair."""
        m = self.machine
        if m.ttf_left <= 1e-9:
            m.renew()
            m.fail(m.ttr(), "failure")
            return self._repaired_then_segment(None)
        return self._segment(None)

    def _repaired_then_segment(self, _: Any) -> Any:
        """``while broken: yield repaired`` before the segment."""
        m = self.machine
        if m.broken:
            return self.wait(m.repaired, self._repaired_then_segment)
        return self._segment(None)

    def _segment(self, _: Any) -> Any:
        """``try: yield env.timeout(segment)``: run up to the end or the next failure."""
        m = self.machine
        self.segment = self.remaining if self.remaining < m.ttf_left else m.ttf_left
        self.since = m.env.now
        m.working = True
        return self.wait(m.env.timeout(self.segment), self._ran, self._interrupted)

    def _ran(self, _: Any) -> Any:
        """The segment ran to its end."""
        return self._booked(self.segment)

    def _interrupted(self, exc: BaseException) -> Any:
        """``except simpy.Interrupt``: a breakdown (or a closing station, frozen clock)."""
        if not isinstance(exc, simpy.Interrupt):
            raise exc
        return self._booked(self.machine.env.now - self.since)

    def _booked(self, elapsed: float) -> Any:
        """Book ``elapsed`` on the part and the failure clock; a life used up fails now."""
        m = self.machine
        m.working = False
        self.remaining -= elapsed
        if m.operating_clock:
            m.ttf_left -= elapsed
            if m.ttf_left <= 1e-9:
                m.renew()
                m.fail(m.ttr(), "failure")
        return self._repaired(None)

    def _repaired(self, _: Any) -> Any:
        """``while broken: yield repaired``, then the loop's top."""
        m = self.machine
        if m.broken:
            return self.wait(m.repaired, self._repaired)
        return self.start(None)


class Frozen(Steps):
    """Pause the part at hand (``off``) until the station opens again (frozen clock).

    Replaces ``set OFF; while closed: yield gate.wait(); while broken: yield repaired;
    set the activity back``.
    """

    def __init__(self, machine: Machine) -> None:
        self.machine = machine
        self.activity = machine.activity
        """What the machine was doing (restored when the station opens)."""

    def start(self, _: Any) -> Any:
        """Count ``off`` from now."""
        self.machine.set_activity(OFF)
        return self._closed(None)

    def _closed(self, _: Any) -> Any:
        """``while not gate.is_open: yield gate.wait()``."""
        gate = self.machine.station.gate
        if not gate.is_open:
            return self.wait(gate.wait(), self._closed)
        return self._broken(None)

    def _broken(self, _: Any) -> Any:
        """``while broken: yield repaired``; then the activity as before."""
        m = self.machine
        if m.broken:
            return self.wait(m.repaired, self._broken)
        m.set_activity(self.activity)
        return self.done()


class Repair(Steps):
    """One breakdown's repair: wait for a crew (if crews are limited), repair, release.

    Replaces the generator ::

        with crew.request() as request:     # start: request; _granted
            yield request
            yield env.timeout(repair_time)  # (or the frozen repair clock); _repaired
        broken -= 1; wake the machine       # _repaired
    """

    def __init__(self, machine: Machine, repair_time: float, cause: str) -> None:
        self.machine = machine
        self.repair_time = repair_time
        self.cause = cause
        self.request: Any = None
        """The crew request while one is held or awaited (``repair.crews``), else None."""
        self.asked = self.granted = 0.0
        """When a crew was asked for, and when it came."""

    def _spend(self) -> Any:
        """The event of the repair time: a timeout, or the frozen repair clock's process."""
        m = self.machine
        if m.freeze_repair:
            return m.env.process(RepairClock(m, self.repair_time))  # type: ignore[arg-type]
        return m.env.timeout(self.repair_time)

    def start(self, _: Any) -> Any:
        """Without crews: repair at once; else ask for a crew."""
        m = self.machine
        crew = m.station.model.repair_crews
        if crew is None:
            return self.wait(self._spend(), self._repaired)
        self.asked = m.env.now
        self.request = crew.request()
        return self.wait(self.request, self._granted)

    def _granted(self, _: Any) -> Any:
        """A crew came: count its wait, then repair."""
        m = self.machine
        model = m.station.model
        model.crew_wait += m.env.now - self.asked  # waiting for a crew
        model.crew_jobs += 1
        self.granted = m.env.now
        return self.wait(self._spend(), self._crew_done)

    def _crew_done(self, _: Any) -> Any:
        """Count the crew's minutes and release it (the end of the ``with`` block)."""
        m = self.machine
        model = m.station.model
        model.crew_busy += m.env.now - self.granted
        model.repair_crews.release(self.request)  # type: ignore[union-attr]
        self.request = None
        return self._repaired(None)

    def _repaired(self, _: Any) -> Any:
        """The machine works again once no other breakdown is open; wake its process."""
        m = self.machine
        m.broken -= 1
        m._refresh()
        if not m.broken:
            done, m.repaired = m.repaired, m.env.event()
            done.succeed()
        m.station.model.on_repair(m, self.cause, self.repair_time)
        return self.done()


class RepairClock(Steps):
    """Spend ``repair_time`` of repair, counting only while the station is open.

    Replaces ``while remaining > 1e-9: (closed: yield gate.wait()) or
    yield env.timeout(remaining) | gate.wait_closed()``.
    """

    def __init__(self, machine: Machine, repair_time: float) -> None:
        self.machine = machine
        self.remaining = repair_time
        self.since = 0.0

    def start(self, _: Any) -> Any:
        """Top of the loop: wait for the gate, or repair until done or the station closes."""
        if self.remaining <= 1e-9:
            return self.done()
        m = self.machine
        gate = m.station.gate
        if not gate.is_open:
            return self.wait(gate.wait(), self.start)
        self.since = m.env.now
        return self.wait(m.env.timeout(self.remaining) | gate.wait_closed(), self._spent)

    def _spent(self, _: Any) -> Any:
        """Book the repair minutes spent."""
        self.remaining -= self.machine.env.now - self.since
        return self.start(None)


class CalendarFailures(Steps):
    """Failures on the calendar clock: draw a life, wait it out, fail, await the repair.

    Replaces the generator ::

        while True:
            delay = ttf(); next_failure = now + delay          # start
            try: yield env.timeout(delay)                      # _due
            except Interrupt: delay = next_failure - now       # _moved (a forecast)
            yield fail(ttr(), "failure")                       # _due -> start
    """

    def __init__(self, machine: Machine) -> None:
        self.machine = machine

    def start(self, _: Any) -> Any:
        """Draw the next time to failure and wait for it."""
        m = self.machine
        delay = m.ttf()
        m.up_since, m.next_failure = m.env.now, m.env.now + delay
        return self.wait(m.env.timeout(delay), self._due, self._moved)

    def _moved(self, exc: BaseException) -> Any:
        """A forecast moved ``next_failure``: wait for the new time instead."""
        if not isinstance(exc, simpy.Interrupt):
            raise exc
        m = self.machine
        delay = max(0.0, m.next_failure - m.env.now)  # type: ignore[operator]
        return self.wait(m.env.timeout(delay), self._due, self._moved)

    def _due(self, _: Any) -> Any:
        """The failure is due: break down and wait for the repair."""
        m = self.machine
        m.next_failure = None
        return self.wait(m.fail(m.ttr(), "failure"), self.start)
