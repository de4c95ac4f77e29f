"""The narrow control interface through which agents (and people) act on the line.

Agents never touch SimPy objects. They read an :class:`Observation` and call the methods of
:class:`LineControl`; every call is recorded in :attr:`LineControl.actions` as
``(time, method, kwargs)`` so that a run can be replayed exactly (the planner's twin does this
to simulate an option forward on the same random numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.line.model import LineModel


@dataclass(frozen=True)
class Observation:
    """What an agent can see of the line at one moment."""

    time: float
    """Clock, minutes since Monday 00:00."""
    stock: dict[str, float]
    """Units on hand per material."""
    pipeline: dict[str, float]
    """Units ordered and not yet arrived, per material."""
    blocked_until: dict[str, float]
    """Per material: deliveries on the supplier route wait until this time (0: no outage)."""
    wip: int
    """Parts in the line."""
    queues: dict[str, int]
    """Parts waiting at each station."""
    states: dict[str, list[str]]
    """Each station's machine states."""
    pending: dict[str, int]
    """Order-book units waiting for release, per variant."""
    open_orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per open order: variant, quantity, done, due, priority."""
    finished: dict[str, int] = field(default_factory=dict)
    """Good units finished so far, per variant."""
    staff_available: int = 0
    is_open: bool = True
    """Whether the line is in a shift."""


class LineControl:
    """The documented levers of the line.

    Args:
        model: The line model to act on.
    """

    def __init__(self, model: LineModel) -> None:
        self.model = model
        self.actions: list[tuple[float, str, dict[str, Any]]] = []
        """Every action taken: ``(time, method name, keyword arguments)``."""

    def _record(self, name: str, **kwargs: Any) -> None:
        self.actions.append((self.model.env.now, name, kwargs))
        self.model.announce("action", action=name, **kwargs)

    def observe(self) -> Observation:
        """Return a snapshot of the line for agents."""
        m = self.model
        pending: dict[str, int] = dict.fromkeys(m.scenario.variants, 0)
        for variant, _order in m.release.pending:
            pending[variant] += 1
        orders = {
            o.name: {"variant": o.variant, "quantity": o.quantity, "done": o.done,
                     "due": o.due, "priority": o.priority, "released": o.released}
            for o in m.release.orders.values() if not o.cancelled and o.done < o.quantity
        }
        return Observation(
            time=m.env.now,
            stock=dict(m.materials.stock),
            pipeline={n: m.materials.pipeline(n) for n in m.scenario.materials},
            blocked_until=dict(m.materials.blocked_until),
            wip=m.wip,
            queues={s.name: s.queue_length for s in m.stations},
            states={s.name: [x.state for x in s.machines] for s in m.stations},
            pending=pending,
            open_orders=orders,
            finished=dict(m.finished),
            staff_available=m.staffing.available,
            is_open=m.staffing.is_open,
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
        self._record("prioritise_variant", variant=variant)
        for order in m.release.orders.values():
            order.priority = order.due - (1e9 if order.variant == variant else 0.0)
        m.release._sort_pending()
        items = m.stations[0].buffer.items
        items.sort(key=lambda part: part.variant != variant)
        m.release.kick()

    def reset_priorities(self) -> None:
        """Back to earliest-due-date sequencing."""
        self._record("reset_priorities")
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
        self._record("pull_forward", order=order)
        return self.model.release.pull_forward(order)

    def set_wip_cap(self, cap: int | None) -> None:
        """Change the WIP cap (``None`` removes it)."""
        self._record("set_wip_cap", cap=cap)
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
        self._record("order_material", material=material, quantity=quantity,
                     lead_time=lead_time, source=source, unit_cost=unit_cost,
                     transport_cost_per_unit=transport_cost_per_unit,
                     co2_kg_per_unit=co2_kg_per_unit)
        m = self.model
        m.materials.order(material, quantity, m.env.now + lead_time, source, unit_cost,
                          transport_cost_per_unit, co2_kg_per_unit)

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
        self._record("outsource", order=order, quantity=taken, lead_time=lead_time,
                     cost_per_unit=cost_per_unit, co2_kg_per_unit=co2_kg_per_unit, site=site)
        m.external_cost += taken * cost_per_unit
        m.external_co2 += taken * co2_kg_per_unit
        state.released += taken
        m.env.process(self._external_delivery(order, taken, lead_time))
        return taken

    def _external_delivery(self, order: str, quantity: int, lead_time: float):  # noqa: ANN202
        m = self.model
        yield m.env.timeout(lead_time)
        state = m.release.orders[order]
        for _ in range(quantity):
            m.deliver_external(state)

    # -- people --------------------------------------------------------------------------------
    def reassign_staff(self, count: int) -> None:
        """Take ``count`` staff off the line (e.g. to quality checks); ``0`` brings them back."""
        self._record("reassign_staff", count=count)
        self.model.staffing.reassigned = max(0, int(count))
        self.model.staffing.apply()

    def set_overtime(self, max_minutes: float) -> None:
        """Allow at most ``max_minutes`` overtime per day from now on (0: none)."""
        self._record("set_overtime", max_minutes=max_minutes)
        self.model.staffing.overtime_max = max(0.0, float(max_minutes))

    # -- machines ------------------------------------------------------------------------------
    def schedule_maintenance(self, station: str, machine: int, at: float, duration: float,
                             cost: float = 0.0) -> None:
        """Take a machine down for planned maintenance at ``at`` for ``duration`` minutes.

        Maintenance renews the machine: its operating-time failure clock starts afresh.
        """
        self._record("schedule_maintenance", station=station, machine=machine, at=at,
                     duration=duration, cost=cost)
        m = self.model
        target = m.station[station].machines[machine]
        m.maintenance_cost += cost
        m.env.process(self._maintain(target, at, duration))

    def _maintain(self, machine, at: float, duration: float):  # noqa: ANN001, ANN202
        env = self.model.env
        if at > env.now:
            yield env.timeout(at - env.now)
        repair = machine.fail(duration, "maintenance")
        yield repair
        if machine.operating_clock:
            machine.ttf_left = machine.ttf()
        self.model.on_maintained(machine)

    # -- replay --------------------------------------------------------------------------------
    def replay(self, actions: list[tuple[float, str, dict[str, Any]]]) -> None:
        """Schedule recorded ``actions`` to be taken again at their times (for the twin)."""
        for when, name, kwargs in actions:
            self.model.env.process(self._later(when, name, kwargs))

    def _later(self, when: float, name: str, kwargs: dict[str, Any]):  # noqa: ANN202
        env = self.model.env
        if when > env.now:
            yield env.timeout(when - env.now)
        getattr(self, name)(**kwargs)
