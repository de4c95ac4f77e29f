"""Same scenario + seed => byte-identical result folders, also from two fresh processes.

Agent runs time their look-ahead simulations; those wall-clock seconds stay in memory (and
are printed) but are never saved, so nothing in a result folder depends on the machine's load.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import sim
from sim.results.outdir import WALL_CLOCK_KEYS

ARGS = ["--seed", "2", "--set", "horizon=2 d"]


def _werkhalle(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sim", *map(str, args)], capture_output=True,
                          text=True, check=False)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_agent_run_folders_from_two_fresh_processes_are_byte_identical(tmp_path):
    folders = []
    for name in ("a", "b"):
        res = _werkhalle("run", "supply_disruption", *ARGS, "--out", tmp_path / name)
        assert res.returncode == 0, res.stderr
        folders.append(tmp_path / name)
    first, second = (_files(f) for f in folders)
    assert "station_states.png" in first and "decisions.csv" in first
    assert first == second  # every file, PNGs included, byte for byte
    meta = json.loads(first["metadata.json"])
    assert meta["twin_runs"] > 0  # the look-ahead did run ...
    assert not WALL_CLOCK_KEYS & set(meta)  # ... but its seconds are not saved


def test_compare_folders_from_two_fresh_processes_are_byte_identical(tmp_path):
    for name in ("a", "b"):
        res = _werkhalle("compare", "supply_disruption", *ARGS, "--no-plots",
                         "--out", tmp_path / name)
        assert res.returncode == 0, res.stderr
        assert "look-ahead simulations" in res.stdout  # timings are printed, not saved
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_timings_stay_in_memory():
    result = sim.run(sim.with_overrides(sim.load_scenario("supply_disruption"),
                                        {"horizon": "2 d"}), seed=2)
    assert result.metadata["twin_seconds"] >= 0.0
