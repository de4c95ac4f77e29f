"""Tables the page shows, as plain pandas and as small HTML fragments (no web framework).

* :func:`kpi_comparison`: the key figures of the watched run, and with agents on, of the
  baseline at the same moment with the difference.
* :func:`journal_table`: the agents' decision journal, times as weekday and clock.
* :func:`happenings`: what happened on the line (deliveries, breakdowns ...) as sentences.
* :func:`html_table`: any of these as an escaped ``<table>`` with a CSS class the page styles
  and the browser test finds.

Labels are in the language in force (:mod:`sim.i18n`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import pandas as pd

from sim.i18n import get_language, keys, kpi_label, narrate, number, t, ui, when
from sim.line.announcements import LOG_ONLY, Announcement
from sim.results.names import HEADLINE, headline
from sim.results.result import Result

KPI_ROWS = HEADLINE
"""KPIs on the page, in this order (``{cur}``: the scenario's currency)."""

_QUIET_KINDS = frozenset((*LOG_ONLY, Announcement.ACTION))
"""Event-log kinds not narrated: too frequent, or (agent actions) shown in the journal."""
_CATALOGUE_KEYS = frozenset(keys())
_STATUS = frozenset(f"status.{s}" for s in ("executed", "scheduled", "refused", "noted"))


def kpi_names(result: Result) -> list[str]:
    """The page's KPI names that ``result`` has, in page order."""
    names = headline(result.metadata.get("currency", "EUR"))
    return [n for n in names if n in result.kpis.index]


def kpi_comparison(result: Result, baseline: Result | None = None) -> pd.DataFrame:
    """The page's KPIs of ``result`` and, if given, of ``baseline`` with the difference.

    Args:
        result: The watched run (with agents, when on).
        baseline: The baseline run at the same moment, or ``None``.

    Returns:
        Indexed by KPI name (English identifiers). Columns ``value`` without a baseline; else
        ``baseline``, ``agents``, ``delta`` (agents - baseline) and ``delta_pct`` (relative to
        the baseline; NaN where the baseline is 0 or NaN).
    """
    names = kpi_names(result)
    agents = result.kpis.reindex(names).astype(float)
    if baseline is None:
        table = pd.DataFrame({"value": agents})
    else:
        base = baseline.kpis.reindex(names).astype(float)
        delta = agents - base
        pct = 100.0 * delta / base.where(base != 0)
        table = pd.DataFrame({"baseline": base, "agents": agents, "delta": delta,
                              "delta_pct": pct})
    table.attrs.update(result.kpis.attrs)
    return table


def _fmt(value: float, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    value = float(value)
    digits = 0 if value.is_integer() or abs(value) >= 100 else 1 if abs(value) >= 1 else 2
    text = number(value, digits)
    return f"+{text}" if signed and value > 0 else text


def kpi_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`kpi_comparison` formatted for people: translated names and headers, text cells."""
    headers = {"value": t("axis.value"), "baseline": t("who.baseline"),
               "agents": t("who.agents"), "delta": t("axis.delta"),
               "delta_pct": t("axis.delta_pct")}
    out = pd.DataFrame({
        headers[col]: [_fmt(v, signed=col.startswith("delta")) for v in table[col]]
        for col in table.columns
    }, index=[kpi_label(name) for name in table.index])
    out.index.name = t("axis.kpi")
    return out


def journal_table(result: Result) -> pd.DataFrame:
    """The decision journal for people: one row per decision, newest last.

    Columns: time (weekday and clock), agent, what it chose, status, who approved, the
    predicted cost / CO2 / lateness of the choice, and the reason. A journal without the agents
    layer's columns is shown as it is, with a ``time`` column in minutes (or ``time_h`` in
    hours) turned into weekday and clock.

    Args:
        result: A run's result.

    Returns:
        A table of text cells (empty when nothing was decided).
    """
    journal = result.decisions
    if journal is None or journal.empty:
        return pd.DataFrame()
    if {"time_min", "agent", "choice", "options", "status"} <= set(journal.columns):
        return _rich_journal(journal)
    out = journal.copy()
    if "time" in out.columns:
        out["time"] = [when(float(v)) for v in out["time"]]
    elif "time_h" in out.columns:
        out["time_h"] = [when(60.0 * float(v)) for v in out["time_h"]]
        out = out.rename(columns={"time_h": "time"})
    return out.reset_index(drop=True).astype(str)


def _known(key: str) -> bool:
    return key in _CATALOGUE_KEYS


def option_text(name: str, description: str) -> str:
    """An option for people: in English the agent's own description (with its quantities).

    In another language the catalogue's words for the option's kind (the part of its name
    before ``_``; ``a+b`` for combined options) are used when the catalogue knows every part,
    else the (English) description.
    """
    if get_language() != "en":
        keys_ = [f"option.{part.split('_')[0]}" for part in name.split("+")]
        if all(_known(key) for key in keys_):
            return " + ".join(t(key) for key in keys_)
    return description or name


def predicted_text(cost: float, co2_kg: float, lateness_h: float) -> str:
    """``"cost 1,234 · CO2 56 kg · late 3.5 h"`` (parts that were not simulated are left out)."""
    parts = []
    for key, value, unit in (("cost", cost, ""), ("co2", co2_kg, " kg"),
                             ("lateness", lateness_h, " h")):
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            parts.append(f"{ui(f'weight.{key}')} {_fmt(value)}{unit}")
    return " · ".join(parts)


def _rich_journal(journal: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for _, dec in journal.iterrows():
        chosen = next((o for o in dec["options"] if o.get("chosen")), {})
        agent = str(dec["agent"])
        status = str(dec["status"])
        rows.append({
            ui("col.time"): when(float(dec["time_min"])),
            ui("col.agent"): t(f"who.{agent}") if _known(f"who.{agent}") else agent,
            ui("col.choice"): option_text(str(dec["choice"]), str(chosen.get("description", ""))),
            ui("col.status"): ui(f"status.{status}") if f"status.{status}" in _STATUS else status,
            ui("col.approved_by"): str(dec.get("approved_by", "")),
            ui("col.predicted"): predicted_text(dec.get("cost"), dec.get("co2_kg"),
                                                dec.get("lateness_h")),
            ui("col.reason"): str(dec.get("reason", "")),
        })
    return pd.DataFrame(rows)


def options_table(options: Sequence[object]) -> pd.DataFrame:
    """The options an agent weighed for one proposal, for people (the chosen one marked).

    Args:
        options: The proposal's options (objects with ``name``, ``description``,
            ``predicted`` as in :class:`sim.agents.journal.Option`).

    Returns:
        Indexed by the option's text; columns: predicted cost, CO2, lateness, score.
    """
    rows, index = [], []
    for option in options:
        predicted = getattr(option, "predicted", {}) or {}
        index.append(option_text(getattr(option, "name", ""), getattr(option, "description", "")))
        rows.append({
            ui("weight.cost"): _fmt(predicted.get("cost", float("nan"))),
            f"{ui('weight.co2')} [kg]": _fmt(predicted.get("co2_kg", float("nan"))),
            f"{ui('weight.lateness')} [h]": _fmt(predicted.get("lateness_h", float("nan"))),
            ui("col.score"): _fmt(predicted.get("score", float("nan"))),
        })
    table = pd.DataFrame(rows, index=index)
    table.index.name = ui("col.option")
    return table


def happenings(result: Result, last: int = 8) -> list[str]:
    """The last ``last`` noteworthy events of the run, each as one sentence with its time."""
    events = result.events
    if events is None or events.empty or "kind" not in events.columns:
        return []
    loud = events[~events["kind"].isin(_QUIET_KINDS)].tail(last)
    lines = []
    for _, row in loud.iterrows():
        data = {k: v for k, v in row.items()
                if k not in ("kind", "time_h") and not (isinstance(v, float) and math.isnan(v))}
        data.setdefault("time", 60.0 * float(row["time_h"]))
        lines.append(narrate(str(row["kind"]), data))
    return lines


def html_table(table: pd.DataFrame, css_class: str, caption: str = "",
               right_align: Sequence[str] = ()) -> str:
    """Render ``table`` (index as first column) as an escaped HTML ``<table>``.

    Args:
        table: The table; cells are converted with ``str``.
        css_class: The table's own class (the browser test finds it); every table also has
            the class ``wh-table`` (the page's style).
        caption: Optional caption (escaped).
        right_align: Columns whose cells are right-aligned (numbers).

    Returns:
        The HTML text.
    """
    esc = html.escape
    head = [table.index.name or ""] + [str(c) for c in table.columns]
    rows = [f"<caption>{esc(caption)}</caption>" if caption else ""]
    rows.append("<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead>")
    rows.append("<tbody>")
    for key, values in table.iterrows():
        cells = [f"<th scope='row'>{esc(str(key))}</th>"]
        for col, value in values.items():
            cls = " class='num'" if col in right_align else ""
            cells.append(f"<td{cls}>{esc(str(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows.append("</tbody>")
    return f"<table class='wh-table {esc(css_class)}'>" + "".join(rows) + "</table>"


def clock_text(now: float, horizon: float) -> str:
    """``"Simulated time: Tue 09:30 (28 % of the horizon)"`` in the language in force."""
    percent = number(100.0 * now / horizon if horizon else 100.0, 0)
    return ui("clock", when=when(now), percent=percent)
