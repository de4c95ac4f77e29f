"""The dashboard bounds everything the page sends on the server: only offered scenario names
(a forged websocket value cannot load a planted file), seed, mode, step and parameters in
range, and every run inside the work budget."""

from __future__ import annotations

from pathlib import Path

import ipyvuetify as v
import pytest
import solara

from sim.dashboard.components import Dashboard
from sim.dashboard.session import DashboardSession, Settings, offered_scenarios
from sim.errors import ScenarioError
from sim.scenario import budget
from sim.scenario.loader import SCENARIO_DIR

BASELINE = SCENARIO_DIR / "baseline.toml"


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    path = tmp_path / "planted.toml"
    path.write_text(f'extends = "{BASELINE.as_posix()}"\nname = "planted"\n')
    return path


def test_offered_names_map_to_files_on_the_server(planted):
    offered = offered_scenarios([str(planted)])
    assert list(offered)[0] == str(planted) and offered[str(planted)] == planted
    assert offered["baseline"] == BASELINE
    assert {p.stem for p in SCENARIO_DIR.glob("*.toml")} <= set(offered)


def test_session_refuses_a_scenario_it_does_not_offer(planted):
    session = DashboardSession(Settings("baseline"))
    with pytest.raises(ScenarioError, match="one of the offered scenarios"):
        session.update(scenario=str(planted))
    with pytest.raises(ScenarioError, match="offered"):
        session.update(scenario="../scenarios/baseline")
    assert session.scenario.name == "baseline"  # nothing else was loaded


def test_forged_select_value_is_refused_on_the_page(planted):
    box, rc = solara.render(Dashboard(scenario="baseline"), handle_error=False)
    rc.find(v.Select, label="Scenario").widget.v_model = str(planted)  # a forged message
    texts = " ".join(str(w.children) for w in rc.find(v.Alert).widgets)
    assert "offered scenarios" in texts
    assert "planted" not in " ".join(w.unsafe_innerHTML or ""
                                     for w in rc.find(solara.widgets.HTML).widgets)
    rc.close()


@pytest.mark.parametrize("change", [
    {"seed": -1}, {"seed": 2**64}, {"seed": "3"}, {"seed": True},
    {"step_hours": 0.5}, {"step_hours": 10**9}, {"step_hours": float("nan")},
    {"mode": "godmode"},
])
def test_settings_out_of_range_are_refused(change):
    session = DashboardSession(Settings("baseline"))
    with pytest.raises(ValueError):
        session.update(**change)
    assert session.settings == Settings("baseline")


@pytest.mark.parametrize("value", [10**9, -5, float("nan"), "lots", [1, 2], None])
def test_parameter_values_out_of_range_are_refused(value):
    session = DashboardSession(Settings("supply_disruption"))
    path = session.parameters[0].path
    with pytest.raises(ValueError, match=path):
        session.set_parameter(path, value)


def test_dashboard_runs_inside_the_budget(monkeypatch):
    monkeypatch.setattr(budget, "MAX_RUN_EVENTS", 1_000)
    with pytest.raises(ScenarioError, match="dashboard runs only inside the work budget") as info:
        DashboardSession(Settings("baseline"))
    assert "allow_large=True" not in str(info.value)
