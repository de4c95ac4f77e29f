"""The supplier agent: watches the planned delivery stream and passes deviations on.

Two ways a deviation becomes visible:

* **supply tracking** (``[agents.supplier] tracking = "30 min"``): the agent sees that a
  route is held this long after the outage begins (a train that stopped moving);
* the **supplier's report** (the disruption's ``reported_at``), or a cancelled delivery.

Whatever comes first is a *sighting*. The supplier policy (default ``tracking``: alert at
once) decides whether to alert the planner; an alert makes the deviation known to the planner
(``runtime.outages``), which then weighs its options in the same step. The sister sites'
offers (stock, capacity, express) are read by the planner from the scenario's
``[agents.sites]``; what was already taken from a site is tracked by the runtime.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.agents.journal import Option
from sim.agents.policies import Situation
from sim.scenario.units import format_duration, format_when

if TYPE_CHECKING:
    from sim.agents.policies import Policy
    from sim.agents.runtime import AgentRuntime


class Supplier:
    """The supplier role (plain Python; the Mesa adapter wraps it).

    Args:
        runtime: The agents' link to the line.
        policy: The rule deciding whether to alert the planner.
    """

    role = "supplier"

    def __init__(self, runtime: AgentRuntime, policy: Policy) -> None:
        self.rt = runtime
        self.policy = policy
        self.sightings: list[tuple[float, str, dict[str, Any]]] = []
        """Deviations that become visible at a time: ``(time, trigger text, facts)``."""
        self.seen: set[tuple[str, float]] = set()
        """``(material, until)`` already passed on or dismissed."""

    def step(self) -> None:
        """Turn announcements into sightings; act on the sightings that are due."""
        rt = self.rt
        tracking = rt.config.supplier.tracking
        for kind, data in rt.take(self.role):
            material = data.get("material")
            if kind == "route_held" and tracking is not None:
                start = data["time"]
                text = (f"supply tracking: {material} route held since {format_when(start)}, "
                        f"until {format_when(data['until'])}")
                self.sightings.append((start + tracking, text, {
                    "material": material, "until": data["until"], "source": "tracking"}))
                rt.alarm(start + tracking)
            elif kind == "delivery_delayed":
                text = (f"supplier reports {format_duration(data['delay'])} delay of "
                        f"{material} ({data['quantity']:,.0f} affected)")
                self.sightings.append((rt.now, text, {
                    "material": material, "until": data["until"], "source": "report"}))
            elif kind == "delivery_cancelled":
                text = f"supplier cancels a delivery of {data['quantity']:,.0f} {material}"
                self.sightings.append((rt.now, text, {
                    "material": material, "until": self.next_delivery(material),
                    "source": "cancellation"}))
        due = [s for s in self.sightings if s[0] <= rt.now + 1e-9]
        self.sightings = [s for s in self.sightings if s[0] > rt.now + 1e-9]
        for _, text, facts in due:
            self.sighting(text, facts)

    def next_delivery(self, material: str) -> float:
        """When the next planned delivery of ``material`` is due (the horizon if none)."""
        now = self.rt.now
        dues = [s.due for s in self.rt.line.materials.shipments
                if s.material == material and s.arrived is None and not s.cancelled
                and s.due >= now]
        return min(dues, default=self.rt.line.scenario.horizon)

    def sighting(self, trigger: str, facts: dict[str, Any]) -> None:
        """Ask the policy whether to alert the planner about a deviation."""
        rt = self.rt
        key = (facts["material"], facts["until"])
        if key in self.seen:
            return
        self.seen.add(key)
        alert = Option("alert_planner", f"alert the planner: {facts['material']} supply back "
                                        f"only at {format_when(facts['until'])}")
        watch = Option("keep_watching", "keep watching; tell nobody yet")
        obs = rt.observe()
        situation = Situation(rt.now, trigger, obs, [alert, watch],
                              lambda opts: opts, rt.config.weights, dict(facts))
        proposal = self.policy.decide(situation)
        if proposal is None:
            return
        observed = (f"{facts['material']}: stock {obs.stock[facts['material']]:,.0f}, "
                    f"ordered {obs.pipeline[facts['material']]:,.0f}")
        rt.submit(self.role, trigger, observed, proposal)
        if proposal.choice.name == "alert_planner":
            rt.outages[facts["material"]] = {"until": facts["until"], "trigger": trigger,
                                             "seen": rt.now, "source": facts["source"]}
