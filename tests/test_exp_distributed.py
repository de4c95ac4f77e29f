"""Beyond one machine: Dask workers with other versions are refused, and a sweep split into
shards (``--shard i/n``) and merged gives the unsharded tables byte for byte."""

from __future__ import annotations

import importlib

import pytest
from exp_support import queue
from typer.testing import CliRunner

import sim
from sim._version import __version__
from sim.cli import app
from sim.errors import ScenarioError
from sim.experiments import replicate
from sim.experiments.merge import merge_shards
from sim.experiments.shards import parse_shard, select
from sim.experiments.tasks import Task
from sim.experiments.versions import MISMATCH, checked_call, environment_versions

runner = CliRunner()
SWEEP = ["sweep", "mm1", "-p", "stations.server.machines=1,2", "-p",
         "stations.server.buffer=2,10", "-n", "3", "--seed", "5", "--set", "horizon=1 d",
         "-q", "-j", "1", "--no-plots"]
TABLES = ("runs.csv", "summary.csv", "design.csv", "tidy.csv")


def _pretend(version):
    """Make one worker process report another Werkhalle version."""
    importlib.import_module("sim.experiments.versions").__version__ = version


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local, \
            distributed.Client(local) as client:
        yield client


def test_matching_workers_are_accepted(cluster):
    reported = cluster.run(environment_versions)
    assert len(reported) == 2 and all(v == environment_versions() for v in reported.values())
    scn = queue(horizon="6 h", warmup="1 h")
    serial = replicate(scn, 4, seed=1, jobs=1, progress=False)
    on_dask = replicate(scn, 4, seed=1, client=cluster, progress=False)
    assert on_dask.runs.equals(serial.runs)


def test_a_worker_with_another_version_is_refused(cluster):
    worker = sorted(cluster.scheduler_info()["workers"])[0]
    cluster.run(_pretend, "0.0.9", workers=[worker])
    try:
        with pytest.raises(ScenarioError) as info:
            replicate(queue(horizon="6 h", warmup="1 h"), 4, seed=1, client=cluster, progress=False)
        message = str(info.value)
        assert message.startswith("dask: workers: workers with the same versions as this "
                                  f"machine; refused {worker}: werkhalle 0.0.9 (here "
                                  f"{__version__}) — another version computes other numbers.")
        assert f"(here: werkhalle {__version__}, python " in message
        res = runner.invoke(app, ["replicate", "mm1", "-n", "2", "-q", "--set", "horizon=1 d",
                                  "--dask", cluster.scheduler.address])
        assert res.exit_code == 2
        lines = res.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: dask: workers: ")
        assert "werkhalle 0.0.9" in lines[0] and "Traceback" not in res.output
    finally:
        cluster.run(_pretend, __version__, workers=[worker])
    again = replicate(queue(horizon="6 h", warmup="1 h"), 2, client=cluster, progress=False)
    assert len(again.runs) == 2


def test_every_task_checks_its_worker_again():
    """A worker that joins after the first check returns a refusal instead of a row."""
    task = Task(3, {}, 1)
    ok = environment_versions()
    assert checked_call(lambda t: {"x": t.seed}, task, ok) == (3, {"x": 1})
    other = dict(ok, numpy="0.1")
    marker, where, found = checked_call(lambda t: {"x": 1}, task, other)
    assert marker == MISMATCH and found == ok and where


def _sweep(args, out):
    res = runner.invoke(app, [*args, "--out", str(out)])
    assert res.exit_code == 0, res.output
    return res


def test_sharded_and_merged_equals_unsharded_byte_for_byte(tmp_path):
    _sweep(SWEEP, tmp_path / "whole")
    for i in (1, 2, 3):
        _sweep([*SWEEP, "--shard", f"{i}/3"], tmp_path / f"team{i}")
    parts = [len(sim.results.read_labelled_csv(tmp_path / f"team{i}" / "runs.csv"))
             for i in (1, 2, 3)]
    assert parts == [4, 4, 4]  # 4 points x 3 replications, round robin
    res = runner.invoke(app, ["merge", *(str(tmp_path / f"team{i}") for i in (2, 3, 1)),
                              "--out", str(tmp_path / "merged"), "--no-plots", "-q"])
    assert res.exit_code == 0, res.output
    for name in TABLES:
        whole = (tmp_path / "whole" / name).read_bytes()
        assert (tmp_path / "merged" / name).read_bytes() == whole, name
    assert len(list((tmp_path / "merged" / "tasks").glob("task-*.json"))) == 12


def test_merge_refuses_missing_duplicate_and_foreign_shards(tmp_path):
    scn = queue(horizon="6 h", warmup="1 h")
    params = {"stations.server.machines": [1, 2]}
    for i in (1, 2):
        sim.sweep(scn, params, 2, seed=1, jobs=1, progress=False, out=tmp_path / f"s{i}",
                  shard=(i, 2))
    sim.sweep(scn, params, 2, seed=9, jobs=1, progress=False, out=tmp_path / "other",
              shard=(2, 2))
    with pytest.raises(ScenarioError, match=r"all 2 shards \(missing: 2/2\)"):
        merge_shards([tmp_path / "s1"], tmp_path / "m1")
    with pytest.raises(ScenarioError, match="each shard once"):
        merge_shards([tmp_path / "s1", tmp_path / "s1"], tmp_path / "m2")
    with pytest.raises(ScenarioError, match="a shard of the same sweep"):
        merge_shards([tmp_path / "s1", tmp_path / "other"], tmp_path / "m3")
    with pytest.raises(ScenarioError, match="a shard's run directory"):
        merge_shards([tmp_path], tmp_path / "m4")
    merged = merge_shards([tmp_path / "s2", tmp_path / "s1"], tmp_path / "m5")
    whole = sim.sweep(scn, params, 2, seed=1, jobs=1, progress=False)
    assert merged.runs.equals(whole.runs) and merged.summary.equals(whole.summary)


def test_shard_arguments():
    assert parse_shard("3/30") == (3, 30) and parse_shard(None) is None
    for bad in ("0/3", "4/3", "3", "a/b"):
        with pytest.raises(ScenarioError, match="--shard"):
            parse_shard(bad)
    tasks = [Task(i, {}, i) for i in range(7)]
    shards = [select(tasks, (i, 3)) for i in (1, 2, 3)]
    assert sorted(t.index for s in shards for t in s) == list(range(7))
    assert [t.index for t in shards[1]] == [1, 4]
    res = runner.invoke(app, [*SWEEP, "--shard", "1/2"])
    assert res.exit_code == 2 and "--out DIR" in res.output
