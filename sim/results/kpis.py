"""KPIs of a finished line model, with their definitions.

Definitions (documented in the README too):

* A machine's time is split into the states busy, setup, starved (no part), material (first
  station waiting for raw material), blocked (next buffer full), down (breakdown, scripted
  stop or maintenance) and off (outside shifts or unstaffed). Shares are of the observed
  period (horizon minus warm-up).
* planned time = all time - off; run time = planned - down - setup.
* availability = run time / planned time.
* performance = busy / run time (losses: starving, blocking, waiting for material); with an
  ``ideal_cycle_time`` it is ISO 22400's: ideal cycle time x parts processed / run time (the
  same idle losses plus the speed loss of working slower than ideal).
* quality = good parts / processed parts at that station (scrap and rework are losses).
* OEE = availability x performance x quality (= busy x quality / planned); the line's OEE is
  that of its bottleneck (the station with the highest busy share).
* WIP is the time average of parts released and not yet finished or scrapped; cycle time is
  release to finish of good parts; Little's law says WIP = throughput x mean cycle time.
* Flow and state KPIs (output, throughput, cycle time, WIP, shares, OEE) exclude the warm-up;
  energy, CO2, cost, delivery and backlog cover the whole horizon, and the per-unit figures
  (energy per unit, cost per unit) divide them by the whole horizon's output.
* energy is the power of each machine's state times its duration; CO2 is energy x the grid
  factor plus transport and outsourcing CO2; with an ``[energy]`` section the meter of
  :mod:`sim.line.energy` prices and weights each clock hour's kWh with that hour's tariff and
  grid factor (and adds ``CO2 energy per unit``, ``energy cost per unit``). Cost = energy +
  labour + overtime + material and transport + outsourced work + maintenance + late penalties.
* on-time delivery is the share of orders due within the horizon that were complete by their
  due date (for arrival-driven release: the share of delivered units that were on time).
* backlog is the number of units due within the horizon and not delivered at its end
  (arrival-driven release without due dates: the parts still in the line).
* with a ``[quality]`` section: escapes, caught defects, parts inspected and re-tested, and
  the line quality rate (good units out / parts started, whole horizon; see
  :mod:`sim.results.quality_kpis`), and their costs in the total.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.line.station import STATES
from sim.results.quality_kpis import quality_costs, quality_kpis

if TYPE_CHECKING:
    from sim.line.model import LineModel


def station_table(model: LineModel) -> pd.DataFrame:
    """Per-station state shares, utilisation and OEE factors (after warm-up), energy (whole run)."""
    base = model.baseline or {}
    period = model.env.now - (model.scenario.warmup if model.baseline else 0.0)
    rows = []
    meter = model.energy
    if meter is not None:
        meter.read()
    for st in model.stations:
        times = dict.fromkeys(STATES, 0.0)
        energy = 0.0
        for machine in st.machines:
            before = base.get("time", {}).get((st.name, machine.index), {})
            for state in STATES:
                spent = machine.time[state] - before.get(state, 0.0)
                times[state] += spent
                energy += st.power(state) * machine.time[state] / 60.0
        processed, good, scrapped, reworked = (
            np.subtract((st.processed, st.good, st.scrapped, st.reworked),
                        base.get("processed", {}).get(st.name, (0, 0, 0, 0)))
        )
        total = period * len(st.machines)
        planned = total - times["off"]
        run = planned - times["down"] - times["setup"]
        availability = run / planned if planned > 0 else float("nan")
        if st.ideal is not None:  # ISO 22400: ideal cycle time x produced quantity / run time
            ideal = st.ideal_minutes - base.get("ideal_minutes", {}).get(st.name, 0.0)
            performance = ideal / run if run > 0 else float("nan")
        else:  # no ideal cycle time given: the rate loss is not known, only the idle losses
            performance = times["busy"] / run if run > 0 else float("nan")
        quality = good / processed if processed else float("nan")
        row = {"station": st.name, "machines": len(st.machines)}
        row.update({f"share_{s}": times[s] / total if total else 0.0 for s in STATES})
        row.update({
            "utilisation": times["busy"] / total if total else 0.0,
            "availability": availability,
            "performance": performance,
            "quality": quality,
            "oee": availability * performance * quality,
            "processed": int(processed),
            "good": int(good),
            "scrapped": int(scrapped),
            "reworked": int(reworked),
            "down_h": times["down"] / 60.0,
            "starved_h": (times["starved"] + times["material"]) / 60.0,
            "blocked_h": times["blocked"] / 60.0,
            "energy_kwh": energy if meter is None else meter.station_kwh[st.name],
        })
        rows.append(row)
    return pd.DataFrame(rows).set_index("station")


def line_kpis(model: LineModel, stations: pd.DataFrame) -> pd.Series:
    """Line KPIs as a Series whose names carry their units."""
    sc = model.scenario
    eco = sc.economics
    base = model.baseline or {}
    warm = sc.warmup if model.baseline else 0.0
    hours = (model.env.now - warm) / 60.0
    finished_before = base.get("finished", {})
    out = {v: model.finished[v] - finished_before.get(v, 0) for v in sc.variants}
    total_out = sum(out.values())
    cycle = model.cycle.minus(base["cycle"]) if "cycle" in base else model.cycle
    wip_area = model.wip_area - base.get("wip_area", 0.0)

    k: dict[str, float] = {"output [units]": total_out}
    for v, n in out.items():
        k[f"output {v} [units]"] = n
    k["throughput [units/h]"] = total_out / hours if hours else float("nan")
    for v, n in out.items():
        k[f"throughput {v} [units/h]"] = n / hours if hours else float("nan")
    k["cycle time mean [h]"] = cycle.mean / 60.0
    k["cycle time p90 [h]"] = cycle.quantile(0.9) / 60.0
    k["WIP mean [units]"] = wip_area / (hours * 60.0) if hours else float("nan")
    k["scrap [units]"] = model.scrapped - base.get("scrapped", 0)

    bottleneck = stations.to_dict("index")[stations["utilisation"].idxmax()]
    for factor in ("availability", "performance", "quality", "oee"):
        k[f"{'OEE' if factor == 'oee' else factor} [%]"] = 100 * float(bottleneck[factor])
    k["downtime [h]"] = float(stations["down_h"].sum())
    first = stations.index[0]
    k["material shortage at first station [h]"] = float(
        stations.loc[first, "share_material"] * hours * stations.loc[first, "machines"]
    )

    meter = model.energy
    if meter is None:  # flat prices (no [energy] section)
        energy = sum(
            st.power(state) * m.time[state] / 60.0
            for st in model.stations for m in st.machines for state in STATES
        )
        co2_energy = energy * eco.grid_co2_kg_per_kwh
        energy_cost = energy * eco.energy_price_per_kwh
    else:  # hourly tariff and grid-CO2 profile, speeds (sim.line.energy)
        meter.read()
        energy, co2_energy, energy_cost = meter.kwh, meter.co2, meter.cost
    k["energy [kWh]"] = energy
    all_out = sum(model.finished.values())  # whole horizon, like energy and cost
    k["energy per unit [kWh/unit]"] = energy / all_out if all_out else float("nan")
    if meter is not None:
        k["CO2 energy per unit [kg/unit]"] = co2_energy / all_out if all_out else float("nan")
        k[f"energy cost per unit [{eco.currency}/unit]"] = (
            energy_cost / all_out if all_out else float("nan"))
    k["CO2 [kg]"] = co2_energy + model.materials.transport_co2 + model.external_co2
    k["CO2 transport [kg]"] = model.materials.transport_co2 + model.external_co2

    orders = [o for o in model.release.orders.values() if not o.cancelled]
    due_orders = [o for o in orders if o.due <= model.env.now]
    if due_orders:
        on_time = sum(1 for o in due_orders if o.finished_at is not None
                      and o.finished_at <= o.due + 1e-9)
        k["on-time delivery [%]"] = 100.0 * on_time / len(due_orders)
        backlog = sum(o.quantity - o.done for o in due_orders)
        late_units = sum(o.quantity - o.done for o in due_orders) + model.late_units
    elif model.due_units:
        k["on-time delivery [%]"] = 100.0 * (1 - model.late_units / model.due_units)
        backlog = model.wip
        late_units = model.late_units
    else:
        k["on-time delivery [%]"] = float("nan")
        backlog = model.wip if sc.release.kind != "orders" else 0
        late_units = 0
    k["backlog [units]"] = backlog
    k["late units [units]"] = late_units
    k["overtime [h]"] = model.staffing.overtime_minutes / 60.0

    labour = model.staffing.staff_minutes / 60.0 * eco.labour_cost_per_staff_hour
    costs = {
        "energy": energy_cost,
        "labour": labour,
        "overtime": model.staffing.overtime_cost,
        "material": model.materials.purchase_cost,
        "outsourced": model.external_cost,
        "maintenance": model.maintenance_cost,
        "late penalty": late_units * eco.late_penalty_per_unit,
    }
    if model.repair_cost is not None:  # only where the scenario prices failure repairs
        costs["repair"] = model.repair_cost
    if model.quality is not None:  # escapes, repairs, the extended test, cooling
        costs.update(quality_costs(model))
        k.update(quality_kpis(model))
    k[f"cost [{eco.currency}]"] = sum(costs.values())
    for name, value in costs.items():
        k[f"cost {name} [{eco.currency}]"] = value
    k[f"cost per unit [{eco.currency}/unit]"] = (
        k[f"cost [{eco.currency}]"] / all_out if all_out else float("nan")
    )
    k["breakdowns [count]"] = model.breakdowns
    return pd.Series(k, name="value", dtype=float)
