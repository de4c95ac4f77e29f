"""The dashboard's live picture of the line against simulated time (matplotlib, no pyplot).

Four panels share the time axis, which always spans the whole horizon so the picture grows
from the left while the run advances: raw-material stock, cumulative output, work in
progress, and each machine as a line coloured by its state (from the exact state changes in
the event log). With agents on, the baseline run is drawn dashed in grey. The SYNTHETIC label
and the run fingerprint are printed on the figure.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from sim.i18n import state_label, t, ui, when
from sim.line.station import STATES
from sim.plots.base import STATE_COLOURS, SyntheticFigure, label_figure, state_segments
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


def line_figure(result: Result, baseline: Result | None, now: float, horizon: float) -> Figure:
    """Draw the four panels for the run so far.

    Args:
        result: The watched run so far.
        baseline: The baseline at the same moment (drawn dashed), or ``None``.
        now: The current time (minutes).
        horizon: The end of the run (minutes): the right end of the time axis.

    Returns:
        A matplotlib figure (not registered with pyplot, nothing to close).
    """
    fig = SyntheticFigure(figsize=(10, 8.6), dpi=90, layout="constrained")
    intervals = state_intervals(result, now / 60.0)
    heights = [1.0, 1.0, 1.0, max(1.0, 0.22 * len(intervals))]
    axes = fig.subplots(4, 1, sharex=True, gridspec_kw={"height_ratios": heights})
    ts = result.timeseries
    base_ts = baseline.timeseries if baseline is not None else None
    mine = t("who.agents") if baseline is not None else None

    ax = axes[0]
    for col in [c for c in ts.columns if c.startswith("stock_")]:
        line, = ax.plot(ts["time_h"], ts[col], label=col[len("stock_"):], linewidth=1.6)
        if base_ts is not None:
            ax.plot(base_ts["time_h"], base_ts[col], **_BASELINE_STYLE)
    ax.set_ylabel(_wrap(t("axis.stock")), fontsize=8)
    if ax.lines:
        ax.legend(loc="upper right", fontsize=8, ncols=3)

    for ax, col, label in ((axes[1], "output", "axis.output"), (axes[2], "wip", "axis.wip")):
        ax.plot(ts["time_h"], ts[col], color="#1565c0", linewidth=1.8, label=mine)
        if base_ts is not None:
            ax.plot(base_ts["time_h"], base_ts[col], label=t("who.baseline"), **_BASELINE_STYLE)
            ax.legend(loc="upper left", fontsize=8)
        ax.set_ylabel(_wrap(t(label)), fontsize=8)

    ax = axes[3]
    names = []
    for row, ((station, machine), spans) in enumerate(intervals.items()):
        names.append(f"{station} {machine + 1}")
        for state in STATES:
            bars = [(s, w) for s, w, st in spans if st == state]
            if bars:
                ax.broken_barh(bars, (row - 0.4, 0.8), facecolors=STATE_COLOURS[state])
    ax.set_yticks(range(len(names)), names, fontsize=8)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.set_title(ui("states"), fontsize=9, loc="left")
    handles = [ax.bar(0, 0, color=STATE_COLOURS[s], label=state_label(s)) for s in STATES]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.32), ncols=7,
              fontsize=8, frameon=False)

    days = range(0, int(horizon // 1440) + 1)
    ax.set_xticks([24.0 * d for d in days], [f"{when(1440.0 * d)[:-6]}\n{24 * d} h" for d in days])
    ax.set_xlim(0.0, horizon / 60.0)
    ax.set_xlabel(t("axis.time_h"))
    for ax in axes:
        ax.axvline(now / 60.0, color="0.2", linewidth=0.8)
        ax.grid(alpha=0.25)
    return label_figure(fig, result.metadata)
