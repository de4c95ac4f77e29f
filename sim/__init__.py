"""Werkhalle: a small, honest, rule-based multi-agent factory simulator for teaching.

Every number it produces is synthetic. The public namespace is curated: see ``__all__``.
"""

from sim._version import __version__
from sim.errors import ScenarioError
from sim.labels import SYNTHETIC_LABEL
from sim.results import Result
from sim.runner import run
from sim.scenario import Scenario, load_scenario, with_overrides

__all__ = [
    "SYNTHETIC_LABEL",
    "Result",
    "Scenario",
    "ScenarioError",
    "__version__",
    "load_scenario",
    "run",
    "with_overrides",
]
