"""Breakdowns against renewal theory: availability and throughput of a failure-prone machine.

``failures.toml``: a fast feeder keeps the press saturated; the press needs 1 min per part
(rate 60/h) and breaks down after exponential times with mean MTBF = 100 min, each repair
taking exponential MTTR = 5 min. Throughput = rate x MTBF / (MTBF + MTTR) = 57.14/h.

Calendar clock: time to failure runs always, so down share = MTTR / (MTBF + MTTR) at any load.
Operating clock: time to failure runs only while busy, so down time = busy time x MTTR / MTBF.
For a saturated machine (busy whenever up) the two coincide: throughput is
rate / (1 + MTTR / MTBF) = rate x MTBF / (MTBF + MTTR) either way, and in fact the sample paths
are identical. They differ for a machine that is not saturated; deterministic failure times
check those formulas exactly (up to one failure cycle at the end of the run).
"""

from __future__ import annotations

import pytest
from invariants import mean_ci, replicate, run_checked

from sim import load_scenario, with_overrides

SEEDS = range(1, 7)
MTBF, MTTR, RATE_H = 100.0, 5.0, 60.0
OPERATING = {"stations.press.failures.clock": "operating"}


@pytest.fixture(scope="module")
def calendar():  # noqa: ANN201
    return replicate("failures", SEEDS, {"horizon": "14 d"})


def test_saturated_bottleneck_throughput(calendar) -> None:  # noqa: ANN001
    # 14 days: sd of the up fraction sqrt(0.432 min / 20 000 min) = 0.5 % per run
    # (alternating renewal process, exponential up and down times); six runs.
    expected = RATE_H * MTBF / (MTBF + MTTR)
    th, half = mean_ci(calendar["throughput [units/h]"])
    assert half < 0.02 * expected  # sharp: a 2 % error fails (observed ~1 %)
    assert abs(th - expected) <= half, (th, expected, half)
    assert abs(th - RATE_H) > 4 * half  # the breakdowns visibly matter
    avail, a_half = mean_ci(calendar["availability [%]"] / 100)
    assert abs(avail - MTBF / (MTBF + MTTR)) <= a_half


def test_operating_clock_saturated_is_the_same_path(calendar) -> None:  # noqa: ANN001
    operating = replicate("failures", SEEDS, {"horizon": "14 d", **OPERATING})
    # busy whenever up: operating time since the last repair == calendar time since it
    assert operating["throughput [units/h]"].tolist() == pytest.approx(
        calendar["throughput [units/h]"].tolist(), rel=1e-12)
    th, half = mean_ci(operating["throughput [units/h]"])
    assert abs(th - RATE_H / (1 + MTTR / MTBF)) <= half


def _unsaturated(clock: str) -> dict:
    scn = with_overrides(load_scenario("failures"), {
        "warmup": "0 min", "horizon": "14 d", "release.kind": "poisson",
        "release.interarrival": "2 min", "stations.feeder.buffer": "inf",
        "stations.press.buffer": "inf",
        "stations.press.failures": {"ttf": f"{MTBF} min", "ttr": f"{MTTR} min", "clock": clock},
    })
    model, result = run_checked(scn, seed=3, event_log=False)
    press = model.station["press"].machines[0]
    return {"busy": press.time["busy"], "down": press.time["down"], "now": model.now,
            "breakdowns": result.kpis["breakdowns [count]"]}


def test_calendar_clock_down_share_ignores_load() -> None:
    t = _unsaturated("calendar")
    assert t["busy"] / t["now"] == pytest.approx(0.5, abs=0.02)  # half loaded
    # one failure every MTBF + MTTR of calendar time, busy or not (+- one cycle at the end)
    assert abs(t["down"] - t["now"] * MTTR / (MTBF + MTTR)) <= MTTR
    assert t["breakdowns"] == t["now"] // (MTBF + MTTR) + (t["now"] % (MTBF + MTTR) >= MTBF)


def test_operating_clock_down_time_follows_busy_time() -> None:
    t = _unsaturated("operating")
    # one failure after every MTBF of busy time: down = busy x MTTR / MTBF (+- one failure)
    assert abs(t["down"] - t["busy"] * MTTR / MTBF) <= MTTR + 1e-6
    assert t["breakdowns"] == t["busy"] // MTBF
    # about half the calendar-clock down share at utilisation 0.5
    assert t["down"] / t["now"] == pytest.approx(0.5 * MTTR / MTBF, rel=0.05)
