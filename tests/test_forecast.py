"""Forecast, not foresight: what the planner's twin knows (issue #10)."""

from __future__ import annotations

import numpy as np
import pytest

import sim
from sim.agents.journal import forecast_check
from sim.agents.setup import agent_levels, make_agent_model
from sim.agents.twin import Hold, Twin, figures
from sim.line.forecast import branch, known_scenario, residual
from sim.line.model import LineModel
from sim.line.streams import Streams
from sim.scenario import load_scenario, with_overrides
from sim.scenario.types import _DistSpec
from sim.scenario.units import parse_when

NOW = parse_when("Tue 09:30")


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("supply_disruption")


def test_announcements_carry_no_true_end(scenario):
    heard = []
    model = LineModel(scenario, seed=1, event_log=True)
    model.listeners.append(lambda kind, data: heard.append((kind, dict(data))))
    model.run(parse_when("Tue 10:00"))
    held = next(d for k, d in heard if k == "route_held")
    report = next(d for k, d in heard if k == "delivery_delayed")
    assert "until" not in held and held["since"] == parse_when("Tue 06:00")
    assert "until" not in report and "true_delay" not in report
    assert report["estimate"] == parse_when("Tue 06:00") + 72 * 60
    assert report["spread"] == 24 * 60
    logged = {kind: data for _, kind, data in model.log.rows if kind in ("route_held",)}
    assert logged["route_held"]["until"] == parse_when("Fri 06:00")  # the record keeps it
    obs = model.control.observe()
    assert obs.route_held_since == {"alloy": parse_when("Tue 06:00")}
    assert not hasattr(obs, "blocked_until")


def test_known_scenario_hides_unannounced_shocks():
    scn = load_scenario("bad_day")
    now = parse_when("Tue 12:00")
    known = known_scenario(scn, now, {})
    for name, spec in scn.disruptions.items():
        if spec.at > now:
            assert name not in known.disruptions
        else:
            assert name in known.disruptions
    assert all(spec.at <= now for spec in known.disruptions.values())


def test_ongoing_hold_is_parked_and_ends_where_believed(scenario):
    known = known_scenario(scenario, NOW, {})
    spec = known.disruptions["rail_outage"]
    assert spec.at + spec.delay == pytest.approx(NOW, abs=1e-5)
    model = LineModel(known, seed=1, event_log=False)
    model.run(NOW)
    end = parse_when("Thu 12:00")
    branch(model, (int(NOW), 0), {"alloy": end})
    model.run(parse_when("Fri 12:00"))
    route = [s for s in model.materials.shipments if s.source == "rail_italy"
             and s.material == "alloy" and s.arrived is not None and s.due < end]
    late = [s for s in route if s.due > parse_when("Tue 06:00")]
    assert late and all(s.arrived >= end - 1e-9 for s in late)


def test_sampled_past_is_exact_and_futures_are_fresh(scenario):
    real = LineModel(scenario, seed=2, event_log=False)
    real.run(NOW)
    at_now = figures(real)
    real.run(NOW + 24 * 60)
    real_day = figures(real)
    known = known_scenario(scenario, NOW, {})
    days = []
    for k in (0, 1, 0):
        model = LineModel(known, seed=2, event_log=False)
        model.run(NOW)
        assert figures(model) == at_now  # the plant knows its own past exactly
        branch(model, (int(NOW), k), {"alloy": parse_when("Fri 06:00")})
        model.run(NOW + 24 * 60)
        days.append(figures(model))
    assert days[0] == days[2]  # same future index: same future (deterministic)
    assert days[0] != days[1]  # another future: other luck
    assert days[0] != real_day  # and neither is the real run's


def test_branch_keys_never_repeat_the_run_streams():
    streams = Streams(5)
    spec = _DistSpec.model_construct(dist="exponential", mean=10.0)
    sampler = streams.sampler("x", spec)
    first = [sampler() for _ in range(3)]
    again = Streams(5).sampler("x", spec)
    assert [again() for _ in range(3)] == first
    streams.branch((100, 0))
    assert [sampler() for _ in range(3)] != first


def test_residual_life_is_conditional_on_age():
    streams = Streams(1)
    gamma = streams.sampler("g", _DistSpec.model_construct(dist="gamma", mean=100.0, cv=0.2))
    rests = np.array([residual(gamma, 100.0, memoryless=False) for _ in range(400)])
    assert (rests > 0).all()
    assert rests.mean() < 40  # worn out: much less left than a new machine's 100


def test_sampled_forecast_is_not_the_outcome_but_is_calibrated(scenario):
    inside, errors = [], []
    for seed in (1, 2, 3, 4):
        result = sim.run(scenario, seed=seed)
        table = forecast_check(result.decisions)
        assert set(table["forecast"]) == {"sampled"}
        rows = table[table["figure"] == "output"]
        errors += list(rows["error"].abs())
        inside += list(table.loc[table["figure"].isin(["shortage_h", "output"]), "inside"])
    assert max(errors) > 0  # the forecast is a forecast
    assert np.mean(inside) >= 0.5


def test_oracle_journal_says_so_and_matches_exactly(scenario):
    scn = with_overrides(scenario, {"agents.forecast": "oracle",
                                    "agents.planner.replan_shifts": False})
    result = sim.run(scn, seed=3)
    table = forecast_check(result.decisions)
    assert set(table["forecast"]) == {"oracle"}
    last = table[table["decision"] == table["decision"].max()]
    assert last["error"].abs().max() < 1e-6


def test_every_option_of_a_decision_sees_the_same_futures(scenario):
    factory = make_agent_model(scenario, 1, agent_levels(scenario, None), None, None, False)
    twin = Twin(factory.line.scenario, 1, scenario.agents)
    hold = (Hold("rail_outage", "alloy", NOW + 60 * 60, NOW + 90 * 60),)
    ends = [twin.belief_ends(NOW, k, hold)["alloy"] for k in range(4)]
    assert ends == [twin.belief_ends(NOW, k, hold)["alloy"] for k in range(4)]
    assert len(set(ends)) == 4 and all(NOW + 3600 <= e <= NOW + 5400 for e in ends)


def test_quantile_rule_ranks_by_a_high_quantile(scenario):
    scn = with_overrides(scenario, {"agents.decision": "quantile", "agents.quantile": 0.9,
                                    "agents.planner.replan_shifts": False})
    dec = sim.run(scn, seed=1).decisions
    row = dec[(dec["agent"] == "planner") & (dec["n_options"] > 1)].iloc[0]
    for opt in row["options"]:
        assert opt["score"] >= opt["score_mean"] - 1e-9


def test_typed_commands_replace_dispatch_by_name():
    from sim.agents.journal import Action
    from sim.line.commands import OrderMaterial, make_command

    action = Action(None, "order_material", {
        "material": "alloy", "quantity": 196.0, "lead_time": 600.0, "source": "czech",
        "unit_cost": 0.0, "transport_cost_per_unit": 0.9, "co2_kg_per_unit": 0.3})
    assert isinstance(action.command, OrderMaterial)
    assert action.text() == action.command.text() == (
        "order_material(material=alloy, quantity=196, lead_time=600, source=czech, "
        "unit_cost=0, transport_cost_per_unit=0.9, co2_kg_per_unit=0.3)")
    with pytest.raises(ValueError, match="unknown lever"):
        make_command("sell_the_plant", {})
    with pytest.raises(TypeError):
        Action(None, "pull_forward", {"order": "x", "now": True})
    model = LineModel(load_scenario("supply_disruption"), seed=1, event_log=False)
    action.command.apply(model.control)
    assert model.control.actions == [(0.0, action.command)]
