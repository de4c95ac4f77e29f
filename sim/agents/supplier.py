"""The supplier agent: watches the planned delivery stream and passes deviations on.

Two ways a deviation becomes visible:

* **supply tracking** (``[agents.supplier] tracking = "30 min"``): the agent sees that a
  route is held this long after the outage begins (a train that stopped moving);
* the **supplier's report** (the disruption's ``reported_at``), or a cancelled delivery.

Whatever comes first is a *sighting*. A sighting carries only what could be known then:
tracking sees *that* the route is held, not for how long, so the agents assume
``assumed_outage`` +- ``assumed_spread`` from its start; the supplier's report brings its
estimate (``estimated_delay`` +- ``estimate_spread``); a cancelled delivery is missing until
the next planned one. When the material still has not come by the latest end believed in,
the agent assumes ``overdue_extension`` more and passes that on: a new estimate, so the
planner re-plans. The true end of an outage is never known to any agent.

The supplier policy (default ``tracking``: alert at once) decides whether to alert the
planner; an alert makes the deviation known to the planner (``runtime.outages``, with the
belief's range), which then weighs its options in the same step. The sister sites'
offers (stock, capacity, express) are read by the planner from the scenario's
``[agents.sites]``; what was already taken from a site is tracked by the runtime.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.agents.journal import Option
from sim.agents.policies import Situation
from sim.i18n.message import Msg, at, dur, name, num

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
        """``(material, estimated end)`` already passed on or dismissed."""
        self.overdue: dict[str, float] = {}
        """Per material: the latest end believed in (checked when it passes)."""

    def step(self) -> None:
        """Turn announcements into sightings; act on the sightings that are due."""
        rt = self.rt
        cfg = rt.config.supplier
        for kind, data in rt.take(self.role):
            material = data.get("material")
            if kind == "route_held" and cfg.tracking is not None:
                start = data["since"]
                estimate = start + cfg.assumed_outage
                text = Msg("agent.supplier.tracking", material=name(material), since=at(start),
                           estimate=at(estimate), spread=dur(cfg.assumed_spread))
                self.sightings.append((start + cfg.tracking, text, {
                    "material": material, "estimate": estimate, "spread": cfg.assumed_spread,
                    "disruption": data["disruption"], "source": "tracking"}))
                rt.alarm(start + cfg.tracking)
            elif kind == "delivery_delayed":
                text = Msg("agent.supplier.delayed", delay=dur(data["delay"]),
                           material=name(material), estimate=at(data["estimate"]),
                           spread=dur(data["spread"]), quantity=num(data["quantity"]))
                self.sightings.append((rt.now, text, {
                    "material": material, "estimate": data["estimate"],
                    "spread": data["spread"], "disruption": data["disruption"],
                    "source": "report"}))
            elif kind == "delivery_cancelled":
                text = Msg("agent.supplier.cancelled", quantity=num(data["quantity"]),
                           material=name(material))
                self.sightings.append((rt.now, text, {
                    "material": material, "estimate": self.next_delivery(material),
                    "spread": 0.0, "disruption": None, "source": "cancellation"}))
        self.check_overdue()
        due = [s for s in self.sightings if s[0] <= rt.now + 1e-9]
        self.sightings = [s for s in self.sightings if s[0] > rt.now + 1e-9]
        for _, text, facts in due:
            self.sighting(text, facts)

    def check_overdue(self) -> None:
        """A held route still held after the latest believed end: assume it takes longer."""
        rt = self.rt
        held = rt.observe().route_held_since
        for material, latest in list(self.overdue.items()):
            if rt.now + 1e-9 < latest:
                continue
            del self.overdue[material]
            info = rt.outages.get(material)
            if material not in held or info is None:
                continue
            cfg = rt.config.supplier
            estimate = rt.now + cfg.overdue_extension
            spread = info["spread"]
            text = Msg("agent.supplier.overdue", material=name(material), now=at(rt.now),
                       latest=at(latest), extension=dur(cfg.overdue_extension),
                       estimate=at(estimate), spread=dur(spread))
            self.sightings.append((rt.now, text, {
                "material": material, "estimate": estimate, "spread": spread,
                "disruption": info.get("disruption"), "source": "overdue"}))

    def next_delivery(self, material: str) -> float:
        """When the next planned delivery of ``material`` is due (the horizon if none)."""
        now = self.rt.now
        dues = [due for m, _, due, _ in self.rt.observe().shipments
                if m == material and due >= now]
        return min(dues, default=self.rt.scenario.horizon)

    def sighting(self, trigger: str, facts: dict[str, Any]) -> None:
        """Ask the policy whether to alert the planner about a deviation."""
        rt = self.rt
        key = (facts["material"], round(facts["estimate"], 3))
        if key in self.seen:
            return
        self.seen.add(key)
        spread = facts["spread"]
        back = (Msg("agent.supplier.back_spread", estimate=at(facts["estimate"]),
                    spread=dur(spread)) if spread > 0
                else Msg("agent.supplier.back", estimate=at(facts["estimate"])))
        alert = Option("alert_planner", Msg("agent.supplier.alert",
                                            material=name(facts["material"]), back=back))
        watch = Option("keep_watching", Msg("agent.supplier.watch"))
        obs = rt.observe()
        situation = Situation(rt.now, trigger, obs, [alert, watch],
                              lambda opts: opts, rt.config.weights, dict(facts))
        proposal = self.policy.decide(situation)
        if proposal is None:
            return
        observed = Msg("agent.supplier.observed", material=name(facts["material"]),
                       stock=num(obs.stock[facts["material"]]),
                       ordered=num(obs.pipeline[facts["material"]]))
        rt.submit(self.role, trigger, observed, proposal)
        if proposal.choice.name == "alert_planner":
            estimate = facts["estimate"]
            rt.outages[facts["material"]] = {
                "estimate": estimate, "low": estimate - spread, "high": estimate + spread,
                "spread": spread, "disruption": facts.get("disruption"), "trigger": trigger,
                "seen": rt.now, "source": facts["source"]}
            if facts["source"] != "cancellation":
                self.overdue[facts["material"]] = estimate + spread
                rt.alarm(estimate + spread)
