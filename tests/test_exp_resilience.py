"""Resilience KPIs around an injected shock, against the same run without it."""

import math

import pytest
from exp_support import order_line

import sim
from sim.errors import ScenarioError
from sim.experiments import Config, resilience, resilience_kpis
from sim.experiments.resilience import without
from sim.scenario import load_scenario

FAST = {"jobs": 1, "progress": False}
OFF = [Config("base", agents="off")]


def _with(**disruptions):
    data = order_line()
    data.pop("stress")
    data["disruptions"] = disruptions
    return data


def test_breakdown_shock_kpis():
    data = _with(mill={"kind": "breakdown", "at": "3 h", "station": "mill", "duration": "6 h"},
                 mill2={"kind": "breakdown", "at": "3 h", "station": "mill", "machine": 1,
                        "duration": "6 h"})
    scn = load_scenario(data)
    shocked = sim.run(scn, 5, event_log=True)
    reference = sim.run(without(scn, "mill"), 5)
    k = resilience_kpis(shocked, reference, scn, "mill")
    assert k["time to detect [h]"] == 0.0  # a breakdown is seen when it happens
    assert math.isnan(k["time to decide [h]"])  # nobody decides anything without agents
    assert math.isnan(k["time to act [h]"])
    # recovery is measured against the reference, at the timeseries' 30-min samples
    assert k["recovered"] == 1.0 and k["time to recover [h]"] > 0
    assert (k["time to recover [h]"] * 2).is_integer()
    assert k["lost output [units]"] == (reference.kpis["output [units]"]
                                        - shocked.kpis["output [units]"])
    assert k["recovery cost [EUR]"] == pytest.approx(shocked.kpis["cost [EUR]"]
                                                     - reference.kpis["cost [EUR]"])
    due = 3  # all three orders are due within the horizon
    late = round(due * (1 - shocked.kpis["on-time delivery [%]"] / 100))
    assert k["late orders [count]"] == late
    ts = shocked.timeseries
    assert k["peak backlog [units]"] == ts.loc[ts["time_h"] >= 3.0, "backlog"].max()


def test_reported_delay_is_detected_at_the_report():
    data = _with(late={"kind": "delivery_delay", "at": "5 h", "material": "steel",
                       "delay": "10 h", "reported_at": "7 h 30 min"})
    result = resilience(data, 3, configs=OFF, **FAST)
    assert (result.runs["time to detect [h]"] == 2.5).all()
    assert result.metadata["shock"] == "late"


def test_a_harmless_shock_recovers_at_once():
    # the saw stops for one minute at the very end: nothing measurable changes
    data = _with(blip={"kind": "breakdown", "at": "47 h 58 min", "station": "saw",
                       "duration": "1 min"})
    result = resilience(data, 2, configs=OFF, **FAST)
    assert (result.runs["time to recover [h]"] == 0.0).all()
    assert (result.runs["lost output [units]"] == 0.0).all()


def test_resilience_table_and_errors():
    data = _with(mill={"kind": "breakdown", "at": "3 h", "station": "mill", "duration": "8 h"})
    configs = [Config("base", agents="off"), Config("three", {"stations.mill.machines": 3})]
    result = resilience(data, 3, configs=configs, **FAST)
    assert len(result.runs) == 6 and list(result.runs["config"][:2]) == ["base", "three"]
    summary = result.summary.set_index(["config", "kpi"])
    assert summary.loc[("base", "time to detect [h]"), "mean"] == 0.0
    with pytest.raises(ScenarioError, match="shock"):
        resilience(data, 2, shock="storm", configs=OFF, **FAST)
    with pytest.raises(ScenarioError, match="disruption"):
        resilience(_with(), 2, configs=OFF, **FAST)
