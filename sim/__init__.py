"""Werkhalle: a small, honest, rule-based multi-agent factory simulator for teaching.

Every number it produces is synthetic. The public namespace is curated: see ``__all__``.

``import sim`` is cheap: the names below are imported when first used (PEP 562 module
``__getattr__``), so a command such as ``werkhalle --help`` does not pay for pandas, the
scenario models, or Mesa. ``from sim import run`` works as usual.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from sim._version import __version__
from sim.errors import ScenarioError
from sim.labels import SYNTHETIC_LABEL

if TYPE_CHECKING:
    from sim.agents import MaintenancePolicy, PlannerPolicy, Policy, SupplierPolicy
    from sim.experiments import compare_paired, replicate, stress_test, sweep
    from sim.experiments.compare import Comparison, compare
    from sim.i18n import get_language, set_language
    from sim.results import Result, read_result
    from sim.runner import run, start
    from sim.scenario import Scenario, load_scenario, with_overrides

_LAZY = {
    "Comparison": "sim.experiments.compare",
    "MaintenancePolicy": "sim.agents",
    "PlannerPolicy": "sim.agents",
    "Policy": "sim.agents",
    "Result": "sim.results",
    "Scenario": "sim.scenario",
    "SupplierPolicy": "sim.agents",
    "compare": "sim.experiments.compare",
    "compare_paired": "sim.experiments",
    "get_language": "sim.i18n",
    "load_scenario": "sim.scenario",
    "read_result": "sim.results",
    "replicate": "sim.experiments",
    "run": "sim.runner",
    "set_language": "sim.i18n",
    "start": "sim.runner",
    "stress_test": "sim.experiments",
    "sweep": "sim.experiments",
    "with_overrides": "sim.scenario",
}
"""Public name -> the module that defines it (imported on first use)."""

_SUBMODULES = ("agents", "cli", "dashboard", "experiments", "i18n", "line", "plots", "results",
               "runner", "scenario")
"""Rooms reachable as attributes (``sim.runner``) without importing them first."""

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


def __getattr__(name: str) -> Any:
    """Import a public name (or a room of the package) when it is first used."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return import_module(f"sim.{name}")
    raise AttributeError(f"module 'sim' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names and the rooms, for completion in notebooks."""
    return sorted({*globals(), *__all__, *_SUBMODULES})
