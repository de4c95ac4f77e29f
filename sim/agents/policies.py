"""Replaceable rules: the policy Protocols, the built-in planner and supplier rules, a registry.

Every agent role (planner, supplier, maintenance) asks a *policy* what to do. A policy is any
object with one method::

    def decide(self, situation: Situation) -> Proposal | None: ...

The :class:`Situation` tells it the time, the trigger, what the line looks like, the
alternatives the role found (``situation.candidates``) and how to simulate options forward
(``situation.evaluate``). It returns a :class:`~sim.agents.journal.Proposal` (the chosen option,
the options weighed, the reason in words) or ``None`` to do nothing. A scenario names a policy
from :func:`registry` (``[agents.planner] policy = "twin"``); ``sim.run(..., policies=
{"planner": MyPolicy()})`` passes your own object instead.

Example, a planner that always takes the cheapest simulated option::

    class Cheapest:
        def decide(self, situation):
            options = situation.evaluate(situation.candidates)
            best = min(options, key=lambda o: o.predicted["cost"])
            return Proposal(best, options, "lowest simulated cost")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from sim.agents.journal import Option, Proposal
from sim.i18n.message import Msg, num, option_name

if TYPE_CHECKING:
    from sim.line.control import Observation
    from sim.scenario.agents_schema import Weights

@dataclass
class Situation:
    """What a policy is told when it is asked to decide.

    Attributes:
        time: Clock, minutes since Monday 00:00.
        trigger: What prompted the question, in words (``"supplier reports 72 h delay"``).
        observation: The line as the agent sees it.
        candidates: The alternatives the role found (the first is always to do nothing).
        evaluate: Simulates options forward in the twin and returns them with ``predicted``
            figures (cost, co2_kg, lateness_h, late_units, shortage_h, output, score).
        weights: The scenario's score weights.
        details: Role-specific facts (the material short, the machine's condition ...).
    """

    time: float
    trigger: str
    observation: Observation
    candidates: list[Option]
    evaluate: Callable[[list[Option]], list[Option]]
    weights: Weights
    details: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class Policy(Protocol):
    """Any rule an agent can follow: ``decide(situation) -> Proposal | None``."""

    def decide(self, situation: Situation) -> Proposal | None:
        """Return what to do (``None``: nothing)."""


class PlannerPolicy(Policy, Protocol):
    """A planner rule: picks among transfer, re-sequence, sister site, express, wait ..."""


class SupplierPolicy(Policy, Protocol):
    """A supplier rule: whether to alert the planner about a deviation it sees."""


class MaintenancePolicy(Policy, Protocol):
    """A maintenance rule: when to maintain, recalibrate or order spare parts."""


class TwinPlanner:
    """Simulate every candidate forward in the twin and take the lowest score (the default)."""

    def decide(self, situation: Situation) -> Proposal | None:
        """Evaluate all candidates; choose the lowest score; explain against the runner-up.

        A single candidate (nothing to weigh) is taken without simulation.
        """
        if len(situation.candidates) == 1:
            only = situation.candidates[0]
            return Proposal(only, situation.candidates, Msg("agent.only_option"))
        options = situation.evaluate(situation.candidates)
        ranked = sorted(options, key=lambda o: o.score)
        best = ranked[0]
        return Proposal(best, options, explain(best, ranked, situation.weights))


class RulePlanner:
    """A fixed rule without simulation: the first candidate that acts, in a preference order.

    Args:
        order: Preferred option names (default: transfer from a sister site, re-sequence,
            sister-site capacity, express, then whatever else acts).
    """

    def __init__(self, order: tuple[str, ...] = ("transfer", "resequence", "outsource",
                                                  "express")) -> None:
        self.order = order

    def decide(self, situation: Situation) -> Proposal | None:
        """Pick by the preference order (no forward simulation, no figures)."""
        acting = [o for o in situation.candidates if o.actions]
        if not acting:
            return None
        for prefix in self.order:
            for option in acting:
                if option.name.startswith(prefix):
                    return Proposal(option, situation.candidates,
                                    Msg("agent.rule_first", prefix=prefix))
        return Proposal(acting[0], situation.candidates, Msg("agent.rule_any"))


class WaitPlanner:
    """Never act (like agents ``off``, but the planner still watches)."""

    def decide(self, situation: Situation) -> Proposal | None:
        """Do nothing."""
        return None


class AlertPlanner:
    """Supplier rule: alert the planner as soon as a deviation is seen (the default)."""

    def decide(self, situation: Situation) -> Proposal | None:
        """Choose the candidate ``alert_planner``."""
        alert = next((o for o in situation.candidates if o.name == "alert_planner"), None)
        if alert is None:
            return None
        return Proposal(alert, situation.candidates,
                        Msg("agent.supplier.reason"))


class StaySilent:
    """Supplier rule: never alert (the planner finds out from its own coverage check)."""

    def decide(self, situation: Situation) -> Proposal | None:
        """Do nothing."""
        return None


def explain(best: Option, ranked: list[Option], weights: Weights) -> str:
    """A plain-words reason: why ``best`` beat the runner-up and doing nothing."""
    p = best.predicted
    shortage = (Msg("agent.explain.shortage", w=num(weights.shortage, "g")) if weights.shortage
                else "")
    futures = int(p.get("futures", 1))
    if futures > 1:
        rule = Msg("agent.explain.mean" if p["score"] == p.get("score_mean")
                   else "agent.explain.quantile")
        head = Msg("agent.explain.sampled", rule=rule, score=num(p["score"]), futures=futures,
                   p10=num(p["score_p10"]), p90=num(p["score_p90"]),
                   p_short=num(p["p_shortage"], ".0%"), p_late=num(p["p_late"], ".0%"))
    else:
        head = Msg("agent.explain.single", score=num(p["score"]))
    text = Msg("agent.explain.formula", head=head, cost=num(weights.cost, "g"),
               co2=num(weights.co2, "g"), late=num(weights.lateness, "g"), shortage=shortage)
    wait = next((o for o in ranked if not o.actions), None)
    if wait is not None and wait is not best:
        w = wait.predicted
        text = Msg("agent.join", a=text, b=Msg(
            "agent.explain.versus", wait=option_name(wait.name),
            cost=num(p["cost"] - w["cost"], "+,.0f"), co2=num(p["co2_kg"] - w["co2_kg"], "+,.0f"),
            late=num(p["lateness_h"] - w["lateness_h"], "+,.0f"),
            short=num(p["shortage_h"] - w["shortage_h"], "+.1f")))
    runner = next((o for o in ranked if o is not best), None)
    if runner is not None:
        text = Msg("agent.join", a=text, b=Msg("agent.explain.runner_up",
                                               runner=option_name(runner.name),
                                               score=num(runner.score)))
    if best is wait:
        text = Msg("agent.join", a=text, b=Msg("agent.explain.no_alternative"))
    return text
