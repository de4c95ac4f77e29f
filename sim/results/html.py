"""Rich display in Jupyter: the SYNTHETIC banner, the fingerprint and the key table as HTML.

``Result``, ``Comparison`` and the experiment results call these functions from their
``_repr_html_``, so that the label is visible exactly where lecturers and participants look
(JupyterLab, VS Code, Colab). Labels, KPI names and numbers follow the display language
(:func:`sim.set_language`). The HTML uses no scripts and no external files, and colours that
work on light and dark themes (a translucent background, the theme's own text colour).
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from sim import i18n

KEY_KPIS = ("output [units]", "throughput [units/h]", "OEE [%]", "on-time delivery [%]",
            "late units [units]", "WIP mean [units]", "cycle time mean [h]", "downtime [h]",
            "energy [kWh]", "CO2 [kg]", "cost [EUR]")
"""The KPIs shown first (when present); all others sit in a folded section below."""

MAX_ROWS = 40
"""Longest table shown in full; longer ones show their first rows and say how many follow."""

_BOX = ("font-family:var(--jp-ui-font-family, sans-serif);max-width:56em;"
        "border-left:6px solid #e69f00;padding:0.4em 0.8em;margin:0.3em 0;"
        "background:rgba(230,159,0,0.08)")
_LABEL = "font-weight:bold;letter-spacing:0.02em"
_PRINT = "font-family:var(--jp-code-font-family, monospace);font-size:90%;opacity:0.85"
_TABLE = "border-collapse:collapse;margin-top:0.4em;font-size:90%"
_CELL = "padding:0.1em 0.7em;text-align:right;border-bottom:1px solid rgba(128,128,128,0.25)"
_HEAD = "padding:0.1em 0.7em;text-align:left;border-bottom:1px solid rgba(128,128,128,0.25)"


def number(value: Any) -> str:
    """A table cell as text: integers without decimals, other numbers with 1-3, in language."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if math.isnan(value):
        return "n/a"
    if float(value).is_integer() and abs(value) < 1e12:
        return i18n.number(value, 0)
    return i18n.number(value, 2 if abs(value) >= 10 else 3)


def banner_html(title: str, fingerprint: str) -> str:
    """The banner: the SYNTHETIC label in bold, the title and the run fingerprint."""
    return (f'<div style="{_LABEL}">{html.escape(i18n.synthetic_label())}</div>'
            f"<div>{html.escape(title)}</div>"
            f'<div style="{_PRINT}">{html.escape(fingerprint)}</div>')


def table_html(frame: pd.DataFrame, index_name: str = "") -> str:
    """A small HTML table (escaped text, numbers formatted for the display language)."""
    shown = frame.head(MAX_ROWS)
    head = "".join(f'<th style="{_HEAD}">{html.escape(str(c))}</th>'
                   for c in (index_name, *shown.columns))
    rows = []
    for key, row in shown.iterrows():
        cells = "".join(f'<td style="{_CELL}">{html.escape(number(v))}</td>' for v in row)
        rows.append(f'<tr><th style="{_HEAD}">{html.escape(_key(key))}</th>{cells}</tr>')
    more = len(frame) - len(shown)
    note = f"<div>… {more} more rows</div>" if more > 0 else ""
    return f'<table style="{_TABLE}"><tr>{head}</tr>{"".join(rows)}</table>{note}'


def _key(key: Any) -> str:
    return " · ".join(map(str, key)) if isinstance(key, tuple) else str(key)


def _kpi_frame(kpis: pd.Series, names: Iterable[str], column: str) -> pd.DataFrame:
    picked = [n for n in names if n in kpis.index]
    return pd.DataFrame({column: [kpis[n] for n in picked]},
                        index=[i18n.kpi_label(n) for n in picked])


def _box(*parts: str) -> str:
    return f'<div style="{_BOX}">{"".join(parts)}</div>'


def result_html(result: Any) -> str:
    """HTML for a :class:`~sim.results.result.Result`: banner, key KPIs, all KPIs folded."""
    kpis = result.kpis
    key = _kpi_frame(kpis, KEY_KPIS, "value")
    rest = _kpi_frame(kpis, [n for n in kpis.index if n not in KEY_KPIS], "value")
    title = f"Result · {result.metadata.get('scenario', '?')} · seed {result.metadata.get('seed')}"
    folded = (f"<details><summary>{len(rest)} more KPIs</summary>{table_html(rest)}</details>"
              if len(rest) else "")
    return _box(banner_html(title, result.fingerprint), table_html(key, "KPI"), folded)


def comparison_html(comparison: Any) -> str:
    """HTML for a :class:`~sim.experiments.compare.Comparison`: banner and the balance table."""
    table = comparison.table.rename(index=i18n.kpi_label)
    meta = comparison.metadata
    title = (f"Comparison · agents off vs on · {meta.get('scenario', '?')} · seed "
             f"{meta.get('seed')} · {meta.get('decisions', 0)} decisions")
    return _box(banner_html(title, comparison.fingerprint), table_html(table, "KPI"))


def experiment_html(experiment: Any) -> str:
    """HTML for an experiment result: banner and the summary (n, mean, CI) per KPI and group."""
    summary = experiment.summary
    stats = [c for c in ("n", "mean", "ci_low", "ci_high") if c in summary.columns]
    ids = [c for c in summary.columns if c not in ("n", "mean", "std", "sem", "half_width",
                                                   "ci_low", "ci_high")]
    table = summary.set_index(ids)[stats] if ids else summary[stats]
    if "kpi" in ids and len(ids) == 1:
        table = table.rename(index=i18n.kpi_label)
    meta = experiment.metadata
    title = (f"{type(experiment).__name__} · {meta.get('kind', 'experiment')} · "
             f"{meta.get('scenario', '?')} · n {meta.get('n', '?')}")
    return _box(banner_html(title, experiment.fingerprint), table_html(table, " · ".join(ids)))
