"""The werkhalle CLI in-process (typer's CliRunner): list, validate, run, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import sim
from sim.cli import app
from sim.labels import SYNTHETIC_LABEL
from sim.scenario import load_scenario, scenario_hash, with_overrides
from sim.scenario.loader import SCENARIO_DIR

BASELINE = SCENARIO_DIR / "baseline.toml"


@pytest.fixture
def short(tmp_path: Path) -> Path:
    """A one-day variant of the baseline (fast to run)."""
    path = tmp_path / "short.toml"
    path.write_text(f'extends = "{BASELINE.as_posix()}"\nname = "short"\nhorizon = "1 d"\n')
    return path


def invoke(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_help_mentions_synthetic_and_commands():
    res = invoke("--help")
    assert res.exit_code == 0
    for word in ("SYNTHETIC", "list", "validate", "run"):
        assert word in res.stdout


def test_version():
    res = invoke("--version")
    assert res.exit_code == 0
    assert sim.__version__ in res.stdout


def test_list_shows_shipped_baseline_with_its_description():
    res = invoke("list")
    assert res.exit_code == 0, res.output
    line = next(x for x in res.stdout.splitlines() if x.startswith("baseline "))
    first_words = " ".join(load_scenario("baseline").description.split()[:4])
    assert first_words in line


def test_list_marks_invalid_files_and_keeps_going(tmp_path: Path, short: Path):
    (tmp_path / "broken.toml").write_text('name = "b"\nhorizon = 5\n')
    res = invoke("list", "--dir", tmp_path)
    assert res.exit_code == 0, res.output
    rows = {line.split()[0]: line for line in res.stdout.splitlines()[2:]}
    assert set(rows) == {"broken", "short"}
    assert "invalid:" in rows["broken"] and "horizon" in rows["broken"]
    assert "invalid" not in rows["short"]


def test_validate_ok_prints_name_and_hash():
    res = invoke("validate", "baseline")
    assert res.exit_code == 0, res.output
    expected = f"ok: baseline (hash {scenario_hash(load_scenario('baseline'))})"
    assert res.stdout.splitlines()[0] == expected


def test_validate_several_files_exit_2_if_one_is_bad(tmp_path: Path, short: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text(short.read_text() + "[stations.cnc]\nmachines = -1\n")
    res = invoke("validate", short, bad)
    assert res.exit_code == 2
    assert "ok: short" in res.stdout
    assert "bad.toml" in res.stderr and "stations.cnc.machines" in res.stderr
    assert "greater than or equal to 1" in res.stderr
    assert "Traceback" not in res.output


def test_misspelt_shipped_name_suggests_the_right_one():
    res = invoke("run", "basline", "--no-plots")
    assert res.exit_code == 2
    assert res.stderr.startswith("error: basline:")
    assert "did you mean 'baseline'?" in res.stderr


def test_run_prints_labelled_tables_and_saves_the_same_numbers(tmp_path: Path, short: Path):
    out = tmp_path / "res"
    res = invoke("run", short, "--seed", "3", "--out", out)
    assert res.exit_code == 0, res.output
    api = sim.run(short, seed=3)
    assert res.stdout.startswith(api.banner)
    assert f"Stations (state shares of observed time) — {SYNTHETIC_LABEL}" in res.stdout
    printed = next(x for x in res.stdout.splitlines() if x.startswith("output [units]"))
    assert int(printed.split()[-1].replace(",", "")) == api.kpis["output [units]"]
    names = {p.name for p in out.iterdir()}
    assert {"kpis.csv", "stations.csv", "timeseries.csv", "events.csv", "metadata.json",
            "station_states.png", "wip_stock.png", "kpis.png"} <= names
    assert f"wrote {out}/" in res.stdout
    saved = pd.read_csv(out / "kpis.csv", index_col="kpi")["value"]
    pd.testing.assert_series_equal(saved, api.kpis, check_names=False)
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["seed"] == 3 and meta["scenario_hash"] == scenario_hash(load_scenario(short))


def test_run_default_out_folder_and_no_plots(tmp_path: Path, short: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = invoke("run", short, "--seed", "4", "--no-plots")
    assert res.exit_code == 0, res.output
    folder = tmp_path / "out" / "short-seed4"
    assert (folder / "kpis.csv").is_file()
    assert not list(folder.glob("*.png"))


def test_run_set_overrides_change_the_scenario(tmp_path: Path, short: Path):
    out = tmp_path / "o"
    res = invoke("run", short, "--no-plots", "--out", out,
                 "--set", "stations.cnc.machines=3", "--set", "horizon=12 h")
    assert res.exit_code == 0, res.output
    meta = json.loads((out / "metadata.json").read_text())
    expected = with_overrides(load_scenario(short),
                              {"stations.cnc.machines": 3, "horizon": "12 h"})
    assert meta["scenario_hash"] == scenario_hash(expected)
    assert meta["horizon_h"] == 12.0
    stations = pd.read_csv(out / "stations.csv", index_col="station")
    assert stations.loc["cnc", "machines"] == 3


@pytest.mark.parametrize(("setting", "needle"), [
    ("stations.cnc.machines=two", "stations.cnc.machines"),
    ("nokey", "key=value"),
    ("stations.nowhere.machines=2", "stations.nowhere.machines"),
])
def test_run_bad_set_exits_2(short: Path, setting: str, needle: str):
    res = invoke("run", short, "--no-plots", "--set", setting)
    assert res.exit_code == 2
    assert res.stderr.startswith("error: --set")
    assert needle in res.stderr
    assert "Traceback" not in res.output


def test_run_bad_scenario_exits_2_naming_file_and_field(tmp_path: Path, short: Path):
    bad = tmp_path / "typo.toml"
    bad.write_text(short.read_text() + "[stations.cut]\nbufer = 3\n")
    res = invoke("run", bad)
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr.startswith(f"error: {bad}: stations.cut.bufer: unknown key")
    assert "did you mean 'buffer'?" in res.stderr


def test_unwritable_output_exits_1_without_traceback(tmp_path: Path, short: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    res = invoke("run", short, "--no-plots", "--out", blocker / "sub" / "res")
    assert res.exit_code == 1
    assert res.stderr.startswith("error: ")
    assert "Traceback" not in res.output


def test_handle_errors_works_as_context_manager_and_decorator():
    from sim.cli.app import handle_errors
    from sim.errors import ScenarioError

    @handle_errors
    def bare():
        raise ScenarioError("f.toml", "horizon", "a duration")

    @handle_errors()
    def called():
        return 7

    import typer

    with pytest.raises(typer.Exit) as exc:
        bare()
    assert exc.value.exit_code == 2
    assert called() == 7
    with pytest.raises(typer.Exit) as exc, handle_errors():
        raise ScenarioError(None, "x", "y")
    assert exc.value.exit_code == 2
    with pytest.raises(KeyError), handle_errors():  # programming errors are not hidden
        raise KeyError("bug")
