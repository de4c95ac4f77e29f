"""sim.replicate: tables, labels, CI formula, CI shrinkage and coverage on a known mean."""

import math

import pandas as pd
import pytest
from exp_support import queue
from scipy import stats

import sim
from sim.errors import ScenarioError
from sim.experiments import replicate, replication_seeds
from sim.labels import SYNTHETIC_LABEL

FAST = {"jobs": 1, "progress": False}


def test_runs_table_seeds_and_summary_formula():
    result = replicate(queue(), 6, seed=3, **FAST)
    runs = result.runs
    assert list(runs["replication"]) == list(range(6))
    assert list(runs["seed"]) == replication_seeds(3, 6)
    for i, seed in enumerate(replication_seeds(3, 6)[:2]):  # a replication is an ordinary run
        single = sim.run(queue(), seed).kpis
        assert runs.loc[i, "output [units]"] == single["output [units]"]
        assert runs.loc[i, "WIP mean [units]"] == single["WIP mean [units]"]
    row = result.summary.set_index("kpi").loc["throughput [units/h]"]
    values = runs["throughput [units/h]"]
    assert row["n"] == 6
    assert row["mean"] == pytest.approx(values.mean(), abs=1e-12)
    assert row["half_width"] == pytest.approx(
        stats.t.ppf(0.975, 5) * values.std(ddof=1) / math.sqrt(6), abs=1e-12)
    assert row["ci_low"] == pytest.approx(row["mean"] - row["half_width"], abs=1e-12)
    tidy = result.tidy()
    assert len(tidy) == 6 * len(result.kpis)
    assert set(tidy.columns) == {"replication", "seed", "kpi", "value"}


def test_labels_fingerprint_and_saved_files(tmp_path):
    result = replicate(queue(horizon="10 h", warmup="1 h"), 3, seed=1, **FAST)
    assert result.metadata["synthetic"] is True
    assert result.metadata["label"] == SYNTHETIC_LABEL
    assert result.runs.attrs["label"] == SYNTHETIC_LABEL
    assert result.summary.attrs["fingerprint"] == result.fingerprint
    assert "queue#" in result.fingerprint and "replicate n 3" in result.fingerprint
    assert SYNTHETIC_LABEL in repr(result)
    assert result.summary_text().startswith(SYNTHETIC_LABEL)
    result.save(tmp_path)
    back = pd.read_csv(tmp_path / "runs.csv")
    assert back[["label", "fingerprint"]].drop_duplicates().values.tolist() == [
        [SYNTHETIC_LABEL, result.fingerprint]]
    assert back["output [units]"].tolist() == result.runs["output [units]"].tolist()


def test_warmup_override_deletes_the_start():
    cold = replicate(queue(horizon="20 h", warmup="0 min"), 2, **FAST)
    warm = replicate(queue(horizon="20 h", warmup="0 min"), 2, warmup="10 h", **FAST)
    assert warm.metadata["warmup_h"] == 10.0 and cold.metadata["warmup_h"] == 0.0
    # same seeds, same runs: only the KPIs' observation window differs
    assert (warm.runs["output [units]"] < cold.runs["output [units]"]).all()


def test_ci_half_width_shrinks_like_one_over_sqrt_n():
    small = replicate(queue(horizon="30 h"), 10, seed=11, **FAST)
    large = replicate(queue(horizon="30 h"), 40, seed=11, **FAST)
    kpi = "throughput [units/h]"
    h10 = small.summary.set_index("kpi").loc[kpi, "half_width"]
    h40 = large.summary.set_index("kpi").loc[kpi, "half_width"]
    # E[ratio] ~ 2 * t(.975, 9) / t(.975, 39) = 2.24; the sample std's own noise (about 25 %
    # at n = 10) gives the band
    assert 1.2 < h10 / h40 < 3.6
    # the first 10 replications of the larger run are the smaller run (prefix-stable seeds)
    pd.testing.assert_frame_equal(large.runs.iloc[:10], small.runs)


def test_ci_coverage_of_a_known_mean():
    """M/M/1 at rho = 0.6: in steady state the throughput equals the arrival rate, 6 /h."""
    covered = 0
    experiments = 40
    for k in range(experiments):
        result = replicate(queue(), 5, seed=1000 + k, **FAST)
        row = result.summary.set_index("kpi").loc["throughput [units/h]"]
        covered += row["ci_low"] <= 6.0 <= row["ci_high"]
    # nominal 95 %: P(Bin(40, 0.95) <= 32) = 0.0007
    assert covered >= 33


def test_bad_input_is_a_scenario_error():
    with pytest.raises(ScenarioError, match="n"):
        replicate(queue(), 0, **FAST)
    with pytest.raises(ScenarioError, match="stations.nope"):
        replicate(queue(), 2, overrides={"stations.nope.machines": 2}, **FAST)
    with pytest.raises(ScenarioError, match="agents"):
        replicate(queue(), 2, agents="sometimes", **FAST)
    with pytest.raises(ScenarioError, match="backend"):
        replicate(queue(), 2, backend="spark", progress=False)
    with pytest.raises(ScenarioError, match="client"):
        replicate(queue(), 2, backend="dask", progress=False)
