"""Bad scenario input: one ScenarioError naming file, field and expectation; CLI exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sim.cli import app
from sim.errors import ScenarioError
from sim.scenario import load_scenario
from sim.scenario.loader import SCENARIO_DIR

BASE = f'extends = "{(SCENARIO_DIR / "baseline.toml").as_posix()}"\n'

MINIMAL = """name = "tiny"
horizon = "1 d"
[variants.a]
[stations.s]
process_time = "1 min"
"""

# (case id, {file name: text}, file to load, field, words the expectation must contain)
CASES = [
    ("syntax", {"x.toml": BASE + 'horizon = "1 d\n'}, "x.toml", "", ["valid TOML", "line 2"]),
    ("wrong type", {"x.toml": BASE + '[stations.cnc]\nmachines = "two"\n'}, "x.toml",
     "stations.cnc.machines", ["valid integer", "'two'"]),
    ("zero horizon", {"x.toml": BASE + 'horizon = "0 h"\n'}, "x.toml", "horizon",
     ["greater than 0"]),
    ("negative duration", {"x.toml": BASE + '[stations.cnc]\nprocess_time = "-3 min"\n'},
     "x.toml", "stations.cnc.process_time.mean", ["zero or more", "negative", "'-3 min'"]),
    ("negative count", {"x.toml": BASE + "[materials.alloy]\ninitial = -5\n"}, "x.toml",
     "materials.alloy.initial", ["greater than or equal to 0"]),
    ("warmup too long", {"x.toml": BASE + 'warmup = "6 d"\n'}, "x.toml", "warmup",
     ["shorter than horizon"]),
    ("bare number", {"x.toml": BASE + "horizon = 120\n"}, "x.toml", "horizon",
     ["duration with a unit", "'120 min'"]),
    ("bare number when", {"x.toml": BASE + '[disruptions.d]\nkind = "breakdown"\nat = 600\n'
                          'station = "cnc"\nduration = "1 h"\n'}, "x.toml", "disruptions.d.at",
     ["duration with a unit"]),
    ("unknown key", {"x.toml": BASE + "[stations.cnc]\nmachine = 2\n"}, "x.toml",
     "stations.cnc.machine", ["unknown key", "did you mean 'machines'?"]),
    ("unknown top-level key", {"x.toml": BASE + 'horizn = "1 d"\n'}, "x.toml", "horizn",
     ["unknown key", "did you mean 'horizon'?"]),
    ("unknown station", {"x.toml": BASE + '[disruptions.r7]\nkind = "breakdown"\n'
                         'at = "Tue 11:15"\nstation = "robot_r8"\nduration = "2 h"\n'},
     "x.toml", "disruptions.r7.station", ["unknown station 'robot_r8'", "robot_r7"]),
    ("unknown material", {"x.toml": BASE + '[disruptions.rail]\nkind = "delivery_delay"\n'
                          'at = "Tue 09:30"\nmaterial = "aloy"\ndelay = "3 d"\n'},
     "x.toml", "disruptions.rail.material", ["unknown material 'aloy'", "alloy"]),
    ("bad weekday", {"x.toml": BASE + '[disruptions.d]\nkind = "breakdown"\nat = "Tus 09:30"\n'
                     'station = "cnc"\nduration = "1 h"\n'}, "x.toml", "disruptions.d.at",
     ["unknown weekday", "'Tus 09:30'"]),
    ("missing file", {}, "nothere.toml", "", ["existing scenario file", "not found"]),
    ("missing extends target", {"x.toml": 'extends = "parent.toml"\n'}, "x.toml", "extends",
     ["existing file", "parent.toml"]),
    ("extends cycle", {"x.toml": 'extends = "y.toml"\n', "y.toml": 'extends = "x.toml"\n'},
     "x.toml", "extends", ["without cycles", "x.toml -> y.toml -> x.toml"]),
    ("orders without orders", {"x.toml": MINIMAL + '[release]\nkind = "orders"\n'}, "x.toml",
     "release", ["kind 'orders' needs at least one entry under 'orders'"]),
    ("missing required", {"x.toml": MINIMAL}, "x.toml", "release", ["required"]),
]


def _write(tmp_path: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("files", "load", "field", "words"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_error_names_file_field_and_expectation(tmp_path, files, load, field, words):
    _write(tmp_path, files)
    path = tmp_path / load
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    err = caught.value
    assert Path(err.file).name == load
    assert err.field == field
    message = str(err)
    assert load in message and field in message
    for word in words:
        assert word in err.expected, (word, err.expected)


@pytest.mark.parametrize(("files", "load", "field", "words"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_cli_reports_the_same_error_with_exit_2(tmp_path, files, load, field, words):
    _write(tmp_path, files)
    res = CliRunner().invoke(app, ["validate", str(tmp_path / load)])
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert load in lines[0] and field in lines[0]
    for word in words:
        assert word in lines[0]


def test_error_in_extended_file_is_reported_even_through_a_chain(tmp_path):
    (tmp_path / "a.toml").write_text(BASE + '[stations.cnc]\nprocess_time = "x"\n')
    (tmp_path / "b.toml").write_text('extends = "a.toml"\nname = "b"\n')
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "b.toml")
    assert caught.value.field.startswith("stations.cnc.process_time")


def test_valid_variant_loads(tmp_path):
    (tmp_path / "ok.toml").write_text(BASE + 'name = "ok"\n[stations.cnc]\nmachines = 3\n')
    scn = load_scenario(tmp_path / "ok.toml")
    assert scn.stations["cnc"].machines == 3
    assert scn.stations["cnc"].buffer == load_scenario("baseline").stations["cnc"].buffer
