"""The ``[agents]`` section: who reacts to disruptions, how freely, and with which levers.

Without an ``[agents]`` section every agent is ``off``: the line simply waits (the baseline).
A scenario turns agents on and gives them their rules, weights and guardrails::

    [agents]
    autonomy = "autonomous"          # off | recommend | autonomous (per agent overridable)
    decision_interval = "1 h"        # how often agents look at the line
    look_ahead = "3 d"               # how far the planner simulates each option forward
    human_reaction_delay = "4 h"     # recommend mode: time until a person approves
    weights = { cost = 1.0, co2 = 0.5, lateness = 20.0, shortage = 0.0 }
    forecast = "sampled"             # sampled (honest) | oracle (perfect foresight, a lesson)
    futures = 8                      # sampled futures per option
    decision = "mean"                # mean (risk-neutral) | quantile (risk-averse)
    guardrails = { max_cost_per_decision = 3000.0, co2_budget = 400.0 }

    [agents.planner]
    policy = "twin"                  # a name from POLICY_NAMES["planner"]

    [agents.supplier]
    tracking = "30 min"              # supply tracking: outage seen this long after it starts

    [agents.sites.czech]             # a sister site with stock that can be transferred
    kind = "stock"
    material = "alloy"
    quantity = 300
    lead_time = "10 h"
    ...

The score of an option is ``cost * EUR + co2 * kg CO2 + lateness * unit-hours late + shortage *
hours the first station waits for material`` (weights from ``weights``); the planner picks the
lowest mean (or, with ``decision = "quantile"``, the lowest ``quantile`` of it over the sampled
futures).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import Field, model_validator

from sim.scenario.planner_rules import PlannerRule
from sim.scenario.planning_schema import NightPlan
from sim.scenario.supply_schema import CoverageSettings, Negotiation, SisterSite
from sim.scenario.types import (
    Clock,
    DecisionInterval,
    Duration,
    PositiveDuration,
    Probability,
    ReferenceError_,
    Strict,
    _names,
)

if TYPE_CHECKING:
    from sim.scenario.schema import Scenario

Autonomy = Literal["off", "recommend", "autonomous"]
"""``off``: nobody reacts; ``recommend``: the agent proposes and a person decides;
``autonomous``: the agent acts alone within its guardrails (beyond them it escalates)."""
AUTONOMY_LEVELS: tuple[str, ...] = get_args(Autonomy)
"""The autonomy levels, from least to most autonomous."""
ROLES = ("supplier", "planner", "maintenance")
"""The agents' roles, in the order they act at each decision time."""
POLICY_NAMES: dict[str, tuple[str, ...]] = {
    "planner": ("twin", "rule", "wait", "rules"),
    "supplier": ("tracking", "silent"),
    "maintenance": ("reactive", "preventive", "predictive"),
}
"""The built-in policies a scenario's ``policy = "..."`` may name, per role (the file format's
words; ``sim.agents.REGISTRY`` maps each to its rule, and a test keeps the two equal)."""
NonNegative = Annotated[float, Field(ge=0)]


class Weights(Strict):
    """Weights of the planner's score (``cost*EUR + co2*kg + lateness*unit-h + shortage*h``)."""

    cost: NonNegative = 1.0
    """Weight of one EUR (of any currency unit) of cost."""
    co2: NonNegative = 0.5
    """Weight of one kg of CO2 (a shadow price, in EUR per kg)."""
    lateness: NonNegative = 20.0
    """Weight of one unit delivered one hour late (EUR per unit-hour)."""
    shortage: NonNegative = 0.0
    """Weight of one hour the first station waits for material (EUR per hour; 0: the score
    ignores shortage, as the shipped scenarios do unless they say otherwise)."""


class Guardrails(Strict):
    """Limits of ``autonomous`` agents; a decision beyond them is escalated to a person."""

    max_cost_per_decision: NonNegative | None = None
    """Largest direct spend (transfers, express, outsourcing, maintenance) of one decision."""
    co2_budget: NonNegative | None = None
    """Transport and outsourcing CO2 (kg) all agent decisions together may cause in a run."""


class AgentSettings(Strict):
    """Settings shared by every agent role."""

    autonomy: Autonomy | None = None
    """This agent's autonomy (default: the section's ``autonomy``)."""
    policy: str
    """Name of a built-in rule (:data:`POLICY_NAMES` of the role)."""


class PlannerSettings(AgentSettings):
    """The planner: watches material coverage and due dates, re-plans shifts."""

    policy: str = "twin"
    rules: list[PlannerRule] = []
    """The no-code planner's rules, tried top to bottom (``policy = "rules"``;
    :mod:`sim.scenario.planner_rules`)."""
    replan_shifts: bool = True
    """Decide each evening whether tonight's overtime is worth its cost."""
    shift_check: Clock = 20.0 * 60
    """Time of day of the overtime check (before the last shift ends)."""
    daily_report: Clock | None = None
    """Time of day of the daily report: the day's balance against the same day without agents
    and two proposals for tomorrow (:mod:`sim.agents.daily`; absent: no report)."""
    daily_adopt: bool = False
    """Carry out the daily report's first-ranked proposal (``false``: only report it)."""
    night: NightPlan | None = None
    """A shift the planner may re-plan with a larger crew (:mod:`~sim.scenario.planning_schema`;
    absent: it never books extra crews)."""
    coverage: CoverageSettings | None = None
    """Project coverage of reorder-point materials and re-order early (issue #14, mechanic 9;
    :mod:`sim.scenario.supply_schema`); absent: off."""


class SupplierSettings(AgentSettings):
    """The supplier agent: tracks deliveries and relays offers of sister sites."""

    policy: str = "tracking"
    tracking: Duration | None = None
    """How long after an outage starts supply tracking shows it (``"off"`` or left out: no
    tracking; the agent learns of a delay only when the supplier reports it)."""
    assumed_outage: PositiveDuration = 24.0 * 60
    """Tracking sees *that* a route is held, not for how long: until the supplier reports an
    estimate, the agents assume the hold lasts this long from its start ..."""
    assumed_spread: Duration = 12.0 * 60
    """... give or take this much (the forecast draws the end uniformly within)."""
    overdue_extension: PositiveDuration = 12.0 * 60
    """When the material has not come by the latest end the agents believed in, they assume
    it takes this much longer (with the same spread) and re-plan."""

    @model_validator(mode="before")
    @classmethod
    def _off(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("tracking") == "off":
            data = {k: v for k, v in data.items() if k != "tracking"}
        return data


class MaintenanceSettings(AgentSettings):
    """The maintenance agent: run to failure, fixed intervals, or condition based."""

    policy: str = "reactive"
    stations: list[str] = []
    """Stations whose machines it looks after (default: every station with failures)."""
    interval: PositiveDuration = 24.0 * 60
    """``preventive``: operating time of a machine between planned maintenances."""
    duration: PositiveDuration = 90.0
    """Length of a planned maintenance."""
    cost: NonNegative = 300.0
    """Cost of a planned maintenance (labour and parts)."""
    threshold: Annotated[float, Field(gt=0, lt=1)] = 0.7
    """``predictive``: act when the condition signal (wear, 0 new .. 1 failed) exceeds this."""
    signal_noise: NonNegative = 0.04
    """Standard deviation of the condition sensor's noise."""
    spare_part_lead_time: Duration = 8.0 * 60
    """Time from ordering the spare part to its arrival (predictive)."""
    spare_part_cost: NonNegative = 200.0
    """Cost of the spare part fitted at each planned maintenance (preventive, predictive)."""
    call_off_after_failure: bool = False
    """Call off a planned maintenance when a failure repair renewed the machine first
    (``cancel_maintenance``); off: the machine is stopped again as planned."""
    quality_stations: list[str] = []
    """Stations whose scrap rate is watched by a control chart (quality drift)."""
    quality_window: Annotated[int, Field(ge=5)] = 40
    """Parts per control-chart sample."""
    quality_sigma: Annotated[float, Field(gt=0)] = 3.0
    """Control limit in standard deviations of the scrap share (a p-chart)."""
    recalibration: PositiveDuration = 30.0
    """Downtime of a recalibration."""
    recalibration_cost: NonNegative = 150.0


class _Shipping(Strict):
    """What moving material from a site takes: time, money and CO2."""

    material: str
    lead_time: PositiveDuration
    unit_cost: NonNegative = 0.0
    transport_cost_per_unit: NonNegative = 0.0
    co2_kg_per_unit: NonNegative = 0.0


class StockSite(_Shipping):
    """A sister site holding stock of a material that can be transferred."""

    kind: Literal["stock"]
    quantity: Annotated[float, Field(gt=0)]
    """Units it can spare."""
    transport: str = "truck"


class ExpressSite(_Shipping):
    """An express supplier: fast, expensive, usually CO2-heavy."""

    kind: Literal["express"]
    max_quantity: Annotated[float, Field(gt=0)]
    transport: str = "air"


class CapacitySite(Strict):
    """A sister site that can build units of some variants for us."""

    kind: Literal["capacity"]
    variants: list[str] = Field(min_length=1)
    units_per_day: Annotated[int, Field(ge=1)]
    lead_time: PositiveDuration
    """Time until units built there arrive (per batch taken over)."""
    cost_per_unit: NonNegative = 0.0
    co2_kg_per_unit: NonNegative = 0.0
    """Transport CO2 per unit shipped back."""


Site = Annotated[StockSite | ExpressSite | CapacitySite, Field(discriminator="kind")]
"""A sister site or an express source."""


class AgentsConfig(Strict):
    """The ``[agents]`` section (default: every agent ``off``)."""

    autonomy: Autonomy = "off"
    """Autonomy of every agent without its own setting."""
    decision_interval: DecisionInterval = 60.0
    """How often agents look at the line (they also react at once to announcements)."""
    look_ahead: PositiveDuration = 2.0 * 24 * 60
    """How far the planner simulates each option forward (capped at the horizon)."""
    human_reaction_delay: Duration = 4.0 * 60
    """``recommend`` and escalations: time until a person answers (e-mail loops)."""
    escalation_delay: Duration | None = None
    """Time until production management answers an *escalation* of an autonomous agent (a
    phone call rather than an e-mail loop; default: ``human_reaction_delay``)."""
    weights: Weights = Weights()
    guardrails: Guardrails = Guardrails()
    planner: PlannerSettings = PlannerSettings()
    supplier: SupplierSettings = SupplierSettings()
    maintenance: MaintenanceSettings = MaintenanceSettings()
    sites: dict[str, Site] = {}
    """Sister sites and express sources, by name."""
    sisters: dict[str, SisterSite] = {}
    """Sister sites that answer requests themselves, each a Mesa agent of its own
    (:mod:`sim.agents.sisters`; issue #14, mechanic 6); absent: none."""
    negotiation: Negotiation = Negotiation()
    """How many rounds the planner negotiates with the sisters per shortfall."""
    forecast: Literal["sampled", "oracle"] = "sampled"
    """How the planner's twin sees the future. ``sampled`` (honest, the default): the exact
    past, then ``futures`` re-seeded futures without the shocks nobody has announced, and a
    known outage ending when the supplier's estimate says (see :mod:`sim.line.forecast`).
    ``oracle``: the same seed as the real run and the whole scenario (perfect foresight,
    impossible in reality; kept as a lesson: the value of information)."""
    futures: Annotated[int, Field(ge=1, le=200)] = 8
    """``sampled``: futures simulated per option (the same futures for every option of a
    decision: common random numbers within the forecast)."""
    prune: bool = True
    """``sampled``: after the first half of the futures stop simulating options that are
    clearly beaten (paired over the same futures, worse than the best by more than three
    standard errors and 1 % of its score); ``false``: every option gets every future."""
    decision: Literal["mean", "quantile"] = "mean"
    """How the planner ranks options over the futures: by the mean score (risk-neutral) or
    by a high quantile of the score (risk-averse: good in most futures)."""
    quantile: Annotated[float, Field(gt=0, lt=1)] = 0.8
    """``decision = "quantile"``: which quantile of the score is ranked."""
    escalate_close_calls: Probability = 0.0
    """``autonomous``: also escalate when the best two simulated scores differ by less than
    this share of the runner-up's (an unclear situation; 0: never)."""

    def level(self, role: str) -> str:
        """The autonomy level of ``role`` (``planner``, ``supplier``, ``maintenance``)."""
        own = getattr(self, role).autonomy
        return own if own is not None else self.autonomy

    @property
    def active(self) -> bool:
        """Whether any agent is on."""
        return any(self.level(r) != "off" for r in ("planner", "supplier", "maintenance"))


def check_agent_references(scenario: Scenario) -> None:
    """Raise ``ReferenceError_`` if ``[agents]`` (or a ``quality_drift``) names unknown things."""
    for dname, dis in scenario.disruptions.items():  # (quality_drift: sim.scenario.drift_schema)
        if dis.kind == "quality_drift":
            if dis.station not in scenario.stations:
                raise ReferenceError_(f"disruptions.{dname}.station", f"unknown station "
                                      f"'{dis.station}'; expected one of "
                                      f"{_names(scenario.stations)}")
            if dis.max + scenario.stations[dis.station].rework >= 1:
                raise ReferenceError_(f"disruptions.{dname}.max",
                                      "max + the station's rework must be below 1")
    cfg = scenario.agents
    for name, sister in cfg.sisters.items():
        for material in sister.stock:
            if material not in scenario.materials:
                raise ReferenceError_(f"agents.sisters.{name}.stock.{material}",
                                      f"a known material; expected one of "
                                      f"{_names(scenario.materials)}")
        for variant in sister.capacity.variants if sister.capacity is not None else []:
            if variant not in scenario.variants:
                raise ReferenceError_(f"agents.sisters.{name}.capacity.variants",
                                      f"unknown variant '{variant}'; expected one of "
                                      f"{_names(scenario.variants)}")
    for name, site in cfg.sites.items():
        where = f"agents.sites.{name}"
        if site.kind in ("stock", "express") and site.material not in scenario.materials:
            raise ReferenceError_(f"{where}.material", f"unknown material '{site.material}'; "
                                  f"expected one of {_names(scenario.materials)}")
        if site.kind == "capacity":
            for variant in site.variants:
                if variant not in scenario.variants:
                    raise ReferenceError_(f"{where}.variants", f"unknown variant '{variant}'; "
                                          f"expected one of {_names(scenario.variants)}")
    for role in ("planner", "supplier", "maintenance"):
        name = getattr(cfg, role).policy
        if name not in POLICY_NAMES[role]:
            raise ReferenceError_(f"agents.{role}.policy", f"unknown policy '{name}'; "
                                  f"expected one of {_names(POLICY_NAMES[role])}")
    if cfg.planner.policy == "rules" and not cfg.planner.rules:
        raise ReferenceError_("agents.planner.rules", "policy 'rules' needs at least one rule, "
                              "e.g. rules = [{ if = \"always\", then = \"transfer\" }]")
    night = cfg.planner.night
    if night is not None:
        shifts = [s.name for s in scenario.calendar.shifts] if scenario.calendar else []
        if night.shift not in shifts:
            raise ReferenceError_("agents.planner.night.shift", f"unknown shift "
                                  f"'{night.shift}'; expected one of {_names(shifts)}")
    m = cfg.maintenance
    for field, names in (("stations", m.stations), ("quality_stations", m.quality_stations)):
        for station in names:
            if station not in scenario.stations:
                raise ReferenceError_(f"agents.maintenance.{field}", f"unknown station "
                                      f"'{station}'; expected one of {_names(scenario.stations)}")
    if m.policy in ("preventive", "predictive"):
        watched = m.stations or [s for s, spec in scenario.stations.items() if spec.failures]
        for station in watched:
            spec = scenario.stations[station].failures
            if spec is None or spec.clock != "operating":
                raise ReferenceError_(
                    "agents.maintenance.stations",
                    f"station '{station}' needs failures with clock = 'operating' for "
                    f"{m.policy} maintenance")
