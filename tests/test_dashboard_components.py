"""The dashboard's Solara components rendered without a browser (widgets driven in Python)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import ipyvuetify as v
import ipywidgets
import pytest
import solara

from sim.dashboard import show
from sim.dashboard.components import PLAY_TICK_SECONDS, Dashboard, scenario_choices
from sim.dashboard.offline import CLOSED_CDN, missing_assets, quiet_environment, required_assets
from sim.labels import SYNTHETIC_LABEL
from sim.scenario.loader import SCENARIO_DIR

BASELINE = SCENARIO_DIR / "baseline.toml"


@pytest.fixture
def storm(tmp_path: Path) -> Path:
    path = tmp_path / "storm.toml"
    path.write_text(
        f'extends = "{BASELINE.as_posix()}"\nname = "storm"\n'
        "[disruptions.rail_storm]\nkind = \"delivery_delay\"\nat = \"Tue 06:00\"\n"
        "material = \"alloy\"\ndelay = \"24 h\"\n"
    )
    return path


def html_of(rc, css_class: str) -> str:
    found = [w.unsafe_innerHTML for w in rc.find(solara.widgets.HTML).widgets
             if css_class in str(getattr(w, "attributes", {}).get("class", ""))
             or f" {css_class}'>" in (w.unsafe_innerHTML or "")]
    assert found, f"no element with class {css_class}"
    return found[0]


def button(rc, label: str) -> v.Btn:
    return rc.find(v.Btn, children=[label]).widget


def test_page_shows_label_and_runs_in_steps():
    box, rc = solara.render(Dashboard(scenario="baseline"), handle_error=False)
    assert SYNTHETIC_LABEL in html_of(rc, "wh-synthetic")
    assert "baseline#" in html_of(rc, "wh-synthetic")
    assert "Mon 00:00 (0 %" in html_of(rc, "wh-clock")
    kpis_before = html_of(rc, "wh-kpis")
    button(rc, "Step").click()
    assert "Mon 04:00" in html_of(rc, "wh-clock")
    button(rc, "Run").click()
    assert "Sat 00:00 (100 %" in html_of(rc, "wh-clock")
    kpis_after = html_of(rc, "wh-kpis")
    assert kpis_after != kpis_before and "540" in kpis_after
    assert button(rc, "Run").disabled and button(rc, "Step").disabled
    button(rc, "Reset").click()
    assert "Mon 00:00 (0 %" in html_of(rc, "wh-clock")
    assert not button(rc, "Run").disabled
    rc.close()


def test_language_switch_changes_every_label():
    box, rc = solara.render(Dashboard(scenario="baseline"), handle_error=False)
    button(rc, "Deutsch").click()
    assert "SYNTHETISCH" in html_of(rc, "wh-synthetic")
    assert "Simulierte Zeit: Mo 00:00" in html_of(rc, "wh-clock")
    assert "Kennzahl" in html_of(rc, "wh-kpis")
    button(rc, "Schritt").click()
    assert "Mo 04:00" in html_of(rc, "wh-clock")
    button(rc, "English").click()
    assert "Mon 04:00" in html_of(rc, "wh-clock")
    rc.close()


def test_slider_changes_the_run(storm: Path):
    box, rc = solara.render(Dashboard(scenario=str(storm)), handle_error=False)
    assert len(rc.find(v.Slider).widgets) == 2  # the delay and the step size
    delay = rc.find(v.Slider, max=96.0).widget
    assert delay.v_model == 24.0 and delay.min == 1.0
    button(rc, "Run").click()
    short = html_of(rc, "wh-kpis")
    delay.v_model = 90.0  # as the browser does when the slider moves
    assert "Mon 00:00 (0 %" in html_of(rc, "wh-clock")  # new value, new run
    button(rc, "Run").click()
    long = html_of(rc, "wh-kpis")
    assert long != short
    row = "material shortage at first station [h]</th><td class='num'>"
    assert (row + "0</td>") in short and (row + "0</td>") not in long
    rc.close()


def test_seed_and_scenario_inputs_restart_the_run():
    box, rc = solara.render(Dashboard(scenario="baseline"), handle_error=False)
    button(rc, "Run").click()
    banner = html_of(rc, "wh-synthetic")
    seed = rc.find(v.TextField, label="Seed (random numbers)").widget
    seed.v_model = "7"
    seed.fire_event("focusout")
    assert "seed 7" in html_of(rc, "wh-synthetic") and "seed 7" not in banner
    assert "(0 %" in html_of(rc, "wh-clock")
    rc.find(v.Select, label="Scenario").widget.v_model = "mm1"
    assert "mm1#" in html_of(rc, "wh-synthetic")
    rc.close()


def test_scenario_choices_list_the_given_file_first(storm: Path):
    choices = scenario_choices([str(storm)])
    assert choices[0] == str(storm)
    assert "baseline" in choices and len(choices) == len(set(choices))


def test_show_returns_a_widget_for_jupyter():
    widget = show("baseline", lang="de")
    assert isinstance(widget, ipywidgets.Widget)
    assert os.environ["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"


def test_quiet_environment_turns_off_telemetry_and_the_cdn():
    env: dict[str, str] = {}
    quiet_environment(env)
    assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
    assert env["SOLARA_ASSETS_CDN"] == CLOSED_CDN and "127.0.0.1" in CLOSED_CDN


def test_required_assets_are_read_from_the_template(tmp_path: Path):
    template = tmp_path / "t.j2"
    template.write_text(
        '<link href="{{cdn}}/@widgetti/solara-vuetify-app@10.1.1/dist/main.css">'
        '<link href="{{cdn}}/@widgetti/solara-vuetify3-app@5.2.0/dist/main.css">'
        '<script src="{{cdn}}/requirejs@2.3.6/require.js">')
    assert required_assets(template, vue3=False) == [
        "@widgetti/solara-vuetify-app@10.1.1", "requirejs@2.3.6"]
    assert required_assets(template, vue3=True) == [
        "@widgetti/solara-vuetify3-app@5.2.0", "requirejs@2.3.6"]


def test_installed_assets_cover_the_page():
    assert missing_assets() == []


def test_play_steps_on_its_own_until_paused():
    box, rc = solara.render(Dashboard(scenario="baseline"), handle_error=False)
    button(rc, "Play").click()
    deadline = time.monotonic() + 300  # a ceiling for a busy machine, not an expectation
    while "Mon 00:00" in html_of(rc, "wh-clock") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Mon 00:00" not in html_of(rc, "wh-clock")  # it advanced by itself
    assert button(rc, "Run").disabled is False
    button(rc, "Pause").click()
    paused = html_of(rc, "wh-clock")
    time.sleep(4 * PLAY_TICK_SECONDS)
    assert html_of(rc, "wh-clock") == paused
    assert rc.find(v.Btn, children=["Play"]).widgets
    rc.close()
