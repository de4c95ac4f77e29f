"""A station's machine: one SimPy process with exact state accounting, written as steps.

Each machine takes a part from its station's input buffer, waits for the station to be open
and staffed, consumes raw material (first station only), sets up when the variant changes,
processes, and hands the part on (blocking while the next buffer is full). Every moment of
every machine is accounted to exactly one state in :data:`~sim.line.states.STATES`; the
effective state is derived from what the machine is doing (its *activity*) and two
overrides: a broken machine is ``down``, and a machine that is waiting while its station is
closed is ``off``.

Direct hand-over: in plain SimPy, ``part = yield buffer.get()`` and ``yield buffer.put(part)``
each cost an event round trip even when nobody has to wait. Here a machine first tries
``buffer.take()`` (a part is at hand: take it now) and ``next_buffer.offer(part)`` (there is
room: put it in now, waking a starved machine downstream if one waits). Only when it must
wait -- starved, blocked, for material, or off -- does it wait for a SimPy event, as a
lecturer would write it. The results are the same as with the round trips (see
``scripts/result_hashes.py``).

The process is the machine itself (``env.process(machine)``), a :class:`~sim.line.steps.Steps`
state machine, so that a running line can be copied. It replaces this generator (the step
that does each part is named on the right)::

    while True:
        while not gate.is_open or broken:                 # _next_part -> _hold
            yield repaired  /  yield gate.wait()
        part = rework.popleft() or buffer.take()          # _next_part
        if part is None:
            try: part = yield buffer.get()                # _got (-> _next_part)
            except Interrupt: continue                    # _get_interrupted (broken meanwhile)
        while not gate.is_open or broken: ...             # _next_part again (part at hand)
        if first station: yield from consume(part)        # _next_part (call when short)
        if the variant changes: yield from _work(setup)   # call(Work) -> _process
        try: yield env.timeout(duration)                  # _next_part / _process -> _processed
        except Interrupt:                                 # _interrupted (a breakdown)
            while broken: yield repaired                  # _rest
            yield from _work(rest)                        #   -> _processed
        count; scrap / rework / good                      # _processed
        yield target.put(part)        (routed rework)     # -> _rework_joined
        yield next_buffer.put(part)   (when blocked)      # -> _handed_on
        for part in batch: yield next_buffer.put(part)    # _move_batch -> _batch_moved

The steps after processing (count, quality, hand-over) are in :mod:`sim.line.handover`, mixed
in as :mod:`sim.line.failures` is for the breakdowns. Hot steps set ``send``/``throw``
themselves where the others call :meth:`Steps.wait <sim.line.steps.Steps.wait>` (the same two
assignments, without a function call per part).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

import simpy

from sim.line.buffers import ZeroBuffer
from sim.line.failures import Breakdowns, CalendarFailures
from sim.line.handover import HandOver, unhandled
from sim.line.states import BLOCKED, BUSY, DOWN, MATERIAL, OFF, SETUP, STARVED, STATES
from sim.line.steps import Steps

if TYPE_CHECKING:
    from sim.line.model import Part
    from sim.line.station import Station

__all__ = ["Machine"]

_WAITING = frozenset((STARVED, BLOCKED, OFF, MATERIAL))


class Machine(HandOver, Breakdowns, Steps):
    """One machine of a station: its process (the steps below), state clock and failures."""

    # Fixed attributes: a machine is read on every event, and slots keep those reads fast
    # (a plain instance dict of this many keys loses CPython's shared-key fast path).
    __slots__ = ("_after_processing", "_batch", "_plain", "_get", "_next_capacity", "_next_zero",
                 "_on_interrupt", "_put", "_rework_p", "_sub", "activity", "began", "broken",
                 "env", "failure_clock", "freeze_processing", "freeze_repair", "getting", "hooks",
                 "index", "last_variant", "life", "moving", "next_failure", "operating_clock",
                 "part", "part_log", "passed", "process", "processed", "repaired", "rest",
                 "run_start", "send", "since", "state", "station", "throw", "time", "ttf",
                 "ttf_left", "ttr", "unbooked", "up_since", "working")

    send: Any
    """The step that comes next (:class:`~sim.line.steps.Steps`; the hot steps set it)."""
    throw: Any
    """What runs if the event waited for fails or the process is interrupted."""

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
        self.part: Part | None = None
        """The part in the machine's hands (taken and not yet handed on), else None."""
        self.began = 0.0
        """When the part at hand began setup and processing (the part log's start)."""
        self.run_start = 0.0
        """When the current processing timeout began (hot path)."""
        self.unbooked = 0.0
        """Operating minutes of the hot path's timeout, booked on the failure clock when it
        fires (0 after :class:`~sim.line.failures.Work`, which books its own)."""
        self.rest = 0.0
        """Processing minutes left after a breakdown's interrupt."""
        self.hooks = False
        self.part_log: Any = None
        self.passed: Any = None
        """The quality hook for good parts (``[quality]``, a bound method), else None."""
        self._get: Any = None
        self._put: Any = None
        self._next_capacity = 0.0
        self._next_zero = False
        self._rework_p = 0.0
        self._batch = 1
        self._plain = False
        """No part log, hooks, quality hook, ideal times, rework or transfer batch: the
        hand-over's short path (:meth:`~sim.line.handover.HandOver._processed`)."""
        model = station.model
        fail = station.spec.failures
        name = f"station:{station.name}:{index}"
        self.ttf = model.streams.sampler(f"{name}:ttf", fail.ttf) if fail else None
        self.ttr = model.streams.sampler(f"{name}:ttr", fail.ttr) if fail else None
        self.operating_clock = fail is not None and fail.clock == "operating"
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
        self.send, self.throw, self._sub = self.start, unhandled, None  # (Steps' defaults)
        self._after_processing, self._on_interrupt = self._processed, self._interrupted
        """The hot path's steps, bound once (``self._processed`` binds anew at every use)."""
        self.process = self.env.process(self)  # type: ignore[arg-type]
        self.failure_clock: simpy.Process | None = None
        """Calendar clock: the failure process (a forecast may redraw its next failure)."""
        if fail is not None and not self.operating_clock:
            self.failure_clock = self.env.process(CalendarFailures(self))  # type: ignore[arg-type]

    def renew(self) -> None:
        """Start a fresh operating-time life (after a failure or a planned maintenance)."""
        self.ttf_left = self.life = self.ttf()

    # -- state accounting -------------------------------------------------------------------
    def _refresh(self) -> None:
        """Derive the effective state again (the station opened or closed, a breakdown)."""
        self.set_activity(self.activity)

    def set_activity(self, activity: str) -> None:
        """Record what the machine is now doing."""
        self.activity = activity
        # the effective state (down and off override the activity), and its clock if it changed
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

    # -- the machine's process: taking and starting a part -----------------------------------
    def start(self, _: Any) -> Any:
        """The generator's first run: what it looks up once (its locals), then a part."""
        model = self.station.model
        self.hooks = model.buffer_hooks  # (the base model's hooks do nothing: skip the calls)
        self.part_log = model.part_log  # per-part log (``part_log = true``), else None
        self.passed = model.quality.hook(self.station) if model.quality is not None else None
        st = self.station
        self._rework_p, self._batch = st.spec.rework, st.spec.transfer_batch
        self._plain = (not self.hooks and self.part_log is None and self.passed is None
                       and st.ideal is None and not self._rework_p and self._batch == 1)
        self._get = st.buffer.get  # (SimPy binds ``get``/``put`` per call: bind them once)
        nxt = st.next
        if nxt is not None:
            self._put = nxt.buffer.put
            self._next_capacity = nxt.buffer.capacity
            self._next_zero = isinstance(nxt.buffer, ZeroBuffer)  # ``buffer = 0`` downstream
        return self._next_part(None)

    def _hold(self, then: Any) -> Any:
        """One turn of ``while not gate.is_open or broken``; ``then`` checks again."""
        if self.broken:
            return self.wait(self.repaired, then)
        self.set_activity(OFF)
        return self.wait(self.station.gate.wait(), then)

    def _next_part(self, _: Any) -> Any:
        """Take a part and start it, once the station is open and the machine works."""
        st = self.station
        gate = st.gate
        if not gate.is_open or self.broken:  # wait for the repair or the shift (repeats)
            return self._hold(self._next_part)
        part = self.part
        if part is None:
            if st.rework_queue:  # rework here comes first
                part = st.rework_queue.popleft()
            else:
                part = st.buffer.take()  # direct hand-over: a part at hand needs no event
                if part is None:  # starved: wait for a part (the one event of this hand-over)
                    self.set_activity(STARVED)
                    # The pending get is kept in ``getting`` so that a breakdown can withdraw
                    # it (``fail``); the interrupt then sends the machine back to wait for its
                    # repair before it asks for a part again (issue #13, defect 1).
                    self.getting = request = self._get()
                    self.send, self.throw = self._got, self._get_interrupted
                    return request
                if self.hooks:
                    st.model.on_leave_buffer(st, part)
            self.part = part
            if not gate.is_open or self.broken:
                return self._hold(self._next_part)
        if st.is_first and not part.started:
            # ``yield from consume(part)``; then this step again: a breakdown or a closing
            # during the wait for material is waited out before the part starts
            part.started = True  # (read only here: set before the wait, not after it)
            short = st.model.materials.consume(part, self)  # ``None``: taken at once
            if short is not None:
                return self.call(short, self._next_part)
        if self.part_log is not None:
            self.began = self.env.now  # the part log's start: setup and processing from here
        last = self.last_variant
        if last != part.variant and st.setup is not None and last is not None:
            self.set_activity(SETUP)
            return self.call(self._work(st.setup()), self._process)
        # ``_process`` inline (the hot path: one step per part fewer)
        self.last_variant = part.variant
        if self.activity is not BUSY:  # (straight on from the last part: already busy)
            self.set_activity(BUSY)
        duration = st.process_time[part.variant].next()
        if duration + 1e-9 < self.ttf_left and not (self.freeze_processing
                                                    and not gate.is_open):
            self.working = True
            env = self.env
            self.run_start = env.now
            self.unbooked = duration
            self.send, self.throw = self._after_processing, self._on_interrupt
            return env.timeout(duration)
        self.unbooked = 0.0
        return self.call(self._work(duration), self._processed)

    def _got(self, part: Part) -> Any:
        """``part = yield buffer.get()`` (``finally: getting = None``): a part came."""
        self.getting = None
        st = self.station
        if self.hooks:
            st.model.on_leave_buffer(st, part)
        self.part = part
        return self._next_part(None)

    def _get_interrupted(self, exc: BaseException) -> Any:
        """``except Interrupt: continue`` around the get: broken while starved."""
        self.getting = None
        if not isinstance(exc, simpy.Interrupt):
            raise exc
        return self._next_part(None)  # the loop's top waits for the repair

    def _process(self, _: Any) -> Any:
        """After a setup: process the part, one timeout when no failure falls into it.

        (Without a setup, :meth:`_next_part` does the same inline.)
        """
        part: Part = self.part  # type: ignore[assignment]
        st = self.station
        self.last_variant = part.variant
        if self.activity is not BUSY:  # (straight on from the last part: already busy)
            self.set_activity(BUSY)
        duration = st.process_time[part.variant].next()
        if duration + 1e-9 < self.ttf_left and not (self.freeze_processing
                                                    and not st.gate.is_open):
            # Hot path, as ``Work`` for a run that ends before the next failure is due (no
            # sub-process); a breakdown's interrupt hands the rest to ``Work``.
            self.working = True
            self.run_start = self.env.now
            self.unbooked = duration
            self.send, self.throw = self._after_processing, self._on_interrupt
            return self.env.timeout(duration)
        self.unbooked = 0.0
        return self.call(self._work(duration), self._processed)

    def _interrupted(self, exc: BaseException) -> Any:
        """``except Interrupt`` around the processing timeout: book what ran, repair, go on."""
        if not isinstance(exc, simpy.Interrupt):
            raise exc
        elapsed = self.env.now - self.run_start
        if self.operating_clock:
            self.ttf_left -= elapsed
        self.rest, self.unbooked = self.unbooked - elapsed, 0.0
        return self._rest(None)

    def _rest(self, _: Any) -> Any:
        """``while broken: yield repaired``, then ``yield from _work(rest)``."""
        if self.broken:
            return self.wait(self.repaired, self._rest)
        return self.call(self._work(self.rest), self._processed)
