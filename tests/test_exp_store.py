"""Run directories: streamed, atomic, labelled results; resume after a real kill."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from exp_support import queue

from sim.errors import ScenarioError
from sim.experiments import replicate, replication_seeds, sweep
from sim.labels import SYNTHETIC_LABEL

FAST = {"jobs": 1, "progress": False}
ROOT = Path(__file__).resolve().parents[1]
SWEEP_ARGS = ["sweep", "baseline", "-p", "stations.cnc.machines=1,2,3",
              "-p", "stations.cut.buffer=5,10,20,40", "-n", "3", "--seed", "5", "-q",
              "--no-plots"]
SWEEP_PARAMS = {"stations.cnc.machines": [1, 2, 3], "stations.cut.buffer": [5, 10, 20, 40]}
TOTAL = 36
TABLES = ("runs.csv", "summary.csv", "tidy.csv", "design.csv")


def test_run_directory_contents(tmp_path):
    out = tmp_path / "rep"
    result = replicate(queue(horizon="6 h", warmup="1 h"), 4, seed=3, out=out, **FAST)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["synthetic"] is True and manifest["label"] == SYNTHETIC_LABEL
    assert manifest["kind"] == "replicate" and manifest["status"] == "complete"
    assert manifest["scenario_hash"] == result.metadata["scenario_hash"]
    assert manifest["seeds"] == replication_seeds(3, 4)
    assert manifest["version"] and manifest["plan"] and manifest["computed_total"] == 4
    files = sorted(p.name for p in (out / "tasks").iterdir())
    assert files == [f"task-{i:06d}.json" for i in range(4)]
    record = json.loads((out / "tasks" / files[2]).read_text())
    assert record["label"] == SYNTHETIC_LABEL and record["seed"] == replication_seeds(3, 4)[2]
    assert record["result"]["output [units]"] == result.runs.loc[2, "output [units]"]
    back = pd.read_csv(out / "runs.csv")
    assert list(back.columns) == ["label", "fingerprint", *result.runs.columns]
    assert (back["label"] == SYNTHETIC_LABEL).all()
    assert (back["fingerprint"] == result.fingerprint).all()
    assert back["WIP mean [units]"].tolist() == result.runs["WIP mean [units]"].tolist()
    assert not list(out.rglob("*.tmp"))


def test_resume_computes_only_missing_tasks(tmp_path):
    out = tmp_path / "rep"
    scn = queue(horizon="6 h", warmup="1 h")
    first = replicate(scn, 6, out=out, **FAST)
    for i in (1, 4):
        (out / "tasks" / f"task-{i:06d}.json").unlink()
    tampered = out / "tasks" / "task-000002.json"  # a file of another experiment: recomputed
    record = json.loads(tampered.read_text())
    record["key"] = "0" * 16
    tampered.write_text(json.dumps(record))
    (out / "tasks" / ".task-000003.json.abc.tmp").write_text("{half")
    kept = {i: (out / "tasks" / f"task-{i:06d}.json").stat().st_mtime_ns for i in (0, 3, 5)}
    time.sleep(0.01)
    again = replicate(scn, 6, out=out, resume=True, **FAST)
    pd.testing.assert_frame_equal(first.runs, again.runs, check_exact=True)
    session = json.loads((out / "manifest.json").read_text())["sessions"][-1]
    assert session["reused"] == 3 and session["computed"] == 3
    for i, mtime in kept.items():
        assert (out / "tasks" / f"task-{i:06d}.json").stat().st_mtime_ns == mtime
    assert not list(out.rglob("*.tmp"))


def test_existing_directory_needs_resume_and_the_same_plan(tmp_path):
    out = tmp_path / "rep"
    scn = queue(horizon="4 h", warmup="1 h")
    replicate(scn, 2, out=out, **FAST)
    with pytest.raises(ScenarioError, match="--resume"):
        replicate(scn, 2, out=out, **FAST)
    with pytest.raises(ScenarioError, match="same experiment"):
        replicate(scn, 3, out=out, resume=True, **FAST)
    with pytest.raises(ScenarioError, match="same experiment"):
        replicate(scn, 2, seed=1, out=out, resume=True, **FAST)


def _start(out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sim", *SWEEP_ARGS, "--out", str(out), *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_some(out: Path, proc: subprocess.Popen, at_least: int = 3) -> None:
    deadline = time.monotonic() + 300  # a ceiling for a busy machine, not an expectation
    while time.monotonic() < deadline:
        if len(list((out / "tasks").glob("task-*.json"))) >= at_least:
            return
        if proc.poll() is not None:
            pytest.fail(f"sweep ended before it could be killed: {proc.stderr.read()}")
        time.sleep(0.02)
    proc.kill()
    pytest.fail("sweep produced no results")


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("reference") / "sweep"
    sweep("baseline", SWEEP_PARAMS, 3, seed=5, out=out, **FAST)
    return out


@pytest.mark.parametrize(("sig", "jobs"), [(signal.SIGKILL, "1"), (signal.SIGINT, "2")])
def test_killed_sweep_resumes_to_the_same_table(tmp_path, reference, sig, jobs):
    out = tmp_path / "sweep"
    proc = _start(out, "--jobs", jobs)
    _wait_for_some(out, proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=300)
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130
        assert "--resume" in err and "Traceback" not in err
    done = {p.name: p.stat().st_mtime_ns for p in (out / "tasks").glob("task-*.json")}
    assert 3 <= len(done) < TOTAL, "the kill came too late to test resuming"
    assert not (out / "runs.csv").exists()
    time.sleep(0.01)
    resumed = subprocess.run([sys.executable, "-m", "sim", *SWEEP_ARGS, "--out", str(out),
                              "--jobs", jobs, "--resume"], cwd=ROOT, capture_output=True,
                             text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    for name in TABLES:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    for name, mtime in done.items():  # finished runs were read back, not recomputed
        assert (out / "tasks" / name).stat().st_mtime_ns == mtime
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "complete"
    last = manifest["sessions"][-1]
    assert last["reused"] == len(done) and last["computed"] == TOTAL - len(done)
    assert not list(out.rglob("*.tmp"))
