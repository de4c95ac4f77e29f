"""Turning a finished (or paused) line model into a labelled :class:`~sim.results.Result`.

This is the results layer's job, used by :func:`sim.run`, by the agents' Mesa model and by the
stepping engines alike, so none of them has to climb to the façade to build a result.
"""

from __future__ import annotations

import platform
from collections.abc import Mapping
from functools import cache
from importlib import metadata as importlib_metadata
from typing import Any

import pandas as pd

from sim._version import __version__
from sim.labels import SYNTHETIC_LABEL
from sim.line.model import LineModel
from sim.results.kpis import line_kpis, station_table
from sim.results.measures import measure_tables
from sim.results.result import Result
from sim.scenario import Scenario, scenario_hash

__all__ = ["collect", "collect_kpis", "dependency_versions", "events_table", "run_metadata",
           "timeseries_table"]

_DEPENDENCIES = ("simpy", "mesa", "numpy", "pandas", "matplotlib", "pydantic")


def collect(model: LineModel, decisions: pd.DataFrame | None = None,
            extra_metadata: Mapping[str, Any] | None = None,
            daily: pd.DataFrame | None = None) -> Result:
    """Turn a finished model into a :class:`Result`.

    Args:
        model: The line model (finished, or paused by a stepping engine).
        decisions: The agents' decision journal (default: an empty table).
        extra_metadata: More metadata (the agents' levels, look-ahead counts ...).
        daily: The planner's daily balance (:mod:`sim.agents.daily`; ``None``: no report).

    Returns:
        The labelled result.
    """
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
        daily=daily,
    )


def collect_kpis(model: LineModel) -> pd.Series:
    """Only the KPIs of a finished model: what :func:`collect` puts in ``Result.kpis``.

    For experiments, which keep nothing but the KPIs of each run: no timeseries, event or
    metadata tables are built (the same numbers as ``collect(model).kpis``).

    Args:
        model: The line model (finished, or paused).

    Returns:
        The KPI series (names carry units).
    """
    return line_kpis(model, station_table(model))


@cache
def dependency_versions() -> dict[str, str | None]:
    """Versions of the packages a result depends on, looked up once per process."""
    versions: dict[str, str | None] = {}
    for dist in _DEPENDENCIES:
        try:
            versions[dist] = importlib_metadata.version(dist)
        except importlib_metadata.PackageNotFoundError:  # pragma: no cover
            versions[dist] = None
    versions["python"] = platform.python_version()
    return versions


def run_metadata(scenario: Scenario, seed: int) -> dict[str, Any]:
    """Metadata of a run: scenario and hash, seed, versions, and the SYNTHETIC label."""
    return {
        "synthetic": True,
        "label": SYNTHETIC_LABEL,
        "scenario": scenario.name,
        "scenario_hash": scenario_hash(scenario),
        "seed": int(seed),
        "version": __version__,
        "horizon_h": scenario.horizon / 60.0,
        "warmup_h": scenario.warmup / 60.0,
        "currency": scenario.economics.currency,
        "dependencies": dict(dependency_versions()),
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
