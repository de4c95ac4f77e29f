"""Vignettes 2-4 on seeded runs: predictive maintenance of R7, quality drift, the bad week."""

from __future__ import annotations

import pandas as pd
import pytest

import sim
from sim.line.model import LineModel
from sim.scenario import load_scenario, with_overrides
from sim.scenario.units import parse_when


def _r7_failures(result):
    ev = result.events
    return int(((ev["kind"] == "breakdown") & (ev["station"] == "robot_r7")
                & (ev["cause"] == "failure")).sum())


@pytest.fixture(scope="module")
def predictive():
    return load_scenario("predictive_maintenance")


def test_predictive_maintenance_plans_before_failure(predictive):
    base_down = agents_down = base_fail = agents_fail = 0.0
    for seed in (1, 2, 4):
        base = sim.run(predictive, seed=seed, agents="off")
        mine = sim.run(predictive, seed=seed)
        base_down += base.kpis["downtime [h]"]
        agents_down += mine.kpis["downtime [h]"]
        base_fail += _r7_failures(base)
        agents_fail += _r7_failures(mine)
        dec = mine.decisions
        assert len(dec) >= 1 and (dec["agent"] == "maintenance").all()
        assert (dec["autonomy"] == "recommend").all()
        assert dec["approved_by"].str.startswith("production management").all()
        delay = predictive.agents.human_reaction_delay / 60
        assert (dec["executed_at_h"] - dec["time_h"]).round(9).eq(delay).all()
        acts = mine.events[(mine.events["kind"] == "action")]
        planned = acts[acts["action"] == "schedule_maintenance"]
        lead = predictive.agents.maintenance.spare_part_lead_time
        assert len(planned) == len(dec)
        for (_, d), (_, a) in zip(dec.iterrows(), planned.iterrows(), strict=True):
            assert a["at"] >= d["time_min"] + lead - 1e-9  # not before the spare part is there
            assert a["cost"] == pytest.approx(300.0 + 250.0)
    assert base_fail >= 3 and agents_fail == 0
    assert agents_down < 0.6 * base_down


def test_condition_signal_is_a_line_side_sensor_reading(predictive):
    """The agent reads the sensor through the port; the reading is wear plus noise."""
    from sim.agents.setup import agent_levels, make_agent_model

    factory = make_agent_model(predictive, 2, agent_levels(predictive, None), None, None, False)
    control = factory.line.control
    machine = factory.line.station["robot_r7"].machines[0]
    wear = []
    for hours in (12, 24, 36):
        factory.advance(hours * 60)
        obs = control.observe()
        true = control._sensor.wear(machine)
        assert true == pytest.approx(1 - machine.ttf_left / machine.life)
        assert obs.machine_age["robot_r7"][0] == pytest.approx(machine.life - machine.ttf_left)
        signal = obs.condition["robot_r7"][0]
        if signal is not None:  # (no reading while the machine is down)
            assert abs(signal - true) < 5 * predictive.agents.maintenance.signal_noise
        wear.append(true)
    assert all(0.0 <= w <= 1.0 for w in wear)


def test_agents_never_read_the_true_remaining_life():
    import pathlib

    import sim.agents

    root = pathlib.Path(sim.agents.__file__).parent
    for name in ("planner.py", "maintenance.py", "supplier.py", "runtime.py"):
        text = (root / name).read_text()
        for internal in ("ttf_left", ".line.stations", ".line.station", ".line.staffing",
                         ".line.materials", ".line.release", "rt.line"):
            assert internal not in text, (name, internal)


def test_preventive_and_reactive_policies(predictive):
    scn = with_overrides(predictive, {"agents.maintenance.policy": "preventive",
                                      "agents.maintenance.interval": "16 h",
                                      "agents.maintenance.autonomy": "autonomous"})
    dec = sim.run(scn, seed=1).decisions
    assert len(dec) >= 1 and (dec["choice"] == "maintain_now").all()
    ages = dec["observed"].str.extract(r"operating age ([\d.]+) h")[0].astype(float)
    assert (ages >= 16.0).all()
    reactive = with_overrides(predictive, {"agents.maintenance.policy": "reactive"})
    result = sim.run(reactive, seed=1)
    assert result.decisions.empty
    pd.testing.assert_series_equal(result.kpis, sim.run(predictive, seed=1, agents="off").kpis)


def test_quality_drift_line_feature():
    scn = load_scenario("quality_drift")
    drift = scn.disruptions["thermal_drift"]
    model = LineModel(scn, seed=1)
    station = model.station["assembly"]
    model.run(drift.at - 1)
    assert station.scrap_p == pytest.approx(0.005)
    model.run(drift.at + 120)
    assert station.scrap_p == pytest.approx(0.005 + 2 * drift.rate, abs=drift.rate / 6 + 1e-12)
    model.control.schedule_maintenance("assembly", 0, model.now, 30.0)
    model.run(model.now + 31)
    assert station.scrap_p == pytest.approx(0.005, abs=drift.rate / 6)
    model.run(drift.at + 48 * 60)
    assert station.scrap_p == pytest.approx(drift.max)


def test_quality_drift_is_detected_and_recalibrated():
    scn = load_scenario("quality_drift")
    start = parse_when("Wed 10:00")
    for seed in (1, 2):
        c = sim.compare(scn, seed=seed)
        base, mine = c.baseline.stations, c.agents.stations
        assert base.loc["assembly", "scrapped"] > 40
        assert mine.loc["assembly", "scrapped"] < 0.5 * base.loc["assembly", "scrapped"]
        dec = c.decisions
        fixes = dec[dec["choice"] == "recalibrate"]
        assert (fixes["time_min"] > start).any()
        assert (fixes["status"] == "executed").all()
        assert fixes["reason"].str.contains("control limit").all()
        assert c.agents.kpis["late units [units]"] <= c.baseline.kpis["late units [units]"]


def test_bad_day_agents_compensate_part_of_it():
    scn = load_scenario("bad_day")
    late_base = late_agents = 0.0
    for seed in (1, 2, 3):
        c = sim.compare(scn, seed=seed)
        late_base += c.baseline.kpis["late units [units]"]
        late_agents += c.agents.kpis["late units [units]"]
        dec = c.decisions
        for trigger in ("cancelled", "staff absent", "cnc stopped"):
            rows = dec[dec["trigger"].str.contains(trigger)]
            assert len(rows) == 1, trigger
            assert rows["n_options"].iloc[0] >= 3
            assert all(pd.notna(o["score"]) for o in rows["options"].iloc[0])
    assert late_agents < 0.8 * late_base
