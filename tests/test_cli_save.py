"""Result.save: labelled files, atomic replacement, nothing half-written on failure.

The ``--out`` rule itself (what may be replaced) is tested in ``test_out_dir.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import sim
import sim.plots.run as plots
import sim.results.io as io_module
import sim.results.result as result_module
from sim.errors import PlotError
from sim.labels import SYNTHETIC_LABEL
from sim.results.outdir import STAGING_PREFIX


@pytest.fixture(scope="module")
def result():
    scenario = sim.with_overrides(sim.load_scenario("baseline"),
                                  {"name": "save-test", "horizon": "1 d"})
    return sim.run(scenario, seed=7)


def _leftovers(parent: Path, name: str) -> list[str]:
    """Staging folders left beside or inside ``parent / name``."""
    folders = [parent, parent / name] if (parent / name).is_dir() else [parent]
    return sorted(p.name for folder in folders for p in folder.iterdir()
                  if p.name.startswith(STAGING_PREFIX))


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
    target = result.save(tmp_path / "p", figures=plots.standard_figures(result))
    assert {p.name for p in target.glob("*.png")} == {
        f"{stem}.png" for stem, _ in plots.STANDARD_PLOTS}


def test_success_replaces_earlier_result_without_leftovers(tmp_path, result):
    target = result.save(tmp_path / "r", figures=plots.standard_figures(result))
    (target / "kpis.csv").write_text("stale")
    result.save(target)
    assert (target / "kpis.csv").read_text() != "stale"
    assert not list(target.glob("*.png"))  # the earlier result's plots: Werkhalle's, removed
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


def test_failure_while_plotting_keeps_tables_and_no_partial_plot(tmp_path, result,
                                                                 monkeypatch):
    target = result.save(tmp_path / "r")
    before = _snapshot(target)
    written = []

    def half(directory, figures, metadata):
        path = Path(directory) / "station_states.png"
        path.write_bytes(b"partial")
        written.append(path)
        raise RuntimeError("plotting failed (simulated)")

    monkeypatch.setattr(io_module, "write_figures", half)
    with pytest.raises(PlotError, match="tables saved.*simulated"):
        result.save(target, figures=plots.standard_figures(result))
    assert written and not written[0].exists()
    assert _snapshot(target) == before  # the same tables, written again; no plot
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
