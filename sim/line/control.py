"""The narrow control interface through which agents (and people) act on the line.

Agents never touch SimPy objects. They read an :class:`Observation` and pull the levers of
:class:`LineControl`, as typed commands (:mod:`sim.line.commands`: one dataclass per lever
with ``apply(control)`` and ``text()``); every lever pulled is recorded in
:attr:`LineControl.actions` as ``(time, command)`` so that a run can be replayed exactly (the
planner's twin replays the past this way). :class:`Observation` lives in
:mod:`sim.line.observation` and is re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.line import commands as cmd
from sim.line.actions import ExternalDelivery, LaterCommand, Maintenance
from sim.line.calendar import shift_segments
from sim.line.commands import Command
from sim.line.observation import Observation
from sim.line.wear import ConditionSensor

if TYPE_CHECKING:
    from sim.line.model import LineModel
    from sim.line.station import Machine


class LineControl:
    """The documented levers of the line.

    Args:
        model: The line model to act on.
    """

    def __init__(self, model: LineModel) -> None:
        self.model = model
        self.actions: list[tuple[float, Command]] = []
        """Every action taken: ``(time, typed command)`` (:mod:`sim.line.commands`)."""
        self._held_since: dict[str, float] = {}
        self._segments: tuple[tuple[float, int], ...] | None = None
        self._sensor: ConditionSensor | None = None
        self._planned: dict[tuple[str, int], list[list[float]]] = {}
        """Maintenances not started yet, per machine: ``[cost, cancelled]`` each."""
        model.listeners.append(self._hear)

    def _hear(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "route_held":
            self._held_since[data["material"]] = data["time"]

    def _record(self, command: Command) -> None:
        self.actions.append((self.model.env.now, command))
        self.model.announce("action", action=command.name, **command.kwargs())

    def observe(self) -> Observation:
        """Return a snapshot of the line for agents (the condition sensor reads once)."""
        m = self.model
        now = m.env.now
        pending: dict[str, int] = dict.fromkeys(m.scenario.variants, 0)
        for variant, _order in m.release.pending:
            pending[variant] += 1
        specs = m.scenario.release.orders
        orders = {
            o.name: {"variant": o.variant, "quantity": o.quantity, "done": o.done,
                     "due": o.due, "priority": o.priority, "released": o.released,
                     "release": specs[o.name].release}
            for o in m.release.orders.values() if not o.cancelled and o.done < o.quantity
        }
        if self._segments is None:
            self._segments = (tuple(shift_segments(m)) if m.scenario.calendar is not None
                              else ())
        if self._sensor is None:
            self._sensor = ConditionSensor(m, m.scenario.agents.maintenance.signal_noise)
        held = {k: v for k, v in self._held_since.items()
                if m.materials.blocked_until[k] > now}
        return Observation(
            time=now,
            stock=dict(m.materials.stock),
            pipeline={n: m.materials.pipeline(n) for n in m.scenario.materials},
            route_held_since=held,
            wip=m.wip,
            queues={s.name: s.queue_length for s in m.stations},
            states={s.name: [x.state for x in s.machines] for s in m.stations},
            pending=pending,
            open_orders=orders,
            finished=dict(m.finished),
            staff_available=m.staffing.available,
            is_open=m.staffing.is_open,
            staff_scheduled=m.staffing.scheduled if m.scenario.calendar is not None else 0,
            overtime_max=m.staffing.overtime_max,
            shift_segments=self._segments,
            operators={s.name: s.spec.operators for s in m.stations},
            shipments=tuple((s.material, s.quantity, s.due, s.source)
                            for s in m.materials.shipments
                            if s.arrived is None and not s.cancelled),
            operating={s.name: [_operating(x) for x in s.machines] for s in m.stations},
            machine_age={s.name: [max(0.0, x.life - x.ttf_left) if x.operating_clock else None
                                  for x in s.machines] for s in m.stations},
            condition={s.name: [self._sensor.read(x) for x in s.machines]
                       for s in m.stations},
            quality={s.name: (s.processed, s.scrapped) for s in m.stations},
            energy=m.energy.observe() if m.energy is not None else {},
            shift_plans=tuple(m.staffing.plans),
            consumed=dict(m.materials.consumed),
            inspection=m.quality.observe() if m.quality is not None else {},
        )

    # -- sequencing ----------------------------------------------------------------------------
    def prioritise_variant(self, variant: str) -> None:
        """Switch the line to ``variant``: its parts go first, in release and in the first buffer.

        This re-sequences the order book (orders of ``variant`` first, by due date) and the
        parts already waiting at the first station.
        """
        m = self.model
        if variant not in m.scenario.variants:
            raise ValueError(f"unknown variant {variant!r}")
        self._record(cmd.PrioritiseVariant(variant))
        for order in m.release.orders.values():
            order.priority = order.due - (1e9 if order.variant == variant else 0.0)
        m.release._sort_pending()
        items = m.stations[0].buffer.items
        items.sort(key=lambda part: part.variant != variant)
        m.release.kick()

    def reset_priorities(self) -> None:
        """Back to earliest-due-date sequencing."""
        self._record(cmd.ResetPriorities())
        m = self.model
        for order in m.release.orders.values():
            order.priority = order.due
        m.release._sort_pending()
        m.stations[0].buffer.items.sort(key=lambda part: part.due if part.due is not None else 0)

    def pull_forward(self, order: str) -> int:
        """Release a future order's parts now (they join the order book's queue at once).

        Returns:
            The number of units pulled forward (0 if the order was already released).
        """
        self._record(cmd.PullForward(order))
        return self.model.release.pull_forward(order)

    def set_wip_cap(self, cap: int | None) -> None:
        """Change the WIP cap (``None`` removes it)."""
        self._record(cmd.SetWipCap(cap))
        self.model.release.wip_cap = cap
        self.model.release.kick()

    # -- material ------------------------------------------------------------------------------
    def order_material(
        self,
        material: str,
        quantity: float,
        lead_time: float,
        source: str,
        unit_cost: float,
        transport_cost_per_unit: float,
        co2_kg_per_unit: float,
    ) -> None:
        """Order material from ``source`` (a sister site, an express supplier ...).

        It arrives after ``lead_time`` minutes, unaffected by outages of the usual route, and
        its cost and CO2 are booked on arrival.
        """
        self._record(cmd.OrderMaterial(material, quantity, lead_time, source, unit_cost,
                                       transport_cost_per_unit, co2_kg_per_unit))
        m = self.model
        m.materials.order(material, quantity, m.env.now + lead_time, source, unit_cost,
                          transport_cost_per_unit, co2_kg_per_unit)

    def reorder_now(self, material: str) -> float:
        """Place one more (s, Q) order of ``material`` now, from its usual supplier.

        The order quantity and the lead time are the reorder rule's (the lead time drawn by
        the line, as for the rule's own orders); its arrival is announced in the
        observation's ``shipments``.

        Returns:
            The planned arrival (minutes).
        """
        self._record(cmd.ReorderNow(material))
        return self.model.materials.reorder_now(material)

    # -- work elsewhere ------------------------------------------------------------------------
    def outsource(self, order: str, quantity: int, lead_time: float, cost_per_unit: float,
                  co2_kg_per_unit: float, site: str) -> int:
        """Have ``site`` build up to ``quantity`` unreleased units of ``order``.

        The units leave the order book now and count as delivered after ``lead_time``.

        Returns:
            The number of units actually moved.
        """
        m = self.model
        state = m.release.orders[order]
        taken = 0
        keep = []
        for item in m.release.pending:
            if item[1] == order and taken < quantity:
                taken += 1
            else:
                keep.append(item)
        m.release.pending = keep
        self._record(cmd.Outsource(order, taken, lead_time, cost_per_unit, co2_kg_per_unit,
                                   site))
        m.external_cost += taken * cost_per_unit
        m.external_co2 += taken * co2_kg_per_unit
        state.released += taken
        m.env.process(ExternalDelivery(m, order, taken, lead_time))
        return taken

    # -- people --------------------------------------------------------------------------------
    def set_speed(self, station: str, speed: float) -> float:
        """Run ``station`` at ``speed`` (adaptive cycle timing; clipped to its allowed range).

        Raises:
            ValueError: Without an ``[energy]`` section, or for a station without a curve.
        """
        if self.model.energy is None:
            raise ValueError("set_speed needs an [energy] section in the scenario")
        speed = self.model.energy.set_speed(station, speed)
        self._record(cmd.SetSpeed(station, speed))
        return speed

    def reassign_staff(self, count: int, station: str | None = None) -> None:
        """Take ``count`` staff off the line (to quality checks); ``0`` brings them back.

        Args:
            count: Staff taken off (capped at ``station``'s operators when one is named).
            station: The station whose crew goes (it stands still meanwhile); ``None``: the
                stations last in line stop first, as the staffing rule fills stations in
                line order.
        """
        self._record(cmd.ReassignStaff(count, station))
        m = self.model
        count = max(0, int(count))
        if station is not None:
            count = min(count, m.station[station].spec.operators)
        m.staffing.reassigned = count
        m.staffing.taken_from = station
        m.staffing.apply()
        if m.quality is not None and m.scenario.quality.inspection is not None:
            m.quality.set_inspectors(count)

    def quarantine(self, station: str, since: float) -> int:
        """Quarantine the parts made at ``station`` from ``since`` until now (extended test).

        Raises:
            ValueError: Without ``[quality.retest]`` in the scenario.
        """
        m = self.model
        if m.quality is None or m.scenario.quality.retest is None:
            raise ValueError("quarantine needs a [quality.retest] section in the scenario")
        self._record(cmd.Quarantine(station, since))
        return m.quality.quarantine(station, since)

    def cool(self, station: str, at: float) -> None:
        """Switch the changed cooling of ``station`` on at ``at``.

        Raises:
            ValueError: Without ``[quality.cooling]`` in the scenario.
        """
        m = self.model
        if m.quality is None or m.scenario.quality.cooling is None:
            raise ValueError("cool needs a [quality.cooling] section in the scenario")
        self._record(cmd.Cool(station, at))
        m.quality.cool(station, at)

    def plan_shift(self, start: float, end: float, staff: int) -> None:
        """Book ``staff`` more people than the calendar schedules from ``start`` to ``end``.

        Re-planning a concrete shift (e.g. tonight's night shift at full crew); paid as
        regular staff time. Needs a calendar (without one the line is always staffed).
        """
        if self.model.scenario.calendar is None:
            raise ValueError("plan_shift needs a [calendar] in the scenario")
        self._record(cmd.PlanShift(float(start), float(end), int(staff)))
        self.model.staffing.plan_shift(float(start), float(end), int(staff))

    def set_overtime(self, max_minutes: float) -> None:
        """Allow at most ``max_minutes`` overtime per day from now on (0: none)."""
        self._record(cmd.SetOvertime(max_minutes))
        self.model.staffing.overtime_max = max(0.0, float(max_minutes))

    # -- machines ------------------------------------------------------------------------------
    def schedule_maintenance(self, station: str, machine: int, at: float, duration: float,
                             cost: float = 0.0) -> None:
        """Take a machine down for planned maintenance at ``at`` for ``duration`` minutes.

        Maintenance renews the machine: its operating-time failure clock starts afresh.
        """
        self._record(cmd.ScheduleMaintenance(station, machine, at, duration, cost))
        m = self.model
        target = m.station[station].machines[machine]
        m.maintenance_cost += cost
        plan = [cost, 0.0]
        self._planned.setdefault((station, machine), []).append(plan)
        m.env.process(Maintenance(self, target, at, duration, plan))

    def maintain_and_update(self, station: str, machine: int, at: float, duration: float,
                            cost: float, power_factor: float) -> None:
        """Maintenance with an energy-saving update: from the window's end the machine draws less.

        Raises:
            ValueError: Without an ``[energy]`` section.
        """
        meter = self.model.energy
        if meter is None:
            raise ValueError("maintain_and_update needs an [energy] section in the scenario")
        self._record(cmd.MaintainAndUpdate(station, machine, at, duration, cost, power_factor))
        self.model.maintenance_cost += cost
        target = self.model.station[station].machines[machine]
        plan = [cost, 0.0]
        self._planned.setdefault((station, machine), []).append(plan)
        self.model.env.process(Maintenance(self, target, at, duration, plan, power_factor))

    def cancel_maintenance(self, station: str, machine: int) -> int:
        """Call off a machine's planned maintenances that have not started yet.

        Their booked cost is refunded (the crew is not needed, the spare part goes back on
        the shelf). Used when a failure repair has already renewed the machine.

        Returns:
            How many planned maintenances were called off.
        """
        self._record(cmd.CancelMaintenance(station, machine))
        plans = self._planned.pop((station, machine), [])
        for plan in plans:
            plan[1] = 1.0
            self.model.maintenance_cost -= plan[0]
        return len(plans)

    # -- replay --------------------------------------------------------------------------------
    def replay(self, actions: list[tuple[float, Command]]) -> None:
        """Schedule recorded ``actions`` to be taken again at their times (for the twin)."""
        for when, command in actions:
            self.model.env.process(LaterCommand(self, when, command))


def _operating(machine: Machine) -> float:
    """Operating minutes of ``machine`` so far (busy and setup, up to now)."""
    t = machine.time["busy"] + machine.time["setup"]
    if machine.state in ("busy", "setup"):
        t += machine.env.now - machine.since
    return t
