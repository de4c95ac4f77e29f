"""Stations and their machines: SimPy processes with exact state accounting.

Each machine is one SimPy process that takes a part from its station's input buffer, waits for
the station to be open and staffed, consumes raw material (first station only), sets up when
the variant changes, processes, and hands the part on (blocking while the next buffer is full).
Every moment of every machine is accounted to exactly one state in :data:`STATES`; the
effective state is derived from what the machine is doing (its *activity*) and two overrides:
a broken machine is ``down``, and a machine that is waiting while its station is closed is
``off``.

Direct hand-over: in plain SimPy, ``part = yield buffer.get()`` and ``yield buffer.put(part)``
each cost an event round trip even when nobody has to wait. Here a machine first tries
``buffer.take()`` (a part is at hand: take it now) and ``next_buffer.offer(part)`` (there is
room: put it in now, waking a starved machine downstream if one waits). Only when it must
wait — starved, blocked, for material, or off — does it ``yield`` a SimPy event, as a
lecturer would write it. The results are the same as with the round trips (see
``scripts/result_hashes.py``); a release loop that lets many parts in at one instant (order
book, push) keeps one put event per part, so others still act between two parts.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import simpy

from sim.line.buffers import Buffer, Gate, ZeroBuffer
from sim.line.failures import Breakdowns
from sim.line.states import BLOCKED, BUSY, DOWN, MATERIAL, OFF, SETUP, STARVED, STATES
from sim.line.streams import Sampler

if TYPE_CHECKING:
    from sim.line.model import LineModel, Part
    from sim.scenario.schema import StationSpec

_WAITING = frozenset((STARVED, BLOCKED, OFF, MATERIAL))
_POWER_KEY = {BUSY: "busy", SETUP: "setup", STARVED: "idle", MATERIAL: "idle",
              BLOCKED: "idle", DOWN: "down", OFF: "off"}


class Machine(Breakdowns):
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
        self.getting: simpy.resources.store.StoreGet | None = None
        """The machine's pending request for a part while it waits on its buffer (else None).

        A breakdown withdraws it (see :meth:`fail`): a broken machine takes no part, so the
        next part goes to a free sibling or waits in the buffer until the repair is done.
        """
        self.last_variant: str | None = None
        self.processed = 0
        """Parts processed (good, rework and scrap)."""
        self.moving: deque[Part] = deque()
        """The rest of a transfer batch this machine is moving on (``transfer_batch`` > 1)."""
        model = station.model
        fail = station.spec.failures
        name = f"station:{station.name}:{index}"
        self.ttf = model.streams.sampler(f"{name}:ttf", fail.ttf) if fail else None
        self.ttr = model.streams.sampler(f"{name}:ttr", fail.ttr) if fail else None
        self.operating_clock = bool(fail) and fail.clock == "operating"
        freeze = model.scenario.calendar.freeze if model.scenario.calendar else ()
        self.freeze_processing = "processing" in freeze
        """Whether processing and setup pause while the station is closed (else they finish)."""
        self.freeze_repair = "repair" in freeze
        """Whether a repair pauses (and the machine counts ``off``) while the station is closed."""
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
            # a repair frozen while the station is closed: the machine is off, not down
            new = OFF if self.freeze_repair and not self.station.gate.is_open else DOWN
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
            new = OFF if self.freeze_repair and not self.station.gate.is_open else DOWN
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
        get, take = buffer.get, buffer.take
        nxt = st.next
        next_buffer = nxt.buffer if nxt is not None else None
        put = next_buffer.put if nxt is not None else None
        offer = next_buffer.offer if nxt is not None else None
        next_capacity = next_buffer.capacity if nxt is not None else None
        next_zero = isinstance(next_buffer, ZeroBuffer)  # ``buffer = 0`` downstream
        quality = st.quality
        process_time = st.process_time
        on_leave, on_enter = model.on_leave_buffer, model.on_enter_buffer
        hooks = model.buffer_hooks  # (the base model's hooks do nothing: skip the calls)
        rework_p = st.spec.rework
        first = st.is_first
        batch = st.spec.transfer_batch
        freeze = self.freeze_processing  # (a closed station: ``_work`` waits first)
        plog = model.part_log  # per-part log (``part_log = true``), else None: one check
        ideal = st.ideal  # ideal cycle times per variant, or None
        passed = model.quality.hook(st) if model.quality is not None else None  # ([quality])
        began = 0.0
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
                part = take()  # direct hand-over: a part at hand needs no event
                if part is None:  # starved: wait for a part (the one event of this hand-over)
                    self.set_activity(STARVED)
                    # The pending get is kept in ``getting`` so that a breakdown can withdraw
                    # it (``fail``); the interrupt then sends the machine back to wait for its
                    # repair before it asks for a part again (issue #13, defect 1).
                    self.getting = request = get()
                    try:
                        part = yield request
                    except simpy.Interrupt:
                        continue  # broken while waiting: the loop's top waits for the repair
                    finally:
                        self.getting = None
                if hooks:
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
                # A machine may break down or its station close while it waits for material:
                # it starts only when repaired and open, as at the top of the loop.
                while not gate.is_open or self.broken:
                    if self.broken:
                        yield self.repaired
                    else:
                        self.set_activity(OFF)
                        yield gate.wait()
            if plog is not None:
                began = env.now  # the part log's start: setup and processing from here
            if self.last_variant != part.variant and st.setup is not None:
                if self.last_variant is not None:
                    self.set_activity(SETUP)
                    yield from self._work(st.setup())
            self.last_variant = part.variant
            if self.activity is not BUSY:  # (straight on from the last part: already busy)
                self.set_activity(BUSY)
            duration = process_time[part.variant].next()
            if duration + 1e-9 < self.ttf_left and not (freeze and not gate.is_open):
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
            if ideal is not None:  # ISO 22400 performance: ideal minutes of what was made
                st.ideal_minutes += ideal[part.variant]
            scrap_p = st.scrap_p  # the spec's, unless a quality drift moves it (sim.line.wear)
            if scrap_p or rework_p:
                u = quality()
                if u < scrap_p:
                    if plog is not None:
                        plog.add(part, st.name, began, env.now, "scrap")
                    st.scrapped += 1
                    model.on_scrap(st, part)
                    continue
                if u < scrap_p + rework_p:
                    if plog is not None:
                        plog.add(part, st.name, began, env.now, "rework")
                        part.entered = env.now  # (routed rework: reset when it joins)
                    st.reworked += 1
                    part.reworks += 1
                    back = st.rework_to
                    if back is None:  # reworked here next, ahead of the queue
                        rework.append(part)
                        continue
                    # Routed rework: the part joins the end of ``back``'s queue (this station
                    # or an upstream one), blocking this machine while that buffer is full.
                    # (A loop of full finite buffers can deadlock, as in a real plant.)
                    target = back.buffer
                    if (target.room <= 0 if isinstance(target, ZeroBuffer)
                            else len(target.items) >= target.capacity):
                        self.set_activity(BLOCKED)
                    yield target.put(part)
                    if plog is not None:
                        part.entered = env.now
                    if hooks:
                        on_enter(back, part)
                    continue
            st.good += 1
            if passed is not None:  # hidden defects, batch times (sim.line.inspection)
                passed(st, part)
            if plog is not None:
                plog.add(part, st.name, began, env.now, "good")
            if batch > 1:
                # Transfer batch: good parts wait in the station's outbox until ``batch`` are
                # done; the machine that completes the batch moves all of them on, one put at
                # a time (blocking while the next buffer is full), while its siblings go on.
                st.outbox.append(part)
                if len(st.outbox) < batch:
                    continue
                self.moving, st.outbox = st.outbox, deque()
                moving = self.moving
                while moving:
                    part = moving.popleft()
                    if nxt is None:
                        model.on_finish(part)
                        continue
                    if not offer(part):  # blocked: wait for room
                        if (next_buffer.room <= 0 if next_zero
                                else len(next_buffer.items) >= next_capacity):
                            self.set_activity(BLOCKED)
                        yield put(part)
                    if plog is not None:
                        part.entered = env.now
                    if hooks:
                        on_enter(nxt, part)
            elif nxt is None:
                model.on_finish(part)
            else:
                if not offer(part):  # direct hand-over when there is room, else wait for it
                    if (next_buffer.room <= 0 if next_zero  # no machine waiting downstream
                            else len(next_buffer.items) >= next_capacity):  # (else no instant)
                        self.set_activity(BLOCKED)
                    yield put(part)
                if plog is not None:
                    part.entered = env.now
                if hooks:
                    on_enter(nxt, part)


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
        self.buffer = Buffer(self.env, capacity=capacity) if capacity else ZeroBuffer(self.env)
        """Input buffer (blocking-after-service when finite; a direct hand-over when 0)."""
        self.rework_queue: deque[Part] = deque()
        """Parts to be reworked here next, ahead of the buffer (when ``rework_to`` is unset)."""
        self.rework_to: Station | None = None
        """Station whose buffer a part needing rework joins (set by the model's wiring)."""
        self.outbox: deque[Part] = deque()
        """Good parts waiting for their transfer batch to fill (``transfer_batch`` > 1)."""
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
        ideal = spec.ideal_cycle_time
        self.ideal: dict[str, float] | None = None if ideal is None else {
            v: spec.ideal_cycle_time_by_variant.get(v, ideal) for v in model.scenario.variants}
        """Ideal cycle time per variant (minutes), or ``None`` when the spec sets none."""
        self.ideal_minutes = 0.0
        """Ideal cycle time x parts processed, summed over the processed parts (ISO 22400)."""

    def start(self) -> None:
        """Create the machines (after the whole line is wired up)."""
        self.machines = [Machine(self, i) for i in range(self.spec.machines)]

    def set_open(self, is_open: bool) -> None:
        """Open or close the station (shift calendar, staffing)."""
        if self.gate.set(is_open):
            for machine in self.machines:
                machine._refresh()
                if not is_open and machine.working and machine.freeze_processing:
                    # frozen processing: stop the clock of the part at hand (``_work`` resumes
                    # the rest when the station opens again)
                    machine.working = False
                    machine.process.interrupt("closed")

    def power(self, state: str) -> float:
        """Electrical draw of one machine in ``state``, in kW."""
        return getattr(self.spec.power_kw, _POWER_KEY[state])

    @property
    def held(self) -> int:
        """Good parts not yet handed on: in the outbox or the rest of a batch being moved."""
        return len(self.outbox) + sum(len(m.moving) for m in self.machines)

    @property
    def queue_length(self) -> int:
        """Parts waiting in the input buffer (plus rework waiting)."""
        return len(self.buffer.items) + len(self.rework_queue)
