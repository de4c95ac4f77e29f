"""The agent layer: rule-based planner, supplier and maintenance agents driving the line.

Agents act only through :class:`~sim.line.control.LineControl`; every decision lands in the
journal (``Result.decisions``). Mesa is used only in :mod:`sim.agents.mesa_adapter`, imported
when some agent is on. See docs/agents.md.
"""

from sim.agents.journal import Action, Option, Proposal, forecast_check
from sim.agents.policies import (
    MaintenancePolicy,
    PlannerPolicy,
    Policy,
    RulePlanner,
    Situation,
    SupplierPolicy,
    TwinPlanner,
    WaitPlanner,
)
from sim.agents.registry import REGISTRY, registry
from sim.agents.runtime import ApprovalRequest, ApproveAll, RefuseAll

__all__ = [
    "REGISTRY",
    "Action",
    "ApprovalRequest",
    "ApproveAll",
    "MaintenancePolicy",
    "Option",
    "PlannerPolicy",
    "Policy",
    "Proposal",
    "RefuseAll",
    "RulePlanner",
    "Situation",
    "SupplierPolicy",
    "TwinPlanner",
    "WaitPlanner",
    "forecast_check",
    "registry",
]
