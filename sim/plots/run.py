"""Standard plots: matplotlib functions over a :class:`~sim.results.Result`, never over a model.

Every figure carries a diagonal ``SYNTHETIC`` watermark and, in its footer, the SYNTHETIC label
with the run fingerprint (:func:`~sim.plots.base.label_figure`, re-exported here; reuse it
for any new plot). Figures are built as :class:`~sim.plots.base.SyntheticFigure` objects,
not through ``pyplot``: no global figure registry and no backend is needed, which makes them
safe in a CLI or a web server, and a notebook shows them as PNG when they are a cell's value.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from sim import i18n
from sim.i18n import t as _t
from sim.line.announcements import Announcement
from sim.plots.base import (
    STATE_COLOURS,
    WATERMARK,
    SyntheticFigure,
    label_figure,
    no_data,
    png_metadata,
    shade_warmup,
    state_segments,
    time_axis,
)
from sim.results.io import write_figures

if TYPE_CHECKING:
    from sim.results.result import Result

__all__ = [
    "STANDARD_PLOTS",
    "STATE_COLOURS",
    "WATERMARK",
    "SyntheticFigure",
    "label_figure",
    "plot_kpi_bars",
    "plot_station_gantt",
    "plot_wip_stock",
    "png_metadata",
    "save_standard_plots",
    "standard_figures",
    "state_segments",
]

_DISRUPTION_KINDS = (Announcement.DELIVERY_DELAYED, Announcement.DELIVERY_CANCELLED,
                     Announcement.STAFF_ABSENT, Announcement.ORDER_CANCELLED)

def plot_station_gantt(result: Result) -> Figure:
    """Station states over time, one row per machine (one colour per state, with a legend).

    Uses :func:`state_segments`: exact from the event log when it was kept, else the sampled
    states of the timeseries (the title says which).
    """
    seg = state_segments(result)
    keys = list(dict.fromkeys(zip(seg["station"], seg["machine"], strict=True)))
    fig = SyntheticFigure(figsize=(12, 1.9 + 0.42 * max(len(keys), 3)), layout="constrained")
    ax = fig.add_subplot()
    if seg.empty:
        no_data(ax, _t("plot.no_states"))
    else:
        multi = {s for s, n in result.stations["machines"].items() if n > 1}
        labels = []
        for row, (station, machine) in enumerate(keys):
            labels.append(f"{station} [{machine}]" if station in multi and machine >= 0
                          else station)
            mine = seg[(seg["station"] == station) & (seg["machine"] == machine)]
            for state, part in mine.groupby("state", sort=False):
                spans = list(zip(part["start_h"], part["end_h"] - part["start_h"], strict=True))
                ax.broken_barh(spans, (row - 0.4, 0.8), facecolors=_colour(state), linewidth=0)
        ax.set_yticks(range(len(keys)), labels)
        ax.set_ylim(len(keys) - 0.4, -0.6)
        present = [s for s in STATE_COLOURS if s in set(seg["state"])]
        present += sorted(set(seg["state"]) - set(STATE_COLOURS))
        handles = [Patch(color=_colour(s), label=_state(s)) for s in present]
        if float(result.metadata.get("warmup_h") or 0.0) > 0:
            handles.append(Patch(facecolor="#9e9e9e", alpha=0.3, hatch="//",
                                 label=_t("plot.warmup")))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                  title=_t("plot.state"))
    time_axis(ax, result)
    shade_warmup(ax, result)
    source = seg.attrs.get("source", "none")
    sources = {"samples": "plot.source.samples", "event log": "plot.source.event_log",
               "event log (truncated)": "plot.source.event_log_truncated",
               "none": "plot.source.none"}
    how = (_t(sources[source], interval=_interval(result)) if source == "samples"
           else _t(sources[source]) if source in sources else source)
    ax.set_title(_t("plot.gantt_title", how=how), loc="left")
    return label_figure(fig, result.metadata)


# -- WIP, output and stock ----------------------------------------------------------------------
def plot_wip_stock(result: Result) -> Figure:
    """WIP and backlog, cumulative output per variant, and the stock of each material over time.

    Scripted disruptions from the event log are marked with dashed lines; a delivery delay
    shades its outage on the stock panel.
    """
    ts = result.timeseries
    fig = SyntheticFigure(figsize=(12, 8.5), layout="constrained")
    axes = fig.subplots(3, 1, sharex=True)
    if ts.empty:
        for ax in axes:
            no_data(ax, _t("plot.no_timeseries"))
        time_axis(axes[-1], result)
        return label_figure(fig, result.metadata)
    t = ts["time_h"].to_numpy(dtype=float)
    ax_wip, ax_out, ax_stock = axes
    ax_wip.step(t, ts["wip"], where="post", label=_t("plot.wip_curve"), color="#1565c0")
    if "backlog" in ts:
        ax_wip.step(t, ts["backlog"], where="post", label=_t("plot.backlog_curve"),
                    color="#c62828")
    ax_wip.set_ylabel(_t("plot.units"))
    ax_wip.set_title(_t("plot.wip_title"), loc="left")
    ax_out.plot(t, ts["output"], label=_t("plot.output_all"), color="black", linewidth=1.8)
    for column in [c for c in ts.columns if c.startswith("output_")]:
        ax_out.plot(t, ts[column],
                    label=_t("plot.output_variant", variant=column.removeprefix("output_")))
    ax_out.set_ylabel(_t("plot.units_cumulative"))
    ax_out.set_title(_t("plot.output_title"), loc="left")
    stock = [c for c in ts.columns if c.startswith("stock_")]
    for column in stock:
        ax_stock.step(t, ts[column], where="post", label=column.removeprefix("stock_"))
    if not stock:
        no_data(ax_stock, _t("plot.no_materials"))
    ax_stock.set_ylabel(_t("plot.stock_units"))
    ax_stock.set_title(_t("plot.stock_title"), loc="left")
    _mark_disruptions(axes, result)
    for ax in axes:
        shade_warmup(ax, result)
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    time_axis(ax_stock, result)
    return label_figure(fig, result.metadata)


def _mark_disruptions(axes: np.ndarray, result: Result) -> None:
    events = result.events
    if events.empty or "kind" not in events:
        return
    scripted = (events["kind"] == Announcement.BREAKDOWN) & _column(events, "cause").eq("scripted")
    marks = events[events["kind"].isin(_DISRUPTION_KINDS) | scripted]
    for _, row in marks.iterrows():
        when = float(row["time_h"])
        for ax in axes:
            ax.axvline(when, color="#555555", linestyle="--", linewidth=0.9)
        what = _t(f"plot.kind.{row['kind']}")
        detail = row.get("material") if isinstance(row.get("material"), str) else row.get(
            "station")
        label = f"{what}: {detail}" if isinstance(detail, str) else what
        axes[0].annotate(label, (when, 1.0), xycoords=("data", "axes fraction"),
                         xytext=(3, -3), textcoords="offset points", va="top", fontsize=8,
                         rotation=90, color="#333333")
        if row["kind"] == Announcement.DELIVERY_DELAYED and pd.notna(row.get("until")):
            start = float(row["start"]) / 60.0 if pd.notna(row.get("start")) else when
            axes[-1].axvspan(start, float(row["until"]) / 60.0, color="#ef6c00", alpha=0.12,
                             label=_t("plot.route_held",
                                      material=row.get("material", "delivery")))


# -- KPIs -----------------------------------------------------------------------------------------
def plot_kpi_bars(result: Result) -> Figure:
    """Station state shares, station OEE factors, line KPIs in percent, and key line figures."""
    st = result.stations
    fig = SyntheticFigure(figsize=(13, 8.5), layout="constrained")
    grid = fig.add_gridspec(2, 2, width_ratios=(1.25, 1))
    ax_share = fig.add_subplot(grid[0, 0])
    ax_oee = fig.add_subplot(grid[0, 1])
    ax_line = fig.add_subplot(grid[1, 0])
    ax_text = fig.add_subplot(grid[1, 1])

    left = np.zeros(len(st))
    y = np.arange(len(st))
    for state, colour in STATE_COLOURS.items():
        column = f"share_{state}"
        if column not in st:
            continue
        values = 100 * st[column].to_numpy(dtype=float)
        ax_share.barh(y, values, left=left, color=colour, label=_state(state), height=0.7)
        left += values
    ax_share.set_yticks(y, st.index)
    ax_share.invert_yaxis()
    ax_share.set_xlim(0, 100)
    ax_share.set_xlabel(_t("plot.share_axis"))
    ax_share.set_title(_t("plot.share_title"), loc="left")
    ax_share.legend(ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False,
                    fontsize=8)

    factors = [("availability", "#546e7a"), ("performance", "#90a4ae"),
               ("quality", "#b0bec5"), ("oee", "#2e7d32")]
    width = 0.8 / len(factors)
    for i, (factor, colour) in enumerate(factors):
        values = 100 * st[factor].to_numpy(dtype=float)
        ax_oee.bar(y + (i - 1.5) * width, np.nan_to_num(values), width, color=colour,
                   label="OEE" if factor == "oee" else i18n.kpi_label(factor))
    ax_oee.set_xticks(y, st.index, rotation=30, ha="right")
    ax_oee.set_ylim(0, 122)
    ax_oee.set_yticks(range(0, 101, 20))
    ax_oee.set_ylabel("%")
    ax_oee.set_title(_t("plot.oee_title"), loc="left")
    ax_oee.legend(ncols=4, loc="upper center", frameon=False, fontsize=8)

    line = [(name, float(result.kpis[name])) for name in result.kpis.index
            if name.endswith("[%]") and pd.notna(result.kpis[name])]
    bars = ax_line.barh([i18n.kpi_label(n).removesuffix(" [%]") for n, _ in line],
                        [v for _, v in line], color="#1565c0", height=0.6)
    ax_line.bar_label(bars, labels=[f"{_local(f'{v:.1f}')} %" for _, v in line], padding=3,
                      fontsize=9)
    ax_line.invert_yaxis()
    ax_line.set_xlim(0, 115)
    ax_line.set_xlabel("%")
    ax_line.set_title(_t("plot.line_kpis_title"), loc="left")

    ax_text.axis("off")
    key = [(i18n.kpi_label(str(n)), v) for n, v in result.kpis.items()
           if not str(n).endswith("[%]") and _is_key_kpi(str(n))]
    width = max((len(n) for n, _ in key), default=0)
    lines = [f"{name:<{width}}  {_fmt(value)}" for name, value in key]
    ax_text.text(0.0, 1.0, "\n".join(lines), va="top", ha="left", family="monospace",
                 fontsize=9, transform=ax_text.transAxes)
    ax_text.set_title(_t("plot.key_figures_title"), loc="left")
    return label_figure(fig, result.metadata)


_KEY_KPIS = ("output [", "throughput [", "cycle time mean", "WIP mean", "scrap", "downtime",
             "material shortage", "energy [", "CO2 [", "backlog", "late units", "overtime",
             "cost [", "cost per unit", "breakdowns")


def _is_key_kpi(name: str) -> bool:
    return name.startswith(_KEY_KPIS)


# -- saving -------------------------------------------------------------------------------------
STANDARD_PLOTS: tuple[tuple[str, Callable[[Result], Figure]], ...] = (
    ("station_states", plot_station_gantt),
    ("wip_stock", plot_wip_stock),
    ("kpis", plot_kpi_bars),
)
"""The plots :func:`save_standard_plots` writes, as ``(file stem, function)``."""


def standard_figures(result: Result) -> dict[str, Figure]:
    """Draw the standard plots of ``result`` by file stem (for :meth:`Result.save`).

    >>> result.save("out/run", figures=standard_figures(result))  # doctest: +SKIP
    """
    return {stem: plot(result) for stem, plot in STANDARD_PLOTS}


def save_standard_plots(result: Result, directory: str | Path, dpi: int = 110) -> list[Path]:
    """Write the standard plots of ``result`` as PNG files into ``directory``.

    Args:
        result: The run's result.
        directory: An existing folder.
        dpi: Resolution.

    Returns:
        The paths written (``station_states.png``, ``wip_stock.png``, ``kpis.png``).
    """
    return write_figures(Path(directory), standard_figures(result), result.metadata, dpi=dpi)


def _interval(result: Result) -> str:
    t = result.timeseries["time_h"]
    step = float(t.iloc[1] - t.iloc[0]) * 60 if len(t) > 1 else float("nan")
    return f"{step:.0f} min" if step == step else "?"


def _colour(state: str) -> str:
    return STATE_COLOURS.get(state, "#000000")


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series(index=frame.index, dtype=object)


def _state(state: str) -> str:
    """A state name for a legend: the identifier in English, translated in German."""
    return i18n.state_label(state) if i18n.get_language() == "de" else state


def _local(text: str) -> str:
    """A formatted number with the current language's decimal and thousands marks."""
    if i18n.get_language() == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _fmt(value: float) -> str:
    if pd.isna(value):
        return _t("plot.na")
    if float(value).is_integer() and abs(value) < 1e12:
        return _local(f"{value:,.0f}")
    return _local(f"{value:,.1f}" if abs(value) >= 100 else f"{value:.2f}")

