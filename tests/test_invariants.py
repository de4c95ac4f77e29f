"""Invariants on every shipped scenario file and on a scenario that uses every feature.

Every file in ``scenarios/`` must validate (a shipped file that does not is a bug) and its run
must keep the books: state times, factor bounds, part and material conservation, energy >= 0
and the sample-path form of Little's law (see ``tests/invariants.py``). The last tests show
that the checks do catch broken books.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from invariants import (
    check_littles_law_exact,
    check_materials,
    check_parts,
    check_result,
    check_shares_and_factors,
    check_state_times,
    littles_law_gap,
    run_checked,
)

import sim
from sim import load_scenario, with_overrides
from sim.line.model import LineModel
from sim.results.collector import collect

SCENARIOS = sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*.toml"))

KITCHEN_SINK = {
    "name": "kitchen-sink",
    "horizon": "4 d",
    "warmup": "6 h",
    "sample_interval": "2 h",
    "event_log": True,
    "variants": {"a": {"bom": {"steel": 2.0, "chip": 1}, "due_allowance": "1 d", "price": 10.0},
                 "b": {"bom": {"chip": 1}}},
    "stations": {
        "saw": {"process_time": {"dist": "lognormal", "mean": "3 min", "cv": 0.4},
                "setup_time": {"dist": "uniform", "low": "5 min", "high": "10 min"},
                "buffer": 6, "operators": 1},
        "mill": {"machines": 2,
                 "process_time": {"dist": "gamma", "mean": "6 min", "cv": 0.5},
                 "process_time_by_variant": {"b": {"dist": "normal", "mean": "4 min", "cv": 0.2}},
                 "buffer": 4,
                 "failures": {"ttf": {"dist": "exponential", "mean": "6 h"},
                              "ttr": {"dist": "exponential", "mean": "30 min"}}},
        "check": {"process_time": {"dist": "triangular", "low": "1 min", "mode": "2 min",
                                   "high": "4 min"},
                  "buffer": 3, "scrap": 0.05, "rework": 0.1, "operators": 0,
                  "failures": {"ttf": {"dist": "exponential", "mean": "8 h"},
                               "ttr": "20 min", "clock": "calendar"}},
    },
    "release": {"kind": "poisson", "interarrival": "4 min", "mix": {"a": 2, "b": 1}},
    "materials": {
        "steel": {"initial": 100, "replenishment": {"kind": "schedule", "every": "12 h",
                                                    "quantity": 150, "first": "8 h"},
                  "supplier": "rail"},
        "chip": {"initial": 50, "replenishment": {"kind": "reorder", "reorder_point": 40,
                                                  "order_quantity": 120,
                                                  "lead_time": {"dist": "uniform",
                                                                "low": "2 h", "high": "6 h"}}},
    },
    "suppliers": {"rail": {"transport": "rail", "co2_kg_per_unit": 0.1}},
    "calendar": {"days": ["Mon", "Tue", "Wed", "Thu"],
                 "shifts": [{"name": "day", "start": "06:00", "end": "22:00", "staff": 2}]},
    "repair": {"crews": 1},
    "disruptions": {
        "late": {"kind": "delivery_delay", "at": "Tue 07:00", "material": "steel",
                 "delay": "10 h", "reported_at": "Tue 06:00"},
        "gone": {"kind": "delivery_cancel", "at": "Wed 00:00", "material": "steel"},
        "jam": {"kind": "breakdown", "at": "Mon 10:00", "station": "saw", "duration": "2 h"},
        "flu": {"kind": "staff_absence", "at": "Tue 12:00", "count": 1, "duration": "5 h"},
    },
}
"""A small scenario with every feature at once (warm-up, scrap, rework, shortages ...)."""

CLASSICS = {
    "name": "classics-sink",
    "horizon": "3 d",
    "warmup": "2 h",
    "sample_interval": "1 h",
    "event_log": True,
    "variants": {"a": {"bom": {"kit": 1}}, "b": {"bom": {"kit": 2}}},
    "stations": {
        "cut": {"process_time": {"dist": "exponential", "mean": "2 min"}, "buffer": 5,
                "ideal_cycle_time": "1.5 min", "operators": 0},
        "weld": {"machines": 2, "process_time": {"dist": "gamma", "mean": "3 min", "cv": 0.5},
                 "buffer": 0, "transfer_batch": 3, "ideal_cycle_time": "3 min",
                 "ideal_cycle_time_by_variant": {"b": "2.5 min"},
                 "failures": {"ttf": {"dist": "exponential", "mean": "5 h"},
                              "ttr": "20 min", "clock": "calendar"}, "operators": 0},
        "test": {"process_time": {"dist": "uniform", "low": "1 min", "high": "2 min"},
                 "buffer": 4, "rework": 0.1, "rework_to": "cut", "scrap": 0.02,
                 "transfer_batch": 2, "operators": 0},
    },
    "release": {"kind": "renewal", "mix": {"a": 1, "b": 1},
                "interarrival_dist": {"dist": "lognormal", "mean": "4 min", "cv": 0.8}},
    "materials": {"kit": {"initial": 20, "replenishment": {
        "kind": "reorder", "reorder_point": 10, "order_quantity": 30,
        "lead_time": {"dist": "uniform", "low": "1 h", "high": "4 h"}}}},
    "repair": {"crews": 1},
    "disruptions": {"jam": {"kind": "breakdown", "at": "Mon 05:00", "station": "weld",
                            "machine": 1, "duration": "3 h"}},
}
"""Every feature of issue #13 at once: zero buffer, transfer batches, routed rework, ideal
cycle times, renewal arrivals, (s, Q) with backorders, breakdowns of idle machines."""


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_shipped_scenario_validates_and_keeps_the_books(path: Path) -> None:
    scn = load_scenario(path)  # must not raise: every shipped file validates
    assert scn.description.strip(), f"{path.name} needs a description"
    scn = with_overrides(scn, {"event_log_limit": 500_000})
    model, result = run_checked(scn, seed=0)
    if scn.release.kind != "orders" and model.scrapped == 0 and scn.calendar is None:
        # stationary kind of run: Little's law also holds for the KPIs, up to boundary terms
        assert littles_law_gap(result) < 0.05


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_shipped_scenario_with_its_agents_keeps_the_result_books(path: Path) -> None:
    # sim.run with the agents the scenario configures (if any): the result-level checks
    scn = with_overrides(load_scenario(path), {"event_log_limit": 500_000})
    check_result(sim.run(scn, seed=0, event_log=True))


def test_shipped_scenarios_exist() -> None:
    names = {p.stem for p in SCENARIOS}
    assert {"baseline", "mm1", "mmc", "md1", "tandem", "conwip", "failures"} <= names


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_feature_at_once(seed: int) -> None:
    model, result = run_checked(KITCHEN_SINK, seed=seed)
    assert model.baseline is not None  # warm-up deletion was active
    assert model.scrapped > 0 and model.station["check"].reworked > 0
    assert sum(model.materials.received.values()) > 0
    assert result.kpis["breakdowns [count]"] > 0
    assert (result.stations["share_off"] > 0).all()  # the calendar closes the line
    assert result.metadata["events_dropped"] == 0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_classic_at_once(seed: int) -> None:
    model, result = run_checked(CLASSICS, seed=seed)
    assert model.station["test"].reworked > 0 and model.finished_reworks > 0
    assert model.station["cut"].processed > model.released - model.wip  # rework came back
    assert result.stations.loc["cut", "share_blocked"] > 0  # the zero buffer blocks cut
    assert result.kpis["material shortage at first station [h]"] >= 0
    for until in (100.0, 1000.0, 2500.0):  # and midway, with batches half full
        stepwise = LineModel(load_scenario(CLASSICS), seed=seed)
        stepwise.run(until)
        check_parts(stepwise)
        check_materials(stepwise)


@pytest.mark.parametrize("freeze", [["processing"], ["repair"], ["processing", "repair"]])
def test_every_feature_with_frozen_clocks(freeze: list[str]) -> None:
    scn = with_overrides(load_scenario(KITCHEN_SINK), {"calendar.freeze": freeze})
    model, result = run_checked(scn, seed=3)
    assert result.kpis["breakdowns [count]"] > 0
    assert (result.stations["share_off"] > 0).all()


def test_stepwise_run_keeps_the_books() -> None:
    model = LineModel(load_scenario(KITCHEN_SINK), seed=5)
    for until in (30.0, 500.0, 2000.0, 2000.0, 3333.3):
        model.run(until)
        check_state_times(model)
        check_parts(model)
        check_materials(model)


# -- the checks can fail ---------------------------------------------------------------------
@pytest.fixture()
def finished_model() -> LineModel:
    model = LineModel(load_scenario(KITCHEN_SINK), seed=1)
    model.run()
    return model


def test_tampered_state_time_is_caught(finished_model: LineModel) -> None:
    finished_model.stations[1].machines[1].time["busy"] += 1.0
    with pytest.raises(AssertionError, match="state times"):
        check_state_times(finished_model)


def test_lost_part_is_caught(finished_model: LineModel) -> None:
    finished_model.stations[1].good -= 1
    with pytest.raises(AssertionError):
        check_parts(finished_model)


def test_vanished_material_is_caught(finished_model: LineModel) -> None:
    finished_model.materials.stock["chip"] -= 1
    with pytest.raises(AssertionError, match="chip"):
        check_materials(finished_model)


def test_wrong_wip_area_is_caught(finished_model: LineModel) -> None:
    result = collect(finished_model)
    check_littles_law_exact(result)
    result.kpis["WIP mean [units]"] *= 1.001
    with pytest.raises(AssertionError, match="Little"):
        check_littles_law_exact(result)


def test_factor_out_of_range_is_caught(finished_model: LineModel) -> None:
    result = collect(finished_model)
    result.stations.loc["saw", "performance"] = 1.2
    with pytest.raises(AssertionError):
        check_shares_and_factors(result)


def test_resequencing_the_first_buffer_keeps_the_books() -> None:
    # the buffer is a deque that sorts like a list (O(1) takes at any queue length)
    data = with_overrides(load_scenario(KITCHEN_SINK), {"stations.saw.buffer": "inf",
                                                        "release.interarrival": "1 min"})
    model = LineModel(data, seed=2)
    model.run(1500.0)
    items = model.stations[0].buffer.items
    assert len(items) > 20 and {p.variant for p in items} == {"a", "b"}
    model.control.prioritise_variant("b")
    variants = [p.variant for p in items]
    assert variants == sorted(variants, key=lambda v: v != "b")
    ids_b = [p.id for p in items if p.variant == "b"]
    assert ids_b == sorted(ids_b)  # stable: first come, first served within a variant
    model.run()
    check_state_times(model)
    check_parts(model)
    check_materials(model)
