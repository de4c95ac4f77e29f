"""Werkhalle: a small, honest, rule-based multi-agent factory simulator for teaching.

Every number it produces is synthetic. The public namespace is curated: see ``__all__``.
"""

from sim._version import __version__
from sim.agents import MaintenancePolicy, PlannerPolicy, Policy, SupplierPolicy
from sim.errors import ScenarioError
from sim.experiments import compare_paired, replicate, stress_test, sweep
from sim.experiments.compare import Comparison, compare
from sim.i18n import get_language, set_language
from sim.labels import SYNTHETIC_LABEL
from sim.results import Result, read_result
from sim.runner import run, start
from sim.scenario import Scenario, load_scenario, with_overrides

__all__ = [
    "Comparison",
    "MaintenancePolicy",
    "PlannerPolicy",
    "Policy",
    "SYNTHETIC_LABEL",
    "Result",
    "Scenario",
    "ScenarioError",
    "SupplierPolicy",
    "__version__",
    "compare",
    "compare_paired",
    "get_language",
    "load_scenario",
    "read_result",
    "replicate",
    "run",
    "set_language",
    "start",
    "stress_test",
    "sweep",
    "with_overrides",
]
