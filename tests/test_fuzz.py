"""Fuzzing in the normal suite: a few hundred mutated scenarios through the API, a sample
through the CLI; every input ends in a result or one ScenarioError (never another exception,
a hang or a memory blow-up). The long run is ``python scripts/fuzz.py --n 10000``.

Also the regression tests for what the fuzzer found.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

import sim
from sim.errors import ScenarioError
from sim.scenario import to_data

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fuzz_runner as fr  # noqa: E402 - the harness lives beside the tests
import fuzz_support as fz  # noqa: E402

SEED = 20261201
"""The suite's stream of inputs (the long run uses others)."""


def test_mutated_scenarios_end_in_a_result_or_one_scenario_error():
    report = fr.fuzz(300, seed=SEED, jobs=2)
    assert report.tried == 300
    assert report.bad == [], report.text()
    assert report.outcomes["result"] > 0 and report.outcomes["error"] > 0, report.text()
    assert report.peak_rss < fz.MEMORY_LIMIT


def test_a_sample_through_the_cli_gives_one_error_line_or_a_result(tmp_path):
    bases = fz.base_data()
    rng = random.Random(SEED)
    problems = []
    for index in rng.sample(range(300), 6):
        problems += fr.cli_case(fz.make_case(index, SEED, bases), tmp_path)
    assert problems == []


def test_the_harness_is_deterministic():
    bases = fz.base_data()
    one, two = (fz.make_case(17, SEED, bases) for _ in range(2))
    assert (one.data, one.raw, one.seed) == (two.data, two.raw, two.seed)


def test_the_harness_reports_a_hang_and_a_crash(monkeypatch):
    def slow(case, workdir):
        if case.index == 0:
            import time

            time.sleep(60)
        if case.index == 1:
            import os

            os._exit(3)
        return "result", ""

    monkeypatch.setattr(fz, "run_case", slow)
    report = fr.fuzz(3, seed=SEED, jobs=1, time_limit=2.0)
    assert report.tried == 3
    assert sorted(o for _, o, _ in report.failures) == ["crash", "hang"]
    assert report.outcomes["result"] == 1


# -- regressions found by the fuzzer ------------------------------------------------------------
@pytest.mark.parametrize("as_list", [True, False])
def test_deeply_nested_toml_is_one_scenario_error(tmp_path, as_list):
    deep = fz.Deep(5000, as_list)
    path = tmp_path / "deep.toml"
    path.write_text(f'name = "x"\nhorizon = {deep.toml()}\n')
    with pytest.raises(ScenarioError, match="nested at most 32 levels"):
        sim.load_scenario(path)
    data = to_data(sim.load_scenario("baseline"))
    data["horizon"] = deep.build()
    with pytest.raises(ScenarioError, match="nested at most 32 levels"):
        sim.load_scenario(data)


def test_lone_surrogate_in_a_name_is_one_scenario_error():
    data = to_data(sim.load_scenario("baseline"))
    data["stations"]["saw\ud800"] = data["stations"].pop("cut")
    with pytest.raises(ScenarioError, match="lone surrogate") as info:
        sim.run(data)
    assert info.value.field == "stations.saw\\ud800"


def test_oversized_scenario_file_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(sim.scenario.loader, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.toml"
    path.write_text("# " + "x" * 200 + "\n")
    with pytest.raises(ScenarioError, match="at most 100 bytes"):
        sim.load_scenario(path)


def test_gamma_with_a_huge_cv_is_one_scenario_error():
    data = to_data(sim.load_scenario("baseline"))  # cv 1e300: shape 1/cv**2 underflowed to 0
    next(iter(data["stations"].values()))["process_time"] = {
        "dist": "gamma", "mean": "3 min", "cv": 1e300}
    with pytest.raises(ScenarioError, match="less than or equal to 100"):
        sim.run(data)


def test_astronomic_estimates_print_readably():
    data = to_data(sim.load_scenario("baseline"))
    rep = next(m for m in data["materials"].values() if m.get("replenishment"))
    rep["replenishment"] = {"kind": "schedule", "every": "1e-300 s", "quantity": 1}
    with pytest.raises(ScenarioError, match=r"about \d\.\de\+\d+, most of them from "
                                            r"deliveries") as info:
        sim.run(data)
    assert len(str(info.value)) < 300


@pytest.mark.parametrize("command", [["run", "mm1", "--no-plots", "--set"],
                                     ["sweep", "mm1", "-n", "1", "-p"]])
def test_deeply_nested_command_line_value_is_one_error_line(command, tmp_path):
    from typer.testing import CliRunner

    from sim.cli import app

    deep = "[" * 3000 + "1" + "]" * 3000  # tomllib recursed until RecursionError
    res = CliRunner().invoke(app, [*command, f"horizon={deep}", "--out", str(tmp_path / "o")])
    assert res.exit_code == 2, res.output
    assert not isinstance(res.exception, RecursionError)
    assert res.output.startswith("error: ") and "at most 200 characters" in res.output
