"""``werkhalle classroom``: arguments, clear errors, what it prints (the server stubbed)."""

from __future__ import annotations

import os
import socket

import pytest
from typer.testing import CliRunner

import sim.cli.classroom as classroom_cli
from sim.cli import app
from sim.scenario.loader import SCENARIO_DIR


def invoke(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(autouse=True)
def restore_environment(monkeypatch):
    """The command writes Solara's settings into os.environ; undo that after each test."""
    saved = dict(os.environ)
    yield
    for key in set(os.environ) - set(saved):
        del os.environ[key]
    os.environ.update(saved)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(monkeypatch):
    """Stub the server: record the classroom and call the ready hook."""
    calls = []

    def fake_serve(room, *, host, port, on_ready):
        calls.append((room, host, port))
        on_ready()

    monkeypatch.setattr("sim.dashboard.classroom_server.serve", fake_serve)
    return calls


def test_unknown_scenario_exits_2_without_traceback(served):
    res = invoke("classroom", "no_such_scenario")
    assert res.exit_code == 2 and "error: no_such_scenario" in res.stderr
    assert "Traceback" not in res.stderr and not served


def test_two_scenarios_with_one_name_exit_2(served, tmp_path):
    copy = tmp_path / "baseline.toml"
    copy.write_text(f'extends = "{SCENARIO_DIR / "baseline.toml"}"\nname = "copy"\n')
    res = invoke("classroom", "baseline", copy)
    assert res.exit_code == 2 and "two scenarios are called 'baseline'" in res.stderr


@pytest.mark.parametrize("code", ["AB", "ABC0", "AB-CD", "<script>"])
def test_a_bad_join_code_exits_2(served, code):
    res = invoke("classroom", "--code", code)
    assert res.exit_code == 2 and "--code" in res.stderr and not served


def test_without_the_extra_it_names_the_install(monkeypatch, served):
    monkeypatch.setattr(classroom_cli, "dashboard_available", lambda: False)
    res = invoke("classroom")
    assert res.exit_code == 2 and 'pip install "werkhalle[dashboard]"' in res.stderr


def test_it_prints_the_code_the_board_and_binds_to_this_machine(served):
    port = free_port()
    res = invoke("classroom", "supply_disruption", "baseline", "--port", port, "--code", "k7pq")
    assert res.exit_code == 0, res.stderr
    room, host, used = served[0]
    assert (host, used) == ("127.0.0.1", port) and room.names == ["supply_disruption",
                                                                   "baseline"]
    lines = res.stdout.splitlines()
    assert lines[0].startswith("SYNTHETIC")
    assert "Join code: K7PQ" in lines
    assert f"Participants open: http://127.0.0.1:{port}/  and type the code " \
           f"(or open http://127.0.0.1:{port}/?code=K7PQ)" in lines
    board = f"http://127.0.0.1:{port}/board?key={room.lecturer_token}"
    assert f"Lecturer's board (keep this link to yourself): {board}" in lines
    assert lines[-1].startswith("Listening on 127.0.0.1 only")
    room.close()


def test_on_the_rooms_network_it_says_so(served, monkeypatch):
    monkeypatch.setattr(classroom_cli, "check_port", lambda host, port: None)
    res = invoke("classroom", "--host", "0.0.0.0", "--port", free_port())
    assert res.exit_code == 0, res.stderr
    assert "Listening on 0.0.0.0: anyone on this network who has the code can join" \
        in res.stdout
    assert served[0][0].address.startswith("http://") and "0.0.0.0" not in served[0][0].address
    served[0][0].close()
