"""Scenario = data: pydantic models loaded from TOML files with ``extends`` and units.

The names are imported on first use (PEP 562), so that ``sim.scenario.units`` and the
command line's help do not pay for building the pydantic models.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.scenario.loader import (
        SCENARIO_DIR,
        load_scenario,
        scenario_hash,
        to_data,
        with_overrides,
    )
    from sim.scenario.schema import Scenario

_LAZY = {"SCENARIO_DIR": "sim.scenario.loader", "Scenario": "sim.scenario.schema",
         "load_scenario": "sim.scenario.loader",
         "scenario_hash": "sim.scenario.loader", "to_data": "sim.scenario.loader",
         "with_overrides": "sim.scenario.loader"}

__all__ = ["SCENARIO_DIR", "Scenario", "load_scenario", "scenario_hash", "to_data",
           "with_overrides"]


def __getattr__(name: str) -> Any:
    """Import a public name when it is first used."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sim.scenario' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names and what is loaded."""
    return sorted({*globals(), *__all__})
