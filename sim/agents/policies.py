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
            return Proposal(only, situation.candidates, "the only option: nothing to weigh")
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
                                    f"fixed rule: '{prefix}' comes first in the preference "
                                    "order (nothing was simulated)")
        return Proposal(acting[0], situation.candidates, "fixed rule: the first option that acts")


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
                        "a deviation in the planned delivery stream is passed on at once")


class StaySilent:
    """Supplier rule: never alert (the planner finds out from its own coverage check)."""

    def decide(self, situation: Situation) -> Proposal | None:
        """Do nothing."""
        return None


def explain(best: Option, ranked: list[Option], weights: Weights) -> str:
    """A plain-words reason: why ``best`` beat the runner-up and doing nothing."""
    p = best.predicted
    shortage = f" + {weights.shortage:g} x hours short" if weights.shortage else ""
    futures = int(p.get("futures", 1))
    if futures > 1:
        rule = "mean" if p["score"] == p.get("score_mean") else "risk-averse quantile of the"
        head = (f"lowest {rule} score {p['score']:,.0f} over {futures} sampled futures "
                f"(p10-p90 {p['score_p10']:,.0f}-{p['score_p90']:,.0f}; P(shortage > 2 h) "
                f"{p['p_shortage']:.0%}, P(late) {p['p_late']:.0%})")
    else:
        head = f"lowest score {p['score']:,.0f}"
    parts = [f"{head} (= {weights.cost:g} x cost + {weights.co2:g} x kg CO2 + "
             f"{weights.lateness:g} x unit-hours late{shortage})"]
    wait = next((o for o in ranked if not o.actions), None)
    if wait is not None and wait is not best:
        w = wait.predicted
        parts.append(
            f"versus '{wait.name}': cost {p['cost'] - w['cost']:+,.0f}, CO2 "
            f"{p['co2_kg'] - w['co2_kg']:+,.0f} kg, lateness "
            f"{p['lateness_h'] - w['lateness_h']:+,.0f} unit-h, material shortage "
            f"{p['shortage_h'] - w['shortage_h']:+.1f} h")
    runner = next((o for o in ranked if o is not best), None)
    if runner is not None:
        parts.append(f"runner-up '{runner.name}' scored {runner.score:,.0f}")
    if best is wait:
        parts.append("no alternative pays for itself")
    return "; ".join(parts)
