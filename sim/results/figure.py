"""Figures that say what they are: the SYNTHETIC watermark and footer, and shared axes helpers.

Every Werkhalle figure is labelled with :func:`label_figure` (a diagonal ``SYNTHETIC``
watermark, and the SYNTHETIC label with the run fingerprint in the footer). New plots elsewhere
(comparisons, experiments, the dashboard) should create a :class:`SyntheticFigure` and call
:func:`label_figure` too; :func:`time_axis` gives them the same weekday time axis.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text

from sim import i18n
from sim._version import __version__
from sim.labels import banner
from sim.scenario.units import WEEKDAYS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from sim.results.result import Result

__all__ = [
    "WATERMARK",
    "SyntheticFigure",
    "horizon_h",
    "label_figure",
    "literal_text",
    "no_data",
    "png_metadata",
    "shade_warmup",
    "time_axis",
]

WATERMARK = "SYNTHETIC"
"""The diagonal watermark text of every figure."""

_FOOTER_IN = 0.3
"""Height reserved for the footer, in inches."""


class SyntheticFigure(Figure):
    """A matplotlib figure that notebooks display as a PNG without ``pyplot``.

    Create it like a :class:`~matplotlib.figure.Figure` (``SyntheticFigure(figsize=(8, 4),
    layout="constrained")``) and label it with :func:`label_figure`.
    """

    def draw(self, renderer: Any) -> None:
        """Draw the figure with every text literal (see :func:`literal_text`)."""
        literal_text(self)
        super().draw(renderer)

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()


def literal_text(fig: Figure) -> None:
    """Render every text of ``fig`` as written: no TeX, no mathtext.

    Names come from scenario files; a station called ``"$x$"`` or ``"a$b"`` must print as
    such rather than be parsed as math (which fails on unbalanced or invalid ``$...$``).
    :class:`SyntheticFigure` calls this before each draw, so it covers every Werkhalle plot.
    """
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            axis.get_major_ticks()  # create the tick labels now, so they are covered too
            axis.get_minor_ticks()
    for text in fig.findobj(Text):
        text.set_usetex(False)
        text.set_parse_math(False)


def label_figure(fig: Figure, metadata: Mapping[str, Any]) -> Figure:
    """Mark a figure as synthetic: a diagonal watermark and a footer with label and fingerprint.

    Safe to call twice (the marks are added once). With constrained layout the axes make room
    for the footer; otherwise the bottom margin is raised.

    Args:
        fig: The figure to label.
        metadata: The run's metadata (scenario, scenario_hash, seed, version).

    Returns:
        The same figure.
    """
    if any(t.get_gid() == "synthetic-footer" for t in fig.texts):
        return fig
    width, height = fig.get_size_inches()
    angle = math.degrees(math.atan2(height, width))
    size = 0.09 * math.hypot(width, height) * 72
    fig.text(0.5, 0.5, i18n.t("label.synthetic_short"), rotation=angle, rotation_mode="anchor",
             ha="center", va="center", fontsize=size, fontweight="bold", color="#b71c1c",
             alpha=0.13, zorder=1000, gid="synthetic-watermark")
    fig.text(0.008, 0.008, i18n.banner(metadata), ha="left", va="bottom", fontsize=7.5,
             color="#444444", gid="synthetic-footer")
    footer = min(0.2, _FOOTER_IN / height)
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0.0, footer, 1.0, 1.0 - footer))
    else:
        fig.subplots_adjust(bottom=max(fig.subplotpars.bottom, footer + 0.06))
    return fig


def png_metadata(metadata: Mapping[str, Any]) -> dict[str, str]:
    """PNG text chunks for a saved figure: the label and fingerprint travel with the file."""
    return {"Title": WATERMARK, "Description": banner(metadata),
            "Software": f"werkhalle {metadata.get('version', __version__)}"}


def horizon_h(result: Result) -> float:
    """The run's horizon in hours (from the metadata, else the latest time in its tables)."""
    horizon = result.metadata.get("horizon_h")
    if horizon is not None:
        return float(horizon)
    times = [0.0]
    for table in (result.timeseries, result.events):
        if "time_h" in table and not table.empty:
            times.append(float(table["time_h"].max()))
    return max(times)


def time_axis(ax: Axes, result: Result) -> None:
    """Hours on the x axis, with a tick at each midnight labelled by weekday."""
    horizon = horizon_h(result)
    ax.set_xlim(0, horizon if horizon > 0 else 1)
    step = 24.0 if horizon <= 24 * 21 else 24.0 * 7
    ticks = np.arange(0, horizon + 1e-9, step)
    if len(ticks) >= 2:
        ax.set_xticks(ticks, [_day_label(h) for h in ticks])
        minor = 6.0 if step == 24.0 and horizon <= 24 * 8 else step / 2
        ax.set_xticks(np.arange(0, horizon + 1e-9, minor), minor=True)
        ax.set_xlabel("simulated time (ticks at 00:00; hours since Mon 00:00 of week 1)")
    else:
        ax.set_xlabel("simulated time [h since Mon 00:00]")


def _day_label(hours: float) -> str:
    day = int(round(hours)) // 24
    week, weekday = divmod(day, 7)
    return f"{WEEKDAYS[weekday]}{f'+{week}' if week else ''}\n{hours:.0f} h"


def shade_warmup(ax: Axes, result: Result) -> None:
    """Hatch the warm-up period (excluded from the KPIs), if the run had one."""
    warmup = float(result.metadata.get("warmup_h") or 0.0)
    if warmup > 0:
        ax.axvspan(0, warmup, color="#9e9e9e", alpha=0.15, hatch="//", linewidth=0,
                   label="warm-up (not in KPIs)")


def no_data(ax: Axes, message: str) -> None:
    """Write ``message`` in the middle of an empty panel."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes,
            color="#555555")
