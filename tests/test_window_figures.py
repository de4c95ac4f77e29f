"""The twin's window figures, read from counters, equal the KPI tables' numbers to the bit."""

from __future__ import annotations

import pytest

from sim.agents.window import figures
from sim.line.model import LineModel
from sim.results.kpis import line_kpis, station_table
from sim.scenario import load_scenario


def from_kpis(model: LineModel) -> dict[str, float]:
    """The figures as the twin computed them before: from the KPI Series and station table."""
    kpis = line_kpis(model, station_table(model))
    currency = model.scenario.economics.currency
    now = model.env.now
    open_late = [o for o in model.release.orders.values()
                 if not o.cancelled and o.due < now and o.done < o.quantity]
    routes = {m: spec.supplier or "supplier" for m, spec in model.scenario.materials.items()}
    regular = sum(s.quantity * (s.unit_cost + s.transport_cost_per_unit)
                  for s in model.materials.shipments
                  if s.arrived is not None and s.source == routes[s.material])
    return {
        "cost": float(kpis[f"cost [{currency}]"]) - regular,
        "co2_kg": float(kpis["CO2 [kg]"]),
        "lateness_h": (model.lateness_minutes + sum((o.quantity - o.done) * (now - o.due)
                                                    for o in open_late)) / 60.0,
        "late_units": float(model.late_units + sum(o.quantity - o.done for o in open_late)),
        "shortage_h": float(kpis["material shortage at first station [h]"]),
        "output": float(kpis["output [units]"]),
    }


# the vignette (orders, material, a held route), a warm-up, an hourly energy tariff
@pytest.mark.parametrize("name", ["supply_disruption", "failures", "energy_day"])
def test_counter_figures_equal_the_kpi_figures(name: str) -> None:
    scenario = load_scenario(name)
    model = LineModel(scenario, seed=2, event_log=False)
    seen = set()
    for share in (0.0, 0.2, 0.55, 1.0):
        model.run(scenario.horizon * share)
        got = figures(model)
        assert got == from_kpis(model)  # every figure, exactly
        seen.add(tuple(got.values()))
    assert len(seen) > 1  # the figures moved as the run went on
