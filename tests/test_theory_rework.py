"""Rework routed upstream against Jackson's theorem (an open network with feedback).

Poisson arrivals (rate 1/2 per min) pass A then B, both exponential with mean 1/2 min; a part
fails B's check with probability p = 1/4 and joins the end of A's queue again (``rework_to``).
Visit ratio v = 1 / (1 - p) = 4/3 at both stations, so each sees lambda v = 2/3 per min and
rho = 1/3; Jackson: L = rho / (1 - rho) = 1/2 per station and W = (1/2 + 1/2) / lambda = 2 min.
Extra visits per finished part: p / (1 - p) = 1/3; throughput = the arrival rate, 30 per h.
"""

from __future__ import annotations

import pytest
from invariants import check_all, mean_ci, replicate

from sim import ScenarioError, load_scenario, with_overrides
from sim.line.model import LineModel

LOOP = load_scenario("rework_loop")
"""``scenarios/rework_loop.toml``: the loop described above."""
SEEDS = range(1, 9)


@pytest.fixture(scope="module")
def runs():  # noqa: ANN201
    out = []
    for seed in SEEDS:
        model = LineModel(LOOP, seed=seed)
        model.run()
        out.append((model, check_all(model)))
    return out


def test_rework_loop_visit_ratio_and_extra_visits(runs) -> None:  # noqa: ANN001
    ratio, half = mean_ci(m.station["A"].processed / m.released for m, _ in runs)
    assert abs(ratio - 4 / 3) <= half < 0.01, (ratio, half)
    extra, e_half = mean_ci(m.finished_reworks / sum(m.finished.values()) for m, _ in runs)
    assert abs(extra - 1 / 3) <= e_half < 0.01, (extra, e_half)


def test_rework_loop_throughput_and_jackson_sojourn(runs) -> None:  # noqa: ANN001
    th, th_half = mean_ci(r.kpis["throughput [units/h]"] for _, r in runs)
    assert abs(th - 30.0) <= th_half < 0.6
    w, half = mean_ci(r.kpis["cycle time mean [h]"] * 60 for _, r in runs)
    assert half < 0.05 * 2.0, half
    assert abs(w - 2.0) <= half, (w, half)


def test_default_rework_at_the_station_itself_is_another_network() -> None:
    # Without rework_to the part is reworked at B next (ahead of B's queue) and never sees A
    # again: v_A = 1, v_B = 4/3; L_A = (1/4) / (3/4) = 1/3, L_B = 1/2 (B is still work-
    # conserving with exponential times): W = (1/3 + 1/2) / (1/2) = 5/3 min, not 2.
    scn = with_overrides(LOOP, {"stations.B.rework_to": None, "horizon": "10 d"})
    kpis = replicate(scn, range(1, 7))
    w, half = mean_ci(kpis["cycle time mean [h]"] * 60)
    assert abs(w - 5 / 3) <= half < 0.1, (w, half)


def test_rework_to_must_be_upstream() -> None:
    with pytest.raises(ScenarioError, match="rework_to"):
        with_overrides(LOOP, {"stations.A.rework": 0.1, "stations.A.rework_to": "B"})
    with_overrides(LOOP, {"stations.B.rework_to": "B"})  # itself is fine
