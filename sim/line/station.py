"""Stations and their machines: SimPy processes with exact state accounting.

Each machine is one SimPy process that takes a part from its station's input buffer, waits for
the station to be open and staffed, consumes raw material (first station only), sets up when
the variant changes, processes, and hands the part on (blocking while the next buffer is full).
Every moment of every machine is accounted to exactly one state in :data:`STATES`; the
effective state is derived from what the machine is doing (its *activity*) and two overrides:
a broken machine is ``down``, and a machine that is waiting while its station is closed is
``off``.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import simpy

from sim.line.streams import Sampler

if TYPE_CHECKING:
    from sim.line.model import LineModel, Part
    from sim.scenario.schema import Station as StationSpec

STATES = ("busy", "setup", "starved", "material", "blocked", "down", "off")
"""Machine states. ``material``: waiting for raw material (first station only)."""
BUSY, SETUP, STARVED, MATERIAL, BLOCKED, DOWN, OFF = STATES
_WAITING = frozenset((STARVED, BLOCKED, OFF, MATERIAL))
_POWER_KEY = {BUSY: "busy", SETUP: "setup", STARVED: "idle", MATERIAL: "idle",
              BLOCKED: "idle", DOWN: "down", OFF: "off"}


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


class Gate:
    """Open/closed flag with an event to wait on while closed."""

    __slots__ = ("env", "is_open", "_opened")

    def __init__(self, env: simpy.Environment, is_open: bool = True) -> None:
        self.env = env
        self.is_open = is_open
        self._opened = env.event()

    def wait(self) -> simpy.Event:
        """Return an event that fires when the gate next opens."""
        return self._opened

    def set(self, is_open: bool) -> bool:
        """Open or close the gate; return whether that changed anything."""
        if is_open == self.is_open:
            return False
        self.is_open = is_open
        if is_open:
            self._opened.succeed()
            self._opened = self.env.event()
        return True


class Machine:
    """One machine of a station: its process, its state clock and its failure logic."""

    def __init__(self, station: Station, index: int) -> None:
        self.station = station
        """The station it belongs to."""
        self.index = index
        """Index within the station (0-based)."""
        self.env = station.env
        self.activity = STARVED
        """What the machine is doing, before the down/off overrides."""
        self.state = OFF if not station.gate.is_open else STARVED
        """Effective state (one of :data:`STATES`)."""
        self.since = self.env.now
        self.time = dict.fromkeys(STATES, 0.0)
        """Minutes spent in each state so far (flushed up to ``since``)."""
        self.broken = 0
        """Number of open breakdowns (a machine can be hit by a scripted and a random one)."""
        self.repaired = self.env.event()
        self.working = False
        """True while in an interruptible processing or setup timeout."""
        self.last_variant: str | None = None
        self.processed = 0
        """Parts processed (good, rework and scrap)."""
        model = station.model
        fail = station.spec.failures
        name = f"station:{station.name}:{index}"
        self.ttf = model.streams.sampler(f"{name}:ttf", fail.ttf) if fail else None
        self.ttr = model.streams.sampler(f"{name}:ttr", fail.ttr) if fail else None
        self.operating_clock = bool(fail) and fail.clock == "operating"
        self.ttf_left = self.ttf() if self.operating_clock else float("inf")
        """Operating minutes until the next failure (operating clock; the truth, which no
        agent reads: they see the condition sensor, :mod:`sim.line.wear`)."""
        self.life = self.ttf_left
        """The life drawn at the last renewal (operating clock): age = life - ttf_left."""
        self.next_failure: float | None = None
        """Calendar clock: when the next failure is due (``None`` while down)."""
        self.up_since = 0.0
        """Calendar clock: when the current time to failure started."""
        self.process = self.env.process(self._run())
        self.failure_clock: simpy.Process | None = None
        """Calendar clock: the failure process (a forecast may redraw its next failure)."""
        if fail is not None and not self.operating_clock:
            self.failure_clock = self.env.process(self._calendar_failures())

    def renew(self) -> None:
        """Start a fresh operating-time life (after a failure or a planned maintenance)."""
        self.ttf_left = self.life = self.ttf()

    # -- state accounting -------------------------------------------------------------------
    def _refresh(self) -> None:
        if self.broken:
            new = DOWN
        elif not self.station.gate.is_open and self.activity in _WAITING:
            new = OFF
        else:
            new = self.activity
        if new is not self.state:
            now = self.env.now
            self.time[self.state] += now - self.since
            self.state, self.since = new, now
            log = self.station.model.log
            if log is not None:
                log.state(now, self.station.name, self.index, new)

    def set_activity(self, activity: str) -> None:
        """Record what the machine is now doing."""
        self.activity = activity
        # ``_refresh`` inlined (hot path): the effective state, and its clock if it changed
        if self.broken:
            new = DOWN
        elif activity in _WAITING and not self.station.gate.is_open:
            new = OFF
        else:
            new = activity
        if new is not self.state:
            now = self.env.now
            self.time[self.state] += now - self.since
            self.state, self.since = new, now
            log = self.station.model.log
            if log is not None:
                log.state(now, self.station.name, self.index, new)

    def flush(self) -> None:
        """Account the time up to now to the current state."""
        now = self.env.now
        self.time[self.state] += now - self.since
        self.since = now

    # -- the machine's process ---------------------------------------------------------------
    def _run(self):  # noqa: ANN202 - a SimPy process
        st = self.station
        model = st.model
        gate = st.gate
        env = self.env
        rework = st.rework_queue
        buffer = st.buffer
        get = buffer.get
        nxt = st.next
        next_buffer = nxt.buffer if nxt is not None else None
        put = next_buffer.put if nxt is not None else None
        next_capacity = next_buffer.capacity if nxt is not None else None
        quality = st.quality
        process_time = st.process_time
        on_leave, on_enter = model.on_leave_buffer, model.on_enter_buffer
        rework_p = st.spec.rework
        first = st.is_first
        while True:
            while not gate.is_open or self.broken:
                if self.broken:
                    yield self.repaired
                else:
                    self.set_activity(OFF)
                    yield gate.wait()
            if rework:
                part = rework.popleft()
            else:
                if not buffer.items:  # (else a part is at hand: no zero-length starved spell)
                    self.set_activity(STARVED)
                part = yield get()
                on_leave(st, part)
            while not gate.is_open or self.broken:
                if self.broken:
                    yield self.repaired
                else:
                    self.set_activity(OFF)
                    yield gate.wait()
            if first and not part.started:
                yield from model.materials.consume(part, self)
                part.started = True
            if self.last_variant != part.variant and st.setup is not None:
                if self.last_variant is not None:
                    self.set_activity(SETUP)
                    yield from self._work(st.setup())
            self.last_variant = part.variant
            self.set_activity(BUSY)
            duration = process_time[part.variant].next()
            if duration + 1e-9 < self.ttf_left:
                # Hot path, same as ``_work`` for a run that ends before the next failure is
                # due (no sub-generator); a breakdown's interrupt hands the rest to ``_work``.
                self.working = True
                start = env.now
                try:
                    yield env.timeout(duration)
                    self.working = False
                    if self.operating_clock:
                        self.ttf_left -= duration
                except simpy.Interrupt:
                    elapsed = env.now - start
                    if self.operating_clock:
                        self.ttf_left -= elapsed
                    while self.broken:
                        yield self.repaired
                    yield from self._work(duration - elapsed)
            else:
                yield from self._work(duration)
            self.processed += 1
            st.processed += 1
            scrap_p = st.scrap_p  # the spec's, unless a quality drift moves it (sim.line.wear)
            if scrap_p or rework_p:
                u = quality()
                if u < scrap_p:
                    st.scrapped += 1
                    model.on_scrap(st, part)
                    continue
                if u < scrap_p + rework_p:
                    st.reworked += 1
                    rework.append(part)
                    continue
            st.good += 1
            if nxt is None:
                model.on_finish(part)
            else:
                if len(next_buffer.items) >= next_capacity:  # (else not even for an instant)
                    self.set_activity(BLOCKED)
                yield put(part)
                on_enter(nxt, part)

    def _work(self, duration: float):  # noqa: ANN202 - a SimPy sub-process
        """Spend ``duration`` of operating time, surviving interrupts by breakdowns."""
        env = self.env
        remaining = duration
        while remaining > 1e-9:
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
        self.station.model.on_breakdown(self, cause)
        return self.env.process(self._repair(repair_time, cause))

    def _repair(self, repair_time: float, cause: str):  # noqa: ANN202 - a SimPy process
        crew = self.station.model.repair_crews
        if crew is None:
            yield self.env.timeout(repair_time)
        else:
            with crew.request() as request:
                yield request
                yield self.env.timeout(repair_time)
        self.broken -= 1
        self._refresh()
        if not self.broken:
            done, self.repaired = self.repaired, self.env.event()
            done.succeed()
        self.station.model.on_repair(self, cause, repair_time)

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


class Station:
    """A station: an input buffer, its machines, and its per-station counters."""

    def __init__(self, model: LineModel, name: str, spec: StationSpec, is_first: bool) -> None:
        self.model = model
        self.env = model.env
        self.name = name
        """Station name, as in the scenario."""
        self.spec = spec
        """The station's scenario entry."""
        self.is_first = is_first
        capacity = float("inf") if spec.buffer == "inf" else spec.buffer
        self.buffer = Buffer(self.env, capacity=capacity)
        """Input buffer (blocking-after-service when finite)."""
        self.rework_queue: deque[Part] = deque()
        self.next: Station | None = None
        """Downstream station (``None`` for the last one)."""
        self.gate = Gate(self.env, is_open=True)
        """Open while the line is in a shift and the station is staffed."""
        streams = model.streams
        self.process_time: dict[str, Sampler] = {
            v: streams.sampler(f"station:{name}:process:{v}", model.scenario.process_time(name, v))
            for v in model.scenario.variants
        }
        self.setup = (
            streams.sampler(f"station:{name}:setup", spec.setup_time) if spec.setup_time else None
        )
        self.quality = streams.uniform(f"station:{name}:quality")
        self.scrap_p = spec.scrap
        """Current scrap probability: the spec's, unless a quality drift moves it."""
        self.processed = 0
        self.good = 0
        self.scrapped = 0
        self.reworked = 0
        self.machines: list[Machine] = []

    def start(self) -> None:
        """Create the machines (after the whole line is wired up)."""
        self.machines = [Machine(self, i) for i in range(self.spec.machines)]

    def set_open(self, is_open: bool) -> None:
        """Open or close the station (shift calendar, staffing)."""
        if self.gate.set(is_open):
            for machine in self.machines:
                machine._refresh()

    def power(self, state: str) -> float:
        """Electrical draw of one machine in ``state``, in kW."""
        return getattr(self.spec.power_kw, _POWER_KEY[state])

    @property
    def queue_length(self) -> int:
        """Parts waiting in the input buffer (plus rework waiting)."""
        return len(self.buffer.items) + len(self.rework_queue)
