"""Plots of the counterfactual ladder: the value of time and the value of information."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from sim.experiments.ladder import Ladder, value_of_time_table
from sim.plots.base import SyntheticFigure, label_figure

TIME_KPIS = ("material shortage at first station [h]", "on-time delivery [%]", "cost [{cur}]")
"""The panels of :func:`plot_value_of_time`."""


def plot_value_of_time(lad: Ladder) -> Figure:
    """Shortage, on-time delivery and cost over the decision delay, with 95 % CIs over seeds.

    The person's rungs are points at their delay, the agent at 0 h (its own marker), nobody
    as a dashed line with its CI band.
    """
    table = value_of_time_table(lad)
    cur = next((k[6:-1] for k in lad.metadata["kpis"] if k.startswith("cost [")), "EUR")
    kpis = [k.format(cur=cur) for k in TIME_KPIS]
    fig = SyntheticFigure(figsize=(10, 3.4), layout="constrained")
    axes = fig.subplots(1, len(kpis))
    for ax, kpi in zip(np.atleast_1d(axes), kpis, strict=True):
        rows = table[table["kpi"] == kpi]
        person = rows[rows["rung"].str.startswith("person")].sort_values("delay_h")
        if not person.empty:
            ax.errorbar(person["delay_h"], person["mean"],
                        yerr=[person["mean"] - person["ci_low"],
                              person["ci_high"] - person["mean"]],
                        fmt="o-", capsize=3, label="person after a delay")
        _marker(ax, rows, "agent", "s", "agent (acts at once)")
        nobody = rows[rows["rung"] == "nobody"]
        if not nobody.empty:
            r = nobody.iloc[0]
            ax.axhline(r["mean"], color="grey", ls="--", lw=1, label="nobody reacts")
            ax.axhspan(r["ci_low"], r["ci_high"], color="grey", alpha=0.15)
        ax.set_xlabel("decision delay [h]")
        ax.set_title(kpi, fontsize=9)
        ax.grid(alpha=0.3)
    np.atleast_1d(axes)[0].legend(fontsize=7)
    fig.suptitle(f"Value of time: the same decision, taken later (n = "
                 f"{len(lad.metadata['seeds'])} seeds)", fontsize=10)
    return label_figure(fig, lad.metadata)


def _marker(ax, rows: pd.DataFrame, rung: str, marker: str, label: str) -> None:  # noqa: ANN001
    found = rows[rows["rung"] == rung]
    if found.empty:
        return
    r = found.iloc[0]
    ax.errorbar([0.0], [r["mean"]], yerr=[[r["mean"] - r["ci_low"]], [r["ci_high"] - r["mean"]]],
                fmt=marker, color="C2", capsize=3, label=label)


def plot_value_of_information(table: pd.DataFrame) -> Figure:
    """Oracle - sampled per KPI (paired over seeds), in % of the sampled mean, with CIs."""
    base = table["sampled"].abs().replace(0, np.nan)
    centre = 100 * table["difference"] / base
    low, high = 100 * table["ci_low"] / base, 100 * table["ci_high"] / base
    fig = SyntheticFigure(figsize=(7.5, 0.35 * len(table) + 1.5), layout="constrained")
    ax = fig.subplots()
    y = np.arange(len(table))[::-1]
    ax.errorbar(centre.fillna(0), y, xerr=[(centre - low).fillna(0), (high - centre).fillna(0)],
                fmt="o", capsize=3)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, table["kpi"], fontsize=7)
    ax.set_xlabel("oracle (perfect foresight) - sampled (honest forecast), % of sampled mean")
    lad = table.attrs["ladder"]
    ax.set_title(f"Value of information, paired over {len(lad.metadata['seeds'])} seeds",
                 fontsize=10)
    ax.grid(alpha=0.3, axis="x")
    return label_figure(fig, lad.metadata)
