"""Identical results whatever the backend or worker count: serial, joblib, Dask."""

import pandas as pd
import pytest
from exp_support import order_line, queue

from sim.experiments import Config, replicate, stress_test, sweep
from sim.experiments.execute import execute
from sim.experiments.tasks import Task, simulate_run
from sim.scenario import load_scenario, to_data

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local, \
            distributed.Client(local) as client:
        yield client


def _equal(a, b):
    for name, table in a.tables().items():
        pd.testing.assert_frame_equal(table, b.tables()[name], check_exact=True)


def test_replicate_serial_joblib_dask_identical(cluster):
    scn = queue(horizon="10 h", warmup="1 h")
    serial = replicate(scn, 6, seed=2, backend="serial", progress=False)
    one = replicate(scn, 6, seed=2, backend="joblib", jobs=1, progress=False)
    two = replicate(scn, 6, seed=2, jobs=2, progress=False)
    on_dask = replicate(scn, 6, seed=2, client=cluster, progress=False)
    by_address = replicate(scn, 6, seed=2, backend="dask",
                           client=cluster.scheduler.address, progress=False)
    for other in (one, two, on_dask, by_address):
        _equal(serial, other)


def test_sweep_and_stress_identical_on_dask(cluster):
    params = {"stations.server.machines": [1, 2], "stations.server.buffer": [3, 6]}
    scn = queue(horizon="6 h", warmup="1 h")
    _equal(sweep(scn, params, 2, jobs=1, progress=False),
           sweep(scn, params, 2, client=cluster, progress=False))
    configs = [Config("base", agents="off"), Config("three", {"stations.mill.machines": 3})]
    _equal(stress_test(order_line(), 4, configs=configs, jobs=1, progress=False),
           stress_test(order_line(), 4, configs=configs, jobs=2, progress=False))


def test_workers_receive_plain_data_and_results_arrive_by_index(cluster):
    data = to_data(load_scenario(queue(horizon="4 h", warmup="1 h")))
    tasks = [Task(i, data, 100 + i) for i in range(5)]
    for task in tasks:
        assert isinstance(task.scenario, dict)
    got = dict(execute(simulate_run, tasks, client=cluster))
    assert sorted(got) == list(range(5))
    serial = dict(execute(simulate_run, tasks, backend="serial"))
    in_order = pd.DataFrame({i: got[i] for i in sorted(got)})
    pd.testing.assert_frame_equal(in_order, pd.DataFrame(serial), check_exact=True)
