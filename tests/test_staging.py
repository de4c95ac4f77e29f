"""Staging folders of an interrupted save: Werkhalle removes its own (by their marker, once the
writing process has ended) at the next save to the same place, and nothing else."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import sim
from sim.results.outdir import (
    STAGING_MARKER,
    STAGING_PREFIX,
    clean_stale_staging,
    staging_dir,
)

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX process check")

KILLED_SAVE = """
import os, sys
from pathlib import Path
from sim.results.outdir import staging_dir
tmp = staging_dir(Path(sys.argv[1]))
(tmp / "kpis.csv").write_text("half a file")
print(tmp.parent.name, flush=True)
os._exit(9)  # killed mid-save: no clean-up runs
"""


@pytest.fixture(scope="module")
def result():
    scenario = sim.with_overrides(sim.load_scenario("baseline"), {"horizon": "1 d"})
    return sim.run(scenario, seed=3)


def _killed_save(target: Path) -> str:
    done = subprocess.run([sys.executable, "-c", KILLED_SAVE, str(target)], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 9, done.stderr
    return done.stdout.strip()


def _staging(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(STAGING_PREFIX))


def test_a_killed_save_is_cleaned_by_the_next_save(tmp_path, result):
    left = _killed_save(tmp_path / "r")
    assert _staging(tmp_path) == [left]  # the interrupted save left its shell behind
    owner = json.loads((tmp_path / left / STAGING_MARKER).read_text())
    assert owner["host"] == socket.gethostname() and owner["werkhalle_staging"] is True
    target = result.save(tmp_path / "r")
    assert _staging(tmp_path) == []
    assert STAGING_MARKER not in {p.name for p in target.iterdir()}
    clean = result.save(tmp_path / "clean")
    for name in ("kpis.csv", "metadata.json"):  # the same bytes as a save that was never disturbed
        assert (target / name).read_bytes() == (clean / name).read_bytes()


def test_inside_an_existing_result_too(tmp_path, result):
    target = result.save(tmp_path / "r")
    left = _killed_save(target)  # re-saving into an earlier result stages inside it
    assert _staging(target) == [left]
    result.save(target)
    assert _staging(target) == []


def test_foreign_running_and_unmarked_folders_stay(tmp_path):
    foreign = tmp_path / f"{STAGING_PREFIX}notes"  # someone else's, same prefix, no marker
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("mine")
    forged = tmp_path / f"{STAGING_PREFIX}forged"  # a marker file that is not ours
    forged.mkdir()
    (forged / STAGING_MARKER).write_text("not json")
    running = staging_dir(tmp_path / "r").parent  # this process is still writing it
    other_host = tmp_path / f"{STAGING_PREFIX}elsewhere"  # a shared folder, another machine
    other_host.mkdir()
    (other_host / STAGING_MARKER).write_text(json.dumps(
        {"werkhalle_staging": True, "host": socket.gethostname() + "-other", "pid": 1 << 22}))
    link = tmp_path / f"{STAGING_PREFIX}link"
    link.symlink_to(foreign, target_is_directory=True)
    assert clean_stale_staging(tmp_path) == []
    assert (foreign / "thesis.txt").read_text() == "mine"
    assert forged.is_dir() and running.is_dir() and other_host.is_dir() and link.is_symlink()


def test_a_failed_save_leaves_no_shell(tmp_path, result, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("sim.results.result.write_labelled_csv", broken)
    with pytest.raises(OSError, match="disk full"):
        result.save(tmp_path / "r")
    assert _staging(tmp_path) == [] and not (tmp_path / "r").exists()
