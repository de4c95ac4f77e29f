"""``werkhalle dashboard``: arguments, clear errors, and the missing-extra message."""

from __future__ import annotations

import os
import socket

import pytest
from typer.testing import CliRunner

import sim.cli.dashboard as dashboard_cli
from sim.cli import app
from sim.dashboard.params import scenario_parameters
from sim.scenario import load_scenario


def invoke(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(autouse=True)
def restore_environment(monkeypatch):
    """The command writes the page's settings into os.environ; undo that after each test."""
    for key in list(os.environ):
        monkeypatch.setenv(key, os.environ[key])
    saved = dict(os.environ)
    yield
    for key in set(os.environ) - set(saved):
        del os.environ[key]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_help_lists_the_command_and_its_options():
    res = invoke("dashboard", "--help")
    assert res.exit_code == 0
    for word in ("--port", "--host", "--lang", "SYNTHETIC"):
        assert word in res.stdout


def test_unknown_scenario_exits_2_without_traceback():
    res = invoke("dashboard", "no_such_scenario")
    assert res.exit_code == 2
    assert "error: no_such_scenario" in res.stderr and "Traceback" not in res.stderr


def test_invalid_scenario_file_exits_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\nhorizon = "-3 d"\n')
    res = invoke("dashboard", bad)
    assert res.exit_code == 2 and "bad.toml" in res.stderr


def test_bad_language_exits_2():
    res = invoke("dashboard", "--lang", "fr")
    assert res.exit_code == 2 and "--lang" in res.stderr


def test_missing_extra_names_the_install_command(monkeypatch):
    monkeypatch.setattr(dashboard_cli, "dashboard_available", lambda: False)
    res = invoke("dashboard", "baseline")
    assert res.exit_code == 2
    assert 'pip install "werkhalle[dashboard]"' in res.stderr


def test_busy_port_exits_1_before_serving(monkeypatch):
    served = []
    monkeypatch.setattr("sim.dashboard.server.serve", lambda *a, **k: served.append(a))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = invoke("dashboard", "baseline", "--port", port)
    assert res.exit_code == 1 and f"port {port}" in res.stderr and not served


def test_valid_call_prints_the_label_and_serves(monkeypatch):
    calls = []

    def fake_serve(scenario, **kw):
        calls.append((scenario, kw))
        kw["on_ready"](f"http://{kw['host']}:{kw['port']}/")

    monkeypatch.setattr("sim.dashboard.server.serve", fake_serve)
    port = free_port()
    res = invoke("dashboard", "supply_disruption", "--port", port, "--lang", "de", "--seed", "4")
    assert res.exit_code == 0, res.stderr
    assert "SYNTHETIC" in res.stdout
    assert f"running at http://127.0.0.1:{port}/" in res.stdout
    scenario, kw = calls[0]
    assert scenario == "supply_disruption" and kw["lang"] == "de" and kw["seed"] == 4


def test_a_file_is_passed_to_the_page_by_absolute_path(tmp_path, monkeypatch):
    path = tmp_path / "week.toml"
    path.write_text('extends = "baseline.toml"\nname = "week"\n'.replace(
        "baseline.toml", str(load_scenario_path())))
    monkeypatch.chdir(tmp_path)
    assert dashboard_cli.page_scenario("week.toml") == str(path.resolve())
    assert dashboard_cli.page_scenario("baseline") == "baseline"


def load_scenario_path():
    from sim.scenario.loader import SCENARIO_DIR

    return (SCENARIO_DIR / "baseline.toml").as_posix()


@pytest.mark.parametrize("mode", ["off", "autonomous"])
def test_slider_defaults_lie_on_their_grid(mode):
    # a slider snaps its value to minimum + k * step: a default off that grid would change
    # the scenario the moment the page shows it
    params = scenario_parameters(load_scenario("supply_disruption"), agents=mode != "off")
    assert params
    for p in params:
        if p.choices:
            assert p.default in p.choices
            continue
        k = (p.default - p.minimum) / p.step
        assert abs(k - round(k)) < 1e-9 and p.minimum <= p.default <= p.maximum, p
