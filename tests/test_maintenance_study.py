"""Mechanic 8 (issue #14): R7's failures cost money, and the study's total cost adds up.

The hand-computed line: one robot ``r7`` building one variant (price 100 EUR, no material),
deterministic 2 min per part, life 301 operating minutes, a failure repair of 60 min costing
500 EUR, one order of 300 units released at 00:01 and due at 10:00 (the horizon), late penalty
10 EUR per unit. Planned maintenance: 30 min, 150 EUR + 50 EUR part. The agent decides every
hour (autonomous, no sensor noise, spare part in 5 h).
"""

from __future__ import annotations

import pytest
from invariants import check_all

import sim
from sim.agents.setup import agent_levels, make_agent_model
from sim.errors import ScenarioError
from sim.experiments.maintenance_study import run_maintenance_study, total_cost, unit_margins
from sim.plots import plot_maintenance_study
from sim.scenario import load_scenario, with_overrides

HAND = {
    "name": "r7_hand", "horizon": "10 h", "sample_interval": "0 min", "event_log": True,
    "variants": {"part": {"price": 100.0}},
    "stations": {"r7": {"process_time": "2 min", "buffer": "inf", "operators": 0,
                        "failures": {"ttf": "301 min", "ttr": "60 min", "clock": "operating",
                                     "repair_cost": 500.0}}},
    "release": {"kind": "orders", "orders": {"big": {
        "variant": "part", "quantity": 300, "release": "Mon 00:01", "due": "Mon 10:00"}}},
    "economics": {"late_penalty_per_unit": 10.0},
    "agents": {"autonomy": "off", "decision_interval": "1 h", "maintenance": {
        "autonomy": "autonomous", "policy": "reactive", "interval": "280 min",
        "duration": "30 min", "cost": 150.0, "spare_part_cost": 50.0, "threshold": 0.5,
        "signal_noise": 0.0, "spare_part_lead_time": "5 h", "call_off_after_failure": True}},
}


def _run(policy: str):
    scn = with_overrides(load_scenario(HAND), {"agents.maintenance.policy": policy})
    result = sim.run(scn, seed=1)
    return scn, result, total_cost(result.kpis, scn)


def test_reactive_total_cost_by_hand():
    """Parts end at 3, 5, ..., 301 min (150 parts); the life ends at 302 min inside part 151.

    Repair 302..362 min, part 151 done at 363, then parts at 365, ..., 599: 118 more.
    Output 150 + 1 + 118 = 269; late (and lost) 300 - 269 = 31 units.
    Total = late 31 x 10 + repair 1 x 500 + maintenance 0 + lost margin 31 x 100
          = 310 + 500 + 3,100 = 3,910 EUR.
    """
    _, result, cost = _run("reactive")
    assert result.kpis["output [units]"] == 269
    assert result.kpis["cost repair [EUR]"] == 500.0
    assert cost == {"late penalty": 310.0, "repair": 500.0, "maintenance": 0.0,
                    "overtime": 0.0, "lost margin": 3100.0, "total": 3910.0}


def test_preventive_total_cost_by_hand():
    """Hourly checks; at 300 min the operating age is 299 >= 280: maintain now (300..330).

    Parts 1..149 by 299 min, part 150 done at 331, then parts at 333, ..., 599: 134 more.
    The age since the renewal at 330 reaches only 270 < 280 by 600 min: no second stop.
    Output 149 + 1 + 134 = 284; 16 units late.
    Total = 16 x 10 + 0 + 200 + 16 x 100 = 160 + 200 + 1,600 = 1,960 EUR.
    """
    _, result, cost = _run("preventive")
    assert result.kpis["output [units]"] == 284
    assert "cost repair [EUR]" in result.kpis and result.kpis["cost repair [EUR]"] == 0.0
    assert cost["total"] == pytest.approx(1960.0)
    assert cost["maintenance"] == 200.0 and cost["late penalty"] == 160.0


def test_predictive_calls_off_the_maintenance_a_failure_made_needless():
    """At 180 min the (noise-free) wear is 179/301 = 0.59 >= 0.5: the part takes 5 h, so the
    maintenance is booked for 480 min (200 EUR). The life ends first (302 min, repaired at
    362); the breakdown wakes the agent at 302 min and it calls the 480 min maintenance off
    (refund 200 EUR).
    At 540 min the new life's wear is 177/301 = 0.59: a maintenance is booked for 840 min,
    after the horizon (the part is ordered: 200 EUR). No stop besides the failure: output 269.
    Total = 310 + 500 + 200 + 3,100 = 4,110 EUR.
    """
    _, result, cost = _run("predictive")
    assert result.kpis["output [units]"] == 269
    dec = result.decisions
    assert dec["choice"].tolist() == ["maintain_asap", "cancel_maintenance", "maintain_asap"]
    assert dec["time_h"].tolist() == pytest.approx([3.0, 302 / 60, 9.0])
    ev = result.events
    stops = ev[(ev["kind"] == "breakdown")]
    assert stops["cause"].tolist() == ["failure"]  # the 480 min maintenance never happened
    assert cost == {"late penalty": 310.0, "repair": 500.0, "maintenance": 200.0,
                    "overtime": 0.0, "lost margin": 3100.0, "total": 4110.0}
    assert "renews r7[0] anyway" in dec["reason"].iloc[1]  # the journal says why


def test_without_call_off_the_needless_maintenance_happens():
    """The same run with ``call_off_after_failure = false``: the 480 min stop (30 min) takes
    place. Parts at 365, ..., 479 (58 after part 151), down 480..510, the part in hand done at
    511, then 513, ..., 599 (44): output 151 + 58 + 1 + 44 = 254, late 46.
    The 480 min stop renews R7 once more, so at 540 min the wear is only 29/301: no second
    booking. Total = 46 x 10 + 500 + 200 + 46 x 100 = 460 + 500 + 200 + 4,600 = 5,760 EUR.
    """
    scn = with_overrides(load_scenario(HAND), {"agents.maintenance.policy": "predictive",
                                               "agents.maintenance.call_off_after_failure":
                                                   False})
    result = sim.run(scn, seed=1)
    assert "cancel_maintenance" not in result.decisions["choice"].tolist()
    assert result.events.query("kind == 'breakdown'")["cause"].tolist() == [
        "failure", "maintenance"]
    cost = total_cost(result.kpis, scn)
    assert result.kpis["output [units]"] == 254
    assert cost["total"] == pytest.approx(5760.0)


def test_cancel_lever_refunds_only_maintenances_not_started():
    scn = load_scenario(HAND)
    factory = make_agent_model(scn, 1, agent_levels(scn, "off"), None, None, False)
    control = factory.line.control
    control.schedule_maintenance("r7", 0, 60.0, 30.0, 200.0)
    control.schedule_maintenance("r7", 0, 200.0, 30.0, 200.0)
    factory.advance(100.0)  # the first has started and finished
    assert factory.line.maintenance_cost == 400.0
    assert control.cancel_maintenance("r7", 0) == 1
    assert factory.line.maintenance_cost == 200.0
    factory.advance(600.0)
    assert factory.line.breakdowns == 1  # the natural failure (maintenances do not count)
    assert factory.line.maintenance_cost == 200.0  # the called-off one stays refunded


def test_repair_cost_is_validated_and_off_by_default():
    bad = {**HAND, "stations": {"r7": {**HAND["stations"]["r7"], "failures": {
        **HAND["stations"]["r7"]["failures"], "repair_cost": -1.0}}}}
    with pytest.raises(ScenarioError, match="repair_cost"):
        load_scenario(bad)
    assert "cost repair [EUR]" not in sim.run("predictive_maintenance", seed=1).kpis


def test_unit_margins_subtract_the_bill_of_materials():
    scn = load_scenario("r7_at_risk")
    # servo: 180 - (2 kg alloy x 6.5 + 1 pcb x 22) = 145; sensor: 120 - (22 + 4) = 94
    assert unit_margins(scn) == {"servo": 145.0, "sensor": 94.0}


@pytest.mark.parametrize("agents", ["off", None])
def test_r7_at_risk_keeps_the_invariants(agents):
    scn = load_scenario("r7_at_risk")
    factory = make_agent_model(scn, 2, agent_levels(scn, agents), None, None, False)
    factory.advance(scn.horizon)
    result = check_all(factory.line)
    again = sim.run(scn, seed=2, agents=agents)
    assert result.kpis["output [units]"] == again.kpis["output [units]"]


def test_study_tables_are_paired_differences_of_the_runs():
    tables = run_maintenance_study("r7_at_risk", n=2, intervals_h=(16,), noises=(0.04,),
                       thresholds=(0.4,), progress=False, backend="serial")
    runs = tables["runs"]
    for t in tables.values():
        assert t.attrs["synthetic"] and "r7_at_risk#" in t.attrs["fingerprint"]
    total = runs["late penalty"] + runs["repair"] + runs["maintenance"] + runs["overtime"] \
        + runs["lost margin"]
    assert runs["total"].tolist() == pytest.approx(total.tolist())
    react = runs[runs["policy"] == "reactive"]["total"].to_numpy()
    prev = runs[runs["policy"] == "preventive"]["total"].to_numpy()
    pred = runs[runs["policy"] == "predictive"]["total"].to_numpy()
    ordering = tables["ordering"].set_index("comparison")["mean"]
    assert ordering.iloc[0] == pytest.approx((pred - prev).mean())
    assert ordering.iloc[1] == pytest.approx((prev - react).mean())
    iv = tables["interval"]
    assert iv["mean"].tolist() == pytest.approx([prev.mean(), react.mean()])
    fig = plot_maintenance_study(tables)
    footer = [t.get_text() for t in fig.texts if t.get_gid() == "synthetic-footer"]
    assert footer and "SYNTHETIC" in footer[0] and "r7_at_risk#" in footer[0]
