"""KPI definitions that are easy to get subtly wrong: warm-up scope of per-unit figures."""

import math

import sim
from sim.line.model import LineModel
from sim.results.collector import collect


def _warm_baseline():
    scn = sim.load_scenario("baseline")
    return sim.with_overrides(scn, {"warmup": "1 d"})


def test_per_unit_figures_divide_whole_run_totals_by_whole_run_output():
    model = LineModel(_warm_baseline(), seed=3)
    model.run()
    result = collect(model)
    k = result.kpis
    whole_output = sum(model.finished.values())
    assert k["output [units]"] < whole_output  # the warm-up day is excluded from output
    assert math.isclose(k["energy per unit [kWh/unit]"] * whole_output, k["energy [kWh]"])
    assert math.isclose(k["cost per unit [EUR/unit]"] * whole_output, k["cost [EUR]"])


def test_station_energy_adds_up_to_line_energy_with_warmup():
    result = sim.run(_warm_baseline(), seed=3)
    assert math.isclose(result.stations["energy_kwh"].sum(), result.kpis["energy [kWh]"])
