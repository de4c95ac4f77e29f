"""The agent layer's machinery: Mesa stepping, schema checks, policy registry, plots, CLI."""

from __future__ import annotations

import mesa
import pandas as pd
import pytest
from typer.testing import CliRunner

import sim
import sim.plots
from sim.agents import registry
from sim.agents.mesa_adapter import RoleAgent
from sim.agents.setup import agent_levels, make_agent_model
from sim.cli import app
from sim.errors import ScenarioError
from sim.scenario import load_scenario, to_data, with_overrides
from sim.scenario.units import parse_when


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("supply_disruption")


def test_scenarios_without_agents_section_are_all_off():
    scn = load_scenario("baseline")
    assert not scn.agents.active
    assert agent_levels(scn, None) == {"supplier": "off", "planner": "off", "maintenance": "off"}
    result = sim.run(scn, seed=1)
    assert result.decisions.empty
    assert load_scenario(to_data(load_scenario("supply_disruption"))).agents.look_ahead == 4320


def test_factory_model_is_a_steppable_mesa_model(scenario):
    factory = make_agent_model(scenario, 1, agent_levels(scenario, None), None, None, True)
    assert isinstance(factory, mesa.Model)
    roles = [a.role.role for a in factory.agents]
    assert roles == ["supplier", "planner", "maintenance"]
    assert all(isinstance(a, RoleAgent) for a in factory.agents)
    factory.advance(parse_when("Tue 12:00"))
    assert factory.now == parse_when("Tue 12:00")
    early = factory.result()
    assert set(early.decisions["agent"]) == {"supplier", "planner"}
    factory.advance(scenario.horizon)
    full = sim.run(scenario, seed=1, event_log=True)
    pd.testing.assert_series_equal(factory.result().kpis, full.kpis)
    # one step per decision interval plus the extra stops (sighting, alarms): about 5 d x 24
    assert 120 <= factory.steps <= 140


def test_urgent_announcement_stops_the_step_at_once(scenario):
    scn = with_overrides(scenario, {"agents.supplier.tracking": "off",
                                    "agents.decision_interval": "8 h",
                                    "disruptions.rail_outage.reported_at": "Tue 09:37"})
    dec = sim.run(scn, seed=1).decisions
    assert dec["time_min"].iloc[0] == pytest.approx(parse_when("Tue 09:37"))


def test_levels_override_and_errors(scenario):
    assert set(agent_levels(scenario, "recommend").values()) == {"recommend"}
    with pytest.raises(ScenarioError, match="agents"):
        sim.run(scenario, seed=1, agents="sometimes")
    with pytest.raises(ScenarioError, match="policies.planner"):
        sim.run(scenario, seed=1, policies={"planner": object()})
    with pytest.raises(ScenarioError, match="policies.planner"):
        sim.run(scenario, seed=1, policies={"planner": "clairvoyant"})
    with pytest.raises(ScenarioError, match="policies.janitor"):
        sim.run(scenario, seed=1, policies={"janitor": "twin"})


@pytest.mark.parametrize(("override", "field"), [
    ({"agents.sites.czech.material": "gold"}, "agents.sites.czech.material"),
    ({"agents.sites.portugal.variants": ["rotor"]}, "agents.sites.portugal.variants"),
    ({"agents.planner.policy": "oracle"}, "agents.planner.policy"),
    ({"agents.maintenance.stations": ["r9"]}, "agents.maintenance.stations"),
    ({"agents.autonomy": "sometimes"}, "agents.autonomy"),
    ({"agents.weights.co2": -1}, "agents.weights.co2"),
    ({"agents.supplier.tracking": 30}, "agents.supplier.tracking"),
])
def test_schema_errors_name_the_field(scenario, override, field):
    with pytest.raises(ScenarioError) as info:
        with_overrides(scenario, override)
    assert info.value.field == field


def test_quality_drift_schema_errors():
    scn = load_scenario("quality_drift")
    with pytest.raises(ScenarioError) as info:
        with_overrides(scn, {"disruptions.thermal_drift.station": "oven"})
    assert info.value.field == "disruptions.thermal_drift.station"
    with pytest.raises(ScenarioError) as info:
        with_overrides(scn, {"agents.maintenance.policy": "predictive",
                             "agents.maintenance.stations": ["assembly"]})
    assert "operating" in info.value.expected


def test_registry_lists_every_role():
    reg = registry()
    assert set(reg) == {"planner", "supplier", "maintenance"}
    assert {"twin", "rule", "wait"} <= set(reg["planner"])
    assert {"reactive", "preventive", "predictive"} <= set(reg["maintenance"])
    for role in reg.values():
        for factory in role.values():
            assert callable(factory().decide)


def test_wait_policy_watches_but_never_acts(scenario):
    result = sim.run(scenario, seed=1, policies={"planner": "wait", "maintenance": "reactive"})
    off = sim.run(scenario, seed=1, agents="off")
    assert set(result.decisions["agent"]) == {"supplier"}
    pd.testing.assert_series_equal(result.kpis, off.kpis)


def test_comparison_plots_are_labelled(scenario):
    comparison = sim.compare(scenario, seed=1)
    figures = sim.plots.comparison_figures(comparison)
    assert {"compare_stock_output", "compare_options", "baseline/kpis",
            "agents/station_states"} <= set(figures)
    for fig in figures.values():
        texts = {t.get_gid(): t.get_text() for t in fig.texts}
        assert sim.SYNTHETIC_LABEL in texts["synthetic-footer"]
        assert texts["synthetic-watermark"] == "SYNTHETIC"
    options = figures["compare_options"].axes[0]
    labels = " ".join(t.get_text() for t in options.texts)
    for name in ("wait", "transfer_czech (chosen)", "resequence", "express_express"):
        assert name in labels


def test_cli_compare_prints_and_writes(tmp_path):
    out = tmp_path / "sd"
    result = CliRunner().invoke(app, ["compare", "supply_disruption", "--seed", "1",
                                      "--out", str(out), "--no-plots"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert sim.SYNTHETIC_LABEL in text
    assert "end-of-day balance" in text and "material shortage at first station [h]" in text
    assert "planner" in text and "transfer_czech" in text
    assert {p.name for p in out.iterdir()} >= {"baseline", "agents", "balance.csv",
                                               "kpis_compared.csv", "options.csv",
                                               "timeline.txt", "metadata.json"}
    balance = pd.read_csv(out / "balance.csv", index_col="kpi")
    assert (balance["label"] == sim.SYNTHETIC_LABEL).all()
    assert balance.loc["material shortage at first station [h]", "baseline"] > 20
    assert (out / "agents" / "decisions.csv").exists()
    assert not list(out.glob("*.png"))


def test_cli_compare_bad_input_exits_2(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["compare", "no_such_scenario", "--out", str(tmp_path / "x")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    result = runner.invoke(app, ["compare", "supply_disruption", "--agents", "maybe",
                                 "--out", str(tmp_path / "y")])
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


def test_bench_agents_quick_prints_its_figures():
    import re
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, str(root / "benchmarks" / "bench_agents.py"),
                          "--quick"], cwd=root, capture_output=True, text=True, timeout=300,
                         check=True).stdout
    assert out.startswith("# SYNTHETIC")
    lines = re.findall(r"^compare (\w+) +cold +[\d.]+ s \| warm +[\d.]+ s .* = (\d+) runs",
                       out, re.MULTILINE)
    assert [name for name, _ in lines] == ["supply_disruption", "predictive_maintenance",
                                          "quality_drift", "bad_day"]
    assert int(lines[0][1]) >= 7 and int(lines[1][1]) == 0
