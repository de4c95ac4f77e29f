"""The line model: one SimPy environment, its stations, work, material, calendar and streams.

:class:`LineModel` owns everything of one run: the ``simpy.Environment``, the random streams,
the stations and buffers, the release process, raw material, staffing, the scripted
disruptions and the bookkeeping that KPIs are computed from. It has no globals and does
nothing at import time. Agents reach it only through :class:`~sim.line.control.LineControl`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import simpy

from sim.line.calendar import Staffing
from sim.line.energy import EnergyMeter
from sim.line.events import EventLog, Histogram, PartLog
from sim.line.inspection import Quality
from sim.line.material import Materials, Shipment
from sim.line.recording import Timeseries, Warmup
from sim.line.release import Release
from sim.line.station import STATES, Machine, Station
from sim.line.steps import Steps
from sim.line.streams import Streams
from sim.scenario.schema import Scenario

Listener = Callable[[str, dict[str, Any]], None]
"""A callback for announcements: ``listener(kind, data)``."""


class Part:
    """A part (one unit of a variant) travelling through the line."""

    __slots__ = ("id", "variant", "order", "released", "due", "started", "reworks", "entered")

    def __init__(self, pid: int, variant: str, order: str | None, released: float,
                 due: float | None) -> None:
        self.id = pid
        self.variant = variant
        self.order = order
        self.released = released
        self.due = due
        self.started = False
        self.reworks = 0
        """Times the part was sent back for rework (its extra visits)."""
        self.entered = released
        """When it joined its current station's queue (kept only with the part log on)."""


class LineModel:
    """A production line of one scenario and seed, ready to run.

    Args:
        scenario: The validated scenario.
        seed: Seed of the run's random streams.
        event_log: Keep an event log (default: as the scenario says).
    """

    def __init__(self, scenario: Scenario, seed: int = 0, event_log: bool | None = None) -> None:
        self.scenario = scenario
        """The scenario this model runs."""
        self.seed = int(seed)
        self.env = simpy.Environment()
        """The one SimPy environment of this run."""
        self.streams = Streams(self.seed)
        keep_log = scenario.event_log if event_log is None else event_log
        self.log: EventLog | None = EventLog(scenario.event_log_limit) if keep_log else None
        """The event log, or ``None`` when it is off."""
        self.part_log: PartLog | None = (
            PartLog(scenario.part_log_limit) if scenario.part_log else None)
        """The per-part, per-station log (``part_log = true``), or ``None``."""
        self.crew_wait = 0.0
        """Minutes breakdowns waited for a repair crew (with ``repair.crews``)."""
        self.crew_jobs = 0
        """Repairs and maintenance jobs a crew started."""
        self.crew_busy = 0.0
        """Crew minutes spent on repairs (with ``repair.crews``)."""
        cls = type(self)
        self.buffer_hooks = (cls.on_enter_buffer is not LineModel.on_enter_buffer
                             or cls.on_leave_buffer is not LineModel.on_leave_buffer)
        """Whether a subclass overrides the buffer hooks (else the machines skip the calls)."""
        self.listeners: list[Listener] = []
        """Callbacks told about announcements (delays reported, breakdowns ...)."""
        self.repair_crews = (
            simpy.Resource(self.env, scenario.repair.crews) if scenario.repair.crews else None
        )
        names = list(scenario.stations)
        self.stations = [
            Station(self, name, scenario.stations[name], i == 0) for i, name in enumerate(names)
        ]
        """Stations in line order."""
        self.station = {s.name: s for s in self.stations}
        for up, down in zip(self.stations, self.stations[1:], strict=False):
            up.next = down
        for st in self.stations:  # rework routed to a station's queue (``rework_to``)
            st.rework_to = self.station[st.spec.rework_to] if st.spec.rework_to else None
        # bookkeeping
        self.wip = 0
        """Parts in the line now (released, not finished or scrapped)."""
        self.wip_area = 0.0
        self._wip_since = 0.0
        self.released = 0
        self.finished: dict[str, int] = dict.fromkeys(scenario.variants, 0)
        """Good parts finished, per variant."""
        self.scrapped = 0
        self.finished_reworks = 0
        """Rework passes of the good parts finished (visits beyond the first)."""
        self.cycle = Histogram()
        """Cycle times (minutes) of finished parts."""
        self.due_units = 0
        self.late_units = 0
        """Finished units delivered after their due date."""
        self.lateness_minutes = 0.0
        self.breakdowns = 0
        self.maintenance_cost = 0.0
        self.repair_cost: float | None = None
        """Cost of failure repairs so far (``None``: no station prices its repairs)."""
        for spec in scenario.stations.values():
            if spec.failures is not None and spec.failures.repair_cost > 0:
                self.repair_cost = 0.0
        self.external_cost = 0.0
        """Cost of work done by other sites (outsourced units)."""
        self.external_co2 = 0.0
        self.external_units = 0
        self._next_id = 0
        self.materials = Materials(self)
        self._demand = (self.materials.demand
                        if any(v.bom for v in scenario.variants.values()) else None)
        self.release = Release(self)
        self.staffing = Staffing(self)
        for station in self.stations:
            station.start()
        self.energy = EnergyMeter(self) if scenario.energy is not None else None
        """Hourly energy, cost and CO2 and the stations' speeds (``[energy]``; else None)."""
        self.quality = Quality(self) if scenario.quality is not None else None
        """Hidden defects, dispatch, QA, quarantine (``[quality]``; else None)."""
        self.samples: list[tuple[Any, ...]] = []
        """Timeseries rows (see :meth:`sample_columns`)."""
        if scenario.sample_interval > 0:
            self.env.process(Timeseries(self, scenario.sample_interval))
        self.baseline: dict[str, Any] | None = None
        """Counters at the end of the warm-up (subtracted from the line KPIs)."""
        if scenario.warmup > 0:
            self.env.process(Warmup(self, scenario.warmup))
        from sim.line.disruptions import schedule_disruptions

        schedule_disruptions(self)
        from sim.line.control import LineControl

        self.control = LineControl(self)
        """The levers agents may pull."""

    # -- running -----------------------------------------------------------------------------
    def run(self, until: float | None = None) -> None:
        """Advance the simulation to ``until`` minutes (default: the horizon)."""
        end = self.scenario.horizon if until is None else min(until, self.scenario.horizon)
        if end > self.env.now:
            self.env.run(until=end)
        self.flush()

    @property
    def now(self) -> float:
        """The simulation clock, in minutes since Monday 00:00."""
        return self.env.now

    def flush(self) -> None:
        """Bring every time accumulator up to the current clock."""
        now = self.env.now
        self.wip_area += (now - self._wip_since) * self.wip
        self._wip_since = now
        for station in self.stations:
            for machine in station.machines:
                machine.flush()
        self.staffing.flush()

    def announce(self, kind: str, truth: dict[str, Any] | None = None, **data: Any) -> None:
        """Tell listeners (agents) about something that happened, and log it.

        Args:
            kind: The announcement kind.
            truth: Facts for the event log only (e.g. the true end of an outage): what the
                line's record shows afterwards, but nobody on the shop floor knows yet.
            **data: What the listeners are told (and the log records).
        """
        data.setdefault("time", self.env.now)
        if self.log is not None:
            self.log.add(self.env.now, kind, {**data, **truth} if truth else data)
        for listener in self.listeners:
            listener(kind, data)

    # -- part flow hooks (called by stations, release and material) ---------------------------
    def _wip_change(self, delta: int) -> None:
        now = self.env.now
        self.wip_area += (now - self._wip_since) * self.wip
        self._wip_since = now
        self.wip += delta

    def release_part(self, variant: str, order: str | None, due: float | None,
                     hand_over: bool = True) -> EnterFirstBuffer | None:
        """Create a part released now and put it into the first buffer.

        What the sub-generator of the release did before its ``yield``, done now (the caller
        runs it at once, as ``yield from`` ran the generator).

        Args:
            variant: The part's variant.
            order: Its order's name, or ``None``.
            due: Its due date (minutes), or ``None``.
            hand_over: Put it in directly when the buffer has room (no event). ``False``
                keeps one put event per part, so that a loop releasing many parts at one
                instant (order book, push) lets others act between two parts, as before.

        Returns:
            ``None`` when the part went straight into the buffer, else the sub-process that
            waits for room (run it with ``Steps.call``; a sub-process per part only then).
        """
        self._next_id += 1
        part = Part(self._next_id, variant, order, self.env.now, due)
        self.released += 1
        self._wip_change(+1)
        if self.log is not None:
            self.log.add(self.env.now, "release", {"part": part.id, "variant": variant})
        if self._demand is not None:  # (only when some variant has a bill of materials)
            self._demand(part)
        if hand_over and self.stations[0].buffer.offer(part):  # direct hand-over: room
            if self.part_log is not None:
                part.entered = self.env.now
            return None
        return EnterFirstBuffer(self, part)

    def on_enter_buffer(self, station: Station, part: Part) -> None:
        """A part entered ``station``'s buffer (hook for subclasses and logs)."""

    def on_leave_buffer(self, station: Station, part: Part) -> None:
        """A part left ``station``'s buffer (hook for subclasses and logs)."""

    def on_finish(self, part: Part) -> None:
        """A good part left the last station."""
        now = self.env.now
        self.finished[part.variant] += 1
        self.finished_reworks += part.reworks
        self._wip_change(-1)
        self.cycle.add(now - part.released)
        if self.quality is not None:  # dispatch: QA, quarantine, escapes (sim.line.inspection)
            self.quality.finished(part)
        if part.due is not None:
            self.due_units += 1
            if now > part.due + 1e-9:
                self.late_units += 1
                self.lateness_minutes += now - part.due
        if part.order is not None:
            order = self.release.orders[part.order]
            order.done += 1
            if order.done >= order.quantity and order.finished_at is None:
                order.finished_at = now
        if self.log is not None:
            self.log.add(now, "finish", {"part": part.id, "variant": part.variant})
        self.release.kick()

    def deliver_external(self, order) -> None:  # noqa: ANN001 - an OrderState
        """One unit of ``order`` built elsewhere has arrived."""
        now = self.env.now
        self.external_units += 1
        order.done += 1
        self.due_units += 1
        if now > order.due + 1e-9:
            self.late_units += 1
            self.lateness_minutes += now - order.due
        if order.done >= order.quantity and order.finished_at is None:
            order.finished_at = now

    def on_maintained(self, machine: Machine) -> None:
        """Planned maintenance of ``machine`` is finished."""

    def on_scrap(self, station: Station, part: Part) -> None:
        """A part was scrapped at ``station``; an order's part is replaced."""
        self.scrapped += 1
        self._wip_change(-1)
        if self.log is not None:
            self.log.add(self.env.now, "scrap", {"part": part.id, "station": station.name})
        self.release.requeue(part.variant, part.order)
        self.release.kick()

    def on_material_short(self, part: Part, machine: Machine) -> None:
        """The first station found too little material for ``part``."""
        self.announce("material_short", variant=part.variant, station=machine.station.name)

    def on_delivery(self, shipment: Shipment) -> None:
        """A shipment arrived."""
        self.announce("delivery", material=shipment.material, quantity=shipment.quantity,
                      source=shipment.source)

    def on_breakdown(self, machine: Machine, cause: str) -> None:
        """A machine went down."""
        self.breakdowns += cause != "maintenance"
        self.announce("breakdown", station=machine.station.name, machine=machine.index,
                      cause=cause)

    def on_repair(self, machine: Machine, cause: str, repair_time: float) -> None:
        """A machine came back up."""
        if self.repair_cost is not None and cause == "failure":
            self.repair_cost += machine.station.spec.failures.repair_cost
        self.announce("repaired", station=machine.station.name, machine=machine.index,
                      cause=cause, repair_minutes=repair_time)

    def on_overtime(self, minutes: float, staff: int) -> None:
        """The day's last shift was extended."""
        self.announce("overtime", minutes=minutes, staff=staff)

    # -- views used by KPIs, the sampler and agents --------------------------------------------
    def backlog_due_within(self, window: float) -> int:
        """Units not yet delivered that are late or due within ``window`` minutes."""
        limit = self.env.now + window
        return sum(
            o.quantity - o.done for o in self.release.orders.values()
            if not o.cancelled and o.due <= limit and o.done < o.quantity
        )

    def sample_columns(self) -> list[str]:
        """Column names of :attr:`samples`."""
        cols = ["time_min", "wip", "output", "scrapped", "backlog"]
        cols += [f"output_{v}" for v in self.scenario.variants]
        cols += [f"stock_{m}" for m in self.scenario.materials]
        cols += [f"queue_{s.name}" for s in self.stations]
        cols += [f"state_{s.name}" for s in self.stations]
        return cols

    def _sample(self) -> tuple[Any, ...]:
        row: list[Any] = [self.env.now, self.wip, sum(self.finished.values()), self.scrapped,
                          self.backlog_due_within(0.0)]
        row += list(self.finished.values())
        row += list(self.materials.stock.values())
        row += [s.queue_length for s in self.stations]
        row += [_dominant_state(s) for s in self.stations]
        return tuple(row)

    def counters(self) -> dict[str, Any]:
        """A snapshot of every cumulative counter (for warm-up deletion)."""
        return {
            "time": {(s.name, m.index): dict(m.time) for s in self.stations for m in s.machines},
            "processed": {s.name: (s.processed, s.good, s.scrapped, s.reworked)
                          for s in self.stations},
            "finished": dict(self.finished),
            "wip_area": self.wip_area,
            "scrapped": self.scrapped,
            "cycle": self.cycle.copy(),
            "released": self.released,
            "ideal_minutes": {s.name: s.ideal_minutes for s in self.stations},
            "store": self.materials.snapshot(),
            "crew": (self.crew_wait, self.crew_jobs, self.crew_busy),
            "started": sum(self.materials.started.values()),
        }


def _dominant_state(station: Station) -> str:
    states = [m.state for m in station.machines]
    if len(states) == 1:
        return states[0]
    return max(STATES, key=states.count)


# -- the release sub-process (a SimPy process body as plain data, see sim.line.steps) ---------
class EnterFirstBuffer(Steps):
    """A released part waits for room in the first buffer (``yield first.put(part)``)."""

    def __init__(self, model: LineModel, part: Part) -> None:
        self.model = model
        self.part = part

    def start(self, _: Any) -> Any:
        """Wait until the first buffer takes the part."""
        return self.wait(self.model.stations[0].buffer.put(self.part), self.entered)

    def entered(self, _: Any) -> Any:
        """The part is in the first buffer (the part log notes when)."""
        if self.model.part_log is not None:
            self.part.entered = self.model.env.now
        return self.done()
