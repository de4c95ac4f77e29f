"""Classic flow lines against theory: zero buffers (Hunt 1956), renewal arrivals (G/M/1).

Each test replicates over fixed seeds and compares the mean with the formula within the 99.9 %
t confidence half-width of the replications (see ``tests/test_theory_queues.py``); a second
assertion keeps the half-width small, so a model a few per cent off fails.
"""

from __future__ import annotations

import math

from invariants import mean_ci, replicate, run_checked

from sim import load_scenario, with_overrides

SEEDS = range(1, 9)


def test_hunt_three_stations_without_buffers() -> None:
    # Hunt (1956): three balanced exponential stations, no buffers, blocking after service:
    # 0.5641 per mean process time (1 min); unlimited buffers would give 1.
    # 20 days: ~16 000 parts per run, sd of the rate ~0.003; eight runs
    kpis = replicate("hunt3", SEEDS, {"horizon": "20 d"})
    th, half = mean_ci(kpis["throughput [units/h]"] / 60)
    assert half < 0.015 * 0.5641, half  # sharp: 1.5 %; one buffer place would give 0.64
    assert abs(th - 0.5641) <= half, (th, half)


def test_two_stations_without_buffer_hand_computable() -> None:
    # Two exponential stations (rate 1 each), no buffer, first never starved: the Markov
    # chain (s2 idle | s2 busy, s1 busy | s2 busy, s1 blocked) gives throughput 2/3.
    scn = with_overrides(load_scenario("hunt3"), {"horizon": "20 d"})
    scn = scn.model_copy(update={"stations": {k: v for k, v in scn.stations.items()
                                              if k != "s3"}})
    kpis = replicate(scn, SEEDS)
    th, half = mean_ci(kpis["throughput [units/h]"] / 60)
    assert half < 0.015 * (2 / 3)
    assert abs(th - 2 / 3) <= half, (th, half)


def test_zero_buffer_blocks_upstream_deterministically() -> None:
    # Deterministic 1 min then 3 min, no buffer between: s2 takes a part every 3 min; s1
    # finishes each in 1 min and then holds it, blocked, for 2 min: blocked share 2/3, and
    # the first part leaves at 4 min, then one every 3 min.
    scn = load_scenario({
        "name": "zero-det", "horizon": "10 h", "sample_interval": "0 min",
        "variants": {"p": {}},
        "stations": {"s1": {"process_time": "1 min", "buffer": 1, "operators": 0},
                     "s2": {"process_time": "3 min", "buffer": 0, "operators": 0}},
        "release": {"kind": "push"}})
    model, result = run_checked(scn)
    assert result.kpis["output [units]"] == (600 - 1) // 3  # first part done at 4 min
    blocked = result.stations.loc["s1", "share_blocked"]
    assert math.isclose(blocked, 2 / 3, abs_tol=2 / 600)


E2M1 = {
    "name": "e2m1", "horizon": "30 d", "warmup": "4 h", "sample_interval": "0 min",
    "variants": {"p": {}},
    "stations": {"s": {"process_time": {"dist": "exponential", "mean": "1 min"},
                       "operators": 0}},
    "release": {"kind": "renewal",
                "interarrival_dist": {"dist": "gamma", "mean": "2 min", "cv": 1 / math.sqrt(2)}},
}
"""Erlang-2 arrivals (mean 2 min) at one exponential machine (1 min): an E2/M/1 queue."""


def test_e2m1_waiting_time_against_gm1_formula() -> None:
    # G/M/1: Wq = sigma / (mu (1 - sigma)), sigma the root in (0, 1) of sigma = A*(mu - mu sigma)
    # with A*(s) = (2 lam / (2 lam + s))^2 the Erlang-2 transform. lam = 1/2, mu = 1:
    # sigma (2 - sigma)^2 = 1, so sigma = (3 - sqrt 5) / 2 and Wq = 0.618 min (M/M/1: 1 min).
    sigma = (3 - math.sqrt(5)) / 2
    assert math.isclose(sigma, (1 / (2 - sigma)) ** 2)
    wq = sigma / (1 - sigma)
    kpis = replicate(E2M1, SEEDS)
    mean, half = mean_ci(kpis["cycle time mean [h]"] * 60 - 1.0)
    assert half < 0.07 * wq, half  # sharp: a model 10 % off fails (observed ~6 %)
    assert abs(mean - wq) <= half, (mean, wq, half)
    assert abs(mean - 1.0) > 5 * half  # not the Poisson (M/M/1) wait
    th, th_half = mean_ci(kpis["throughput [units/h]"])
    assert abs(th - 30.0) <= th_half
