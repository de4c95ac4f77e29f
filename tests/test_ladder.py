"""The counterfactual ladder: nobody, a person after a delay, the agent (issue #10)."""

from __future__ import annotations

import pytest

import sim
from sim.experiments.ladder import (
    delay_hours,
    ladder,
    rung_setup,
    value_of_information,
    value_of_time_table,
)
from sim.plots import plot_value_of_information, plot_value_of_time
from sim.scenario import load_scenario

SHORT = "material shortage at first station [h]"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("supply_disruption")


def test_rungs_set_up_who_decides_when(scenario):
    scn, agents = rung_setup(scenario, "nobody")
    assert agents == "off" and scn is scenario
    scn, agents = rung_setup(scenario, "person 24 h", "oracle")
    assert agents is None
    assert {scn.agents.level(r) for r in ("planner", "supplier", "maintenance")} == {"recommend"}
    maint = load_scenario("predictive_maintenance")
    person, _ = rung_setup(maint, "person 4 h")
    assert person.agents.level("planner") == maint.agents.level("planner")  # stays off
    assert person.agents.level("maintenance") == "recommend"
    assert scn.agents.human_reaction_delay == 24 * 60
    assert scn.agents.supplier.tracking is None and scn.agents.forecast == "oracle"
    scn, agents = rung_setup(scenario, "agent", "sampled")
    assert agents is None and scn.agents.forecast == "sampled"
    assert delay_hours("person 4 h") == 4.0 and delay_hours("agent") == 0.0
    with pytest.raises(ValueError, match="unknown rung"):
        rung_setup(scenario, "robot")


def test_ladder_pairs_rungs_on_the_same_seeds(scenario):
    lad = ladder(scenario, [1, 2], ("nobody", "person 48 h"), ("oracle",))
    runs = lad.runs.set_index(["rung", "seed"])
    assert runs.loc[("nobody", 1), "forecast"] == "-"
    person = runs.loc[("person 48 h", 1)]
    assert person["decided_at_h"] == pytest.approx(9.5 + 24 + 48)  # Tue 09:30 report + 48 h
    paired = lad.paired("nobody").set_index("kpi")
    d = (lad.runs[lad.runs.rung == "person 48 h"].set_index("seed")[SHORT]
         - lad.runs[lad.runs.rung == "nobody"].set_index("seed")[SHORT])
    assert paired.loc[SHORT, "difference"] == pytest.approx(d.mean())
    assert paired.attrs["synthetic"] is True
    again = sim.run(scenario, 2, agents="off").kpis[SHORT]
    assert runs.loc[("nobody", 2), SHORT] == pytest.approx(again)
    table = value_of_time_table(lad)
    assert set(table["delay_h"]) == {float("inf"), 48.0}
    fig = plot_value_of_time(lad)
    assert "SYNTHETIC" in " ".join(t.get_text() for t in fig.texts)


def test_value_of_information_is_oracle_minus_sampled(scenario):
    table = value_of_information(scenario, [1]).set_index("kpi")
    runs = table.attrs["ladder"].runs.set_index("forecast")
    for kpi in (SHORT, "cost [EUR]"):
        assert table.loc[kpi, "difference"] == pytest.approx(
            runs.loc["oracle", kpi] - runs.loc["sampled", kpi])
    fig = plot_value_of_information(table.reset_index())
    assert "SYNTHETIC" in " ".join(t.get_text() for t in fig.texts)
