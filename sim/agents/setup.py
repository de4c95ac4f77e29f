"""Building an agent run: resolving autonomy levels and policies, creating the Mesa model.

Kept apart from :mod:`sim.agents.mesa_adapter` so that ``sim.run`` imports Mesa only when
some agent is actually on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sim.agents.journal import empty_journal
from sim.agents.registry import resolve
from sim.errors import ScenarioError
from sim.scenario.agents_schema import AUTONOMY_LEVELS, ROLES

if TYPE_CHECKING:
    from sim.agents.mesa_adapter import FactoryModel
    from sim.scenario.schema import Scenario

__all__ = ["agent_levels", "empty_journal", "make_agent_model"]


def agent_levels(scenario: Scenario, agents: str | None) -> dict[str, str]:
    """Autonomy level per role: the scenario's, or ``agents`` for every role.

    Raises:
        ScenarioError: If ``agents`` is not ``None`` or an autonomy level.
    """
    if agents is not None and agents not in AUTONOMY_LEVELS:
        raise ScenarioError(None, "agents", f"one of {', '.join(AUTONOMY_LEVELS)} "
                            f"(got {agents!r})")
    cfg = scenario.agents
    return {role: agents if agents is not None else cfg.level(role) for role in ROLES}


def make_agent_model(scenario: Scenario, seed: int, levels: Mapping[str, str],
                     policies: Mapping[str, Any] | None, approver: Any,
                     event_log: bool | None) -> FactoryModel:
    """Create the Mesa model of a run with agents.

    Raises:
        ScenarioError: For an unknown role or policy in ``policies``.
    """
    from sim.agents.mesa_adapter import FactoryModel

    for role, policy in (policies or {}).items():
        if role not in ROLES:
            raise ScenarioError(None, f"policies.{role}", f"one of {', '.join(ROLES)}")
        try:
            resolve(role, policy)
        except (ValueError, TypeError) as exc:
            raise ScenarioError(None, f"policies.{role}", str(exc)) from None
    return FactoryModel(scenario, seed, levels=levels, policies=policies, approver=approver,
                        event_log=event_log)


def as_person(scenario: Scenario, delay: float) -> Scenario:
    """The scenario with a person deciding: the same agents, proposing only.

    Every role that is on (all roles if none is) switches to ``recommend``; production
    management approves each proposal after ``delay`` minutes; supply tracking is off (the
    person hears of an outage from the supplier's report).
    """
    from sim.scenario import with_overrides

    levels = agent_levels(scenario, None)
    active = [r for r, level in levels.items() if level != "off"] or list(ROLES)
    changes: dict[str, Any] = {f"agents.{role}.autonomy": "recommend" for role in active}
    changes.update({"agents.human_reaction_delay": f"{float(delay)!r} min",
                    "agents.supplier.tracking": "off"})
    return with_overrides(scenario, changes)
