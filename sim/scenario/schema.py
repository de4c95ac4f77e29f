"""The scenario data model: what a TOML file in ``scenarios/`` may say.

Every model forbids unknown keys, so a typo is an error rather than a silently ignored line.
All durations are stored in minutes (see :mod:`sim.scenario.units`); named things (stations,
variants, materials, suppliers, disruptions, orders) are TOML tables keyed by name so that a
variant file can change one field of one station with ``extends``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from sim.scenario.agents_schema import AgentsConfig, check_agent_references
from sim.scenario.budget import (
    MAX_EVENT_LOG,
    MAX_ORDER_QUANTITY,
    MAX_WIP_CAP,
    MIN_PROCESS_TIME,
    field_bound_problem,
)
from sim.scenario.disruption_schema import Disruption
from sim.scenario.energy_schema import EnergySection
from sim.scenario.quality_schema import QualitySection, check_quality_references
from sim.scenario.stress_schema import StressSection
from sim.scenario.types import (
    Clock,
    DistSpec,
    Duration,
    Horizon,
    PositiveDuration,
    Probability,
    ReferenceError_,
    Strict,
    When,
    _DistSpec,
    _names,
)


class Variant(Strict):
    """A product variant: what it consumes and how long customers give us."""

    bom: dict[str, Annotated[float, Field(gt=0)]] = {}
    """Bill of materials: units of each raw material consumed at the first station."""
    due_allowance: PositiveDuration | None = None
    """For arrival-driven release: due date = arrival time + this allowance."""
    price: Annotated[float, Field(ge=0)] = 0.0
    """Sales price per good unit (for the contribution margin KPI)."""


class Failures(Strict):
    """Random breakdowns of each machine of a station."""

    ttf: DistSpec
    """Time to failure."""
    ttr: DistSpec
    """Time to repair (once a repair crew is there)."""
    clock: Literal["operating", "calendar"] = "operating"
    """Whether time to failure counts only while busy (``operating``) or always (``calendar``)."""
    repair_cost: Annotated[float, Field(ge=0)] = 0.0
    """Cost of one failure repair (crew call-out, express spare part), in the scenario's
    currency; counted as the KPI ``cost repair`` when any station prices its repairs."""

    @model_validator(mode="after")
    def _ttf_positive(self) -> Failures:
        if self.ttf.expected <= 0:  # a machine failing at once would fail forever, at one instant
            raise ValueError("the time to failure needs a mean greater than 0")
        return self


class Power(Strict):
    """Electrical draw of one machine in each state, in kW (blocked and starved draw ``idle``)."""

    busy: Annotated[float, Field(ge=0)] = 10.0
    idle: Annotated[float, Field(ge=0)] = 3.0
    setup: Annotated[float, Field(ge=0)] = 5.0
    down: Annotated[float, Field(ge=0)] = 1.0
    off: Annotated[float, Field(ge=0)] = 0.2


class StationSpec(Strict):
    """A station of the line: one or more identical machines behind one input buffer."""

    machines: Annotated[int, Field(ge=1, le=100)] = 1
    """Parallel identical machines sharing the input buffer."""
    process_time: DistSpec
    """Processing time of one part (all variants unless overridden)."""
    process_time_by_variant: dict[str, DistSpec] = {}
    """Processing time per variant, overriding ``process_time``."""
    setup_time: DistSpec | None = None
    """Changeover time when a machine switches to another variant."""
    buffer: Annotated[int, Field(ge=0)] | Literal["inf"] = "inf"
    """Capacity of the input buffer in parts (``"inf"``: unbounded). Finite: upstream blocks;
    0: no buffer, the upstream machine holds its part until a machine here takes it."""
    failures: Failures | None = None
    """Random breakdowns (none if absent)."""
    power_kw: Power = Power()
    """Electrical draw per state."""
    scrap: Probability = 0.0
    """Probability that a processed part is scrapped."""
    rework: Probability = 0.0
    """Probability that a processed part must be processed again at this station."""
    operators: Annotated[int, Field(ge=0)] = 1
    """Staff needed to run the station (0: fully automated)."""
    ideal_cycle_time: PositiveDuration | None = None
    """ISO 22400 ideal (planned) cycle time per part; when set, OEE performance is
    ideal cycle time x parts processed / run time instead of busy / run time."""
    ideal_cycle_time_by_variant: dict[str, PositiveDuration] = {}
    """Ideal cycle time per variant, overriding ``ideal_cycle_time`` (which it needs)."""
    rework_to: str | None = None
    """Station (this one or an upstream one) whose input buffer a part needing rework joins,
    at the end of its queue; unset: it is reworked here next, ahead of the queue."""
    transfer_batch: Annotated[int, Field(ge=1)] = 1
    """Good parts move on (to the next station, or out of the line) in groups of this many."""

    @model_validator(mode="after")
    def _scrap_and_rework(self) -> StationSpec:
        if self.ideal_cycle_time_by_variant and self.ideal_cycle_time is None:
            raise ValueError("'ideal_cycle_time_by_variant' needs 'ideal_cycle_time' (the "
                             "ideal cycle time of the other variants)")
        if self.scrap + self.rework >= 1:
            raise ValueError("scrap + rework must be below 1, or no part would ever pass")
        for spec in (self.process_time, *self.process_time_by_variant.values()):
            if spec.expected < MIN_PROCESS_TIME:  # 0 min parts flow without time passing
                raise ValueError("process times need a mean of at least 1 ms")
        return self


class Order(Strict):
    """A customer order in the order book."""

    variant: str
    quantity: Annotated[int, Field(ge=1, le=MAX_ORDER_QUANTITY)]
    release: When = 0.0
    """When the order's parts may enter the line."""
    due: When
    """When the order is due."""


class ReleaseSpec(Strict):
    """How work enters the line.

    ``poisson``/``deterministic``: parts arrive with (mean) ``interarrival``, variant by ``mix``;
    ``renewal``: times between arrivals are independent draws of ``interarrival_dist``.
    ``orders``: the order book's parts are released at each order's release time (optionally
    capped by ``wip_cap``). ``conwip``: unlimited demand, a new part whenever WIP drops below
    ``wip_cap``. ``push``: parts are pushed in as long as material lasts and the first buffer
    has room.
    """

    kind: Literal["poisson", "deterministic", "orders", "conwip", "push", "renewal"]
    interarrival: PositiveDuration | None = None
    mix: dict[str, Annotated[float, Field(gt=0)]] = {}
    """Relative weights of the variants (default: equal)."""
    sequence: Literal["random", "cyclic"] = "random"
    """How ``push``/``conwip`` choose the next variant from ``mix``."""
    wip_cap: Annotated[int, Field(ge=1, le=MAX_WIP_CAP)] | None = None
    orders: dict[str, Order] = {}
    interarrival_dist: DistSpec | None = None
    """For ``renewal``: the law of the times between arrivals (any process-time family), e.g.
    ``{ dist = "gamma", mean = "2 min", cv = 0.7071 }`` for Erlang-2 (E2/M/1)."""

    @model_validator(mode="after")
    def _kind_needs(self) -> ReleaseSpec:
        if self.kind in ("poisson", "deterministic") and self.interarrival is None:
            raise ValueError(f"release kind '{self.kind}' needs 'interarrival'")
        if self.kind == "renewal" and self.interarrival_dist is None:
            raise ValueError("release kind 'renewal' needs 'interarrival_dist'")
        if self.interarrival_dist is not None and self.interarrival_dist.expected <= 0:
            raise ValueError("'interarrival_dist' needs a mean greater than 0")
        if self.kind == "conwip" and self.wip_cap is None:
            raise ValueError("release kind 'conwip' needs 'wip_cap'")
        if self.kind == "orders" and not self.orders:
            raise ValueError("release kind 'orders' needs at least one entry under 'orders'")
        return self


class SupplierSpec(Strict):
    """Where a material comes from and what shipping it costs."""

    transport: str = "truck"
    """Transport mode, for people (``rail``, ``truck``, ``air`` ...)."""
    transport_cost_per_unit: Annotated[float, Field(ge=0)] = 0.0
    co2_kg_per_unit: Annotated[float, Field(ge=0)] = 0.0
    """Transport CO2 per unit delivered."""
    reliability: Annotated[float, Field(gt=0, le=1)] = 1.0
    """Probability that a delivery on this supplier's route arrives when planned."""
    late_by: DistSpec | None = None
    """How late an unreliable delivery is (needed when ``reliability`` is below 1)."""

    @model_validator(mode="after")
    def _late_by_given(self) -> SupplierSpec:
        if self.reliability < 1 and self.late_by is None:
            raise ValueError("a reliability below 1 needs 'late_by' (how late a late delivery is)")
        return self


class Delivery(Strict):
    """One scheduled delivery."""

    at: When
    quantity: Annotated[float, Field(gt=0)]


class ScheduleReplenishment(Strict):
    """Deliveries on a fixed schedule: a list, or every ``every`` from ``first``."""

    kind: Literal["schedule"]
    every: PositiveDuration | None = None
    first: When = 0.0
    quantity: Annotated[float, Field(gt=0)] | None = None
    deliveries: list[Delivery] = []

    @model_validator(mode="after")
    def _one_form(self) -> ScheduleReplenishment:
        if (self.every is None) == (not self.deliveries):
            raise ValueError("give either 'every' with 'quantity', or a 'deliveries' list")
        if self.every is not None and self.quantity is None:
            raise ValueError("'every' needs 'quantity'")
        return self


class ReorderReplenishment(Strict):
    """(s, Q) policy: order ``order_quantity`` when the inventory position falls to the point.

    Inventory position = on-hand + on-order - backorders (textbook), checked whenever demand
    occurs (a part needing the material is released), during a stock-out too; enough orders of
    Q are placed to lift it above ``reorder_point``.
    """

    kind: Literal["reorder"]
    reorder_point: Annotated[float, Field(ge=0)]
    order_quantity: Annotated[float, Field(gt=0)]
    lead_time: DistSpec
    reorder_position: Literal["inventory_position", "on_hand_plus_pipeline"] = (
        "inventory_position")
    """``on_hand_plus_pipeline``: the naive rule (stock + on-order, checked only when units are
    issued, so it ignores backorders and stays silent in a stock-out); for teaching."""


class Material(Strict):
    """A raw material consumed at the first station."""

    unit: str = "pcs"
    initial: Annotated[float, Field(ge=0)] = 0.0
    unit_cost: Annotated[float, Field(ge=0)] = 0.0
    supplier: str | None = None
    """Name of the supplier (under ``[suppliers]``) that delivers it."""
    replenishment: Annotated[
        ScheduleReplenishment | ReorderReplenishment, Field(discriminator="kind")
    ] | None = None


class Shift(Strict):
    """A shift of the weekly calendar (end before start crosses midnight)."""

    name: str
    start: Clock
    end: Clock
    staff: Annotated[int, Field(ge=0)]


class Overtime(Strict):
    """Overtime: extend the day's last shift when the backlog is high."""

    max: Duration = 0.0
    """Longest extension per day (0: no overtime)."""
    backlog_threshold: Annotated[int, Field(ge=0)] = 0
    """Extend only if more units than this are late or due within a day."""
    cost_per_staff_hour: Annotated[float, Field(ge=0)] = 60.0
    after: str | None = None
    """Name of the shift whose end is extended (a three-shift calendar: the late shift before a
    reduced night crew; the leavers stay on); unset: the day's last shift, when the line
    closes."""


class Calendar(Strict):
    """The weekly shift calendar; the line is off outside shifts."""

    days: list[Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]] = [
        "Mon", "Tue", "Wed", "Thu", "Fri",
    ]
    shifts: list[Shift] = Field(min_length=1)
    overtime: Overtime = Overtime()
    freeze: list[Literal["processing", "repair"]] = []
    """Clocks that stop while a station is closed: ``processing`` (a part started before the
    end of the shift waits for the next one; default: it is finished) and ``repair`` (the
    repair waits, the machine counts ``off``; default: repairs go on around the clock)."""

    @model_validator(mode="after")
    def _overtime_after(self) -> Calendar:
        names = [shift.name for shift in self.shifts]
        if self.overtime.after is not None and self.overtime.after not in names:
            raise ValueError(f"overtime.after names unknown shift '{self.overtime.after}'; "
                             f"expected one of {', '.join(names)}")
        return self


class Repair(Strict):
    """The maintenance crew."""

    crews: Annotated[int, Field(ge=1)] | None = None
    """Number of repair crews (unset: every breakdown is attended at once)."""


class Economics(Strict):
    """Prices and factors for cost and CO2 KPIs."""

    currency: str = "EUR"
    energy_price_per_kwh: Annotated[float, Field(ge=0)] = 0.20
    grid_co2_kg_per_kwh: Annotated[float, Field(ge=0)] = 0.38
    """Grid emission factor."""
    labour_cost_per_staff_hour: Annotated[float, Field(ge=0)] = 45.0
    late_penalty_per_unit: Annotated[float, Field(ge=0)] = 0.0
    """Charged once per unit delivered after its due date or still open at the end."""


class Scenario(Strict):
    """A whole scenario: the line, its work, its material, its calendar and its disruptions."""

    name: str
    description: str = ""
    horizon: Horizon
    """Simulated time span (at most one year)."""
    warmup: Duration = 0.0
    """Initial period excluded from line KPIs (state shares, output, cycle times)."""
    sample_interval: Duration = 60.0
    """Timeseries sampling interval (0: no timeseries)."""
    event_log: bool = False
    """Keep an event log (bounded by ``event_log_limit``)."""
    event_log_limit: Annotated[int, Field(ge=1, le=MAX_EVENT_LOG)] = 100_000
    variants: dict[str, Variant] = Field(min_length=1)
    stations: dict[str, StationSpec] = Field(min_length=1)
    release: ReleaseSpec
    materials: dict[str, Material] = {}
    suppliers: dict[str, SupplierSpec] = {}
    calendar: Calendar | None = None
    """Shift calendar (absent: the line runs around the clock)."""
    repair: Repair = Repair()
    economics: Economics = Economics()
    disruptions: dict[str, Disruption] = {}
    stress: StressSection = None
    """Distributions of a stress test's bad days (see :mod:`sim.scenario.stress_schema`)."""
    agents: AgentsConfig = AgentsConfig()
    """Agents, autonomy and levers (default: all ``off``; :mod:`~sim.scenario.agents_schema`)."""
    part_log: bool = False
    """Keep the per-part, per-station log (enter queue, start, finish; for queue measures)."""
    part_log_limit: Annotated[int, Field(ge=1, le=1_000_000)] = 1_000_000
    """At most this many part-log rows are kept (the rest are counted as dropped); at most
    a million, like the event log (memory of a shared machine)."""
    energy: EnergySection | None = None
    """Hourly tariff, grid-CO2 profile and adaptive cycle timing
    (:mod:`~sim.scenario.energy_schema`; absent: flat prices from ``economics``, nominal
    speeds)."""
    quality: QualitySection | None = None
    """Hidden defects, dispatch, QA inspection, workers' reports, the extended test, cooling
    (:mod:`~sim.scenario.quality_schema`; absent: off, and left out of the fingerprint)."""

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        variants, stations, materials = self.variants, self.stations, self.materials
        if self.warmup >= self.horizon:
            raise ReferenceError_("warmup", "must be shorter than horizon")
        if (problem := field_bound_problem(self)) is not None:
            raise ReferenceError_(*problem)
        for sname, station in stations.items():
            for vname in station.process_time_by_variant:
                if vname not in variants:
                    raise ReferenceError_(
                        f"stations.{sname}.process_time_by_variant.{vname}",
                        f"unknown variant; expected one of {_names(variants)}",
                    )
            upstream = list(stations)[: list(stations).index(sname) + 1]
            if station.rework_to is not None and station.rework_to not in upstream:
                raise ReferenceError_(
                    f"stations.{sname}.rework_to",
                    f"unknown or downstream station '{station.rework_to}'; expected one of "
                    f"{', '.join(upstream)}",
                )
            for vname in station.ideal_cycle_time_by_variant:
                if vname not in variants:
                    raise ReferenceError_(
                        f"stations.{sname}.ideal_cycle_time_by_variant.{vname}",
                        f"unknown variant; expected one of {_names(variants)}",
                    )
        for vname, variant in variants.items():
            for mname in variant.bom:
                if mname not in materials:
                    raise ReferenceError_(
                        f"variants.{vname}.bom.{mname}",
                        f"unknown material; expected one of {_names(materials)}",
                    )
        for vname in self.release.mix:
            if vname not in variants:
                raise ReferenceError_(
                    f"release.mix.{vname}", f"unknown variant; expected one of {_names(variants)}"
                )
        for oname, order in self.release.orders.items():
            if order.variant not in variants:
                raise ReferenceError_(
                    f"release.orders.{oname}.variant",
                    f"unknown variant '{order.variant}'; expected one of {_names(variants)}",
                )
        first = next(iter(stations.values()))
        if self.release.kind == "push" and first.buffer == "inf" and self.release.wip_cap is None:
            raise ReferenceError_(
                f"stations.{next(iter(stations))}.buffer",
                "release kind 'push' needs a finite first buffer or release.wip_cap",
            )
        for part in ("stations", "updates"):  # (issue #14: energy levers)
            for sname in (getattr(self.energy, part) if self.energy is not None else ()):
                if sname not in stations:
                    raise ReferenceError_(f"energy.{part}.{sname}",
                                          f"unknown station; expected one of {_names(stations)}")
        if self.energy is not None and self.energy.timing.enabled and self.release.kind != "orders":
            raise ReferenceError_("energy.timing.enabled",
                                  "pulling orders forward needs release kind 'orders'")
        for mname, material in materials.items():
            if material.supplier is not None and material.supplier not in self.suppliers:
                raise ReferenceError_(
                    f"materials.{mname}.supplier",
                    f"unknown supplier '{material.supplier}'; expected one of "
                    f"{_names(self.suppliers)}",
                )
        for dname, dis in self.disruptions.items():
            where = f"disruptions.{dname}"
            wanted = getattr(dis, "material", None)
            if wanted is not None and wanted not in materials:
                raise ReferenceError_(
                    f"{where}.material",
                    f"unknown material '{wanted}'; expected one of {_names(materials)}",
                )
            if dis.kind == "breakdown":
                if dis.station not in stations:
                    raise ReferenceError_(
                        f"{where}.station",
                        f"unknown station '{dis.station}'; expected one of {_names(stations)}",
                    )
                if dis.machine >= stations[dis.station].machines:
                    raise ReferenceError_(
                        f"{where}.machine",
                        f"station '{dis.station}' has machines "
                        f"0..{stations[dis.station].machines - 1}",
                    )
            if dis.kind == "order_cancel" and dis.order not in self.release.orders:
                raise ReferenceError_(
                    f"{where}.order",
                    f"unknown order '{dis.order}'; expected one of {_names(self.release.orders)}",
                )
        check_agent_references(self)
        check_quality_references(self)
        return self

    def process_time(self, station: str, variant: str) -> _DistSpec:
        """Return the processing-time distribution of ``station`` for ``variant``."""
        spec = self.stations[station]
        return spec.process_time_by_variant.get(variant, spec.process_time)

    def mix_weights(self) -> dict[str, float]:
        """Return the normalised variant mix (equal weights if ``release.mix`` is empty)."""
        mix = self.release.mix or dict.fromkeys(self.variants, 1.0)
        total = sum(mix.values())
        return {name: weight / total for name, weight in mix.items()}
