"""Same scenario + seed => identical results (also in a fresh process); streams are per component.

Random numbers come from one generator per named component, so changing one station leaves
the release process and every other station's draws as they were.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import sim
from sim import load_scenario, with_overrides
from sim.line.model import LineModel

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = """
import json, sys
import sim
r = sim.run(sys.argv[1], seed=int(sys.argv[2]))
print(json.dumps({k: repr(float(v)) for k, v in r.kpis.items()}))
"""


def _kpi_reprs(result: sim.Result) -> dict[str, str]:
    return {k: repr(float(v)) for k, v in result.kpis.items()}


@pytest.mark.parametrize("name", ["baseline", "tandem", "failures"])
def test_same_seed_same_results(name: str) -> None:
    a, b = sim.run(name, seed=7), sim.run(name, seed=7)
    pd.testing.assert_series_equal(a.kpis, b.kpis, check_exact=True)
    pd.testing.assert_frame_equal(a.stations, b.stations, check_exact=True)
    pd.testing.assert_frame_equal(a.timeseries, b.timeseries, check_exact=True)
    pd.testing.assert_frame_equal(a.events, b.events, check_exact=True)
    assert a.fingerprint == b.fingerprint


def test_same_seed_same_results_in_a_fresh_process() -> None:
    here = _kpi_reprs(sim.run("baseline", seed=11))
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, "baseline", "11"], cwd=ROOT, capture_output=True,
        text=True, check=True, timeout=300,
        env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"},  # another str hash salt
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == here


@pytest.mark.parametrize("name", ["baseline", "mm1", "conwip"])
def test_different_seeds_differ(name: str) -> None:
    a, b = sim.run(name, seed=1), sim.run(name, seed=2)
    assert a.fingerprint != b.fingerprint
    assert not a.kpis.equals(b.kpis)
    assert a.kpis["cycle time mean [h]"] != b.kpis["cycle time mean [h]"]


def _events(scenario, seed: int = 3) -> pd.DataFrame:  # noqa: ANN001
    model = LineModel(scenario, seed=seed, event_log=True)
    model.run()
    return sim.results.collector.events_table(model)


def _states(events: pd.DataFrame, station: str) -> pd.DataFrame:
    rows = events[(events["kind"] == "state") & (events["station"] == station)]
    return rows[["time_h", "machine", "state"]].reset_index(drop=True)


def test_changing_one_station_keeps_other_streams() -> None:
    base = with_overrides(load_scenario("tandem"), {"horizon": "2 d"})
    changed = with_overrides(base, {
        "stations.third.process_time": {"dist": "gamma", "mean": "0.9 min", "cv": 0.5},
        "stations.third.failures": {"ttf": {"dist": "exponential", "mean": "3 h"},
                                    "ttr": "10 min"},
    })
    ev_a, ev_b = _events(base), _events(changed)
    # the release arrivals are identical ...
    rel_a = ev_a[ev_a["kind"] == "release"]["time_h"].to_numpy()
    rel_b = ev_b[ev_b["kind"] == "release"]["time_h"].to_numpy()
    assert len(rel_a) > 1000 and (rel_a == rel_b).all()
    # ... and so is everything upstream of the changed station (unbounded buffers)
    for station in ("first", "second"):
        assert len(_states(ev_a, station)) > 100
        pd.testing.assert_frame_equal(_states(ev_a, station), _states(ev_b, station))
    # while the changed station itself and the finishes do change
    fa = ev_a[ev_a["kind"] == "finish"]["time_h"].to_numpy()
    fb = ev_b[ev_b["kind"] == "finish"]["time_h"].to_numpy()
    assert len(fa) != len(fb) or (fa != fb).any()


def test_adding_a_station_keeps_the_release_stream() -> None:
    base = with_overrides(load_scenario("mm1"), {"horizon": "1 d"})
    data = sim.scenario.to_data(base)
    data["stations"]["extra"] = {"process_time": {"dist": "exponential", "mean": "0.5 min"}}
    longer = load_scenario(data)
    ev_a, ev_b = _events(base), _events(longer)
    rel_a = ev_a[ev_a["kind"] == "release"]["time_h"].to_numpy()
    rel_b = ev_b[ev_b["kind"] == "release"]["time_h"].to_numpy()
    assert len(rel_a) > 500 and (rel_a == rel_b).all()
    pd.testing.assert_frame_equal(_states(ev_a, "server"), _states(ev_b, "server"))
