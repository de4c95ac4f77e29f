"""The dashboard's live figure is built once per run and updated in place (bounded frame cost)."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from sim.plots.live import LiveFigure, _steady_limits, line_figure
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
        png = live.png()
        fresh = line_figure(result, base, engine.now, 7200.0)
        (got_lines, got_bars, got_ylim), (want_lines, want_bars, want_ylim) = (
            _data(updated), _data(fresh))
        assert len(got_lines) == len(want_lines)
        for got, want in zip(got_lines, want_lines, strict=True):
            np.testing.assert_array_equal(got, want)
        assert got_bars == want_bars
        assert got_ylim == want_ylim
        # a blitted frame shows exactly what a full draw of the same figure shows
        canvas = live.figure.canvas
        blitted = np.asarray(canvas.buffer_rgba()).copy()
        canvas.draw()
        assert np.array_equal(np.asarray(canvas.buffer_rgba()), blitted)
        assert np.array_equal(_pixels(png), blitted)
    image = Image.open(io.BytesIO(png))
    assert image.size == (900, 774)
    assert "SYNTHETIC" in image.text["Description"]


def test_y_limits_are_round_and_grow_rarely():
    assert _steady_limits([[0.0, 37.0]]) == (-2.0, 52.0)
    assert _steady_limits([[0.0, 380.0], [12.0]]) == (-20.0, 520.0)
    assert _steady_limits([[]]) == (-0.04, 1.04)
    # ten frames of a growing output share a handful of distinct limits
    assert len({_steady_limits([[0.0, 40.0 * k]]) for k in range(1, 11)}) == 5


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))
