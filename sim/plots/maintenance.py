"""Figures of the maintenance study: the U-curve and the value of the condition signal.

Both come from the tables of
:func:`~sim.experiments.maintenance_study.run_maintenance_study` and carry the SYNTHETIC
watermark and footer with the study's fingerprint.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from sim.plots.base import SyntheticFigure, label_figure, png_metadata

LABELS = {
    "preventive": "preventive (95 % CI)", "reactive": "reactive (run to failure)",
    "interval": "preventive interval [operating h]", "cost": "total cost per week [EUR]",
    "left": "Total cost over the preventive interval",
    "noise": "sensor noise (std of the wear reading)",
    "value": "saving vs best preventive [EUR/week]",
    "right": "Value of predictive vs signal quality", "threshold": "threshold {thr:g}",
}
"""The figure's texts (English); pass ``labels`` for another language."""


def plot_maintenance_study(tables: Mapping[str, pd.DataFrame],
                 labels: Mapping[str, str] | None = None) -> SyntheticFigure:
    """Two panels: total cost over the preventive interval; predictive's value by noise.

    Args:
        tables: The study's tables (``interval`` and ``signal``).
        labels: Texts replacing those of :data:`LABELS` (same keys).

    Returns:
        The labelled figure.
    """
    iv, sig = tables["interval"], tables["signal"]
    txt = {**LABELS, **(labels or {})}
    meta = iv.attrs.get("metadata", {})
    fig = SyntheticFigure(figsize=(11, 4.4), layout="constrained")
    left, right = fig.subplots(1, 2)
    finite = iv[np.isfinite(iv["interval_h"])]
    err = [finite["mean"] - finite["ci_low"], finite["ci_high"] - finite["mean"]]
    left.errorbar(finite["interval_h"], finite["mean"], yerr=err, marker="o", capsize=3,
                  color="#0072B2", label=txt["preventive"])
    react = iv[~np.isfinite(iv["interval_h"])].iloc[0]
    left.axhspan(react["ci_low"], react["ci_high"], color="#D55E00", alpha=0.15)
    left.axhline(react["mean"], color="#D55E00", label=txt["reactive"])
    left.set_xlabel(txt["interval"])
    left.set_ylabel(txt["cost"])
    left.set_title(txt["left"])
    left.legend(loc="upper right", fontsize="small")
    for thr, grp in sig.groupby("threshold", sort=True):
        e = [grp["value_vs_preventive_mean"] - grp["value_vs_preventive_ci_low"],
             grp["value_vs_preventive_ci_high"] - grp["value_vs_preventive_mean"]]
        shift = 0.02 * (float(thr) - 0.6)  # type: ignore[arg-type]  # a groupby key: a number
        right.errorbar(grp["noise"] + shift, grp["value_vs_preventive_mean"],
                       yerr=e, marker="o", capsize=2, label=txt["threshold"].format(thr=thr))
    right.axhline(0.0, color="black", linewidth=0.8)
    right.set_xlabel(txt["noise"])
    right.set_ylabel(txt["value"])
    right.set_title(txt["right"])
    right.legend(loc="lower left", fontsize="small")
    label_figure(fig, meta)
    return fig


def save_study_figures(tables: Mapping[str, pd.DataFrame], directory: str | Path) -> list[Path]:
    """Save the study's figure as ``maintenance_study.png`` (label and fingerprint inside)."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    fig = plot_maintenance_study(tables)
    path = out / "maintenance_study.png"
    fig.savefig(path, dpi=110, metadata=png_metadata(tables["interval"].attrs.get("metadata",
                                                                                   {})))
    return [path]
