"""Breakdowns and repairs of a machine (mixed into :class:`~sim.line.station.Machine`).

The part of a machine that spends operating time across interrupts, fails, waits for a crew
and is repaired. A mixin, so that the station module shows the part flow (take, set up,
process, hand over) and this one the failure logic. ``Machine`` is the only class that uses
it; the attributes it reads (``env``, ``station``, ``broken``, ``ttf_left`` ...) are the
machine's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import simpy

from sim.line.states import OFF

if TYPE_CHECKING:
    from sim.line.station import Station

__all__ = ["Breakdowns"]


class Breakdowns:
    """Failure and repair processes of a machine (mixed into ``Machine``)."""

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

    def _work(self, duration: float):  # noqa: ANN202 - a SimPy sub-process
        """Spend ``duration`` of operating time, surviving interrupts by breakdowns."""
        env = self.env
        remaining = duration
        while remaining > 1e-9:
            if self.freeze_processing and not self.station.gate.is_open:
                yield from self._frozen()
            if self.ttf_left <= 1e-9:  # a forecast redrew a life that ended mid-part
                self.renew()
                self.fail(self.ttr(), "failure")
                while self.broken:
                    yield self.repaired
            segment = remaining if remaining < self.ttf_left else self.ttf_left
            start = env.now
            self.working = True
            try:
                yield env.timeout(segment)
                elapsed = segment
            except simpy.Interrupt:
                elapsed = env.now - start
            self.working = False
            remaining -= elapsed
            if self.operating_clock:
                self.ttf_left -= elapsed
                if self.ttf_left <= 1e-9:
                    self.renew()
                    self.fail(self.ttr(), "failure")
            while self.broken:
                yield self.repaired

    def _frozen(self):  # noqa: ANN202 - a SimPy sub-process
        """Pause the part at hand (``off``) until the station opens again (frozen clock)."""
        gate = self.station.gate
        activity = self.activity
        self.set_activity(OFF)
        while not gate.is_open:
            yield gate.wait()
        while self.broken:
            yield self.repaired
        self.set_activity(activity)

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
        self.station.model.on_breakdown(self, cause)
        return self.env.process(self._repair(repair_time, cause))

    def _repair(self, repair_time: float, cause: str):  # noqa: ANN202 - a SimPy process
        crew = self.station.model.repair_crews
        spend = self._repair_clock(repair_time) if self.freeze_repair else None
        if crew is None:
            yield self.env.timeout(repair_time) if spend is None else self.env.process(spend)
        else:
            model, asked = self.station.model, self.env.now
            with crew.request() as request:
                yield request
                model.crew_wait += self.env.now - asked  # waiting for a crew
                model.crew_jobs += 1
                granted = self.env.now
                yield self.env.timeout(repair_time) if spend is None else self.env.process(spend)
                model.crew_busy += self.env.now - granted
        self.broken -= 1
        self._refresh()
        if not self.broken:
            done, self.repaired = self.repaired, self.env.event()
            done.succeed()
        self.station.model.on_repair(self, cause, repair_time)

    def _repair_clock(self, repair_time: float):  # noqa: ANN202 - a SimPy process
        """Spend ``repair_time`` of repair, counting only while the station is open."""
        env, gate = self.env, self.station.gate
        remaining = repair_time
        while remaining > 1e-9:
            if not gate.is_open:
                yield gate.wait()
                continue
            start = env.now
            yield env.timeout(remaining) | gate.wait_closed()
            remaining -= env.now - start

    def _calendar_failures(self):  # noqa: ANN202 - a SimPy process
        env = self.env
        while True:
            delay = self.ttf()
            self.up_since, self.next_failure = env.now, env.now + delay
            while True:
                try:
                    yield env.timeout(delay)
                    break
                except simpy.Interrupt:  # a forecast moved ``next_failure``
                    delay = max(0.0, self.next_failure - env.now)
            self.next_failure = None
            yield self.fail(self.ttr(), "failure")
