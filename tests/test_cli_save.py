"""Result.save: labelled files, atomic replacement, nothing half-written on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import sim
import sim.results.plots as plots
import sim.results.result as result_module
from sim.labels import SYNTHETIC_LABEL


@pytest.fixture(scope="module")
def result():
    scenario = sim.with_overrides(sim.load_scenario("baseline"),
                                  {"name": "save-test", "horizon": "1 d"})
    return sim.run(scenario, seed=7)


def _leftovers(parent: Path, name: str) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}."))


def test_files_present_and_labelled(tmp_path, result):
    target = result.save(tmp_path / "r")
    names = {p.name for p in target.iterdir()}
    assert names == {"kpis.csv", "timeseries.csv", "stations.csv", "events.csv",
                     "decisions.csv", "metadata.json"}
    for csv in target.glob("*.csv"):
        raw = pd.read_csv(csv)  # plain pandas defaults: the intended columns
        assert list(raw.columns[:2]) == ["label", "fingerprint"], csv.name
        assert not any(str(c).startswith("Unnamed") for c in raw.columns), csv.name
        assert (raw["label"] == SYNTHETIC_LABEL).all() and (
            raw["fingerprint"] == result.fingerprint).all(), csv.name
        table = result.tables()[csv.stem]
        assert len(raw) == len(table), csv.name
    meta = json.loads((target / "metadata.json").read_text())
    assert meta["synthetic"] is True
    assert meta["label"] == SYNTHETIC_LABEL
    assert meta["seed"] == 7 and meta["scenario"] == "save-test"
    assert set(meta["files"]) == names - {"metadata.json"}
    back = pd.read_csv(target / "kpis.csv", index_col="kpi")["value"]
    pd.testing.assert_series_equal(back, result.kpis, check_names=False)
    ts = pd.read_csv(target / "timeseries.csv")
    assert list(ts.columns) == ["label", "fingerprint", *result.timeseries.columns]
    assert len(ts) == len(result.timeseries)


def test_save_with_plots_writes_pngs(tmp_path, result):
    target = result.save(tmp_path / "p", plots=True)
    assert {p.name for p in target.glob("*.png")} == {
        f"{stem}.png" for stem, _ in plots.STANDARD_PLOTS}


def test_success_replaces_old_folder_without_leftovers(tmp_path, result):
    target = tmp_path / "r"
    target.mkdir()
    (target / "old.txt").write_text("old")
    result.save(target)
    assert not (target / "old.txt").exists()
    assert (target / "kpis.csv").is_file()
    assert _leftovers(tmp_path, "r") == []


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_failure_while_writing_tables_keeps_old_folder(tmp_path, result, monkeypatch):
    target = result.save(tmp_path / "r")
    before = _snapshot(target)
    calls = []
    real = result_module.write_labelled_csv

    def flaky(table, path, *args, **kwargs):
        calls.append(path.name)
        if len(calls) == 3:
            raise OSError("disk full (simulated)")
        real(table, path, *args, **kwargs)

    monkeypatch.setattr(result_module, "write_labelled_csv", flaky)
    with pytest.raises(OSError, match="simulated"):
        result.save(target)
    assert len(calls) == 3
    assert _snapshot(target) == before
    assert _leftovers(tmp_path, "r") == []


def test_failure_while_plotting_keeps_old_folder(tmp_path, result, monkeypatch):
    target = tmp_path / "r"
    target.mkdir()
    (target / "keep.txt").write_text("precious")
    written = []

    def half(res, directory):
        path = Path(directory) / "station_states.png"
        path.write_bytes(b"partial")
        written.append(path)
        raise RuntimeError("plotting failed (simulated)")

    monkeypatch.setattr(plots, "save_standard_plots", half)
    with pytest.raises(RuntimeError, match="simulated"):
        result.save(target, plots=True)
    assert written and not written[0].exists()
    assert _snapshot(target) == {"keep.txt": b"precious"}
    assert _leftovers(tmp_path, "r") == []


def test_failure_on_new_target_leaves_nothing(tmp_path, result, monkeypatch):
    def boom(*args, **kwargs):
        raise OSError("no space (simulated)")

    monkeypatch.setattr(result_module, "write_labelled_csv", boom)
    with pytest.raises(OSError):
        result.save(tmp_path / "new")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(__import__("os"), "getuid"), reason="POSIX permissions")
def test_saved_folder_has_normal_permissions(tmp_path, result):
    plain = tmp_path / "plain"
    plain.mkdir()
    target = result.save(tmp_path / "r")
    assert (target.stat().st_mode & 0o777) == (plain.stat().st_mode & 0o777)
