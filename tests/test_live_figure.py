"""The dashboard's live figure is built once per run and updated in place (bounded frame cost)."""

from __future__ import annotations

import io

import numpy as np

from sim.plots.live import LiveFigure, line_figure
from sim.runner import start


def _data(fig):
    lines = [np.asarray(line.get_xydata()) for ax in fig.axes[:3] for line in ax.lines]
    bars = sorted((tuple(np.round(p.vertices.min(axis=0), 9)), tuple(coll.get_facecolor()[0]))
                  for coll in fig.axes[3].collections for p in coll.get_paths())
    return lines, bars, [ax.get_ylim() for ax in fig.axes[:3]]


def test_an_updated_figure_shows_what_a_fresh_one_shows():
    engine, baseline = start("supply_disruption", 1, "autonomous"), start("supply_disruption", 1)
    live = None
    for hours in (8, 40, 100):
        engine.advance(60.0 * hours)
        baseline.advance(engine.now)
        result, base = engine.result(), baseline.result()
        if live is None:
            live = LiveFigure(result, base, 7200.0)
        updated = live.update(result, base, engine.now)
        updated.savefig(io.BytesIO(), format="png")  # the first draw freezes the layout
        fresh = line_figure(result, base, engine.now, 7200.0)
        (got_lines, got_bars, got_ylim), (want_lines, want_bars, want_ylim) = (
            _data(updated), _data(fresh))
        assert len(got_lines) == len(want_lines)
        for got, want in zip(got_lines, want_lines, strict=True):
            np.testing.assert_array_equal(got, want)
        assert got_bars == want_bars
        assert got_ylim == want_ylim
    # the layout was computed once, at the first draw, and kept since
    assert updated.get_layout_engine().__class__.__name__ == "PlaceHolderLayoutEngine"
