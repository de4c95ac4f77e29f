"""Plots of experiments: KPIs with CI error bars, paired differences, sweeps, stress outcomes.

Every figure carries the SYNTHETIC watermark and, in its footer, the SYNTHETIC banner with the
experiment's fingerprint (:func:`sim.plots.base.label_figure`). Figures are
:class:`~sim.plots.base.SyntheticFigure` objects (no pyplot state), so they work in
scripts, tests and notebooks alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from sim.experiments.paired import PairedComparison
from sim.experiments.results import ExperimentResult
from sim.experiments.stress import StressResult
from sim.experiments.sweep import SweepResult
from sim.plots.base import SyntheticFigure, label_figure, png_metadata
from sim.results.names import KPI, SUMMARY

DEFAULT_KPIS = SUMMARY
"""KPIs shown when none are named."""


PAIRED_KPIS = (KPI.OUTPUT, KPI.ON_TIME, KPI.LATE_UNITS, KPI.BACKLOG, KPI.OEE, KPI.CYCLE_TIME,
               KPI.WIP, KPI.SHORTAGE, KPI.OVERTIME, KPI.ENERGY, KPI.CO2)
"""KPIs of the paired-difference plot when none are named (plus the total cost)."""


def _meta(result: ExperimentResult) -> dict[str, Any]:
    """Metadata whose banner is the experiment's banner (kind and n after the version)."""
    meta = result.metadata
    return {**meta, "version": f"{meta.get('version')} · {meta.get('kind')} n {meta.get('n')}"}


def _label(fig: Figure, result: ExperimentResult) -> Figure:
    return label_figure(fig, _meta(result))


def _pick(result: ExperimentResult, kpis: Sequence[str] | None) -> list[str]:
    if kpis:
        missing = [k for k in kpis if k not in result.kpis]
        if missing:
            raise KeyError(f"unknown KPI(s) {missing}; available: {result.kpis}")
        return list(kpis)
    chosen = [k for k in DEFAULT_KPIS if k in result.kpis]
    return chosen or result.kpis[:6]


def plot_kpis(result: ExperimentResult, kpis: Sequence[str] | None = None) -> Figure:
    """Mean of each KPI with its confidence interval as error bars, per configuration/point."""
    names = _pick(result, kpis)
    summary = result.summary
    group_cols = [c for c in summary.columns if c not in ("kpi", "n", "mean", "std", "sem",
                                                          "half_width", "ci_low", "ci_high")]
    cols = min(3, len(names))
    rows = int(np.ceil(len(names) / cols))
    fig = SyntheticFigure(figsize=(4.2 * cols, 3.0 * rows + 0.4), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, cols)).ravel()
    for ax, kpi in zip(axes, names, strict=False):
        part = summary[summary["kpi"] == kpi]
        labels = (part[group_cols].astype(str).agg(" · ".join, axis=1).tolist()
                  if group_cols else ["all"])
        x = np.arange(len(part))
        err = part["half_width"].fillna(0).to_numpy()
        ax.errorbar(x, part["mean"], yerr=err, fmt="o", capsize=4)
        ax.set_xticks(x, labels, rotation=30 if len(x) > 3 else 0, ha="right" if len(x) > 3
                      else "center", fontsize=8)
        ax.set_xlim(-0.6, len(x) - 0.4)
        ax.set_title(kpi, fontsize=9)
        ax.grid(alpha=0.3)
    for ax in axes[len(names):]:
        ax.set_visible(False)
    conf = int(round(100 * result.metadata.get("confidence", 0.95)))
    fig.suptitle(f"KPIs: mean and {conf} % confidence interval "
                 f"(n = {result.metadata.get('n')})", fontsize=10)
    return _label(fig, result)


def plot_paired(result: PairedComparison, kpis: Sequence[str] | None = None) -> Figure:
    """Paired differences (alternative - baseline) in % of the baseline mean, with CIs."""
    table = result.table.set_index("kpi")
    default = [*PAIRED_KPIS, *(k for k in result.kpis if k.startswith("cost ["))]
    names = [k for k in (kpis or default) if k in table.index]
    base_name = result.metadata["configs"][0]["name"]
    alt_name = result.metadata["configs"][1]["name"]
    base = table.loc[names, base_name].replace(0, np.nan)
    centre = 100 * table.loc[names, "difference"] / base
    low = 100 * table.loc[names, "ci_low"] / base
    high = 100 * table.loc[names, "ci_high"] / base
    lo, hi = np.minimum(low, high), np.maximum(low, high)
    fig = SyntheticFigure(figsize=(7.5, 0.32 * len(names) + 1.4), layout="constrained")
    ax = fig.subplots()
    y = np.arange(len(names))[::-1]
    ax.errorbar(centre, y, xerr=[(centre - lo).fillna(0), (hi - centre).fillna(0)], fmt="o",
                capsize=3)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, names, fontsize=7)
    ax.set_xlabel(f"{alt_name} - {base_name}, % of {base_name} mean")
    ax.set_title(f"Paired differences on common random numbers (n = {result.metadata['n']})",
                 fontsize=10)
    ax.grid(alpha=0.3, axis="x")
    return _label(fig, result)


def plot_sweep(result: SweepResult, kpi: str, x: str | None = None,
               hue: str | None = None) -> Figure:
    """A KPI's mean against one parameter, a line per level of a second, with CI bands."""
    x = x or result.params[0]
    others = [p for p in result.params if p != x]
    hue = hue if hue is not None else (others[0] if others else None)
    part = result.summary[result.summary["kpi"] == kpi]
    fig = SyntheticFigure(figsize=(6.5, 4.2), layout="constrained")
    ax = fig.subplots()
    groups = part.groupby(hue, sort=False) if hue else [(None, part)]
    for level, grp in groups:
        grp = grp.groupby(x, sort=False)[["mean", "ci_low", "ci_high"]].mean()
        xs = np.arange(len(grp)) if grp.index.dtype == object else grp.index.to_numpy()
        ax.plot(xs, grp["mean"], marker="o", label=f"{hue} = {level!s}" if hue else kpi)
        ax.fill_between(xs, grp["ci_low"], grp["ci_high"], alpha=0.2)
        if grp.index.dtype == object:
            ax.set_xticks(xs, grp.index.astype(str))
    ax.set_xlabel(x)
    ax.set_ylabel(kpi)
    ax.grid(alpha=0.3)
    if hue:
        ax.legend(fontsize=7)
    ax.set_title(f"Sweep: {kpi} (mean, CI band; n = {result.metadata['n']} per point)",
                 fontsize=10)
    return _label(fig, result)


def plot_sweep_heatmap(result: SweepResult, kpi: str, x: str | None = None,
                       y: str | None = None) -> Figure:
    """A heat map of a KPI's mean over two swept parameters."""
    if len(result.params) < 2:
        raise ValueError("a heat map needs two swept parameters")
    x = x or result.params[0]
    y = y or [p for p in result.params if p != x][0]
    part = result.summary[result.summary["kpi"] == kpi]
    grid = part.pivot_table(index=y, columns=x, values="mean", aggfunc="mean", sort=False)
    fig = SyntheticFigure(figsize=(6.5, 4.8), layout="constrained")
    ax = fig.subplots()
    image = ax.imshow(grid.to_numpy(dtype=float), origin="lower", aspect="auto", cmap="viridis")
    ax.set_xticks(range(grid.shape[1]), grid.columns.astype(str), fontsize=8)
    ax.set_yticks(range(grid.shape[0]), grid.index.astype(str), fontsize=8)
    for (i, j), value in np.ndenumerate(grid.to_numpy(dtype=float)):
        ax.text(j, i, f"{value:.3g}", ha="center", va="center", fontsize=7, color="white")
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    fig.colorbar(image, ax=ax, label=kpi)
    ax.set_title(f"Sweep: mean {kpi}", fontsize=10)
    return _label(fig, result)


def plot_stress(result: StressResult, kpi: str = "on-time delivery [%]") -> Figure:
    """Outcome distribution of the bad days per configuration, and the compensated shares."""
    fig = SyntheticFigure(figsize=(10, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=[1.6, 1])
    configs = list(result.outcomes["config"])
    values = [result.runs.loc[result.runs["config"] == c, kpi].dropna() for c in configs]
    bins = np.histogram_bin_edges(np.concatenate([v.to_numpy() for v in values]) if values
                                  else [0, 1], bins=20)
    for config, vals in zip(configs, values, strict=True):
        left.hist(vals, bins=bins, alpha=0.5, label=config)
    if kpi == "on-time delivery [%]":
        left.axvline(result.metadata["compensated"]["on_time_min"], color="black", ls="--",
                     lw=1, label="threshold")
    left.set_xlabel(kpi)
    left.set_ylabel("bad days")
    left.legend(fontsize=7)
    left.set_title("Outcome of the bad days", fontsize=10)
    out = result.outcomes
    x = np.arange(len(out))
    right.errorbar(x, 100 * out["share"], yerr=[100 * (out["share"] - out["ci_low"]),
                                                100 * (out["ci_high"] - out["share"])],
                   fmt="o", capsize=5)
    claim = result.metadata.get("claim")
    if claim is not None:
        right.axhline(100 * claim, color="crimson", ls=":", label=f"claim {100 * claim:.0f} %")
        right.legend(fontsize=7)
    right.set_xticks(x, configs)
    right.set_ylim(0, 105)
    right.set_ylabel("compensated days [%]")
    right.set_title("Compensated share (Wilson CI)", fontsize=10)
    fig.suptitle(f"Stress test: {result.metadata['n']} bad days", fontsize=10)
    return _label(fig, result)


def save_plots(result: ExperimentResult, directory: str | Path) -> list[Path]:
    """Write the standard plots of ``result`` as PNG files into ``directory``."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    figures = {"kpis": plot_kpis(result)}
    if isinstance(result, PairedComparison):
        figures["paired"] = plot_paired(result)
    if isinstance(result, StressResult):
        figures["stress"] = plot_stress(result)
    if isinstance(result, SweepResult):
        kpi = _most_varied(result)
        figures["sweep"] = plot_sweep(result, kpi)
        if len(result.params) >= 2 and result.metadata.get("design") == "grid":
            figures["sweep_heatmap"] = plot_sweep_heatmap(result, kpi)
    paths = []
    for stem, fig in figures.items():
        path = target / f"{stem}.png"
        fig.savefig(path, dpi=110, metadata=png_metadata(_meta(result)))
        paths.append(path)
    return paths


def _most_varied(result: SweepResult) -> str:
    """The default KPI whose point means vary most (relative to their mean)."""
    summary = result.summary
    best, spread = _pick(result, None)[0], -1.0
    for kpi in _pick(result, None):
        means = summary.loc[summary["kpi"] == kpi, "mean"].dropna()
        if len(means) and abs(means.mean()) > 0:
            cv = float(means.std(ddof=0) / abs(means.mean()))
            if cv > spread:
                best, spread = kpi, cv
    return best
