"""The README stays true: its commands, its scenario examples and its Python quickstart."""

from __future__ import annotations

import re
import textwrap
import tomllib
from pathlib import Path

import pytest

import sim
from sim.cli.line import shipped_scenarios
from sim.scenario import load_scenario
from sim.scenario.loader import SCENARIO_DIR

README = Path(__file__).resolve().parents[1] / "README.md"


def blocks(language: str) -> list[str]:
    found = re.findall(rf"```{language}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [textwrap.dedent(block) for block in found]


def test_the_two_commands_come_first():
    bash = blocks("bash")
    assert bash[0].strip() == "bash scripts/main.sh"
    assert bash[1].strip() == "bash scripts/test.sh"
    for script in ("main.sh", "test.sh"):
        assert (README.parent / "scripts" / script).is_file()


def test_full_scenario_example_is_valid_and_says_what_it_claims():
    toml = max(blocks("toml"), key=len)
    scn = load_scenario(tomllib.loads(toml))
    assert scn.horizon == 5 * 24 * 60
    assert scn.stations["cnc"].machines == 2
    assert list(scn.stations) == ["cnc", "robot_r7"]
    assert scn.disruptions["rail"].reported_at == 24 * 60 + 9 * 60 + 30  # "Tue 09:30"
    assert scn.calendar.shifts[0].start == 6 * 60


def test_extends_example_changes_one_field(tmp_path):
    toml = next(b for b in blocks("toml") if b.startswith("extends"))
    text = toml.replace('"baseline.toml"', f'"{(SCENARIO_DIR / "baseline.toml").as_posix()}"')
    (tmp_path / "three.toml").write_text(text)
    scn, base = load_scenario(tmp_path / "three.toml"), load_scenario("baseline")
    assert scn.stations["cnc"].machines == 3
    assert scn.stations["cnc"].buffer == base.stations["cnc"].buffer
    assert scn.stations["cut"] == base.stations["cut"]


def test_readme_lists_every_shipped_scenario():
    text = README.read_text(encoding="utf-8")
    for path in shipped_scenarios():
        assert f"`{path.stem}`" in text, path.stem


def small(code: str) -> str:
    """The README's code with experiment sizes cut to 3 (``n=40`` -> ``n=3``): same calls."""
    return re.sub(r"\bn=(\d+)", lambda m: f"n={min(int(m.group(1)), 3)}", code)


def test_small_rewrites_only_sizes():
    assert small('sim.replicate("baseline", n=20)  # n=20') == \
        'sim.replicate("baseline", n=3)  # n=3'
    assert small("seed=1, n=2, lhs=8") == "seed=1, n=2, lhs=8"


def test_python_quickstart_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "readme"}
    for code in blocks("python"):  # later blocks use names from earlier ones
        exec(compile(small(code), "README.md", "exec"), namespace)  # noqa: S102
    assert (tmp_path / "out" / "baseline-seed1" / "kpis.png").is_file()
    assert (tmp_path / "states.png").is_file()


@pytest.mark.parametrize("kpi", ["throughput [units/h]", "OEE [%]", "on-time delivery [%]",
                                 "WIP mean [units]", "CO2 [kg]"])
def test_kpi_names_used_in_readme_exist(kpi):
    assert kpi in sim.run(sim.with_overrides(load_scenario("baseline"),
                                             {"horizon": "6 h"})).kpis.index
