"""Random streams: one generator per component name; samplers draw the laws they promise."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sim.line.streams import Streams
from sim.scenario.types import _DistSpec

N = 100_000
"""Draws per moment check: the mean's relative standard error is cv / sqrt(N) <= 0.4 %."""


def spec(**kw) -> _DistSpec:  # noqa: ANN003
    return _DistSpec.model_validate(kw)


def draws(sampler, n: int = N) -> np.ndarray:  # noqa: ANN001
    return np.array([sampler() for _ in range(n)])


def test_same_name_same_numbers_other_name_other_numbers() -> None:
    law = spec(dist="exponential", mean="2 min")
    a = draws(Streams(5).sampler("station:a:process:x", law), 2000)
    b = draws(Streams(5).sampler("station:a:process:x", law), 2000)
    c = draws(Streams(5).sampler("station:b:process:x", law), 2000)
    d = draws(Streams(6).sampler("station:a:process:x", law), 2000)
    assert (a == b).all()
    assert not np.isin(a, c).any() and not np.isin(a, d).any()


def test_draw_order_of_other_streams_does_not_matter() -> None:
    law = spec(dist="exponential", mean="1 min")
    s1 = Streams(1)
    x = s1.sampler("x", law)
    alone = [x() for _ in range(1500)]
    s2 = Streams(1)
    x2, y2 = s2.sampler("x", law), s2.sampler("y", law)
    mixed = []
    for _ in range(1500):
        y2(), y2()
        mixed.append(x2())
    assert alone == mixed


def test_batches_continue_the_generator_sequence() -> None:
    law = spec(dist="exponential", mean="3 min")
    sampled = draws(Streams(9).sampler("n", law), 1500)  # crosses two batch boundaries
    direct = Streams(9).generator("n").exponential(3.0, 2048)[:1500]
    assert np.allclose(sampled, direct, rtol=0, atol=0)


@pytest.mark.parametrize("law", [
    {"dist": "exponential", "mean": "2 min"},
    {"dist": "uniform", "low": "1 min", "high": "5 min"},
    {"dist": "triangular", "low": "1 min", "mode": "2 min", "high": "6 min"},
    {"dist": "lognormal", "mean": "4 min", "cv": 0.5},
    {"dist": "gamma", "mean": "4 min", "cv": 0.3},
    {"dist": "gamma", "mean": "1 min", "cv": 2.0},
    {"dist": "normal", "mean": "10 min", "cv": 0.1},
])
def test_sampler_mean_and_variability(law: dict) -> None:
    s = spec(**law)
    x = draws(Streams(2).sampler("m", s))
    assert (x >= 0).all()
    cv = math.sqrt(s.scv)
    assert x.mean() == pytest.approx(s.expected, rel=5 * cv / math.sqrt(N))
    # the sample scv has a larger spread (fourth moments); 10 % is > 5 standard errors here
    assert x.var() / x.mean() ** 2 == pytest.approx(s.scv, rel=0.1)


def test_truncated_normal_never_negative() -> None:
    x = draws(Streams(4).sampler("t", spec(dist="normal", mean="1 min", cv=1.5)), 20_000)
    assert (x >= 0).all() and x.min() < 0.01  # truncated at 0, mass near 0 kept


@pytest.mark.parametrize("law", [
    {"dist": "deterministic", "mean": "2.5 min"},
    {"dist": "normal", "mean": "2.5 min", "cv": 0},
    {"dist": "gamma", "mean": "2.5 min", "cv": 0},
])
def test_constant_laws_make_no_draws(law: dict) -> None:
    sampler = Streams(1).sampler("c", spec(**law))
    assert sampler.constant == 2.5
    assert {sampler() for _ in range(10)} == {2.5}


def test_uniform_stream_is_in_unit_interval() -> None:
    u = draws(Streams(3).uniform("q"), 50_000)
    assert (u >= 0).all() and (u < 1).all()
    assert u.mean() == pytest.approx(0.5, abs=5 * math.sqrt(1 / 12 / 50_000))


def test_bare_duration_means_deterministic() -> None:
    from sim.scenario.schema import StationSpec

    s = StationSpec.model_validate({"process_time": "3 min"}).process_time
    assert s.dist == "deterministic" and s.scv == 0 and s.expected == 3.0
