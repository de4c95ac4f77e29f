"""Comparison plots: stock and output with and without agents, and the options' trade-off.

Every figure is a :class:`~sim.plots.base.SyntheticFigure` labelled with
:func:`~sim.plots.base.label_figure` (SYNTHETIC watermark, label and fingerprint).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim import i18n
from sim.i18n import t
from sim.line.announcements import Announcement
from sim.plots.base import SyntheticFigure, label_figure, no_data, time_axis
from sim.plots.run import standard_figures

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from sim.experiments.compare import Comparison

_BASE = {"color": "#757575", "linestyle": "--", "linewidth": 1.6}
_MINE = {"color": "#1565c0", "linewidth": 2.0}


def disruption_windows(comparison: Comparison) -> list[tuple[float, float, str]]:
    """``(start_h, end_h, label)`` of the scenario's scripted disruptions with a duration."""
    out = []
    for row in comparison.agents.events.to_dict("records"):
        if row["kind"] == Announcement.ROUTE_HELD:
            out.append((row["time_h"], row["until"] / 60.0,
                        t("cmp.route_cut", material=row["material"])))
        elif row["kind"] == Announcement.STAFF_ABSENT:
            out.append((row["time_h"], row["time_h"] + row["duration"] / 60.0,
                        t("cmp.staff_absent")))
        elif row["kind"] == Announcement.BREAKDOWN and row.get("cause") == "scripted":
            out.append((row["time_h"], row["time_h"] + 0.5,
                        t("cmp.stopped", station=row["station"])))
    return out


def _cut_materials(comparison: Comparison) -> list[str]:
    """The materials whose supply route a scripted disruption cut, in event order."""
    events = comparison.agents.events
    if events.empty or "kind" not in events:
        return []
    return [str(m) for m in events.loc[events["kind"] == Announcement.ROUTE_HELD, "material"]]


def _shade(ax: Axes, windows: list[tuple[float, float, str]]) -> None:
    for i, (start, end, label) in enumerate(windows):
        ax.axvspan(start, end, color="#ef6c00", alpha=0.12, linewidth=0,
                   label=label if i < 3 else None)


def _decisions(ax: Axes, comparison: Comparison, annotate: bool) -> None:
    dec = comparison.decisions
    acted = dec[dec["status"].isin(["executed", "scheduled"])] if not dec.empty else dec
    for i, (_, row) in enumerate(acted.iterrows()):
        ax.axvline(row["time_h"], color="#2e7d32", linestyle=":", linewidth=1.3,
                   label=t("cmp.agent_decision") if i == 0 else None)
        if annotate:
            ax.annotate(row["choice"], (row["time_h"], 1.0), xycoords=("data", "axes fraction"),
                        rotation=90, va="top", ha="right", fontsize=7.5, color="#2e7d32")


def plot_stock_output(comparison: Comparison) -> Figure:
    """Stock of the disrupted materials and cumulative output, with and without agents.

    The disruption window is shaded, the agents' decisions are dotted green lines.
    """
    base, mine = comparison.baseline.timeseries, comparison.agents.timeseries
    fig = SyntheticFigure(figsize=(12, 7.5), layout="constrained")
    ax_stock, ax_out = fig.subplots(2, 1, sharex=True)
    windows = disruption_windows(comparison)
    if base.empty or mine.empty:
        for ax in (ax_stock, ax_out):
            no_data(ax, t("plot.no_timeseries"))
    else:
        materials = _cut_materials(comparison)
        stocks = [c for c in mine.columns if c.startswith("stock_")]
        shown = [f"stock_{m}" for m in materials if f"stock_{m}" in mine] or stocks
        for column in shown:
            name = column.removeprefix("stock_")
            ax_stock.step(base["time_h"], base[column], where="post", **_BASE,
                          label=t("cmp.stock_without", material=name))
            ax_stock.step(mine["time_h"], mine[column], where="post", **_MINE,
                          label=t("cmp.stock_with", material=name))
        ax_stock.set_ylabel(t("cmp.stock_axis"))
        ax_out.step(base["time_h"], base["output"], where="post", **_BASE,
                    label=t("cmp.output_without"))
        ax_out.step(mine["time_h"], mine["output"], where="post", **_MINE,
                    label=t("cmp.output_with"))
        ax_out.set_ylabel(t("cmp.output_axis"))
    for ax in (ax_stock, ax_out):
        _shade(ax, windows)
        _decisions(ax, comparison, annotate=ax is ax_stock)
        ax.legend(loc="upper left", fontsize=8, frameon=False)
        ax.grid(alpha=0.3)
    time_axis(ax_out, comparison.agents)
    ax_stock.set_title(t("cmp.stock_title"), loc="left")
    return label_figure(fig, comparison.metadata)


def plot_options(comparison: Comparison, max_panels: int = 3) -> Figure:
    """The options the agents weighed: extra cost vs lateness, CO2 as colour; chosen ringed.

    One panel per decision whose options were simulated (up to ``max_panels``, those with
    the most options first). Figures are relative to waiting (doing nothing).
    """
    dec = comparison.decisions
    currency = next((k[6:-1] for k in comparison.agents.kpis.index if k.startswith("cost [")),
                    "EUR")
    simulated = [] if dec.empty else [
        row for _, row in dec.iterrows()
        if row["n_options"] >= 2 and not pd.isna(row["score"])]
    simulated = sorted(simulated, key=lambda r: (-r["n_options"], r["time_h"]))[:max_panels]
    n = max(1, len(simulated))
    fig = SyntheticFigure(figsize=(7.0 * n, 5.6), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, n))
    chosen_tag = t("cmp.chosen")
    if not simulated:
        no_data(axes[0], t("cmp.no_options"))
    for ax, row in zip(axes, simulated, strict=False):
        opts = pd.DataFrame(row["options"])
        ref = opts[opts["option"].isin(["wait", "keep_overtime", "keep_running"])]
        first = ref.iloc[0] if not ref.empty else opts.iloc[0]
        x = opts["cost"] - first["cost"]
        y = opts["lateness_h"]
        dots = ax.scatter(x, y, c=opts["co2_kg"] - first["co2_kg"], cmap="viridis", s=90,
                          edgecolors="black", linewidths=0.5, zorder=3)
        fig.colorbar(dots, ax=ax, label=t("cmp.co2_axis", ref=first["option"]))
        span_x = max(float(x.max() - x.min()), 1.0)
        span_y = max(float(y.max() - y.min()), 1.0)
        groups: dict[tuple[int, int], list[str]] = {}
        for xi, yi, name, chosen in zip(x, y, opts["option"], opts["chosen"], strict=True):
            key = (round(100 * xi / span_x), round(100 * yi / span_y))
            groups.setdefault(key, []).append(f"{name} {chosen_tag}" if chosen else name)
            if chosen:
                ax.scatter([xi], [yi], s=380, facecolors="none", edgecolors="#c62828",
                           linewidths=2, zorder=4)
        for i, ((kx, ky), names) in enumerate(sorted(groups.items())):
            # options with the same figures share a label; neighbours alternate above/below
            ax.annotate("\n= ".join(names), (kx * span_x / 100, ky * span_y / 100),
                        textcoords="offset points", xytext=(7, 8 if i % 2 == 0 else -10),
                        va="bottom" if i % 2 == 0 else "top", fontsize=8,
                        fontweight="bold" if any(chosen_tag in n for n in names) else "normal")
        ax.margins(x=0.18, y=0.15)
        ax.axvline(0, color="#9e9e9e", linewidth=0.8)
        ax.set_xlabel(t("cmp.cost_axis", ref=first["option"], currency=currency))
        ax.set_ylabel(t("cmp.lateness_axis"))
        moment = row["when"] if i18n.get_language() == "en" else i18n.when(row["time_h"] * 60)
        who = f"who.{row['agent']}"
        agent = t(who) if who in i18n.keys() else row["agent"]
        ax.set_title(f"{moment} {agent}:\n{textwrap.shorten(row['trigger'], 60)}",
                     loc="left", fontsize=9)
        ax.grid(alpha=0.3)
    fig.suptitle(t("cmp.options_title"))
    return label_figure(fig, comparison.metadata)


def comparison_figures(comparison: Comparison) -> dict[str, Figure]:
    """Every figure of a comparison by file stem (for :meth:`Comparison.save`).

    The comparison's own plots (``compare_stock_output``, ``compare_options``) and the
    standard plots of both runs (``baseline/kpis``, ``agents/station_states`` ...).
    """
    figures = {"compare_stock_output": plot_stock_output(comparison),
               "compare_options": plot_options(comparison)}
    for name, result in (("baseline", comparison.baseline), ("agents", comparison.agents)):
        figures.update({f"{name}/{stem}": fig for stem, fig in standard_figures(result).items()})
    return figures
