"""The no-code planner: runs the rule list of ``[agents.planner] rules`` (issue #17).

:class:`RulesPlanner` is registered as the planner policy ``"rules"``. It simulates nothing:
on each question it walks the scenario's rules (:class:`sim.scenario.planner_rules.PlannerRule`)
top to bottom and takes the first option whose kind the first applicable rule names. Its
reason in the journal quotes the rule that fired (a catalogue template, so it reads German in
German mode).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sim.agents.journal import Option, Proposal
from sim.i18n.message import Msg
from sim.scenario.planner_rules import PlannerRule

if TYPE_CHECKING:
    from sim.agents.policies import Situation
    from sim.scenario.agents_schema import PlannerSettings


class RulesPlanner:
    """A planner written as data: ``if <condition> then <action>``, first match wins.

    Args:
        rules: The rules, in order (usually ``scenario.agents.planner.rules``).
    """

    takes_settings = True
    """The registry passes the role's settings (:func:`sim.agents.policies.resolve`)."""

    def __init__(self, rules: Sequence[PlannerRule] | PlannerSettings = ()) -> None:
        self.rules = list(getattr(rules, "rules", rules))

    def decide(self, situation: Situation) -> Proposal | None:
        """Take the option of the first rule that applies (``None``: no rule applies)."""
        for number, rule in enumerate(self.rules, start=1):
            if not holds(rule, situation):
                continue
            option = pick(rule.then, situation.candidates)
            if option is None:
                continue
            reason = Msg("agent.rules.fired", n=number, rule=rule_text(rule))
            return Proposal(option, situation.candidates, reason)
        return None


def holds(rule: PlannerRule, situation: Situation) -> bool:
    """Whether ``rule``'s condition is true in ``situation``."""
    d = situation.details
    if rule.when == "always":
        return True
    if "shortfall" not in d:
        return False  # the supply conditions need a supply question
    if rule.when == "outage_longer":
        return d["until"] - situation.time > (rule.hours or 0.0) * 60.0
    if rule.when == "shortfall_above":
        return d["shortfall"] > (rule.quantity or 0.0)
    return any(sum(a.kwargs.get("quantity", 0.0) for a in o.actions) >= d["shortfall"]
               for o in situation.candidates if o.name.startswith("transfer_"))


def pick(kind: str, candidates: Sequence[Option]) -> Option | None:
    """The first candidate of ``kind`` (``wait``: the candidate that does nothing)."""
    if kind == "wait":
        return next((o for o in candidates if not o.actions), None)
    return next((o for o in candidates if o.name == kind or o.name.startswith(f"{kind}_")),
                None)


def rule_text(rule: PlannerRule) -> Msg:
    """The rule in words, as a catalogue template (``if the outage lasts longer than 48 h …``)."""
    when = Msg(f"agent.rules.if.{rule.when}", hours=f"{rule.hours or 0:g}",
               quantity=f"{rule.quantity or 0:g}")
    return Msg("agent.rules.rule", when=when, then=Msg(f"agent.rules.then.{rule.then}"))
