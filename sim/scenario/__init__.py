"""Scenario = data: pydantic models loaded from TOML files with ``extends`` and units."""

from sim.scenario.loader import load_scenario, scenario_hash, to_data, with_overrides
from sim.scenario.schema import Scenario

__all__ = ["Scenario", "load_scenario", "scenario_hash", "to_data", "with_overrides"]
