"""The narrative timeline of a comparison: what happened, when, in plain words.

Lines come from the event logs of both runs (disruptions, breakdowns, shipments from sister
sites, overtime, the first wait for material) and from the agents' decision journal; lines
about the run without agents are marked ``[baseline]``. The last lines sum up the
end-of-day balance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from sim.scenario.units import format_duration, format_when

if TYPE_CHECKING:
    from sim.results.result import Result
    from sim.scenario.schema import Scenario


def timeline(scenario: Scenario, baseline: Result, agents: Result) -> list[str]:
    """The comparison's story, one line per moment, sorted by time."""
    entries: list[tuple[float, int, str]] = []
    routes = {m: spec.supplier or "supplier" for m, spec in scenario.materials.items()}
    units = {m: spec.unit for m, spec in scenario.materials.items()}
    for row in _rows(agents.events):
        text = _world(row, routes, units)
        if text is not None:
            entries.append((row["time_h"], 0, text))
    for label, result in (("[baseline] ", baseline), ("", agents)):
        rows = _rows(result.events)
        short = next((r for r in rows if r["kind"] == "material_short"), None)
        if short is not None:
            hours = result.kpis.get("material shortage at first station [h]", float("nan"))
            entries.append((short["time_h"], 1, f"{label}{short['station']} starts waiting for "
                            f"material ({short['variant']}); {hours:.1f} h of material shortage "
                            "in the whole run"))
        for r in rows:
            if r["kind"] == "overtime":
                entries.append((r["time_h"], 1, f"{label}the shift is extended by "
                                f"{format_duration(r['minutes'])} of overtime ({r['staff']:.0f} "
                                "staff)"))
    for _, dec in agents.decisions.iterrows():
        entries.append((dec["time_h"], 2, _decision(dec)))
    entries.sort(key=lambda e: (e[0], e[1]))
    lines = [f"{format_when(t * 60)} — {text}" for t, _, text in entries]
    return lines + balance_sentences(baseline, agents)


def _rows(events: pd.DataFrame) -> list[dict[str, Any]]:
    if events is None or events.empty:
        return []
    keep = events[events["kind"] != "state"]
    return [{k: v for k, v in row.items() if not _missing(v)}
            for row in keep.to_dict("records")]


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _world(row: dict[str, Any], routes: dict[str, str], units: dict[str, str]) -> str | None:
    kind = row["kind"]
    if kind == "route_held":
        return (f"{row['disruption']}: the {row['material']} route is cut until "
                f"{format_when(row['until'])} (nobody has told the plant yet)")
    if kind == "delivery_delayed":
        return (f"the supplier reports a {format_duration(row['delay'])} delay of "
                f"{row['material']} ({row['quantity']:,.0f} affected)")
    if kind == "delivery_cancelled":
        return f"the supplier cancels a delivery of {row['quantity']:,.0f} {row['material']}"
    if kind == "staff_absent":
        return f"{row['count']:.0f} staff call in sick for {format_duration(row['duration'])}"
    if kind == "order_cancelled":
        return f"the customer cancels order {row['order']} ({row['dropped']:.0f} unit(s) dropped)"
    if kind == "breakdown":
        what = {"failure": "breaks down", "scripted": "is stopped (scripted breakdown)",
                "maintenance": "stops for planned maintenance"}.get(row.get("cause"), "stops")
        return f"{row['station']} [{row['machine']:.0f}] {what}"
    if kind == "delivery" and row.get("source") != routes.get(row["material"]):
        unit = units.get(row["material"], "")
        return f"{row['quantity']:,.0f} {unit} {row['material']} arrive from {row['source']}"
    if kind == "action" and row.get("action") == "outsource":
        return (f"{row['site']} takes over {row['quantity']:.0f} unit(s) of {row['order']} "
                f"(delivered in {format_duration(row['lead_time'])})")
    return None


def _decision(dec: pd.Series) -> str:
    agent = dec["agent"]
    if agent == "supplier":
        options = {o["option"]: o for o in dec["options"]}
        chosen = options.get(dec["choice"], {})
        return f"supplier agent ({dec['trigger']}): {chosen.get('description', dec['choice'])}"
    weighed = ", ".join(o["option"] for o in dec["options"])
    chosen = next((o for o in dec["options"] if o["chosen"]), {})
    simulated = "simulated in the twin" if not pd.isna(dec["score"]) else "by rule"
    text = (f"{agent} ({dec['trigger']}) weighs {dec['n_options']} option(s) {simulated} "
            f"[{weighed}]; chooses '{chosen.get('description', dec['choice'])}'")
    status = dec["status"]
    if status == "refused":
        text += f" — REFUSED by {dec['approved_by']}"
    elif status == "scheduled":
        text += (f" — approved by {dec['approved_by']} at "
                 f"{format_when(dec['executed_at_h'] * 60)}")
    elif status == "executed" and dec["autonomy"] == "autonomous":
        text += " — done at once (autonomous, within guardrails)"
    return f"{text}. Why: {dec['reason']}"


def balance_sentences(baseline: Result, agents: Result) -> list[str]:
    """The end-of-day balance in words (agents vs baseline)."""
    cur = baseline.metadata.get("currency") or next(
        (k[6:-1] for k in baseline.kpis.index if k.startswith("cost [")), "EUR")
    pieces = []
    for name, unit, digits in (("output [units]", " units", 0),
                               ("on-time delivery [%]", "%", 1),
                               ("material shortage at first station [h]", " h shortage", 1),
                               ("downtime [h]", " h downtime", 1),
                               ("energy [kWh]", " kWh", 0),
                               (f"cost [{cur}]", f" {cur}", 0), ("CO2 [kg]", " kg CO2", 0)):
        if name not in agents.kpis.index:
            continue
        a, b = float(agents.kpis[name]), float(baseline.kpis[name])
        pct = f" ({(a - b) / abs(b):+.1%})" if abs(b) > 1e-12 and "%" not in unit else ""
        pieces.append(f"{a:,.{digits}f}{unit} vs {b:,.{digits}f}{pct}")
    end = format_when(float(agents.metadata.get("horizon_h", 0.0)) * 60)
    return [f"{end} — end-of-day balance, with agents vs without: " + "; ".join(pieces) + "."]
