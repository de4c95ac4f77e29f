"""What the twin measures over a forecast window, read straight from the model's counters.

:func:`figures` gives the cumulative figures of a model at its current time; the twin takes
them at the decision and at the window's end and reports the differences. They are the same
numbers as the KPIs of :mod:`sim.results.kpis` (``line_kpis(model, station_table(model))``)
would give, computed with the same arithmetic in the same order (so the floats are the same
to the last bit), but without building the station DataFrame and the KPI Series: a forward
run reads them twice, and the pandas tables were about a sixth of a forecast's CPU.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.line.states import STATES

if TYPE_CHECKING:
    from sim.line.model import LineModel
    from sim.scenario.agents_schema import AgentsConfig

__all__ = ["figures", "score"]


def figures(model: LineModel) -> dict[str, float]:
    """Cumulative figures of a model at its current time (differences give a window's).

    Returns:
        ``cost`` (without material bought from the regular suppliers), ``co2_kg``,
        ``lateness_h``, ``late_units``, ``shortage_h`` (first station waiting for material)
        and ``output``.
    """
    sc = model.scenario
    eco = sc.economics
    base = model.baseline or {}
    warm = sc.warmup if model.baseline else 0.0
    now = model.env.now
    hours = (now - warm) / 60.0
    finished_before = base.get("finished", {})
    total_out = sum(model.finished[v] - finished_before.get(v, 0) for v in sc.variants)

    first = model.stations[0]  # as kpis.station_table: the first station's material share
    before_time = base.get("time", {})
    material = 0.0
    for machine in first.machines:
        material += machine.time["material"] - before_time.get(
            (first.name, machine.index), {}).get("material", 0.0)
    total = (now - warm) * len(first.machines)
    share = material / total if total else 0.0
    shortage = share * hours * len(first.machines)

    meter = model.energy
    if meter is None:  # flat prices, as kpis.line_kpis
        energy = sum(
            st.power(state) * m.time[state] / 60.0
            for st in model.stations for m in st.machines for state in STATES
        )
        co2_energy = energy * eco.grid_co2_kg_per_kwh
        energy_cost = energy * eco.energy_price_per_kwh
    else:
        meter.read()
        co2_energy, energy_cost = meter.co2, meter.cost
    co2 = co2_energy + model.materials.transport_co2 + model.external_co2

    orders = [o for o in model.release.orders.values() if not o.cancelled]
    due_orders = [o for o in orders if o.due <= now]
    if due_orders:
        kpi_late = sum(o.quantity - o.done for o in due_orders) + model.late_units
    elif model.due_units:
        kpi_late = model.late_units
    else:
        kpi_late = 0
    staffing = model.staffing
    cost = sum((energy_cost, staffing.staff_minutes / 60.0 * eco.labour_cost_per_staff_hour,
                staffing.overtime_cost, model.materials.purchase_cost, model.external_cost,
                model.maintenance_cost, kpi_late * eco.late_penalty_per_unit))

    open_late = [o for o in model.release.orders.values()
                 if not o.cancelled and o.due < now and o.done < o.quantity]
    lateness = model.lateness_minutes + sum((o.quantity - o.done) * (now - o.due)
                                            for o in open_late)
    late_units = model.late_units + sum(o.quantity - o.done for o in open_late)
    routes = {m: spec.supplier or "supplier" for m, spec in sc.materials.items()}
    regular = sum(s.quantity * (s.unit_cost + s.transport_cost_per_unit)
                  for s in model.materials.shipments
                  if s.arrived is not None and s.source == routes[s.material])
    return {
        "cost": float(cost) - regular,
        "co2_kg": float(co2),
        "lateness_h": lateness / 60.0,
        "late_units": float(late_units),
        "shortage_h": float(shortage),
        "output": float(total_out),
    }


def score(out: dict[str, float], config: AgentsConfig) -> float:
    """The score of one window's figures under the scenario's weights."""
    w = config.weights
    return (w.cost * out["cost"] + w.co2 * out["co2_kg"] + w.lateness * out["lateness_h"]
            + w.shortage * out["shortage_h"])
