"""The ``--out`` rule: write only into a new/empty folder or over an earlier result of the same
kind; refuse everything else with exit 2; never delete what Werkhalle did not write."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from typer.testing import CliRunner

import sim
from sim.cli import app
from sim.errors import PlotError, ScenarioError
from sim.experiments.compare import compare
from sim.plots import plot_station_gantt, standard_figures
from sim.results import outdir
from sim.scenario import to_data
from sim.scenario.loader import SCENARIO_DIR

BASELINE = SCENARIO_DIR / "baseline.toml"
SHORT = ["--set", "horizon=1 d"]
RUN_TABLES = {"kpis.csv", "timeseries.csv", "stations.csv", "events.csv", "decisions.csv",
              "metadata.json"}


@pytest.fixture(scope="module")
def result():
    scenario = sim.with_overrides(sim.load_scenario("baseline"),
                                  {"name": "out-test", "horizon": "1 d"})
    return sim.run(scenario, seed=3)


def invoke(*args: str | Path, cwd: Path | None = None):
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(app, [str(a) for a in args])
    finally:
        os.chdir(old)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _foreign_folder(tmp_path: Path) -> Path:
    demo = tmp_path / "demo"
    demo.mkdir()
    (demo / "line.toml").write_bytes(BASELINE.read_bytes())
    (demo / "notes.txt").write_text("notes\n")
    return demo


# -- the matrix through the CLI ------------------------------------------------------------------
def test_run_into_empty_folder_writes_the_result(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    res = invoke("run", "baseline", *SHORT, "--no-plots", "--out", empty)
    assert res.exit_code == 0, res.output
    assert {p.name for p in empty.iterdir()} == RUN_TABLES


def test_run_over_previous_result_replaces_it_and_drops_its_stale_plots(tmp_path):
    out = tmp_path / "r"
    assert invoke("run", "baseline", *SHORT, "--seed", "1", "--out", out).exit_code == 0
    assert {p.name for p in out.glob("*.png")} == {"station_states.png", "wip_stock.png",
                                                   "kpis.png"}
    res = invoke("run", "baseline", *SHORT, "--seed", "2", "--no-plots", "--out", out)
    assert res.exit_code == 0, res.output
    assert {p.name for p in out.iterdir()} == RUN_TABLES  # old PNGs were Werkhalle's: gone
    assert json.loads((out / "metadata.json").read_text())["seed"] == 2
    assert [p.name for p in tmp_path.iterdir()] == ["r"]  # no staging folder left behind


def test_run_into_folder_with_foreign_files_is_refused_and_nothing_is_touched(tmp_path):
    demo = _foreign_folder(tmp_path)
    before = _tree(demo)
    res = invoke("run", demo / "line.toml", *SHORT, "--no-plots", "--out", demo)
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    (line,) = [x for x in res.output.splitlines() if x.startswith("error:")]
    assert "line.toml" in line and "notes.txt" in line and "did not write" in line
    assert _tree(demo) == before


def test_run_out_regular_file_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    res = invoke("run", "baseline", *SHORT, "--no-plots", "--out", notes)
    assert res.exit_code == 2
    assert "it is a file, not a folder" in res.output
    assert notes.read_text() == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_run_out_dot_with_foreign_content_is_refused(tmp_path):
    demo = _foreign_folder(tmp_path)
    before = _tree(demo)
    res = invoke("run", "line.toml", *SHORT, "--no-plots", "--out", ".", cwd=demo)
    assert res.exit_code == 2
    assert "Traceback" not in res.output and res.output.startswith("error: .: --out:")
    assert _tree(demo) == before


def test_run_out_dot_when_empty_writes_into_the_current_folder(tmp_path):
    here = tmp_path / "here"
    here.mkdir()
    res = invoke("run", "baseline", *SHORT, "--no-plots", "--out", ".", cwd=here)
    assert res.exit_code == 0, res.output
    assert {p.name for p in here.iterdir()} == RUN_TABLES
    assert [p.name for p in tmp_path.iterdir()] == ["here"]


def test_run_into_experiment_run_directory_is_refused(tmp_path):
    exp = tmp_path / "exp"
    res = invoke("replicate", "baseline", "-n", "2", "-j", "1", "-q", "--no-plots", *SHORT,
                 "--out", exp)
    assert res.exit_code == 0, res.output
    before = _tree(exp)
    assert any(name.startswith("tasks/task-") for name in before)
    res = invoke("run", "baseline", *SHORT, "--no-plots", "--out", exp)
    assert res.exit_code == 2
    assert "experiment run directory" in res.output
    assert _tree(exp) == before


def test_compare_over_run_result_is_refused_and_over_own_kind_allowed(tmp_path, result):
    run_dir = result.save(tmp_path / "run")
    res = invoke("compare", "supply_disruption", *SHORT, "--no-plots", "--out", run_dir)
    assert res.exit_code == 2 and "run result" in res.output
    out = tmp_path / "cmp"
    for seed in ("1", "2"):
        res = invoke("compare", "supply_disruption", *SHORT, "--seed", seed, "--no-plots",
                     "--out", out)
        assert res.exit_code == 0, res.output
    assert json.loads((out / "metadata.json").read_text())["seed"] == 2
    assert {p.name for p in (out / "baseline").iterdir()} == RUN_TABLES


@pytest.mark.parametrize("command", [["replicate", "-n", "1"], ["stress", "-n", "1"],
                                     ["sweep", "-p", "stations.cnc.machines=1", "-n", "1"]])
def test_experiments_refuse_foreign_folder_and_run_result(tmp_path, result, command):
    demo = _foreign_folder(tmp_path)
    before = _tree(demo)
    name = "stress_week" if command[0] == "stress" else "baseline"
    res = invoke(command[0], name, *command[1:], "-j", "1", "-q", "--out", demo)
    assert res.exit_code == 2 and "did not write" in res.output
    assert _tree(demo) == before
    run_dir = result.save(tmp_path / "run")
    res = invoke(command[0], name, *command[1:], "-j", "1", "-q", "--out", run_dir)
    assert res.exit_code == 2 and "run result" in res.output


# -- the API ---------------------------------------------------------------------------------
def test_result_save_refuses_foreign_file_beside_an_earlier_result(tmp_path, result):
    target = result.save(tmp_path / "r")
    (target / "my_notes.txt").write_text("keep me")
    with pytest.raises(ScenarioError, match="my_notes.txt"):
        result.save(target)
    assert (target / "my_notes.txt").read_text() == "keep me"


def test_result_save_refuses_a_foreign_csv_with_a_known_name(tmp_path, result):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "kpis.csv").write_text("my,own\n")  # no labelled metadata.json: not ours
    with pytest.raises(ScenarioError, match="did not write"):
        result.save(folder)
    assert (folder / "kpis.csv").read_text() == "my,own\n"


def test_experiment_result_save_refuses_foreign_folder(tmp_path):
    res = sim.experiments.replicate("mm1", 2, jobs=1, progress=False,
                                    overrides={"horizon": "1 d"})
    demo = _foreign_folder(tmp_path)
    with pytest.raises(ScenarioError, match="did not write"):
        res.save(demo)
    target = res.save(tmp_path / "tables")
    res.save(target)  # over its own kind: fine
    assert {p.name for p in target.iterdir()} == {"runs.csv", "summary.csv", "metadata.json"}


def test_comparison_save_into_foreign_folder_is_refused(tmp_path):
    comparison = compare(sim.with_overrides(sim.load_scenario("supply_disruption"),
                                            {"horizon": "1 d"}), seed=1)
    demo = _foreign_folder(tmp_path)
    before = _tree(demo)
    with pytest.raises(ScenarioError, match="notes.txt"):
        comparison.save(demo)
    assert _tree(demo) == before


def test_unknown_file_inside_compare_subfolder_is_foreign(tmp_path):
    comparison = compare(sim.with_overrides(sim.load_scenario("supply_disruption"),
                                            {"horizon": "1 d"}), seed=1)
    target = comparison.save(tmp_path / "c")
    (target / "baseline" / "scratch.py").write_text("x = 1\n")
    assert outdir.foreign_entries(target, "compare") == ["baseline/scratch.py"]
    with pytest.raises(ScenarioError, match="baseline/scratch.py"):
        comparison.save(target)


def test_interrupted_experiment_leftovers_are_recognised_as_ours(tmp_path):
    exp = tmp_path / "exp"
    (exp / "tasks").mkdir(parents=True)
    (exp / "manifest.json").write_text(json.dumps(
        {"synthetic": True, "label": sim.labels.SYNTHETIC_LABEL, "kind": "replicate"}))
    (exp / "tasks" / "task-000001.json").write_text("{}")
    (exp / "tasks" / ".task-000002.json.ab12.tmp").write_text("{")
    (exp / ".manifest.json.cd34.tmp").write_text("{")
    assert outdir.check_out_dir(exp, "experiment") == exp
    (exp / "tasks" / "evil.sh").write_text("rm -rf /\n")
    with pytest.raises(ScenarioError, match="tasks/evil.sh"):
        outdir.check_out_dir(exp, "experiment")


def test_plot_failure_keeps_the_tables_and_says_so(tmp_path, result, monkeypatch):
    import sim.results.io as io_module

    def half(directory, figures, metadata):
        (Path(directory) / "station_states.png").write_bytes(b"partial")
        raise ValueError("mathtext exploded (simulated)")

    monkeypatch.setattr(io_module, "write_figures", half)
    with pytest.raises(PlotError, match="tables saved.*mathtext exploded"):
        result.save(tmp_path / "r", figures=standard_figures(result))
    assert {p.name for p in (tmp_path / "r").iterdir()} == RUN_TABLES  # no partial PNG


def test_cli_plot_failure_is_one_error_line_with_tables_saved(tmp_path, monkeypatch):
    import sim.results.io as io_module

    def boom(directory, figures, metadata):
        raise ValueError("cannot draw (simulated)")

    monkeypatch.setattr(io_module, "write_figures", boom)
    out = tmp_path / "r"
    res = invoke("run", "baseline", *SHORT, "--out", out)
    assert res.exit_code == 1
    errors = [x for x in res.output.splitlines() if x.startswith("error:")]
    assert len(errors) == 1 and "tables saved" in errors[0] and "Traceback" not in res.output
    assert {p.name for p in out.iterdir()} == RUN_TABLES


def test_dollar_signs_in_names_render_literally(tmp_path):
    data = to_data(sim.load_scenario("baseline"))
    data["name"], data["horizon"] = "tex $\\frac{1}{0", "1 d"
    data["stations"] = {("$\\alpha$ " + k if i == 0 else k): v
                        for i, (k, v) in enumerate(data["stations"].items())}
    res = sim.run(data, seed=1)
    target = res.save(tmp_path / "tex", figures=standard_figures(res))  # unbalanced $: mathtext
    assert {p.name for p in target.glob("*.png")} == {"station_states.png", "wip_stock.png",
                                                      "kpis.png"}
    fig = plot_station_gantt(res)
    FigureCanvasAgg(fig).draw()
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert any(label.startswith("$\\alpha$ ") for label in labels)
    texts = fig.findobj(Text)
    assert texts and not any(t.get_parse_math() or t.get_usetex() for t in texts)
