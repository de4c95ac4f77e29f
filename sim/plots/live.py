"""The dashboard's live picture of the line against simulated time (matplotlib, no pyplot).

Four panels share the time axis, which always spans the whole horizon so the picture grows
from the left while the run advances: raw-material stock, cumulative output, work in
progress, and each machine as a line coloured by its state (from the exact state changes in
the event log). With agents on, the baseline run is drawn dashed in grey. The SYNTHETIC label
and the run fingerprint are printed on the figure.

The dashboard redraws this figure after every click, so a frame must cost the same early and
late in the run: :class:`LiveFigure` builds the figure once per run (axes, ticks, legends,
labels; the constrained layout is computed at the first draw and then kept) and each frame
only replaces the data (:meth:`LiveFigure.update`). :func:`line_figure` draws one frame afresh.
"""

from __future__ import annotations

import textwrap
from typing import Any

from matplotlib.figure import Figure

from sim.i18n import state_label, t, ui, when
from sim.line.station import STATES
from sim.plots.base import STATE_COLOURS, label_figure, state_segments
from sim.results.result import Result

_BASELINE_STYLE = {"color": "0.45", "linestyle": "--", "linewidth": 1.2}


def _wrap(text: str, width: int = 16) -> str:
    return textwrap.fill(text, width)


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

    Everything that stays the same during a run (panels, ticks, legends, the SYNTHETIC marks,
    the layout) is made once; :meth:`update` only sets the new data. The layout is computed
    by matplotlib's constrained layout at the first draw and then frozen, so later frames skip
    it. One instance belongs to one page (not thread-safe).

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
        self._bars: list[Any] = []
        label_figure(fig, result.metadata)
        self._freeze = fig.canvas.mpl_connect("draw_event", self._freeze_layout)

    def _line(self, ax: Any, col: str, of_baseline: bool, **style: Any) -> None:
        line, = ax.plot([], [], **style)
        self._lines.append((line, col, of_baseline))

    def _freeze_layout(self, _event: Any) -> None:
        """After the first draw: keep the computed layout instead of redoing it per frame."""
        self.figure.canvas.mpl_disconnect(self._freeze)
        self.figure.set_layout_engine("none")

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
            ax.relim()
            ax.autoscale_view(scalex=False)
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
