"""``sim.run``: run one scenario with one seed and collect a labelled :class:`Result`."""

from __future__ import annotations

import platform
from collections.abc import Mapping
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import pandas as pd

from sim._version import __version__
from sim.labels import SYNTHETIC_LABEL
from sim.line.model import LineModel
from sim.results.kpis import line_kpis, station_table
from sim.results.measures import measure_tables
from sim.results.result import Result
from sim.scenario import Scenario, load_scenario, scenario_hash

_DEPENDENCIES = ("simpy", "mesa", "numpy", "pandas", "matplotlib", "pydantic")


def run(
    scenario: Scenario | str | Path | Mapping[str, Any],
    seed: int = 0,
    *,
    agents: str | None = None,
    policies: Mapping[str, Any] | None = None,
    approver: Any = None,
    event_log: bool | None = None,
) -> Result:
    """Run a scenario once and return its result.

    Args:
        scenario: A :class:`~sim.scenario.Scenario`, a path to a TOML file, a shipped
            scenario's name (``"baseline"``) or scenario data as a dict.
        seed: Seed of the random streams; same scenario and seed give identical results.
        agents: ``None``: agents as the scenario's ``[agents]`` section says; ``"off"``: the
            baseline (nobody reacts); ``"recommend"`` or ``"autonomous"``: every agent at that
            autonomy level.
        policies: Per role (``planner``, ``supplier``, ``maintenance``) a policy name from
            :func:`sim.agents.policies.registry` or your own object with ``decide(situation)``.
        approver: Who answers proposals in ``recommend`` mode and escalations: a callable
            ``approver(request) -> bool`` (default: production management approves, after the
            scenario's ``human_reaction_delay``).
        event_log: Keep the event log (default: as the scenario says).

    Returns:
        The run's :class:`~sim.results.Result`; ``Result.decisions`` is the agents' journal.

    Raises:
        ScenarioError: If the scenario is invalid (names file, field and expectation), or
            ``agents``/``policies`` are not understood.
    """
    from sim.agents.setup import agent_levels, empty_journal, make_agent_model

    scn = load_scenario(scenario)
    levels = agent_levels(scn, agents)
    if not any(level != "off" for level in levels.values()):
        model = LineModel(scn, seed=seed, event_log=event_log)
        model.run()
        return collect(model, decisions=empty_journal(), extra_metadata={"agents": levels})
    factory = make_agent_model(scn, seed, levels, policies, approver, event_log)
    factory.run()
    return factory.result()


def collect(model: LineModel, decisions: pd.DataFrame | None = None,
            extra_metadata: Mapping[str, Any] | None = None) -> Result:
    """Turn a finished model into a :class:`Result`."""
    stations = station_table(model)
    kpis = line_kpis(model, stations)
    meta = run_metadata(model.scenario, model.seed)
    if model.log is not None:
        meta["events_dropped"] = model.log.dropped
    meta.update(extra_metadata or {})
    return Result(
        kpis=kpis,
        timeseries=timeseries_table(model),
        stations=stations,
        events=events_table(model),
        metadata=meta,
        decisions=decisions if decisions is not None else pd.DataFrame(),
        measures=measure_tables(model, stations),
    )


def run_metadata(scenario: Scenario, seed: int) -> dict[str, Any]:
    """Metadata of a run: scenario and hash, seed, versions, and the SYNTHETIC label."""
    versions = {}
    for dist in _DEPENDENCIES:
        try:
            versions[dist] = importlib_metadata.version(dist)
        except importlib_metadata.PackageNotFoundError:  # pragma: no cover
            versions[dist] = None
    versions["python"] = platform.python_version()
    return {
        "synthetic": True,
        "label": SYNTHETIC_LABEL,
        "scenario": scenario.name,
        "scenario_hash": scenario_hash(scenario),
        "seed": int(seed),
        "version": __version__,
        "horizon_h": scenario.horizon / 60.0,
        "warmup_h": scenario.warmup / 60.0,
        "dependencies": versions,
    }


def timeseries_table(model: LineModel) -> pd.DataFrame:
    """The sampled timeseries, with time in hours."""
    frame = pd.DataFrame(model.samples, columns=model.sample_columns())
    frame.insert(0, "time_h", frame.pop("time_min") / 60.0)
    return frame


def events_table(model: LineModel) -> pd.DataFrame:
    """The event log as a table: time (h), kind, and one column per detail."""
    if model.log is None or not model.log.rows:
        return pd.DataFrame(columns=["time_h", "kind"])
    rows = [{"time_h": t / 60.0, "kind": kind, **data} for t, kind, data in model.log.rows]
    return pd.DataFrame(rows)
