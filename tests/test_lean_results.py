"""The lean results path: experiments take KPIs straight from the model's counters."""

from __future__ import annotations

import pytest

import sim
from sim.experiments.tasks import Task, simulate_run
from sim.runner import run_kpis
from sim.scenario import load_scenario, to_data


@pytest.mark.parametrize(("name", "agents"), [("baseline", None), ("supply_disruption", None),
                                              ("supply_disruption", "off")])
def test_run_kpis_are_the_full_results_kpis(name, agents):
    full = sim.run(name, 2, agents=agents, event_log=False).kpis
    lean = run_kpis(name, 2, agents=agents)
    assert lean.to_csv() == full.to_csv()


def test_a_replication_row_is_the_runs_kpis():
    data = to_data(load_scenario("baseline"))
    row = simulate_run(Task(0, data, 3))
    assert row == {str(k): float(v) for k, v in sim.run("baseline", 3, event_log=False)
                   .kpis.items()}
