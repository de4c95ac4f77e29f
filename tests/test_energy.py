"""Energy by the hour and adaptive cycle timing (issue #14, item 1), against hand computations.

One deterministic station: a part every 4 min, 1 min of processing, 10 kW busy, 2 kW idle.
At nominal speed it is busy a quarter of each hour: 0.25 x 10 + 0.75 x 2 = 4 kWh per hour.
At speed 0.5 with exponent 2 a part takes 2 min and a busy machine draws 2 + 8 x 0.5^2 = 4 kW:
0.5 x 4 + 0.5 x 2 = 3 kWh per hour. With the price of hour h being h/100 EUR/kWh, a day at
4 kWh/h costs 4 x (0 + 1 + ... + 23) / 100 = 11.04 EUR. The first part arrives at 4 min, so
hour 0 has 14 parts, not 15: 14/60 x 10 + 46/60 x 2 = 3.8667 kWh (at speed 0.5: 28/60 x 4 +
32/60 x 2 = 2.9333 kWh); its price is 0, so the day's cost is unchanged.
"""

from __future__ import annotations

import pytest
from invariants import check_all, run_checked

import sim
from sim import load_scenario, with_overrides
from sim.agents.energy import target_speed
from sim.agents.setup import agent_levels, make_agent_model
from sim.errors import ScenarioError
from sim.line.model import LineModel
from sim.results.collector import collect_kpis

ONE = {
    "name": "energy-hand",
    "horizon": "1 d",
    "sample_interval": "0 min",
    "variants": {"p": {}},
    "stations": {"s": {"process_time": "1 min", "operators": 0,
                       "power_kw": {"busy": 10.0, "idle": 2.0, "setup": 2.0, "down": 2.0,
                                    "off": 0.0}}},
    "release": {"kind": "deterministic", "interarrival": "4 min"},
    "energy": {"price_by_hour": [h / 100 for h in range(24)], "co2_by_hour": [0.5] * 24,
               "stations": {"s": {"min_speed": 0.5, "exponent": 2}}},
}


def _model(speed: float | None = None) -> LineModel:
    model = LineModel(load_scenario(ONE), seed=1)
    if speed is not None:
        model.control.set_speed("s", speed)
    model.run()
    return model


def test_hourly_energy_cost_and_co2_by_hand() -> None:
    model = _model()
    k = collect_kpis(model)  # (reads the meter up to the end)
    hours = model.energy.kwh_by_hour
    assert sorted(hours) == list(range(24))
    assert hours[0] == pytest.approx(14 / 60 * 10 + 46 / 60 * 2)
    assert all(hours[h] == pytest.approx(4.0, abs=1e-6) for h in range(1, 24)), hours
    total = 23 * 4.0 + 14 / 60 * 10 + 46 / 60 * 2
    assert k["energy [kWh]"] == pytest.approx(total)
    assert k["cost energy [EUR]"] == pytest.approx(11.04)
    assert k["CO2 [kg]"] == pytest.approx(0.5 * total)
    assert k["energy per unit [kWh/unit]"] == pytest.approx(total / k["output [units]"])


def test_slower_station_draws_less_per_hour_by_hand() -> None:
    model = _model(0.5)
    k = collect_kpis(model)
    hours = model.energy.kwh_by_hour
    assert hours[0] == pytest.approx(28 / 60 * 4 + 32 / 60 * 2)
    assert all(hours[h] == pytest.approx(3.0, abs=1e-6) for h in range(1, 24)), hours
    assert k["cost energy [EUR]"] == pytest.approx(3 * 276 / 100)
    assert model.control.actions[0][1].text() == "set_speed(station=s, speed=0.5)"


def test_speed_is_clipped_and_needs_a_curve() -> None:
    model = LineModel(load_scenario(ONE), seed=1)
    assert model.control.set_speed("s", 0.1) == 0.5
    assert model.control.set_speed("s", 3.0) == 1.0
    plain = LineModel(load_scenario({k: v for k, v in ONE.items() if k != "energy"}), seed=1)
    assert plain.energy is None
    with pytest.raises(ValueError, match="energy"):
        plain.control.set_speed("s", 0.5)


def test_fixed_speed_from_the_scenario_by_hand() -> None:
    fixed = {**ONE, "energy": {**ONE["energy"],
                               "stations": {"s": {"min_speed": 0.5, "exponent": 2,
                                                  "speed": 0.5}}}}
    model = LineModel(load_scenario(fixed), seed=1)
    model.run()
    k = collect_kpis(model)
    assert k["cost energy [EUR]"] == pytest.approx(3 * 276 / 100)
    assert model.control.actions == []  # a setting, not a lever pulled


def test_unknown_energy_station_is_a_scenario_error() -> None:
    bad = {**ONE, "energy": {**ONE["energy"], "stations": {"nope": {}}}}
    with pytest.raises(ScenarioError, match="energy.stations.nope"):
        load_scenario(bad)
    slow = {**ONE, "energy": {**ONE["energy"], "stations": {"s": {"min_speed": 0.8,
                                                                   "speed": 0.5}}}}
    with pytest.raises(ScenarioError, match="speed"):
        load_scenario(slow)


def test_target_speed_by_hand() -> None:
    # load 0.5, bottleneck 0.85: max(0.5 / (0.9 x 0.85), 0.5 / 0.85, 0.6) = 0.6536 -> 0.65 up
    assert target_speed(0.5, 0.85, 0.6, 0.9, 0.85) == pytest.approx(0.70)
    assert target_speed(0.2, 0.85, 0.6, 0.9, 0.85) == pytest.approx(0.6)  # floor: min_speed
    assert target_speed(0.84, 0.85, 0.6, 0.9, 0.85) == 1.0  # too close to the bottleneck


@pytest.mark.parametrize("name", ["energy_day", "energy_bottleneck"])
def test_energy_scenarios_keep_the_books_with_and_without_agents(name: str) -> None:
    run_checked(name, seed=2)  # the line alone
    scenario = load_scenario(name)
    factory = make_agent_model(scenario, 2, agent_levels(scenario, None), None, None, True)
    factory.run()
    check_all(factory.line, factory.result())


def test_review_slows_only_non_bottlenecks_and_journals_why() -> None:
    r = sim.run("energy_day", seed=3)
    d = r.decisions
    assert len(d) and set(d["trigger"]) == {"energy review"}
    assert not d["action"].str.contains("weld").any()
    assert d["reason"].str.contains("not the bottleneck").all()
    off = sim.run(with_overrides(load_scenario("energy_day"), {"energy.adaptive": False}), seed=3)
    assert r.kpis["energy per unit [kWh/unit]"] < off.kpis["energy per unit [kWh/unit]"]
    assert abs(r.kpis["output [units]"] - off.kpis["output [units]"]) <= 5
    neck = sim.run("energy_bottleneck", seed=3)
    assert neck.decisions.empty
    assert neck.kpis["energy [kWh]"] == off.kpis["energy [kWh]"]


def test_slowed_process_times_follow_a_forecast_branch() -> None:
    spec = {**ONE, "stations": {"s": {**ONE["stations"]["s"],
                                      "process_time": {"dist": "exponential", "mean": "1 min"}}}}
    a, b = (LineModel(load_scenario(spec), seed=1) for _ in range(2))
    b.streams.branch((7,))
    draws_a = [a.station["s"].process_time["p"].next() for _ in range(3)]
    draws_b = [b.station["s"].process_time["p"].next() for _ in range(3)]
    assert draws_a != draws_b  # the branch re-seeds the sampler under the speed wrapper


def test_energy_day_is_deterministic_per_seed() -> None:
    a, b = (sim.run("energy_day", seed=4) for _ in range(2))
    assert a.kpis.equals(b.kpis)
    assert a.decisions[["time_min", "action"]].equals(b.decisions[["time_min", "action"]])
    assert not a.kpis.equals(sim.run("energy_day", seed=5).kpis)
