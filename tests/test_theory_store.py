"""Measures against theory: the (r, Q) store's fill rate and backorders, M/M/1 queue measures,
and the per-part log against Little's law.

(r, Q) with Poisson demand (rate lambda) and fixed lead time L (``scenarios/rq_store.toml``):
the inventory position is uniform on r+1..r+Q and independent of the lead-time demand
D ~ Poisson(lambda L), so the net inventory is y - D: fill rate = (1/Q) sum_y P(D <= y - 1)
(Poisson demands see time averages), mean backorders = (1/Q) sum_y E[(D - y)+], mean on-hand
= r + (Q + 1)/2 - lambda L + mean backorders, cycle service level P(D <= r) (Hadley & Whitin
1963; Zipkin 2000, ch. 6).
"""

from __future__ import annotations

import numpy as np
import pytest
from invariants import check_all, mean_ci
from scipy import stats

from sim import load_scenario, with_overrides
from sim.line.model import LineModel
from sim.runner import collect

SEEDS = range(1, 9)


def _runs(scn, seeds=SEEDS):  # noqa: ANN001, ANN202
    out = []
    for seed in seeds:
        model = LineModel(scn, seed=seed)
        model.run()
        check_all(model)
        out.append((model, collect(model)))
    return out


def rq_theory(lam_l: float, r: int, q: int) -> tuple[float, float, float]:
    """Fill rate, mean backorders and mean on-hand of a continuous-review (r, Q) store."""
    d = stats.poisson(lam_l)
    k = np.arange(0, int(lam_l + 20 * np.sqrt(lam_l) + r + q))
    ys = range(r + 1, r + q + 1)
    fill = np.mean([d.cdf(y - 1) for y in ys])
    back = np.mean([np.sum(np.clip(k - y, 0, None) * d.pmf(k)) for y in ys])
    on_hand = np.mean([np.sum(np.clip(y - k, 0, None) * d.pmf(k)) for y in ys])
    return float(fill), float(back), float(on_hand)


def test_rq_formulas() -> None:
    fill, back, on_hand = rq_theory(10.0, 8, 10)
    assert on_hand == pytest.approx(8 + 11 / 2 - 10 + back)
    assert (round(fill, 3), round(back, 3), round(on_hand, 3)) == (0.755, 0.512, 4.012)


@pytest.fixture(scope="module")
def store():  # noqa: ANN201
    return [r.measures["stores"].loc["kit"] for _, r in _runs(load_scenario("rq_store"))]


def test_rq_store_fill_rate_and_backorders(store) -> None:  # noqa: ANN001
    fill, back, on_hand = rq_theory(10.0, 8, 10)
    f, f_half = mean_ci(row["fill_rate"] for row in store)
    assert abs(f - fill) <= f_half < 0.02, (f, f_half)
    b, b_half = mean_ci(row["backorders_mean"] for row in store)
    assert abs(b - back) <= b_half < 0.15 * back, (b, b_half)
    i, i_half = mean_ci(row["on_hand_mean"] for row in store)
    assert abs(i - on_hand) <= i_half < 0.05 * on_hand, (i, i_half)
    # cycle service level: no stock-out between two deliveries iff the demand in the lead
    # time after the order (placed at position r) is at most r: P(D <= r) = 0.333
    csl, c_half = mean_ci(row["cycle_service_level"] for row in store)
    assert abs(csl - stats.poisson(10.0).cdf(8)) <= c_half < 0.03, (csl, c_half)


def test_naive_rule_serves_worse(store) -> None:  # noqa: ANN001
    # the stock + pipeline rule re-orders late after a stock-out: a lower fill rate
    naive = with_overrides(load_scenario("rq_store"), {
        "materials.kit.replenishment.reorder_position": "on_hand_plus_pipeline"})
    rows = [r.measures["stores"].loc["kit"] for _, r in _runs(naive, range(1, 5))]
    assert np.mean([r["fill_rate"] for r in rows]) < np.mean([r["fill_rate"] for r in store])


@pytest.fixture(scope="module")
def mm1():  # noqa: ANN201
    scn = with_overrides(load_scenario("mm1"), {"horizon": "30 d", "part_log": True})
    return _runs(scn)


def test_mm1_queue_measures(mm1) -> None:  # noqa: ANN001
    # M/M/1, lambda = 1/2, mu = 1: P(wait > 0) = rho = 1/2, Wq = 1 min, W = 2 min,
    # Lq = lambda Wq = 1/2, te exponential: mean 1 min, scv 1
    rows = [r.measures["queues"].iloc[0] for _, r in mm1]
    for column, theory in (("P_wait", 0.5), ("Wq_min", 1.0), ("W_min", 2.0), ("Lq", 0.5),
                           ("te_mean_min", 1.0), ("te_scv", 1.0), ("utilisation", 0.5)):
        mean, half = mean_ci(row[column] for row in rows)
        assert half < 0.1 * theory, (column, half)
        assert abs(mean - theory) <= half, (column, mean, half)


def test_part_log_against_littles_law(mm1) -> None:  # noqa: ANN001
    for model, result in mm1:
        parts = result.measures["parts"]
        assert len(parts) == model.station[model.stations[0].name].processed
        # sample path: the time-average WIP (model counters) = the parts' time in the line
        # (from the log: finish - release) per unit time, up to the parts at the ends
        warm, end = model.scenario.warmup, model.env.now
        released = {p: t for p, t in zip(parts["part"], parts["enter_min"], strict=True)}
        inside = sum(min(f, end) - max(released[p], warm)
                     for p, f in zip(parts["part"], parts["finish_min"], strict=True)
                     if f > warm)
        wip = result.kpis["WIP mean [units]"]
        assert abs(inside / (end - warm) - wip) < 0.01 * wip
        q = result.measures["queues"].iloc[0]
        assert q["L"] == pytest.approx(q["arrival_rate_per_h"] / 60 * q["W_min"])




def test_line_quality_teep_and_crew_hand_computed() -> None:
    # One saturated press (5 min, scrap 1/10 drawn), open 8 h a day (06:00-14:00) for 2 days;
    # two scripted 60 min breakdowns of its two machines at once, one crew: the second waits
    # 60 min (mean wait 30 min), the crew is busy 120 min of 2 days.
    scn = load_scenario({
        "name": "line-measures", "horizon": "2 d", "sample_interval": "0 min",
        "variants": {"p": {}},
        "stations": {"press": {"machines": 2, "process_time": "5 min", "buffer": 1,
                               "scrap": 0.1}},
        "release": {"kind": "push"},
        "calendar": {"days": ["Mon", "Tue"], "shifts": [
            {"name": "day", "start": "06:00", "end": "14:00", "staff": 1}]},
        "repair": {"crews": 1},
        "disruptions": {f"jam{i}": {"kind": "breakdown", "at": "Mon 08:00", "station": "press",
                                    "machine": i, "duration": "60 min"} for i in (0, 1)},
    })
    model = LineModel(scn, seed=4)
    model.run()
    check_all(model)
    result = collect(model)
    line, row = result.measures["line"], result.stations.loc["press"]
    started = sum(model.materials.started.values())
    assert line["quality line [%]"] == pytest.approx(100 * result.kpis["output [units]"] / started)
    assert line["quality bottleneck [%]"] == pytest.approx(100 * row["quality"])
    assert abs(line["quality line [%]"] - 90) < 5
    assert line["TEEP [%]"] == pytest.approx(row["oee"] * 100 / 3)  # loading = 8 h / 24 h
    assert line["crew wait mean [min]"] == pytest.approx(30.0)
    assert line["crew utilisation [%]"] == pytest.approx(100 * 120 / (2 * 1440))
    queues = result.measures["queues"].loc["press"]
    down = (60 + 60 + 60) / (2 * 2 * 1440)  # repairs, and the wait for the crew: all down
    assert queues["utilisation_incl_repair"] == pytest.approx(queues["utilisation"] + down)
    assert queues["utilisation_of_available"] == pytest.approx(
        queues["utilisation"] / (1 - down))
