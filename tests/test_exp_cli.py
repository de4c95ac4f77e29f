"""werkhalle replicate | sweep | stress."""

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from sim.cli import app
from sim.cli.experiments import parse_param
from sim.errors import ScenarioError
from sim.experiments import Range
from sim.labels import SYNTHETIC_LABEL

runner = CliRunner()
SHORT = ["--set", "horizon=1 d", "-q", "-j", "1"]


def test_replicate_prints_labelled_summary_and_writes_run_directory(tmp_path):
    out = tmp_path / "reps"
    result = runner.invoke(app, ["replicate", "baseline", "-n", "3", "--seed", "2",
                                 "--out", str(out), *SHORT])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(SYNTHETIC_LABEL)
    assert "throughput [units/h]" in result.output and "ci_low" in result.output
    names = {p.name for p in out.iterdir()}
    assert {"manifest.json", "runs.csv", "summary.csv", "kpis.png", "tasks"} <= names
    runs = pd.read_csv(out / "runs.csv")
    assert (runs["label"] == SYNTHETIC_LABEL).all()
    assert len(runs) == 3
    assert json.loads((out / "manifest.json").read_text())["kind"] == "replicate"


def test_sweep_grid_and_lhs(tmp_path):
    result = runner.invoke(app, ["sweep", "baseline", "-p", "stations.cnc.machines=1,2",
                                 "-p", "stations.cut.buffer=5,20", "-n", "1", "--no-plots",
                                 *SHORT])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(SYNTHETIC_LABEL)
    assert result.output.count("\n") >= 6  # header + 4 points
    out = tmp_path / "lhs"
    result = runner.invoke(app, ["sweep", "baseline", "-p", "stations.cnc.machines=1..3",
                                 "-p", "stations.cnc.process_time.mean=7 min..10 min",
                                 "--lhs", "3", "-n", "1", "--out", str(out), *SHORT])
    assert result.exit_code == 0, result.output
    design = pd.read_csv(out / "design.csv")
    assert sorted(design["stations.cnc.machines"]) == [1, 2, 3]
    assert (out / "sweep.png").exists()


def test_stress_reports_shares(tmp_path):
    result = runner.invoke(app, ["stress", "stress_week", "-n", "4", "--baseline-only",
                                 "--no-plots", *SHORT])
    assert result.exit_code == 0, result.output
    assert "compensated = against the same seed's undisturbed week" in result.output
    assert "baseline (undisturbed)" not in result.output  # (calibrate is off in the CLI)
    assert "claim" in result.output and SYNTHETIC_LABEL in result.output
    absolute = runner.invoke(app, ["stress", "stress_week", "-n", "2", "--baseline-only",
                                   "--no-plots", "--on-time-min", "95", *SHORT])
    assert "compensated = on-time delivery >= 95 %" in absolute.output


@pytest.mark.parametrize("args", [
    ["sweep", "baseline", "-p", "stations.cnc.machines"],
    ["sweep", "baseline", "-p", "stations.cnc.machines=1..3"],
    ["sweep", "baseline", "-p", "stations.cnc.machines=0,1"],
    ["sweep", "baseline", "-p", "stations.nope=1,2"],
    ["replicate", "baseline", "--agents", "sometimes"],
    ["replicate", "baseline", "--resume"],
    ["replicate", "baseline", "-j", "0"],
    ["replicate", "nosuchscenario"],
    ["stress", "baseline", "-n", "2"],
    ["stress", "stress_week", "--on-time-min", "150"],
])
def test_bad_input_exits_2_without_traceback(args):
    result = runner.invoke(app, [*args, "-q"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_parse_param():
    assert parse_param("stations.cnc.machines=1,2,3") == ("stations.cnc.machines", [1, 2, 3])
    assert parse_param("horizon=1 d,2 d") == ("horizon", ["1 d", "2 d"])
    assert parse_param("a.b=1..4") == ("a.b", Range(1, 4, "", True))
    assert parse_param("a.b=0.5..0.9") == ("a.b", Range(0.5, 0.9, "", False))
    assert parse_param("a.b=7 min..10 min") == ("a.b", Range(7, 10, "min", False))
    for bad in ("=1,2", "a.b=", "a.b=1 min..2 h", "a.b=x..y", "a.b=3..1"):
        with pytest.raises(ScenarioError):
            parse_param(bad)
