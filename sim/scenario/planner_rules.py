"""The no-code planner: an ordered list of rules in the scenario data (issue #17).

A mixed workshop group writes its planner without Python, as data::

    [agents.planner]
    policy = "rules"
    rules = [
      { if = "stock_covers", then = "transfer" },            # the sister site's stock covers it
      { if = "outage_longer", hours = 48, then = "express" }, # a long outage: fly it in
      { if = "always", then = "resequence" },                 # else re-sequence
    ]

The planner tries the rules top to bottom on every question it is asked; the first rule whose
condition holds *and* whose action is among the options found takes that option. No rule
applies: nothing is done. Conditions (:data:`CONDITIONS`) and actions (:data:`ACTIONS`) are
closed lists, so a typo is a :class:`~sim.errors.ScenarioError` naming the rule.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from sim.scenario.types import Strict

CONDITIONS = ("stock_covers", "outage_longer", "shortfall_above", "always")
"""``stock_covers``: a sister site's stock covers the projected shortfall; ``outage_longer``:
the supply is believed to be back more than ``hours`` from now; ``shortfall_above``: the
projected shortfall exceeds ``quantity`` (material units); ``always``: every question (also
the evening overtime check and other disturbances, where the supply conditions are false)."""
ACTIONS = ("transfer", "express", "outsource", "resequence", "reassign_staff", "overtime",
           "pull_forward", "skip_overtime", "wait")
"""The option kinds a rule may choose (an option's name starts with its kind); ``wait``: do
nothing (and stop looking at later rules)."""


class PlannerRule(Strict):
    """One line of a no-code planner: ``if <condition> then <action>``.

    Attributes:
        when: The condition (:data:`CONDITIONS`), written ``if`` in the file.
        hours: Threshold of ``outage_longer`` (hours).
        quantity: Threshold of ``shortfall_above`` (units of the material).
        then: The action (:data:`ACTIONS`).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    when: Literal["stock_covers", "outage_longer", "shortfall_above", "always"] = Field(
        alias="if")
    hours: float | None = Field(default=None, ge=0)
    quantity: float | None = Field(default=None, ge=0)
    then: Literal["transfer", "express", "outsource", "resequence", "reassign_staff",
                  "overtime", "pull_forward", "skip_overtime", "wait"]

    @model_validator(mode="after")
    def _threshold(self) -> PlannerRule:
        need = {"outage_longer": "hours", "shortfall_above": "quantity"}.get(self.when)
        if need is not None and getattr(self, need) is None:
            raise ValueError(f"condition '{self.when}' needs '{need}' (a number)")
        return self

    def text(self) -> str:
        """The rule in words (English; the journal renders it per language)."""
        limit = {"outage_longer": f" {self.hours:g} h", "shortfall_above":
                 f" {self.quantity:g}"}.get(self.when, "")
        return f"if {self.when}{limit} then {self.then}"
