"""Confidence intervals, Wilson intervals and replication seeds."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from sim.experiments.seeds import replication_seeds, side_generator
from sim.experiments.stats import mean_ci, summarise, wilson


def test_mean_ci_matches_the_student_t_interval():
    values = [4.1, 5.3, 3.9, 6.2, 5.0, 4.4]
    ci = mean_ci(values, 0.95)
    low, high = stats.t.interval(0.95, len(values) - 1, loc=np.mean(values),
                                 scale=stats.sem(values))
    assert ci["n"] == 6
    assert ci["mean"] == pytest.approx(np.mean(values), abs=1e-12)
    assert ci["std"] == pytest.approx(np.std(values, ddof=1), abs=1e-12)
    assert ci["ci_low"] == pytest.approx(low, abs=1e-12)
    assert ci["ci_high"] == pytest.approx(high, abs=1e-12)
    assert ci["half_width"] == pytest.approx(
        stats.t.ppf(0.975, 5) * np.std(values, ddof=1) / math.sqrt(6), abs=1e-12)


def test_mean_ci_other_level_nan_and_degenerate_cases():
    ci90 = mean_ci([1.0, 2.0, 3.0, float("nan")], 0.90)
    assert ci90["n"] == 3  # the NaN is left out
    assert ci90["half_width"] == pytest.approx(stats.t.ppf(0.95, 2) * 1.0 / math.sqrt(3))
    constant = mean_ci([7.0] * 5)
    assert (constant["ci_low"], constant["ci_high"], constant["half_width"]) == (7.0, 7.0, 0.0)
    single = mean_ci([3.0])
    assert single["mean"] == 3.0 and math.isnan(single["half_width"])
    with pytest.raises(ValueError):
        mean_ci([1.0, 2.0], confidence=1.5)


def test_summarise_groups_and_kpis():
    frame = pd.DataFrame({"config": ["a", "a", "b", "b", "b"],
                          "x": [1.0, 3.0, 10.0, 11.0, 12.0], "y": [0.0, 0.0, 1.0, 1.0, 4.0]})
    table = summarise(frame, ["x", "y"], by=["config"])
    assert list(table["config"]) == ["a", "a", "b", "b"]
    assert list(table["kpi"]) == ["x", "y", "x", "y"]
    row = table[(table["config"] == "b") & (table["kpi"] == "x")].iloc[0]
    assert row["n"] == 3 and row["mean"] == 11.0 and row["std"] == 1.0


def test_wilson_interval_known_values():
    low, high = wilson(8, 10, 0.95)
    # Wilson score interval for 8/10 (e.g. statsmodels proportion_confint method="wilson")
    assert low == pytest.approx(0.4901625, abs=1e-6)
    assert high == pytest.approx(0.9433178, abs=1e-6)
    for k, n in ((0, 10), (3, 7), (37, 40), (40, 40)):
        ref = stats.binomtest(k, n).proportion_ci(0.95, method="wilson")
        assert wilson(k, n) == pytest.approx((ref.low, ref.high), abs=1e-12)
    assert wilson(10, 10)[1] == 1.0 and wilson(10, 10)[0] < 1.0
    assert wilson(0, 10)[0] == 0.0
    assert all(math.isnan(v) for v in wilson(0, 0))


def test_replication_seeds_are_distinct_and_prefix_stable():
    ten, twenty = replication_seeds(7, 10), replication_seeds(7, 20)
    assert twenty[:10] == ten
    assert len(set(twenty)) == 20
    assert replication_seeds(8, 10) != ten
    assert all(0 <= s < 2**63 for s in twenty)
    expected = [int(c.generate_state(1, np.uint64)[0] >> np.uint64(1))
                for c in np.random.SeedSequence(7).spawn(3)]
    assert replication_seeds(7, 3) == expected


def test_side_generators_are_reproducible_and_distinct():
    a = side_generator(5, "stress:breakdowns:count").random(4)
    b = side_generator(5, "stress:breakdowns:count").random(4)
    c = side_generator(5, "stress:absences:count").random(4)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
