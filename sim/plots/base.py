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
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text

from sim import i18n
from sim.labels import png_metadata
from sim.scenario.units import WEEKDAYS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from sim.results.result import Result

__all__ = [
    "STATE_COLOURS",
    "WATERMARK",
    "SyntheticFigure",
    "horizon_h",
    "label_figure",
    "literal_text",
    "no_data",
    "png_metadata",
    "shade_warmup",
    "state_segments",
    "time_axis",
]

WATERMARK = "SYNTHETIC"
"""The diagonal watermark text of every figure."""

STATE_COLOURS = {
    "busy": "#009E73",      # bluish green (Okabe-Ito)
    "setup": "#56B4E9",     # sky blue (Okabe-Ito)
    "starved": "#F0E442",   # yellow (Okabe-Ito)
    "material": "#E69F00",  # orange (Okabe-Ito)
    "blocked": "#AA3377",   # purple (Paul Tol)
    "down": "#D55E00",      # vermillion (Okabe-Ito)
    "off": "#E5E5E5",       # light grey
}
"""One colour per machine state, on every plot and on the dashboard (the legend's order).

Colour-blind safe: under simulated deuteranopia and protanopia (Machado et al. 2009) every
pair stays at least 15 CIELAB ΔE apart, busy and down at least 30 (tests/test_palette.py)."""

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


# -- station states ---------------------------------------------------------------------------
def state_segments(result: Result, until_h: float | None = None) -> pd.DataFrame:
    """The station-state timeline as segments.

    Taken from the event log's ``state`` rows when the log is on and complete (exact, one row per
    machine), else from the sampled ``state_<station>`` columns of the timeseries (approximate:
    each sample's dominant state holds until the next sample).

    Returns:
        Columns ``station``, ``machine`` (index, or -1 for sampled station rows), ``state``,
        ``start_h``, ``end_h``; ``attrs["source"]`` is ``"event log"``, ``"samples"`` or
        ``"none"``.

    Args:
        result: The run's result.
        until_h: Where the last segment ends (default: the horizon; the live figure passes
            the current time).
    """
    horizon = horizon_h(result) if until_h is None else until_h
    events = result.events
    complete = not result.metadata.get("events_dropped")
    has_log = (not events.empty and "kind" in events and "state" in events
               and (events["kind"] == "state").any())
    sampled = [f"state_{s}" for s in result.stations.index if f"state_{s}" in result.timeseries]
    if has_log and (complete or not sampled):
        frame = _segments_from_log(result, horizon)
        frame.attrs["source"] = "event log" if complete else "event log (truncated)"
    elif sampled:
        frame = _segments_from_samples(result, horizon)
        frame.attrs["source"] = "samples"
    else:
        frame = pd.DataFrame(columns=["station", "machine", "state", "start_h", "end_h"])
        frame.attrs["source"] = "none"
    return frame


def _segments_from_log(result: Result, horizon: float) -> pd.DataFrame:
    events = result.events
    rows = events[events["kind"] == "state"]
    ts = result.timeseries
    first = ts.iloc[0] if not ts.empty and float(ts["time_h"].iloc[0]) == 0.0 else None
    end = horizon if not result.metadata.get("events_dropped") else min(
        horizon, float(events["time_h"].max()))
    out = []
    grouped = {key: g for key, g in rows.groupby(["station", "machine"], sort=False)}
    for station, spec in result.stations.iterrows():
        for machine in range(int(spec["machines"])):
            group = grouped.get((station, float(machine)))
            if group is None:
                group = grouped.get((station, machine))
            times = [] if group is None else group["time_h"].astype(float).tolist()
            states = [] if group is None else group["state"].astype(str).tolist()
            column = f"state_{station}"
            if first is not None and column in first and (not times or times[0] > 0.0):
                times.insert(0, 0.0)
                states.insert(0, str(first[column]))
            out += _runs(str(station), machine, times, states, end)
    return pd.DataFrame(out, columns=["station", "machine", "state", "start_h", "end_h"])


def _segments_from_samples(result: Result, horizon: float) -> pd.DataFrame:
    ts = result.timeseries
    times = ts["time_h"].astype(float).tolist()
    out = []
    for station in result.stations.index:
        column = f"state_{station}"
        if column in ts:
            out += _runs(station, -1, times, ts[column].astype(str).tolist(), horizon)
    return pd.DataFrame(out, columns=["station", "machine", "state", "start_h", "end_h"])


def _runs(station: str, machine: int, times: list[float], states: list[str],
          end: float) -> list[tuple[str, int, str, float, float]]:
    """Merge change points into maximal segments of one state, clipped to ``[0, end]``."""
    out: list[tuple[str, int, str, float, float]] = []
    for i, (start, state) in enumerate(zip(times, states, strict=True)):
        stop = min(times[i + 1] if i + 1 < len(times) else end, end)
        if stop <= start:
            continue
        if out and out[-1][2] == state and abs(out[-1][4] - start) < 1e-12:
            out[-1] = (*out[-1][:4], stop)
        else:
            out.append((station, machine, state, start, stop))
    return out
