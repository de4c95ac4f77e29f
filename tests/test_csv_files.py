"""Every CSV Werkhalle writes opens with plain ``pd.read_csv(path)``: the intended columns, no
comment line, no unnamed index, and the label and fingerprint on every row. Plus read_result,
the class comparison ("Team #3" keeps its row) and the labelled Excel workbook."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import sim
import sim.cli.formats as formats
from sim.agents.journal import options_frame
from sim.cli import app
from sim.labels import SYNTHETIC_LABEL
from sim.results.io import (
    BOM,
    labelled_frame,
    read_labelled_csv,
    read_labelled_folder,
    write_labelled_csv,
    write_labelled_xlsx,
)
from sim.results.outdir import saved_metadata

ROOT = Path(__file__).resolve().parents[1]
EXPORTS = ROOT / "notebooks" / "lecturer" / "example_exports"
runner = CliRunner()


def _expected_columns(table: pd.DataFrame | pd.Series, index_label: str = "index") -> list[str]:
    frame = table.to_frame() if isinstance(table, pd.Series) else table
    plain = frame.index.name is None and pd.api.types.is_integer_dtype(frame.index)
    index = [] if plain else [frame.index.name or index_label]
    return ["label", "fingerprint", *index, *map(str, frame.columns)]


def _check_plain(path: Path, table: pd.DataFrame | pd.Series, fingerprint: str,
                 index_label: str = "index") -> pd.DataFrame:
    assert path.read_bytes().startswith(BOM.encode("utf-8")), path.name  # Excel: UTF-8
    raw = pd.read_csv(path)  # pandas defaults, nothing else
    assert list(raw.columns) == _expected_columns(table, index_label), path.name
    assert len(raw) == len(table), path.name
    assert (raw["label"] == SYNTHETIC_LABEL).all(), path.name
    assert (raw["fingerprint"] == fingerprint).all(), path.name
    return raw


@pytest.fixture(scope="module")
def result() -> sim.Result:
    scenario = sim.with_overrides(sim.load_scenario("supply_disruption"),
                                  {"name": "csv-test", "horizon": "2 d"})
    return sim.run(scenario, seed=3)


def test_result_csvs_open_with_plain_read_csv(tmp_path, result):
    folder = result.save(tmp_path / "r")
    assert len(result.events) > 0  # the log is on: events.csv has rows to check
    for stem, table in result.tables().items():
        raw = _check_plain(folder / f"{stem}.csv", table, result.fingerprint, "kpi")
        if stem == "kpis":
            assert raw.set_index("kpi")["value"].to_dict() == result.kpis.to_dict()
        if stem == "stations":
            assert raw["station"].tolist() == result.stations.index.tolist()


def test_read_result_gives_back_the_same_tables_and_metadata(tmp_path, result):
    back = sim.read_result(result.save(tmp_path / "r"))
    assert back.fingerprint == result.fingerprint
    assert back.metadata == saved_metadata(result.metadata)  # wall-clock timings: not saved
    pd.testing.assert_series_equal(back.kpis, result.kpis, check_names=False)
    pd.testing.assert_frame_equal(back.stations, result.stations)
    pd.testing.assert_frame_equal(back.timeseries, result.timeseries, check_dtype=False)
    assert back.events.shape == result.events.shape
    assert back.kpis.attrs["label"] == SYNTHETIC_LABEL  # Result re-labels its tables


def test_comparison_csvs_open_with_plain_read_csv(tmp_path):
    scenario = sim.with_overrides(sim.load_scenario("supply_disruption"), {"name": "csv-cmp"})
    comparison = sim.compare(scenario, seed=1)
    folder = comparison.save(tmp_path / "c")
    fp = comparison.fingerprint
    balance = _check_plain(folder / "balance.csv", comparison.table, fp)
    assert balance.columns[2] == "kpi"
    _check_plain(folder / "kpis_compared.csv", comparison.kpis, fp)
    _check_plain(folder / "options.csv", options_frame(comparison.decisions), fp)
    for side in ("baseline", "agents"):
        run = getattr(comparison, side)
        for stem, table in run.tables().items():
            _check_plain(folder / side / f"{stem}.csv", table, run.fingerprint, "kpi")


def test_experiment_csvs_open_with_plain_read_csv(tmp_path):
    rep = sim.replicate(sim.with_overrides(sim.load_scenario("mm1"), {"horizon": "1 d"}), 3,
                        seed=2, jobs=1, progress=False)
    folder = rep.save(tmp_path / "e")
    _check_plain(folder / "runs.csv", rep.runs, rep.fingerprint)
    _check_plain(folder / "summary.csv", rep.summary, rep.fingerprint)
    # the run directory (--out) of a sweep: its tables, design.csv included
    out = tmp_path / "sweep"
    res = runner.invoke(app, ["sweep", "mm1", "-p", "stations.server.machines=1,2", "-n", "1",
                              "--no-plots", "--out", str(out), "--set", "horizon=1 d",
                              "-q", "-j", "1"])
    assert res.exit_code == 0, res.output
    for csv in out.glob("*.csv"):
        raw = pd.read_csv(csv)
        assert list(raw.columns[:2]) == ["label", "fingerprint"], csv.name
        assert not any(c.startswith("Unnamed") for c in raw.columns), csv.name
        assert (raw["label"] == SYNTHETIC_LABEL).all(), csv.name
    design = read_labelled_csv(out / "design.csv")
    assert sorted(design["stations.server.machines"]) == [1, 2]
    assert "mm1#" in design.attrs["fingerprint"]


def test_class_exports_open_with_plain_read_csv():
    files = sorted(EXPORTS.glob("*.csv"))
    assert len(files) == 6
    for path in files:
        raw = pd.read_csv(path)
        assert list(raw.columns[:4]) == ["label", "fingerprint", "team", "notebook"], path.name
        assert raw["label"].str.startswith("SYNTHETIC").all(), path.name
        assert raw["team"].nunique() == 1 and raw["team"].iloc[0] in path.name


def test_team_hash_3_keeps_its_row_in_the_class_comparison(tmp_path):
    for path in EXPORTS.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    template = pd.read_csv(EXPORTS / "team-amsel_01_decision.csv", dtype={"notebook": str})
    label, fp = template["label"].iloc[0], template["fingerprint"].iloc[0]
    team3 = template.drop(columns=["label", "fingerprint"]).assign(team="Team #3")
    team3["entry"] = team3["entry"] + " # our pick"
    # written exactly as notebook 1 writes a team's export
    write_labelled_csv(team3, tmp_path / "Team #3_01_decision.csv", label, fp)
    (tmp_path / "unlabelled.csv").write_text("team,score\nx,1\n", encoding="utf-8")
    data, problems = read_labelled_folder(tmp_path)
    assert problems == ["unlabelled.csv: no SYNTHETIC label column"]
    assert data["file"].nunique() == 7
    rows = data[data["team"] == "Team #3"]
    assert len(rows) == len(template) == 3
    assert rows["entry"].tolist() == team3["entry"].tolist()
    assert rows["score"].tolist() == pytest.approx(team3["score"].tolist())
    assert rows["notebook"].tolist() == ["01"] * 3  # kept as text
    # the old documented way, comment="#", would have cut the rows at the '#'
    cut = pd.read_csv(tmp_path / "Team #3_01_decision.csv", comment="#")
    assert (cut["team"] != "Team #3").all()


def test_read_labelled_csv_moves_the_label_into_attrs(tmp_path, result):
    path = write_labelled_csv(result.stations, tmp_path / "s.csv", SYNTHETIC_LABEL,
                              result.fingerprint)
    back = read_labelled_csv(path, index_col="station")
    pd.testing.assert_frame_equal(back, result.stations)
    assert back.attrs == {"synthetic": True, "label": SYNTHETIC_LABEL,
                          "fingerprint": result.fingerprint}
    plain = tmp_path / "plain.csv"
    plain.write_text("a,b\n1,2\n")
    with pytest.raises(ValueError, match="not a labelled Werkhalle table"):
        read_labelled_csv(plain)
    with pytest.raises(ValueError, match="already has columns"):
        labelled_frame(pd.DataFrame({"label": [1]}), SYNTHETIC_LABEL, "x")


def test_xlsx_workbook_is_labelled_and_reproducible(tmp_path):
    out = tmp_path / "x"
    args = ["run", "mm1", "--seed", "1", "--no-plots", "--set", "horizon=1 d", "--format",
            "xlsx"]
    res = runner.invoke(app, [*args, "--out", str(out)])
    assert res.exit_code == 0, res.output
    again = runner.invoke(app, [*args, "--out", str(tmp_path / "y")])
    assert again.exit_code == 0, again.output
    assert (out / "result.xlsx").read_bytes() == (tmp_path / "y" / "result.xlsx").read_bytes()
    back = sim.read_result(out)
    sheets = pd.read_excel(out / "result.xlsx", sheet_name=None)
    assert list(sheets) == ["README", "kpis", "timeseries", "stations", "events", "decisions"]
    assert sheets["README"]["SYNTHETIC"].tolist()[:2] == [SYNTHETIC_LABEL, back.fingerprint]
    kpis = sheets["kpis"]
    assert list(kpis.columns) == ["label", "fingerprint", "kpi", "value"]
    assert (kpis["fingerprint"] == back.fingerprint).all()
    assert kpis.set_index("kpi")["value"].to_dict() == pytest.approx(back.kpis.to_dict(),
                                                                       nan_ok=True)
    assert "docProps/core.xml" in zipfile.ZipFile(out / "result.xlsx").namelist()


def test_compare_xlsx(tmp_path):
    out = tmp_path / "c"
    res = runner.invoke(app, ["compare", "supply_disruption", "--seed", "1", "--no-plots",
                              "--format", "xlsx", "--out", str(out)])
    assert res.exit_code == 0, res.output
    sheets = pd.read_excel(out / "comparison.xlsx", sheet_name=None)
    assert list(sheets) == ["README", "balance", "kpis_compared", "options"]
    assert sheets["balance"]["label"].eq(SYNTHETIC_LABEL).all()


def test_xlsx_without_openpyxl_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(formats.importlib.util, "find_spec",
                        lambda name, *a: None if name == "openpyxl" else object())
    res = runner.invoke(app, ["run", "mm1", "--no-plots", "--format", "xlsx",
                              "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    assert res.output.strip().splitlines() == [
        'error: --format xlsx needs openpyxl, which is not installed: pip install '
        '"werkhalle[xlsx]" (or pip install openpyxl)']
    assert not (tmp_path / "o").exists()  # refused before running
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r'pip install "werkhalle\[xlsx\]"'):
        write_labelled_xlsx({"t": pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx", "L", "F")
