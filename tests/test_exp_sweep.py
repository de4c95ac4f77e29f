"""sim.sweep: full-factorial grids, Latin hypercubes, long-format results."""

import numpy as np
import pandas as pd
import pytest
from exp_support import queue

from sim.errors import ScenarioError
from sim.experiments import Range, replication_seeds, sweep
from sim.experiments.sweep import lhs_design

FAST = {"jobs": 1, "progress": False}


def test_grid_has_the_product_of_levels_per_replication():
    params = {"stations.server.machines": [1, 2, 3], "stations.server.buffer": [2, 5]}
    result = sweep(queue(horizon="8 h", warmup="1 h"), params, 2, seed=9, **FAST)
    runs = result.runs
    assert len(result.design) == 6
    for rep in range(2):
        part = runs[runs["replication"] == rep]
        assert len(part) == 3 * 2
        combos = set(zip(part["stations.server.machines"], part["stations.server.buffer"],
                         strict=True))
        assert combos == {(m, b) for m in (1, 2, 3) for b in (2, 5)}
    # common random numbers: every point runs the same seeds
    for _, part in runs.groupby("point"):
        assert list(part["seed"]) == replication_seeds(9, 2)
    assert len(result.summary) == 6 * len(result.kpis)
    tidy = result.tidy()
    assert len(tidy) == 12 * len(result.kpis)
    assert {"point", "stations.server.machines", "stations.server.buffer", "replication",
            "seed", "kpi", "value"} == set(tidy.columns)
    # rho = 0.6 on one machine: two or three machines hold clearly less WIP
    wip = runs.groupby("stations.server.machines")["WIP mean [units]"].mean()
    assert wip[1] > wip[2] > 0 and wip[1] > wip[3] > 0


def test_grid_point_equals_a_replicate_run():
    from sim.experiments import replicate

    result = sweep(queue(horizon="8 h", warmup="1 h"), {"stations.server.machines": [1, 2]}, 2,
                   seed=1, **FAST)
    single = replicate(queue(horizon="8 h", warmup="1 h"), 2, seed=1,
                       overrides={"stations.server.machines": 2}, **FAST)
    mine = result.runs[result.runs["point"] == 1][result.kpis].reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, single.runs[single.kpis])


def test_latin_hypercube_covers_every_stratum_once():
    params = {"a": Range(0.0, 10.0), "b": Range(1, 4, integer=True),
              "c": ["x", "y", "z", "w"], "d": Range(2.0, 3.0, unit="h")}
    design = lhs_design(params, 4, seed=3)
    for name in params:
        strata = np.floor(design[f"u:{name}"] * 4).astype(int)
        assert sorted(strata) == [0, 1, 2, 3]
    assert sorted(design["b"]) == [1, 2, 3, 4]
    assert sorted(design["c"]) == ["w", "x", "y", "z"]
    assert sorted(np.floor(design["a"] / 2.5).astype(int)) == [0, 1, 2, 3]
    assert all(isinstance(v, str) and v.endswith(" h") and 2.0 <= float(v.split()[0]) < 3.0
               for v in design["d"])
    again = lhs_design(params, 4, seed=3)
    pd.testing.assert_frame_equal(design, again)
    assert not design.equals(lhs_design(params, 4, seed=4))


def test_lhs_sweep_runs_each_point():
    params = {"stations.server.machines": Range(1, 3, integer=True),
              "stations.server.process_time.mean": Range(4.0, 7.0, unit="min")}
    result = sweep(queue(horizon="6 h", warmup="1 h"), params, 2, design="lhs", samples=3,
                   **FAST)
    assert len(result.runs) == 6
    assert sorted(result.design["stations.server.machines"]) == [1, 2, 3]
    assert result.metadata["design"] == "lhs" and result.metadata["points"] == 3


def test_bad_sweeps_are_reported_before_running():
    with pytest.raises(ScenarioError, match="stations.server.machines"):
        sweep(queue(), {"stations.server.machines": [1, 0]}, 1, **FAST)
    with pytest.raises(ScenarioError, match="levels"):
        sweep(queue(), {"stations.server.machines": Range(1, 3)}, 1, **FAST)
    with pytest.raises(ScenarioError, match="params"):
        sweep(queue(), {}, 1, **FAST)
    with pytest.raises(ScenarioError, match="design"):
        sweep(queue(), {"stations.server.machines": [1]}, 1, design="sobol", **FAST)
    with pytest.raises(ScenarioError, match="samples"):
        sweep(queue(), {"stations.server.machines": [1]}, 1, design="lhs", **FAST)


def test_latin_hypercube_is_space_filling():
    """scipy's random-cd optimisation: lower centred discrepancy than a plain Latin hypercube."""
    from scipy.stats import qmc

    from sim.experiments.seeds import side_generator

    params = {f"p{i}": Range(0.0, 1.0) for i in range(3)}
    optimised, plain = [], []
    for seed in range(10):
        design = lhs_design(params, 12, seed=seed)[[f"u:p{i}" for i in range(3)]].to_numpy()
        base = qmc.LatinHypercube(d=3, seed=side_generator(seed, "sweep:lhs")).random(12)
        optimised.append(qmc.discrepancy(design))
        plain.append(qmc.discrepancy(base))
    assert all(o <= p for o, p in zip(optimised, plain, strict=True))
    assert np.median(optimised) < 0.8 * np.median(plain)
    one = lhs_design({"a": Range(0.0, 1.0)}, 5, seed=1)  # a single field works too
    assert sorted(np.floor(one["u:a"] * 5).astype(int)) == [0, 1, 2, 3, 4]
