"""Supplier reliability: late deliveries drawn from the supplier's own stream, announced, seen."""

import pytest
from invariants import check_model, check_result

import sim
from sim.line.model import LineModel
from sim.results.collector import collect

LATE = "12 h"


def _unreliable(base: str = "baseline", reliability: float = 0.5):
    scn = sim.load_scenario(base)
    return sim.with_overrides(scn, {
        "suppliers.rail_italy.reliability": reliability,
        "suppliers.rail_italy.late_by": LATE,
    })


def _alloy_shipments(model: LineModel):
    return [s for s in model.materials.shipments if s.source == "rail_italy"]


def test_default_reliability_changes_nothing():
    scn = sim.load_scenario("baseline")
    assert scn.suppliers["rail_italy"].reliability == 1.0
    model = LineModel(scn, seed=2)
    model.run()
    assert all(s.late_by == 0 for s in model.materials.shipments)


def test_share_of_late_deliveries_matches_reliability_and_lateness_is_exact():
    late = total = 0
    for seed in range(20):
        model = LineModel(_unreliable(), seed=seed)
        model.run()
        check_model(model)
        for s in _alloy_shipments(model):
            total += 1
            if s.late_by:
                late += 1
                assert s.late_by == pytest.approx(720.0)
                if s.arrived is not None:  # no route outage in the baseline week
                    assert s.arrived == pytest.approx(s.due + 720.0)
            elif s.arrived is not None:
                assert s.arrived == pytest.approx(s.due)
    assert total >= 90
    # binomial(total, 0.5): 3 standard deviations ~ 0.15 for 100 shipments
    assert abs(late / total - 0.5) < 3 * (0.25 / total) ** 0.5


def test_a_late_delivery_is_announced_and_costs_stock():
    model = LineModel(_unreliable(reliability=0.3), seed=4)
    model.run()
    result = collect(model)
    check_result(result)
    delayed = result.events[result.events["kind"] == "delivery_delayed"]
    n_late = sum(1 for s in _alloy_shipments(model) if s.late_by and s.due <= model.now)
    assert n_late > 0
    assert len(delayed) == n_late
    assert set(delayed["material"]) == {"alloy"}
    assert (delayed["delay"] == 720.0).all()


def test_other_streams_keep_their_luck():
    steady = LineModel(sim.load_scenario("baseline"), seed=5)
    shaky = LineModel(_unreliable(), seed=5)
    for model in (steady, shaky):
        model.run(600)  # Mon 10:00: before any late delivery can matter
    assert [m.time for s in steady.stations for m in s.machines] == \
        [m.time for s in shaky.stations for m in s.machines]


def test_reliability_below_one_needs_late_by():
    scn = sim.load_scenario("baseline")
    with pytest.raises(sim.ScenarioError) as err:
        sim.with_overrides(scn, {"suppliers.rail_italy.reliability": 0.9})
    assert "suppliers.rail_italy" in str(err.value)
    assert "late_by" in str(err.value)


def test_the_supplier_agent_passes_a_late_delivery_on():
    scn = _unreliable("supply_disruption", reliability=0.2)
    result = sim.run(scn, seed=1)
    reports = result.decisions[result.decisions["trigger"].str.contains("supplier reports")]
    assert len(reports) >= 1
    assert set(reports["agent"]) >= {"supplier"}
