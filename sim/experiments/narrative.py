"""The narrative timeline of a comparison: what happened, when, in plain words.

Lines come from the event logs of both runs (disruptions, breakdowns, shipments from sister
sites, overtime, the first wait for material) and from the agents' decision journal; lines
about the run without agents are marked ``[baseline]``. The last lines sum up the
end-of-day balance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from sim import i18n
from sim.i18n import display_name as _name
from sim.i18n import t, when
from sim.i18n.message import shown
from sim.line.announcements import Announcement
from sim.scenario.units import format_duration

if TYPE_CHECKING:
    from sim.results.result import Result
    from sim.scenario.schema import Scenario


def timeline(scenario: Scenario, baseline: Result, agents: Result) -> list[str]:
    """The comparison's story, one line per moment, sorted by time, in the current language."""
    entries: list[tuple[float, int, str]] = []
    routes = {m: spec.supplier or "supplier" for m, spec in scenario.materials.items()}
    units = {m: spec.unit for m, spec in scenario.materials.items()}
    for row in _rows(agents.events):
        text = _world(row, routes, units)
        if text is not None:
            entries.append((row["time_h"], 0, text))
    for tag, result in ((t("timeline.baseline_tag") + " ", baseline), ("", agents)):
        rows = _rows(result.events)
        short = next((r for r in rows if r["kind"] == Announcement.MATERIAL_SHORT), None)
        if short is not None:
            hours = result.kpis.get("material shortage at first station [h]", float("nan"))
            entries.append((short["time_h"], 1, t(
                "timeline.material_short", tag=tag, station=_name(short["station"]),
                variant=_name(short["variant"]), hours=_num(hours, ".1f"))))
        for r in rows:
            if r["kind"] == Announcement.OVERTIME:
                entries.append((r["time_h"], 1, t(
                    "timeline.overtime", tag=tag, minutes=_dur(r["minutes"]),
                    staff=_num(r["staff"], ".0f"))))
    for _, dec in agents.decisions.iterrows():
        entries.append((dec["time_h"], 2, _decision(dec)))
    entries.sort(key=lambda e: (e[0], e[1]))
    lines = [f"{when(time * 60)} — {text}" for time, _, text in entries]
    return lines + balance_sentences(baseline, agents)


def _num(value: float, spec: str) -> str:
    """Format ``value`` with ``spec``; in German with decimal comma and thousands dot."""
    text = format(value, spec)
    if i18n.get_language() == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _dur(minutes: float) -> str:
    """A duration such as ``"3.5 h"``, with a decimal comma in German."""
    text = format_duration(minutes)
    return text.replace(".", ",") if i18n.get_language() == "de" else text


def _who(name: str) -> str:
    """A role or agent name (``planner``, ``human`` ...) in the current language."""
    try:
        return t(f"who.{name}")
    except KeyError:
        return name


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
    if kind == Announcement.ROUTE_HELD:
        return t("timeline.route_held", disruption=_name(row["disruption"]),
                 material=_name(row["material"]), until=when(row["until"]))
    if kind == Announcement.DELIVERY_DELAYED:
        return t("timeline.delivery_delayed", delay=_dur(row["delay"]),
                 material=_name(row["material"]), quantity=_num(row["quantity"], ",.0f"))
    if kind == Announcement.DELIVERY_CANCELLED:
        return t("timeline.delivery_cancelled", quantity=_num(row["quantity"], ",.0f"),
                 material=_name(row["material"]))
    if kind == Announcement.STAFF_ABSENT:
        return t("timeline.staff_absent", count=_num(row["count"], ".0f"),
                 duration=_dur(row["duration"]))
    if kind == Announcement.ORDER_CANCELLED:
        return t("timeline.order_cancelled", order=row["order"],
                 dropped=_num(row["dropped"], ".0f"))
    if kind == Announcement.BREAKDOWN:
        cause = row.get("cause")
        key = (f"timeline.breakdown.{cause}"
               if cause in ("failure", "scripted", "maintenance") else "timeline.breakdown.other")
        return t(key, station=_name(row["station"]), machine=_num(row["machine"], ".0f"))
    if kind == Announcement.DELIVERY and row.get("source") != routes.get(row["material"]):
        return t("timeline.delivery", quantity=_num(row["quantity"], ",.0f"),
                 unit=units.get(row["material"], ""), material=_name(row["material"]),
                 source=_name(row["source"]))
    if kind == Announcement.ACTION and row.get("action") == "outsource":
        return t("timeline.outsource", site=_name(row["site"]),
                 quantity=_num(row["quantity"], ".0f"), order=row["order"],
                 lead_time=_dur(row["lead_time"]))
    return None


def _decision(dec: pd.Series) -> str:
    agent = dec["agent"]
    german = i18n.get_language() == "de"
    if agent == "supplier":
        options = {o["option"]: o for o in dec["options"]}
        chosen = options.get(dec["choice"], {})
        choice = (i18n.option_label(dec["choice"]) if german
                  else chosen.get("description", dec["choice"]))
        return t("timeline.supplier_decision", trigger=shown(dec["trigger"]), choice=choice)
    weighed = ("; " if german else ", ").join(
        i18n.option_label(o["option"]) if german else o["option"] for o in dec["options"])
    chosen = next((o for o in dec["options"] if o["chosen"]), {})
    how = t("timeline.simulated") if not pd.isna(dec["score"]) else t("timeline.by_rule")
    choice = (i18n.option_label(dec["choice"]) if german
              else chosen.get("description", dec["choice"]))
    text = t("timeline.decision", agent=_who(agent), trigger=shown(dec["trigger"]),
             n=dec["n_options"], how=how, weighed=weighed, choice=choice)
    status = dec["status"]
    if status == "refused":
        text += " — " + t("timeline.refused", who=_who(shown(dec["approved_by"])))
    elif status == "scheduled":
        text += " — " + t("timeline.scheduled", who=_who(shown(dec["approved_by"])),
                          at=when(dec["executed_at_h"] * 60))
    elif status == "executed" and dec["autonomy"] == "autonomous":
        text += " — " + t("timeline.autonomous")
    return t("timeline.why", text=text, reason=shown(dec["reason"]))


def balance_sentences(baseline: Result, agents: Result) -> list[str]:
    """The end-of-day balance in words (agents vs baseline), in the current language."""
    cur = baseline.metadata.get("currency") or next(
        (k[6:-1] for k in baseline.kpis.index if k.startswith("cost [")), "EUR")
    pieces = []
    for name, unit, digits in (("output [units]", " " + t("timeline.unit.units"), 0),
                               ("on-time delivery [%]", "%", 1),
                               ("material shortage at first station [h]",
                                " " + t("timeline.unit.shortage"), 1),
                               ("downtime [h]", " " + t("timeline.unit.downtime"), 1),
                               ("energy [kWh]", " kWh", 0),
                               (f"cost [{cur}]", f" {cur}", 0), ("CO2 [kg]", " kg CO2", 0)):
        if name not in agents.kpis.index:
            continue
        a, b = float(agents.kpis[name]), float(baseline.kpis[name])
        pct = (f" ({_num((a - b) / abs(b), '+.1%')})"
               if abs(b) > 1e-12 and "%" not in unit else "")
        pieces.append(t("timeline.balance_piece", a=_num(a, f",.{digits}f"), unit=unit,
                        b=_num(b, f",.{digits}f"), pct=pct))
    end = when(float(agents.metadata.get("horizon_h", 0.0)) * 60)
    return [t("timeline.balance", end=end, pieces="; ".join(pieces))]
