"""The CLI as users start it: ``python -m sim`` in a real subprocess (exit codes, streams)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sim.scenario.loader import SCENARIO_DIR


def werkhalle(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sim", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)


def test_validate_shipped_scenario_exits_0(tmp_path):
    res = werkhalle("validate", "baseline", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("ok: baseline (hash ")
    assert res.stderr == ""


def test_bad_input_exits_2_with_one_message_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(f'extends = "{(SCENARIO_DIR / "baseline.toml").as_posix()}"\n'
                   '[stations.cnc]\nmachines = "two"\n')
    res = werkhalle("run", "bad.toml", "--no-plots", cwd=tmp_path)
    assert res.returncode == 2
    assert "Traceback" not in res.stdout + res.stderr
    assert res.stdout == ""
    assert res.stderr.startswith("error: bad.toml: stations.cnc.machines: ")
    assert "valid integer" in res.stderr
    missing = werkhalle("run", "nothere.toml", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.startswith("error: nothere.toml")
    assert "Traceback" not in missing.stdout + missing.stderr


def test_run_writes_labelled_results(tmp_path):
    short = tmp_path / "short.toml"
    short.write_text(f'extends = "{(SCENARIO_DIR / "baseline.toml").as_posix()}"\n'
                     'name = "short"\nhorizon = "1 d"\n')
    res = werkhalle("run", short, "--seed", "5", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("SYNTHETIC: ")
    out = tmp_path / "out" / "short-seed5"
    assert {p.name for p in out.glob("*.png")} == {"station_states.png", "wip_stock.png",
                                                   "kpis.png"}
    assert json.loads((out / "metadata.json").read_text())["synthetic"] is True
