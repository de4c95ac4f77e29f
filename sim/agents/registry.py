"""Every built-in rule, by role and name: what a scenario's ``policy = "..."`` selects.

The planner and supplier rules live in :mod:`sim.agents.policies`, the maintenance rules beside
the maintenance role in :mod:`sim.agents.maintenance`; this module lists them all in one
constant, :data:`REGISTRY`, so a newcomer finds every rule in one place. The file format's
words for them are :data:`sim.scenario.agents_schema.POLICY_NAMES` (a test keeps the two equal).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from sim.agents.maintenance import (
    PredictiveMaintenance,
    PreventiveMaintenance,
    ReactiveMaintenance,
)
from sim.agents.policies import (
    AlertPlanner,
    Policy,
    RulePlanner,
    StaySilent,
    TwinPlanner,
    WaitPlanner,
)
from sim.agents.rule_builder import RulesPlanner

__all__ = ["REGISTRY", "registry", "resolve"]

REGISTRY: Mapping[str, Mapping[str, Callable[[], Policy]]] = MappingProxyType({
    "planner": MappingProxyType({"twin": TwinPlanner, "rule": RulePlanner, "wait": WaitPlanner,
                                 "rules": RulesPlanner}),
    "supplier": MappingProxyType({"tracking": AlertPlanner, "silent": StaySilent}),
    "maintenance": MappingProxyType({"reactive": ReactiveMaintenance,
                                     "preventive": PreventiveMaintenance,
                                     "predictive": PredictiveMaintenance}),
})
"""The built-in policies: ``REGISTRY[role][name]()`` makes one (read-only)."""


def registry() -> dict[str, dict[str, Callable[[], Policy]]]:
    """A copy of :data:`REGISTRY` as plain dicts (for code that wants to extend it)."""
    return {role: dict(names) for role, names in REGISTRY.items()}


def resolve(role: str, policy: str | Policy, settings: Any = None) -> Policy:
    """Return the policy object for ``role``: a registry name, or an object with ``decide``.

    A registered policy with ``takes_settings = True`` (the no-code ``rules`` planner) is built
    from the role's ``settings`` (e.g. ``scenario.agents.planner``).

    Raises:
        ValueError: For an unknown name.
        TypeError: For an object without a ``decide`` method.
    """
    if isinstance(policy, str):
        known = REGISTRY[role]
        if policy not in known:
            raise ValueError(f"unknown {role} policy {policy!r}; expected one of "
                             f"{', '.join(sorted(known))}")
        factory = known[policy]
        if getattr(factory, "takes_settings", False):
            return factory(settings) if settings is not None else factory()
        return factory()
    if not callable(getattr(policy, "decide", None)):
        raise TypeError(f"a {role} policy needs a decide(situation) method, got {policy!r}")
    return policy
