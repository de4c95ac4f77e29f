"""Paired comparisons on common random numbers."""

import numpy as np
import pytest
from exp_support import queue

from sim.errors import ScenarioError
from sim.experiments import Config, compare_paired, replication_seeds

FAST = {"jobs": 1, "progress": False}


def test_identical_configurations_differ_by_exactly_zero():
    result = compare_paired(queue(horizon="20 h"), 5, baseline=Config("a"),
                            alternative=Config("b"), **FAST)
    diffs = result.differences[result.kpis].to_numpy()
    finite = diffs[~np.isnan(diffs)]
    assert finite.size > 0 and (finite == 0).all()
    table = result.table.set_index("kpi")
    assert (table["difference"].fillna(0) == 0).all()
    assert (table["ci_low"].fillna(0) == 0).all() and (table["ci_high"].fillna(0) == 0).all()
    assert not table["significant"].any()


def test_second_machine_cuts_wip_and_is_paired_per_seed():
    base = queue(horizon="40 h", interarrival="10 min", service="8 min")
    result = compare_paired(base, 8, baseline=Config("one", {"stations.server.machines": 1}),
                            alternative={"name": "two",
                                         "overrides": {"stations.server.machines": 2}},
                            seed=4, **FAST)
    runs = result.runs
    assert list(runs["config"][:4]) == ["one", "two", "one", "two"]
    assert list(runs["seed"][::2]) == replication_seeds(4, 8)
    assert (runs["seed"][::2].to_numpy() == runs["seed"][1::2].to_numpy()).all()
    row = result.table.set_index("kpi").loc["WIP mean [units]"]
    # steady state: M/M/1 at rho = 0.8 has L = 4, M/M/2 at rho = 0.4 has L ~ 0.95 (35 h from
    # an empty start do not reach the M/M/1's steady state): a large, certain cut
    assert row["significant"] and row["ci_high"] < -0.5 and row["difference"] < -1.0
    one = runs[runs["config"] == "one"]["WIP mean [units]"].to_numpy()
    two = runs[runs["config"] == "two"]["WIP mean [units]"].to_numpy()
    assert row["difference"] == pytest.approx((two - one).mean(), abs=1e-12)
    assert row["one"] == pytest.approx(one.mean()) and row["two"] == pytest.approx(two.mean())


def test_common_random_numbers_shrink_the_spread_of_differences():
    """Same arrivals in both configurations: the output difference varies far less than the
    outputs themselves (what independent seeds would give)."""
    base = queue(horizon="40 h", interarrival="10 min", service="6 min")
    result = compare_paired(base, 10, baseline=Config("slow"),
                            alternative=Config("fast", {"stations.server.process_time.mean":
                                                        "5 min"}), **FAST)
    runs = result.runs
    slow = runs[runs["config"] == "slow"]["output [units]"].to_numpy()
    fast = runs[runs["config"] == "fast"]["output [units]"].to_numpy()
    paired_sd = np.std(fast - slow, ddof=1)
    independent_sd = np.sqrt(np.var(slow, ddof=1) + np.var(fast, ddof=1))
    assert paired_sd < 0.5 * independent_sd


def test_bad_configurations_are_reported():
    with pytest.raises(ScenarioError, match="alternative.name"):
        compare_paired(queue(), 2, baseline=Config("x"), alternative=Config("x"), **FAST)
    with pytest.raises(ScenarioError, match="stations.nope"):
        compare_paired(queue(), 2, baseline=Config("x"),
                       alternative=Config("y", {"stations.nope.machines": 1}), **FAST)
    with pytest.raises(ScenarioError, match="config"):
        compare_paired(queue(), 2, baseline={"name": "x", "colour": "red"}, **FAST)
