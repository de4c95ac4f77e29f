"""Experiments with the agents: baseline (agents off) vs agents on common random numbers."""

import math

import pandas as pd
import pytest

import sim
from sim.experiments import bad_day, compare_paired, replicate, resilience, stress_test
from sim.scenario import load_scenario

FAST = {"jobs": 1, "progress": False}


def _kpis(result):
    return pd.Series(result.kpis.to_dict())


@pytest.fixture(scope="module")
def paired():
    return compare_paired("supply_disruption", 2, seed=3, **FAST)


def test_paired_default_is_baseline_vs_agents_on_the_same_seeds(paired):
    runs = paired.runs
    assert list(runs["config"]) == ["baseline", "agents"] * 2
    seed = int(runs.loc[0, "seed"])
    assert runs.loc[1, "seed"] == seed
    base = sim.run("supply_disruption", seed, agents="off").kpis
    agents = sim.run("supply_disruption", seed).kpis
    for kpi in ("output [units]", "on-time delivery [%]", "cost [EUR]", "CO2 [kg]"):
        assert runs.loc[0, kpi] == base[kpi]
        assert runs.loc[1, kpi] == agents[kpi]
        assert paired.differences.loc[0, kpi] == agents[kpi] - base[kpi]


def test_agents_cut_late_units_in_the_main_vignette(paired):
    table = paired.table.set_index("kpi")
    assert table.loc["late units [units]", "agents"] < table.loc["late units [units]",
                                                                  "baseline"]


def test_recommend_mode_is_passed_to_the_runs():
    reps = replicate("supply_disruption", 1, seed=1, agents="recommend", **FAST)
    seed = int(reps.runs.loc[0, "seed"])
    direct = sim.run("supply_disruption", seed, agents="recommend").kpis
    assert reps.runs.loc[0, "cost [EUR]"] == direct["cost [EUR]"]
    assert reps.metadata["agents"] == "recommend"


def test_stress_default_faces_baseline_and_agents_with_the_same_bad_week():
    result = stress_test("stress_week", 2, seed=4, **FAST)
    runs = result.runs
    assert list(result.outcomes["config"]) == ["baseline", "agents"]
    assert runs.loc[0, "bad_day"] == runs.loc[1, "bad_day"]
    seed = int(runs.loc[0, "seed"])
    week = bad_day(load_scenario("stress_week"), seed)
    assert runs.loc[0, "cost [EUR]"] == sim.run(week, seed, agents="off").kpis["cost [EUR]"]
    assert runs.loc[1, "cost [EUR]"] == sim.run(week, seed).kpis["cost [EUR]"]


def test_resilience_baseline_waits_agents_decide():
    result = resilience("supply_disruption", 1, seed=2, **FAST)
    runs = result.runs.set_index("config")
    # the supplier reports the rail outage 3.5 h after it began (Tue 06:00 -> 09:30)
    assert runs.loc["baseline", "time to detect [h]"] == 3.5
    assert math.isnan(runs.loc["baseline", "time to decide [h]"])
    assert runs.loc["agents", "time to detect [h]"] <= 3.5
    assert not math.isnan(runs.loc["agents", "time to decide [h]"])
    assert runs.loc["agents", "time to decide [h]"] >= runs.loc["agents", "time to detect [h]"]
