"""The dashboard's live picture of the line against simulated time (matplotlib, no pyplot).

Four panels share the time axis, which always spans the whole horizon so the picture grows
from the left while the run advances: raw-material stock, cumulative output, work in
progress, and each machine as a line coloured by its state (from the exact state changes in
the event log). With agents on, the baseline run is drawn dashed in grey. The SYNTHETIC label
and the run fingerprint are printed on the figure.

The dashboard redraws this figure after every click, so a frame must cost the same early and
late in the run: :class:`LiveFigure` builds the figure once per run (axes, ticks, legends,
labels) and each frame only replaces the data (:meth:`LiveFigure.update`).
:meth:`LiveFigure.png` renders a frame by *blitting*: the unchanging parts are drawn once
into a background image, which is reused while the y axes keep their (rounded) limits; a
frame then draws only the data (lines, state bars, the "now" line) and the marks that lie
above them, and encodes the PNG. :func:`line_figure` draws one frame afresh.
"""

from __future__ import annotations

import io
import math
import textwrap
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image, PngImagePlugin

from sim.i18n import state_label, t, ui, when
from sim.line.station import STATES
from sim.plots.base import (
    STATE_COLOURS,
    label_figure,
    literal_text,
    png_metadata,
    state_segments,
)
from sim.results.result import Result

_BASELINE_STYLE = {"color": "0.45", "linestyle": "--", "linewidth": 1.2}


def _wrap(text: str, width: int = 16) -> str:
    return textwrap.fill(text, width)


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k that is >= ``value`` (> 0)."""
    exponent = math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        nice = step * 10.0**exponent
        if nice >= value * (1 - 1e-12):
            return nice
    return 10.0 ** (exponent + 1)  # pragma: no cover - the loop always returns


def _steady_limits(columns: list[Any]) -> tuple[float, float]:
    """Y limits from 0 (or below) to a round number above the data, with a small margin.

    Round limits change only now and then while a run advances, so the live figure can
    reuse its drawn background between frames (see :meth:`LiveFigure.png`).
    """
    values = [np.asarray(c, dtype=float) for c in columns if len(c)]
    finite = np.concatenate(values) if values else np.zeros(0)
    finite = finite[np.isfinite(finite)]
    low = min(0.0, float(finite.min())) if finite.size else 0.0
    high = float(finite.max()) if finite.size else 0.0
    top = _nice_ceiling(1.05 * high) if high > 0 else 1.0
    bottom = -_nice_ceiling(-1.05 * low) if low < 0 else 0.0
    margin = 0.04 * (top - bottom)
    return bottom - margin, top + margin


def state_intervals(result: Result, now_h: float) -> dict[tuple[str, int], list[tuple]]:
    """Per machine, the intervals ``(start_h, length_h, state)`` up to ``now_h``.

    The same timeline as the saved plots (:func:`~sim.plots.base.state_segments`), cut at
    ``now_h`` and grouped by machine for ``broken_barh``.

    Args:
        result: A result with its event log on.
        now_h: The current time in hours (the last interval ends here).

    Returns:
        ``{(station, machine): [(start, length, state), ...]}`` in line order.
    """
    segments = state_segments(result, until_h=now_h)
    out: dict[tuple[str, int], list[tuple]] = {
        (station, machine): []
        for station, count in zip(result.stations.index,
                                  result.stations["machines"].astype(int), strict=True)
        for machine in range(count)}
    for station, machine, state, start, end in segments.itertuples(index=False):
        out.setdefault((station, int(machine)), []).append((start, end - start, state))
    return out


class LiveFigure:
    """The four panels of one run, built once and updated in place for every frame.

    Everything that stays the same during a run (panels, ticks, legends, the SYNTHETIC marks)
    is made once; :meth:`update` only sets the new data, and :meth:`png` renders it, redrawing
    the background and its layout only when the y limits (rounded, see
    :func:`_steady_limits`) move. One instance belongs to one page (not thread-safe).

    Args:
        result: The watched run (any moment of it: its columns, stations and metadata).
        baseline: The baseline run, or ``None`` (agents off).
        horizon: The end of the run (minutes): the right end of the time axis.
    """

    def __init__(self, result: Result, baseline: Result | None, horizon: float) -> None:
        fig = Figure(figsize=(10, 8.6), dpi=90, layout="constrained")
        self.figure = fig
        """The matplotlib figure (not registered with pyplot, nothing to close)."""
        self.rows = list(state_intervals(result, 0.0))
        heights = [1.0, 1.0, 1.0, max(1.0, 0.22 * len(self.rows))]
        self.axes = fig.subplots(4, 1, sharex=True, gridspec_kw={"height_ratios": heights})
        mine = t("who.agents") if baseline is not None else None
        self._lines: list[tuple[Any, str, bool]] = []
        """``(line, column, of the baseline)`` for every time series drawn."""

        ax = self.axes[0]
        for col in [c for c in result.timeseries.columns if c.startswith("stock_")]:
            self._line(ax, col, False, label=col[len("stock_"):], linewidth=1.6)
            if baseline is not None:
                self._line(ax, col, True, **_BASELINE_STYLE)
        ax.set_ylabel(_wrap(t("axis.stock")), fontsize=8)
        if ax.lines:
            ax.legend(loc="upper right", fontsize=8, ncols=3)

        for ax, col, label in ((self.axes[1], "output", "axis.output"),
                               (self.axes[2], "wip", "axis.wip")):
            self._line(ax, col, False, color="#1565c0", linewidth=1.8, label=mine)
            if baseline is not None:
                self._line(ax, col, True, label=t("who.baseline"), **_BASELINE_STYLE)
                ax.legend(loc="upper left", fontsize=8)
            ax.set_ylabel(_wrap(t(label)), fontsize=8)

        ax = self.axes[3]
        names = [f"{station} {machine + 1}" for station, machine in self.rows]
        ax.set_yticks(range(len(names)), names, fontsize=8)
        ax.set_ylim(len(names) - 0.5, -0.5)
        ax.set_title(ui("states"), fontsize=9, loc="left")
        handles = [ax.bar(0, 0, color=STATE_COLOURS[s], label=state_label(s)) for s in STATES]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.32), ncols=7,
                  fontsize=8, frameon=False)
        days = range(0, int(horizon // 1440) + 1)
        ax.set_xticks([24.0 * d for d in days],
                      [f"{when(1440.0 * d)[:-6]}\n{24 * d} h" for d in days])
        ax.set_xlim(0.0, horizon / 60.0)
        ax.set_xlabel(t("axis.time_h"))
        self._now = [ax.axvline(0.0, color="0.2", linewidth=0.8) for ax in self.axes]
        for ax in self.axes:
            ax.grid(alpha=0.25)
        self.axes[3].set_axisbelow(True)  # grid under the bars, as when blitted
        self._bars: list[Any] = []
        label_figure(fig, result.metadata)
        self._metadata = png_metadata(result.metadata)
        self._canvas = FigureCanvasAgg(fig)
        self._background: Any = None
        self._limits: list[tuple[float, float]] = []
        self._above = [a for a in fig.texts if a.get_gid() == "synthetic-watermark"]
        self._above += [ax.get_legend() for ax in self.axes[:3] if ax.get_legend() is not None]
        """What lies above the data: drawn again after it in every blitted frame."""
        self._layout = fig.get_layout_engine()

    def _line(self, ax: Any, col: str, of_baseline: bool, **style: Any) -> None:
        line, = ax.plot([], [], **style)
        self._lines.append((line, col, of_baseline))

    def _dynamic(self) -> list[Any]:
        return [line for line, _col, _base in self._lines] + self._bars + self._now

    def png(self) -> bytes:
        """The current frame as PNG bytes (with the SYNTHETIC text chunks).

        The background (everything but the data) is drawn again, with the constrained layout,
        only when a y axis changed its limits (or at the first frame); otherwise it is
        restored and only the data and the marks above it are drawn.
        """
        canvas, dynamic = self._canvas, self._dynamic()
        limits = [ax.get_ylim() for ax in self.axes[:3]]
        if self._background is None or limits != self._limits:
            for artist in dynamic + self._above:
                artist.set_visible(False)
            self.figure.set_layout_engine(self._layout)  # new tick labels may need room
            literal_text(self.figure)  # names from scenario files print as written
            canvas.draw()
            self.figure.set_layout_engine("none")  # blitted frames keep this layout
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._limits = limits
            for artist in dynamic + self._above:
                artist.set_visible(True)
        else:
            canvas.restore_region(self._background)
        renderer = canvas.get_renderer()
        for artist in dynamic:
            artist.draw(renderer)
        for ax in self.axes:
            for spine in ax.spines.values():
                spine.draw(renderer)
        for artist in self._above:
            artist.draw(renderer)
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), bytes(canvas.buffer_rgba()),
                                 "raw", "RGBA", 0, 1)
        info = PngImagePlugin.PngInfo()
        for key, value in self._metadata.items():
            info.add_text(key, value)
        out = io.BytesIO()
        image.save(out, format="png", pnginfo=info, compress_level=1)
        return out.getvalue()

    def update(self, result: Result, baseline: Result | None, now: float) -> Figure:
        """Show the run at ``now`` (minutes): new data, same panels.

        Args:
            result: The watched run so far.
            baseline: The baseline at the same moment (drawn dashed), or ``None``.
            now: The current time (minutes).

        Returns:
            The figure, ready to be saved or shown.
        """
        for line, col, of_baseline in self._lines:
            source = baseline if of_baseline else result
            ts = source.timeseries if source is not None else None
            if ts is None or col not in ts:
                line.set_data([], [])
            else:
                line.set_data(ts["time_h"].to_numpy(), ts[col].to_numpy())
        for ax in self.axes[:3]:
            ax.set_ylim(*_steady_limits([line.get_ydata() for line in ax.lines
                                         if line not in self._now]))
        for bars in self._bars:
            bars.remove()
        self._bars = []
        ax = self.axes[3]
        intervals = state_intervals(result, now / 60.0)
        for row, key in enumerate(self.rows):
            spans = intervals.get(key, [])
            for state in STATES:
                bars = [(s, w) for s, w, st in spans if st == state]
                if bars:
                    self._bars.append(ax.broken_barh(bars, (row - 0.4, 0.8),
                                                     facecolors=STATE_COLOURS[state]))
        for line in self._now:
            line.set_xdata([now / 60.0, now / 60.0])
        return self.figure


def line_figure(result: Result, baseline: Result | None, now: float, horizon: float) -> Figure:
    """Draw the four panels for the run so far (one frame, afresh).

    Args:
        result: The watched run so far.
        baseline: The baseline at the same moment (drawn dashed), or ``None``.
        now: The current time (minutes).
        horizon: The end of the run (minutes): the right end of the time axis.

    Returns:
        A matplotlib figure (not registered with pyplot, nothing to close).
    """
    return LiveFigure(result, baseline, horizon).update(result, baseline, now)
