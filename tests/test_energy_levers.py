"""Issue #14's energy levers beyond adaptive cycle timing, against hand computations.

Pulling an order into a cheap/green hour (``[energy.timing]``, the planner). One station,
exactly 1 min per part, 10 kW busy and 0 kW in every other state. The price is 0.30 EUR/kWh
and the grid 0.5 kg CO2/kWh in every hour except 11:00-13:00 (0.10 EUR/kWh, 0.2 kg/kWh):
with ``green_hours = 2`` the green hours are 11 and 12. Order ``eve`` (60 parts) is planned
for 17:00, due 23:00. Without the lever it is made 17:00-18:00: 60 x 1/60 h x 10 kW = 10 kWh,
costing 10 x 0.30 = 3.00 EUR and 10 x 0.5 = 5 kg CO2. The planner pulls it forward at 11:00:
the same 10 kWh in hour 11 cost 10 x 0.10 = 1.00 EUR and 10 x 0.2 = 2 kg CO2.

With a rush order (30 parts, 11:40, due 12:25) pulling ``eve`` at 11:00 would make the rush
late: the rush would wait behind ``eve`` until 12:00 and finish 12:01 .. 12:30 (5 parts after
12:25). The due-date check estimates the rush's finish at 12:00 + 30 + 1 (flow) = 12:31 >
12:25, so the planner holds at 11:00 and pulls at 12:00 instead. At 12:00, 10 rush parts are
left (20 done since 11:40): ``eve`` runs 12:10-13:10, 50 parts in hour 12 (0.10 EUR/kWh) and
10 in hour 13 (0.30): 50/6 kWh x 0.10 + 10/6 kWh x 0.30 = 0.8333 + 0.5 = 1.3333 EUR.

Maintenance bundled with a process update (``[energy.updates]``). One station, a part every
4 min, 1 min each, 10 kW busy, 2 kW idle, 0 kW down: busy a quarter of each hour, 0.25 x 10 +
0.75 x 2 = 4 kWh per hour. A 60 min window from 10:02 with ``power_factor = 0.5`` halves
every draw but down and off afterwards: 2 kWh per hour, i.e. 2 kWh/h saved, which is also the
agent's estimate (1 - 0.5) x (0.25 x 10 + 0.75 x 2) = 2.0. Hour 10: 10:00-10:01 busy, 10:01-
10:02 idle, then down: 10/60 + 2/60 = 0.2 kWh. Hour 11: down until 11:02, then the 15 parts
that came in the window and 5 more (11:02-11:22) and the 9 arrivals 11:24 .. 11:56: 29 busy
and 29 idle minutes at half power: 29/60 x 5 + 29/60 x 1 = 2.9 kWh.
"""

from __future__ import annotations

import pytest
from invariants import check_all, run_checked

import sim
from sim import load_scenario, with_overrides
from sim.agents.energy_timing import green_hours, hour_scores
from sim.agents.energy_update import saving_per_hour
from sim.agents.setup import agent_levels, make_agent_model
from sim.errors import ScenarioError
from sim.line.model import LineModel
from sim.results.collector import collect_kpis

POWER = {"busy": 10.0, "idle": 0.0, "setup": 0.0, "down": 0.0, "off": 0.0}
PRICE = [0.10 if h in (11, 12) else 0.30 for h in range(24)]
CO2 = [0.2 if h in (11, 12) else 0.5 for h in range(24)]
TIMED = {
    "name": "timing-hand",
    "horizon": "1 d",
    "sample_interval": "0 min",
    "variants": {"p": {}},
    "stations": {"s": {"process_time": "1 min", "operators": 0, "power_kw": POWER}},
    "release": {"kind": "orders", "orders": {
        "eve": {"variant": "p", "quantity": 60, "release": "Mon 17:00", "due": "Mon 23:00"}}},
    "energy": {"price_by_hour": PRICE, "co2_by_hour": CO2,
               "timing": {"enabled": True, "green_hours": 2, "slack": "0 min"}},
    "agents": {"autonomy": "off", "planner": {"autonomy": "autonomous",
                                              "replan_shifts": False}},
}
RUSH = {"variant": "p", "quantity": 30, "release": "Mon 11:40", "due": "Mon 12:25"}


def _with_rush() -> dict:
    release = {**TIMED["release"], "orders": {**TIMED["release"]["orders"], "rush": RUSH}}
    return {**TIMED, "release": release}


def _off(spec: dict) -> dict:
    return {**spec, "energy": {**spec["energy"], "timing": {"enabled": False}}}


def test_scores_and_green_hours_by_hand() -> None:
    # mean price = (22 x 0.30 + 2 x 0.10) / 24 = 0.28333; score(11) = 0.5 x 0.10 / 0.28333
    # + 0.5 x 0.2 / 0.475 = 0.17647 + 0.21053 = 0.38700 (mean CO2 = (22 x 0.5 + 0.4) / 24)
    scores = hour_scores(PRICE, CO2, 0.5)
    assert scores[11] == pytest.approx(0.5 * 0.10 / (6.8 / 24) + 0.5 * 0.2 / (11.4 / 24))
    assert green_hours(scores, 2) == {11, 12}
    assert green_hours([1.0] * 24, 3) == {0, 1, 2}  # ties: the earlier hours


def test_pulling_an_order_into_a_green_hour_by_hand() -> None:
    on = sim.run(load_scenario(TIMED), seed=1)
    off = sim.run(load_scenario(_off(TIMED)), seed=1)
    assert off.kpis["energy [kWh]"] == pytest.approx(10.0)
    assert off.kpis["cost energy [EUR]"] == pytest.approx(3.00)
    assert off.kpis["CO2 [kg]"] == pytest.approx(5.0)
    assert on.kpis["energy [kWh]"] == pytest.approx(10.0)
    assert on.kpis["cost energy [EUR]"] == pytest.approx(1.00)
    assert on.kpis["CO2 [kg]"] == pytest.approx(2.0)
    d = on.decisions
    assert list(d["action"]) == ["pull_forward(order=eve)"]
    assert d["time_min"].iloc[0] == 11 * 60
    assert "0.10 vs 0.30 EUR/kWh" in d["reason"].iloc[0]
    assert off.decisions.empty


def test_the_lever_never_makes_an_order_late_by_hand() -> None:
    # a naive pull at 11:00 (the same lever without the check) makes 5 rush parts late
    naive = LineModel(load_scenario(_off(_with_rush())), seed=1)
    naive.env.run(until=11 * 60)
    naive.control.pull_forward("eve")
    naive.run()
    assert collect_kpis(naive)["late units [units]"] == 5
    on = sim.run(load_scenario(_with_rush()), seed=1)
    d = on.decisions
    assert list(d["time_min"]) == [11 * 60, 12 * 60]
    assert list(d["status"]) == ["noted", "executed"]
    assert "not pulled: rush would be at risk" in d["reason"].iloc[0]
    assert "Mon 12:31" in d["reason"].iloc[0]
    assert d["action"].iloc[1] == "pull_forward(order=eve)"
    assert on.kpis["late units [units]"] == 0
    assert on.kpis["cost energy [EUR]"] == pytest.approx(50 / 6 * 0.10 + 10 / 6 * 0.30
                                                         + 30 / 6 * 0.10)  # (+ the rush)


def test_timing_needs_an_order_book() -> None:
    bad = {**TIMED, "release": {"kind": "deterministic", "interarrival": "4 min"}}
    with pytest.raises(ScenarioError, match="energy.timing.enabled"):
        load_scenario(bad)


UPDATE = {
    "name": "update-hand",
    "horizon": "1 d",
    "sample_interval": "0 min",
    "variants": {"p": {}},
    "stations": {"s": {"process_time": "1 min", "operators": 0,
                       "power_kw": {"busy": 10.0, "idle": 2.0, "setup": 2.0, "down": 0.0,
                                    "off": 0.0}}},
    "release": {"kind": "deterministic", "interarrival": "4 min"},
    "energy": {"price_by_hour": [0.2] * 24, "co2_by_hour": [0.4] * 24,
               "updates": {"s": {"power_factor": 0.5, "extra_minutes": "30 min"}}},
}


def test_process_update_halves_the_draw_after_the_window_by_hand() -> None:
    model = LineModel(load_scenario(UPDATE), seed=1)
    model.control.maintain_and_update("s", 0, 602.0, 60.0, 0.0, 0.5)
    model.run()
    collect_kpis(model)
    hours = model.energy.kwh_by_hour
    assert all(hours[h] == pytest.approx(4.0) for h in range(1, 10)), hours
    assert hours[10] == pytest.approx(10 / 60 + 2 / 60)
    assert hours[11] == pytest.approx(29 / 60 * 5 + 29 / 60 * 1)
    assert all(hours[h] == pytest.approx(2.0) for h in range(12, 24)), hours
    assert model.energy.observe()["power_factor"] == {"s": [0.5]}
    assert saving_per_hour(10.0, 2.0, 0.25, 0.5) == pytest.approx(4.0 - 2.0)
    text = model.control.actions[0][1].text()
    assert text == ("maintain_and_update(station=s, machine=0, at=602, duration=60, cost=0, "
                    "power_factor=0.5)")


def test_update_needs_a_known_station_and_a_factor_below_one() -> None:
    for updates, field in (({"nope": {"power_factor": 0.5}}, "energy.updates.nope"),
                           ({"s": {"power_factor": 1.2}}, "power_factor")):
        bad = {**UPDATE, "energy": {**UPDATE["energy"], "updates": updates}}
        with pytest.raises(ScenarioError, match=field):
            load_scenario(bad)


def test_maintenance_agent_bundles_the_update_and_journals_both_effects() -> None:
    r = sim.run("energy_maintenance", seed=1)
    d = r.decisions
    first = d.iloc[0]
    assert first["action"].startswith("maintain_and_update(station=robot_r7, machine=0, "
                                      "duration=120, cost=700")
    assert "the window grows by 30 min to 2.0 h (downtime)" in first["reason"]
    assert "busy 12.0 -> 9.0 kW" in first["reason"] and "kWh less per hour" in first["reason"]
    assert not d["action"].iloc[1:].str.startswith("maintain_and_update").any()  # once
    plain = sim.run(with_overrides(load_scenario("energy_maintenance"),
                                   {"energy.updates.robot_r7.bundle": False}), seed=1)
    assert not plain.decisions["action"].str.contains("maintain_and_update").any()
    assert r.kpis["energy [kWh]"] < plain.kpis["energy [kWh]"]


@pytest.mark.parametrize("name", ["energy_orders", "energy_maintenance"])
def test_new_energy_scenarios_keep_the_books_with_and_without_agents(name: str) -> None:
    run_checked(name, seed=2)  # the line alone
    scenario = load_scenario(name)
    factory = make_agent_model(scenario, 2, agent_levels(scenario, None), None, None, True)
    factory.run()
    check_all(factory.line, factory.result())
    a, b = (sim.run(name, seed=2) for _ in range(2))
    assert a.kpis.equals(b.kpis)


def test_energy_agents_read_only_the_port_and_the_scenario() -> None:
    import pathlib

    import sim.agents

    root = pathlib.Path(sim.agents.__file__).parent
    for name in ("energy.py", "energy_timing.py", "energy_update.py"):
        text = (root / name).read_text()
        for internal in ("ttf_left", "rt.line", "runtime.line", "self.line", ".model.",
                         ".env.", ".energy.kwh_by_hour", ".release.", ".station["):
            assert internal not in text, (name, internal)
