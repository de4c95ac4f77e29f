"""Property tests: random scenarios either run with their books kept, or fail cleanly.

Hypothesis builds small random scenarios (1-4 stations, every distribution family, finite and
unbounded buffers, failures on both clocks, scrap and rework, every release kind, materials
with both replenishment policies, calendars, repair crews, scripted disruptions) and random
corruptions of them (negative times, unknown references, bad units, unknown keys, wrong
types). A valid one must run and keep every invariant; an invalid one must raise the one
``ScenarioError``, never another exception.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from invariants import run_checked

import sim
from sim import ScenarioError, load_scenario

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
"""Moderate and reproducible (derandomized): the same examples on every run."""


def minutes(lo: float, hi: float) -> st.SearchStrategy[str]:
    return st.floats(lo, hi, allow_nan=False).map(lambda v: f"{round(v, 3)} min")


@st.composite
def dists(draw, lo: float = 0.2, hi: float = 10.0) -> Any:  # noqa: ANN001
    kind = draw(st.sampled_from(["bare", "deterministic", "exponential", "uniform",
                                 "triangular", "normal", "lognormal", "gamma"]))
    if kind == "bare":
        return draw(minutes(lo, hi))
    if kind in ("deterministic", "exponential"):
        return {"dist": kind, "mean": draw(minutes(lo, hi))}
    if kind in ("normal", "lognormal", "gamma"):
        return {"dist": kind, "mean": draw(minutes(lo, hi)),
                "cv": draw(st.floats(0, 2).map(lambda v: round(v, 2)))}
    points = sorted(draw(st.lists(st.floats(0, hi), min_size=3, max_size=3)))
    points[-1] = max(points[-1], lo)
    low, mode, high = (f"{round(p, 3)} min" for p in points)
    if float(high.split()[0]) < float(low.split()[0]):  # rounding
        low = high
    if kind == "uniform":
        return {"dist": "uniform", "low": low, "high": high}
    mode = low if float(mode.split()[0]) < float(low.split()[0]) else mode
    mode = high if float(mode.split()[0]) > float(high.split()[0]) else mode
    return {"dist": "triangular", "low": low, "mode": mode, "high": high}


@st.composite
def scenarios(draw) -> dict[str, Any]:  # noqa: ANN001
    horizon = draw(st.integers(120, 1440))
    data: dict[str, Any] = {
        "name": "random", "horizon": f"{horizon} min", "event_log": True,
        "warmup": f"{draw(st.sampled_from([0, 0, horizon // 4, horizon // 2]))} min",
        "sample_interval": draw(st.sampled_from(["0 min", "17 min", "1 h"])),
    }
    materials = draw(st.lists(st.sampled_from(["m1", "m2"]), unique=True, max_size=2))
    data["materials"] = {}
    for m in materials:
        mat: dict[str, Any] = {"initial": draw(st.integers(0, 40))}
        rep = draw(st.sampled_from([None, "every", "list", "reorder"]))
        if rep == "every":
            mat["replenishment"] = {"kind": "schedule", "every": draw(minutes(30, 600)),
                                    "quantity": draw(st.integers(1, 40)),
                                    "first": draw(minutes(0, 300))}
        elif rep == "list":
            mat["replenishment"] = {"kind": "schedule", "deliveries": [
                {"at": draw(minutes(0, horizon)), "quantity": draw(st.integers(1, 30))}
                for _ in range(draw(st.integers(1, 3)))]}
        elif rep == "reorder":
            mat["replenishment"] = {"kind": "reorder", "reorder_point": draw(st.integers(0, 10)),
                                    "order_quantity": draw(st.integers(1, 30)),
                                    "lead_time": draw(dists(0.1, 240))}
        data["materials"][m] = mat
    variants = draw(st.lists(st.sampled_from(["a", "b"]), unique=True, min_size=1, max_size=2))
    data["variants"] = {
        v: {"bom": {m: draw(st.sampled_from([0.5, 1, 2])) for m in materials
                    if draw(st.booleans())}}
        for v in variants
    }
    n = draw(st.integers(1, 4))
    data["stations"] = {}
    for i in range(n):
        s: dict[str, Any] = {
            "machines": draw(st.integers(1, 2)), "process_time": draw(dists()),
            "buffer": draw(st.sampled_from(["inf", 1, 2, 5])),
            "scrap": draw(st.sampled_from([0.0, 0.0, 0.1, 0.3])),
            "rework": draw(st.sampled_from([0.0, 0.0, 0.2])),
            "operators": draw(st.integers(0, 2)),
        }
        if draw(st.booleans()):
            s["failures"] = {"ttf": draw(dists(5, 300)), "ttr": draw(dists(0.5, 60)),
                             "clock": draw(st.sampled_from(["operating", "calendar"]))}
        if len(variants) > 1 and draw(st.booleans()):
            s["setup_time"] = draw(dists(0.5, 20))
            s["process_time_by_variant"] = {variants[1]: draw(dists())}
        data["stations"][f"s{i}"] = s
    kind = draw(st.sampled_from(["poisson", "deterministic", "orders", "conwip", "push"]))
    release: dict[str, Any] = {"kind": kind}
    if kind in ("poisson", "deterministic"):
        release["interarrival"] = draw(minutes(0.5, 15))
    if kind in ("conwip", "push") or draw(st.booleans()):
        release["wip_cap"] = draw(st.integers(1, 12))
    if kind in ("conwip", "push"):
        release["sequence"] = draw(st.sampled_from(["random", "cyclic"]))
    if draw(st.booleans()):
        release["mix"] = {v: draw(st.integers(1, 3)) for v in variants}
    if kind == "orders":
        release["orders"] = {
            f"o{j}": {"variant": draw(st.sampled_from(variants)),
                      "quantity": draw(st.integers(1, 30)),
                      "release": draw(minutes(0, horizon)),
                      "due": draw(minutes(0, 2 * horizon))}
            for j in range(draw(st.integers(1, 3)))
        }
    data["release"] = release
    if draw(st.booleans()):
        data["calendar"] = {
            "days": draw(st.lists(st.sampled_from(["Mon", "Tue", "Wed"]), unique=True,
                                  min_size=1)),
            "shifts": [{"name": "x", "start": draw(st.sampled_from(["00:00", "06:00", "22:00"])),
                        "end": draw(st.sampled_from(["08:00", "14:00", "24:00"])),
                        "staff": draw(st.integers(0, 4))}],
            "overtime": {"max": draw(st.sampled_from(["0 min", "1 h"])),
                         "backlog_threshold": draw(st.integers(0, 5))},
        }
    if draw(st.booleans()):
        data["repair"] = {"crews": draw(st.integers(1, 2))}
    disruptions: dict[str, Any] = {}
    for j in range(draw(st.integers(0, 3))):
        what = draw(st.sampled_from(["breakdown", "staff_absence", "delivery_delay",
                                     "delivery_cancel", "order_cancel"]))
        at = draw(minutes(0, horizon))
        if what == "breakdown":
            name = draw(st.sampled_from(sorted(data["stations"])))
            disruptions[f"d{j}"] = {"kind": what, "at": at, "station": name,
                                    "duration": draw(minutes(1, 300)),
                                    "machine": draw(st.integers(
                                        0, data["stations"][name]["machines"] - 1))}
        elif what == "staff_absence":
            disruptions[f"d{j}"] = {"kind": what, "at": at, "count": draw(st.integers(1, 3)),
                                    "duration": draw(minutes(1, 600))}
        elif what in ("delivery_delay", "delivery_cancel") and materials:
            disruptions[f"d{j}"] = {"kind": what, "at": at,
                                    "material": draw(st.sampled_from(materials))}
            if what == "delivery_delay":
                disruptions[f"d{j}"]["delay"] = draw(minutes(1, 600))
        elif what == "order_cancel" and kind == "orders":
            disruptions[f"d{j}"] = {"kind": what, "at": at,
                                    "order": draw(st.sampled_from(sorted(release["orders"])))}
    data["disruptions"] = disruptions
    return data


@SETTINGS
@given(data=scenarios(), seed=st.integers(0, 2**32 - 1))
def test_random_scenarios_run_and_keep_the_books(data: dict[str, Any], seed: int) -> None:
    try:
        scn = load_scenario(data)
    except ScenarioError as exc:
        # the only invalid combination the generator makes on purpose
        assert "push" in str(exc), exc
        event("invalid: push without a finite first buffer")
        return
    model, _ = run_checked(scn, seed=seed)
    event(f"ran: release {scn.release.kind}, {len(scn.stations)} station(s)")
    event(f"output {'> 0' if sum(model.finished.values()) else '= 0'}")


def _first(mapping: dict[str, Any]) -> str:
    return sorted(mapping)[0]


def _corrupt(data: dict[str, Any], how: str) -> dict[str, Any]:
    d = copy.deepcopy(data)
    station = d["stations"][_first(d["stations"])]
    if how == "negative horizon":
        d["horizon"] = "-5 h"
    elif how == "negative process time":
        station["process_time"] = {"dist": "exponential", "mean": "-2 min"}
    elif how == "warmup past horizon":
        d["warmup"] = d["horizon"]
    elif how == "unknown station":
        d["disruptions"]["bad"] = {"kind": "breakdown", "at": "1 h", "station": "nowhere",
                                   "duration": "1 h"}
    elif how == "unknown material":
        d["variants"][_first(d["variants"])]["bom"] = {"unobtainium": 1}
    elif how == "unknown variant in mix":
        d["release"]["mix"] = {"ghost": 1}
    elif how == "bad unit":
        d["horizon"] = "3 fortnights"
    elif how == "bare number":
        station["process_time"] = 5
    elif how == "unknown top-level key":
        d["horizn"] = "1 d"
    elif how == "unknown station key":
        station["colour"] = "red"
    elif how == "wrong type":
        station["machines"] = "two"
    elif how == "scrap out of range":
        station["scrap"] = 1.5
    elif how == "zero process time":  # regression: push/CONWIP looped forever at t = 0
        station["process_time"] = "0 min"
    elif how == "zero time to failure":  # regression: failed and got repaired forever at t = 0
        station["failures"] = {"ttf": "0 min", "ttr": "0 min", "clock": "calendar"}
    elif how == "no stations":
        d["stations"] = {}
    elif how == "bad clock":
        d["calendar"] = {"shifts": [{"name": "x", "start": "25:00", "end": "06:00",
                                     "staff": 1}]}
    return d


CORRUPTIONS = ["negative horizon", "negative process time", "warmup past horizon",
               "unknown station", "unknown material", "unknown variant in mix", "bad unit",
               "bare number", "unknown top-level key", "unknown station key", "wrong type",
               "scrap out of range", "zero process time", "zero time to failure", "no stations",
               "bad clock"]


@SETTINGS
@given(data=scenarios(), how=st.sampled_from(CORRUPTIONS))
def test_corrupted_scenarios_raise_scenario_error(data: dict[str, Any], how: str) -> None:
    bad = _corrupt(data, how)
    with pytest.raises(ScenarioError) as caught:
        sim.run(bad)
    assert caught.value.file == "<scenario>"
    assert str(caught.value)
    if how.startswith("unknown") and how != "unknown material":
        assert caught.value.field, caught.value  # the error names the field


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_each_corruption_of_a_valid_scenario_is_caught(how: str) -> None:
    good = {"name": "t", "horizon": "1 d", "variants": {"a": {}},
            "stations": {"s": {"process_time": "1 min"}},
            "release": {"kind": "poisson", "interarrival": "2 min"}, "disruptions": {}}
    load_scenario(good)
    with pytest.raises(ScenarioError):
        load_scenario(_corrupt(good, how))
