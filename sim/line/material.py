"""Raw material: stock, consumption at the first station, and supplier deliveries.

Deliveries come on a fixed schedule or by an (s, Q) reorder policy with a random lead time.
Demand for a material occurs when a part that needs it is released into the line; the units
leave on-hand stock when the part enters the first machine. The (s, Q) rule orders when the
textbook inventory position (on-hand + on-order - backorders) is at or below s, checked at
every demand, stock-outs included (``reorder_position = "on_hand_plus_pipeline"``: the older
rule, stock + pipeline checked at each issue, kept for teaching).
A disruption can hold a material's route (deliveries due in the outage arrive when it ends) or
cancel the next delivery. Agents add deliveries through :meth:`Materials.order` (a transfer
from a sister site, an express shipment), each with its own cost and CO2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sim.line.station import MATERIAL
from sim.line.steps import Steps

if TYPE_CHECKING:
    from sim.line.model import LineModel, Part
    from sim.line.station import Machine


@dataclass
class Shipment:
    """A delivery on its way."""

    material: str
    quantity: float
    due: float
    """Planned arrival (minutes)."""
    source: str
    unit_cost: float
    transport_cost_per_unit: float
    co2_kg_per_unit: float
    cancelled: bool = False
    arrived: float | None = None
    late_by: float = 0.0
    """Minutes the supplier is late with it (drawn from its reliability; 0: on time)."""


class Materials:
    """Stock of every raw material, with its deliveries."""

    def __init__(self, model: LineModel) -> None:
        self.model = model
        self.env = model.env
        scenario = model.scenario
        self.stock: dict[str, float] = {n: m.initial for n, m in scenario.materials.items()}
        """Units on hand per material."""
        self.blocked_until: dict[str, float] = dict.fromkeys(scenario.materials, 0.0)
        """Deliveries of a material arriving before this time wait until it (an outage)."""
        self.shipments: list[Shipment] = []
        """Every shipment planned so far (arrived, on its way, or cancelled)."""
        self.on_order: dict[str, float] = dict.fromkeys(scenario.materials, 0.0)
        """Units ordered and not yet arrived nor cancelled, kept as a running total (O(1))."""
        self.demanded: dict[str, float] = dict.fromkeys(scenario.materials, 0.0)
        """Units demanded and not yet issued: bills of materials of parts released into the
        first station that have not yet entered its machine (beyond on-hand: backorders)."""
        names = list(scenario.materials)
        self.store: dict[str, dict[str, float]] = {n: {
            "demand": 0.0, "filled": 0.0, "on_hand_area": 0.0, "backorder_area": 0.0,
            "cycles": 0.0, "cycles_ok": 0.0, "since": 0.0} for n in names}
        """Store statistics per material (textbook view, net inventory = on-hand - demanded):
        units demanded and filled at once from stock, time integrals of on-hand (net > 0) and
        backorders (net < 0), replenishment cycles and those without a stock-out."""
        self._short_in_cycle: dict[str, bool] = dict.fromkeys(names, False)
        self.consumed: dict[str, float] = dict.fromkeys(scenario.materials, 0.0)
        self.received: dict[str, float] = dict.fromkeys(scenario.materials, 0.0)
        self.started: dict[str, int] = dict.fromkeys(scenario.variants, 0)
        """Parts per variant that took their bill of materials (entered the first machine)."""
        self.purchase_cost = 0.0
        """Material plus transport cost of what arrived."""
        self.transport_co2 = 0.0
        """Transport CO2 (kg) of what arrived."""
        self._changed = self.env.event()
        self._lead = {}
        self._reorders: set[str] = set()
        """Materials under an (s, Q) rule."""
        self._legacy: dict[str, bool] = {}
        """Per (s, Q) material: whether it uses the stock + pipeline rule."""
        self._unreliable = {
            name: (model.streams.uniform(f"supplier:{name}:reliability"),
                   model.streams.sampler(f"supplier:{name}:late", sup.late_by))
            for name, sup in scenario.suppliers.items() if sup.reliability < 1
        }
        """Per unreliable supplier: (U(0,1) draws, lateness draws), from its own streams."""
        for name, mat in scenario.materials.items():
            rep = mat.replenishment
            if rep is None:
                continue
            if rep.kind == "schedule":
                for at, qty in self._schedule(rep):
                    self.order(name, qty, due=at, source=mat.supplier or "supplier")
            else:
                self._lead[name] = model.streams.sampler(f"material:{name}:lead", rep.lead_time)
                self._reorders.add(name)
                self._legacy[name] = rep.reorder_position == "on_hand_plus_pipeline"
                self._maybe_reorder(name)

    def _schedule(self, rep) -> list[tuple[float, float]]:  # noqa: ANN001
        if rep.deliveries:
            return [(d.at, d.quantity) for d in rep.deliveries]
        out, t = [], rep.first
        while t <= self.model.scenario.horizon:
            out.append((t, rep.quantity))
            t += rep.every
        return out

    def order(
        self,
        material: str,
        quantity: float,
        due: float,
        source: str,
        unit_cost: float | None = None,
        transport_cost_per_unit: float | None = None,
        co2_kg_per_unit: float | None = None,
    ) -> Shipment:
        """Plan a delivery of ``quantity`` arriving at ``due`` (subject to route outages).

        Costs default to the material's unit cost and its supplier's transport figures.
        """
        scenario = self.model.scenario
        mat = scenario.materials[material]
        supplier = scenario.suppliers.get(mat.supplier) if mat.supplier else None
        shipment = Shipment(
            material, float(quantity), float(due), source,
            mat.unit_cost if unit_cost is None else unit_cost,
            (supplier.transport_cost_per_unit if supplier else 0.0)
            if transport_cost_per_unit is None else transport_cost_per_unit,
            (supplier.co2_kg_per_unit if supplier else 0.0)
            if co2_kg_per_unit is None else co2_kg_per_unit,
        )
        via_route = source == (mat.supplier or "supplier")
        if via_route and mat.supplier in self._unreliable:
            on_time, lateness = self._unreliable[mat.supplier]
            if on_time() >= supplier.reliability:
                shipment.late_by = lateness()
        self.shipments.append(shipment)
        self.on_order[material] += shipment.quantity
        self.env.process(Delivery(self, shipment, via_route))
        return shipment

    def pipeline(self, material: str) -> float:
        """Units ordered and not yet arrived (nor cancelled): the running on-order total."""
        return self.on_order[material]

    def backorders(self, material: str) -> float:
        """Units demanded (parts released into the first station) that on-hand cannot cover."""
        short = self.demanded[material] - self.stock[material]
        return short if short > 0 else 0.0

    def inventory_position(self, material: str) -> float:
        """Textbook inventory position: on-hand + on-order - backorders.

        On-hand here still holds the units of parts that were released but have not yet
        entered the first machine; they are committed, so the position subtracts every
        demanded, not yet issued unit (which is on-hand - backorders when on-hand covers them).
        """
        return self.stock[material] + self.on_order[material] - self.demanded[material]

    def _maybe_reorder(self, material: str) -> None:
        rep = self.model.scenario.materials[material].replenishment
        if rep is None or rep.kind != "reorder":
            return
        if rep.reorder_position == "on_hand_plus_pipeline":
            # The taught alternative (Werkhalle before issue #13): stock + pipeline, checked
            # only when a unit is issued, so a stock-out never triggers a reorder by itself.
            if self.stock[material] + self.on_order[material] <= rep.reorder_point:
                self._place_order(material, rep)
            return
        # (r, Q): order as many Q as bring the inventory position above the reorder point.
        while self.inventory_position(material) <= rep.reorder_point:
            self._place_order(material, rep)

    def _place_order(self, material: str, rep) -> None:  # noqa: ANN001
        mat = self.model.scenario.materials[material]
        lead = self._lead[material]()
        self.order(material, rep.order_quantity, self.env.now + lead, mat.supplier or "supplier")

    def reorder_now(self, material: str) -> float:
        """An early (s, Q) order placed by an agent: ``Q`` now, lead time from its own stream.

        The lead time is drawn from ``material:<name>:lead:early`` (created on first use), so
        the rule's own orders keep their random numbers. Returns the planned arrival.
        """
        rep = self.model.scenario.materials[material].replenishment
        if rep is None or rep.kind != "reorder":
            raise ValueError(f"{material!r} is not under a reorder rule")
        sampler = self._lead.get(f"{material}:early")
        if sampler is None:
            sampler = self.model.streams.sampler(f"material:{material}:lead:early",
                                                 rep.lead_time)
            self._lead[f"{material}:early"] = sampler
        mat = self.model.scenario.materials[material]
        due = self.env.now + sampler()
        self.order(material, rep.order_quantity, due, mat.supplier or "supplier")
        return due

    def demand(self, part: Part) -> None:
        """A part entered the line: its bill of materials is demanded now (reorder check)."""
        bom = self.model.scenario.variants[part.variant].bom
        if not bom:
            return
        demanded, reorders, stock = self.demanded, self._reorders, self.stock
        for name, qty in bom.items():
            self._net_changes(name)
            store = self.store[name]
            store["demand"] += qty
            if stock[name] - demanded[name] >= qty - 1e-9:
                store["filled"] += qty  # met at once from stock on hand (fill rate)
            demanded[name] += qty
            if demanded[name] > stock[name] + 1e-9:
                self._short_in_cycle[name] = True
            if name in reorders:
                self._maybe_reorder(name)

    def _net_changes(self, name: str) -> None:
        """Integrate on-hand and backorders up to now (net inventory is about to change)."""
        store, now = self.store[name], self.env.now
        net = self.stock[name] - self.demanded[name]
        span = now - store["since"]
        if net > 0:
            store["on_hand_area"] += net * span
        elif net < 0:
            store["backorder_area"] -= net * span
        store["since"] = now

    def snapshot(self) -> dict[str, dict[str, float]]:
        """Store statistics up to now (integrals brought up to date), for warm-up deletion."""
        for name in self.store:
            self._net_changes(name)
        return {name: dict(values) for name, values in self.store.items()}

    def consume(self, part: Part, machine: Machine) -> Consume | None:
        """Take the part's bill of materials from stock, or the wait for it when any is short.

        Returns ``None`` when the part took its materials at once (or has none): nothing to
        wait for, no object and no sub-process per part. Otherwise a sub-process of the
        first station's machine that waits for deliveries, then takes them: ``Steps.call``
        it (or ``yield from``).
        """
        if self.take(part):
            return None
        return Consume(self, part, machine)

    def take(self, part: Part) -> bool:
        """Take the part's bill of materials from stock if all is there; ``False``: short."""
        bom = self.model.scenario.variants[part.variant].bom
        if bom:
            stock = self.stock
            for m, q in bom.items():
                if stock[m] < q:
                    return False
            for name, qty in bom.items():
                stock[name] -= qty
                self.demanded[name] -= qty
                self.consumed[name] += qty
                if self._legacy.get(name):  # the textbook position does not move on issue
                    self._maybe_reorder(name)
        self.started[part.variant] += 1
        return True

    def hold_route(self, material: str, until: float) -> None:
        """Hold the material's supplier route: deliveries arrive no earlier than ``until``."""
        self.blocked_until[material] = max(self.blocked_until[material], until)

    def cancel_next(self, material: str, after: float) -> Shipment | None:
        """Cancel the first not-yet-arrived delivery of ``material`` due at or after ``after``."""
        pending = [
            s for s in self.shipments
            if s.material == material and s.arrived is None and not s.cancelled and s.due >= after
        ]
        if not pending:
            return None
        first = min(pending, key=lambda s: s.due)
        first.cancelled = True
        self.on_order[material] -= first.quantity
        return first

    def coverage(self, material: str, demand_per_minute: float) -> float:
        """Minutes the stock on hand lasts at ``demand_per_minute`` (inf without demand)."""
        if demand_per_minute <= 0:
            return float("inf")
        return self.stock[material] / demand_per_minute


# -- material's processes (SimPy process bodies as plain data, see sim.line.steps) ------------
class Delivery(Steps):
    """A shipment on its way: due, possibly late (unreliable supplier), held by a route outage.

    The generator it replaces waits ``yield env.timeout(due - now)``, then ``late_by`` more,
    then ``while now < blocked_until: yield env.timeout(blocked_until - now)``, and books it.
    """

    def __init__(self, materials: Materials, shipment: Shipment, via_route: bool) -> None:
        self.materials = materials
        self.shipment = shipment
        self.via_route = via_route

    def start(self, _: Any) -> Any:
        """Wait until the shipment is due."""
        return self.wait_until(self.materials.env, self.shipment.due, self.due)

    def due(self, _: Any) -> Any:
        """Due: an unreliable supplier's late truck is announced and waited for."""
        env, shipment = self.materials.env, self.shipment
        if shipment.late_by > 0 and not shipment.cancelled:
            self.materials.model.announce(
                "delivery_delayed", disruption=f"{shipment.source} late",
                material=shipment.material, start=env.now, delay=shipment.late_by,
                estimate=env.now + shipment.late_by, spread=0.0, quantity=shipment.quantity,
                truth={"until": env.now + shipment.late_by},
            )  # (the toy's unreliable supplier knows its own lateness when the truck is due)
            return self.wait(env.timeout(shipment.late_by), self.held)
        return self.held(None)

    def held(self, _: Any) -> Any:
        """Wait while the route is held (the hold may grow meanwhile); then it arrives."""
        materials = self.materials
        env, blocked = materials.env, materials.blocked_until[self.shipment.material]
        if self.via_route and env.now < blocked:
            return self.wait(env.timeout(blocked - env.now), self.held)
        return self.arrive()

    def arrive(self) -> Any:
        """The shipment arrives (unless cancelled): stock, costs, and wake the waiting."""
        materials, shipment = self.materials, self.shipment
        env = materials.env
        if shipment.cancelled:
            return self.done()
        shipment.arrived = env.now
        name, qty = shipment.material, shipment.quantity
        materials.on_order[name] -= qty
        materials._net_changes(name)
        store = materials.store[name]
        store["cycles"] += 1  # a replenishment cycle ends with each delivery
        store["cycles_ok"] += not materials._short_in_cycle[name]
        materials.stock[name] += qty
        materials._short_in_cycle[name] = materials.demanded[name] > materials.stock[name]
        materials.received[name] += qty
        materials.purchase_cost += qty * (shipment.unit_cost + shipment.transport_cost_per_unit)
        materials.transport_co2 += qty * shipment.co2_kg_per_unit
        materials.model.on_delivery(shipment)
        changed, materials._changed = materials._changed, env.event()
        changed.succeed()
        return self.done()


class Consume(Steps):
    """A part takes its bill of materials from stock at the first machine.

    The sub-generator it replaces waits ``while any(stock[m] < q ...): yield changed`` (a
    delivery arrived), then takes the units.
    """

    def __init__(self, materials: Materials, part: Part, machine: Machine) -> None:
        self.materials = materials
        self.part = part
        self.machine = machine
        self.waited = False

    def start(self, _: Any) -> Any:
        """Wait for the next delivery while any material is short; then take the units."""
        materials = self.materials
        if materials.take(self.part):
            return self.done()
        if not self.waited:
            self.machine.set_activity(MATERIAL)
            materials.model.on_material_short(self.part, self.machine)
            self.waited = True
        return self.wait(materials._changed, self.start)


