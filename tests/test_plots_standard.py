"""Standard plots: labelled figures over results; the state timeline adds up to the KPIs."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

import sim
from sim.labels import SYNTHETIC_LABEL
from sim.plots.run import (
    STATE_COLOURS,
    WATERMARK,
    label_figure,
    plot_kpi_bars,
    plot_station_gantt,
    plot_wip_stock,
    save_standard_plots,
    state_segments,
)

PLOTS = [plot_station_gantt, plot_wip_stock, plot_kpi_bars]
DISRUPTIONS = {
    "disruptions": {
        "rail": {"kind": "delivery_delay", "at": "Mon 12:00", "reported_at": "Mon 13:00",
                 "material": "alloy", "delay": "1 d"},
        "r7": {"kind": "breakdown", "at": "Tue 09:00", "station": "robot_r7",
               "duration": "3 h"},
    },
}


def _scenario(**overrides):
    base = sim.load_scenario("baseline")
    data = {"name": "plot-test", "horizon": "2 d", **overrides}
    return sim.with_overrides(base, data)


@pytest.fixture(scope="module")
def result():
    scn = sim.with_overrides(_scenario(), DISRUPTIONS)
    return sim.run(scn, seed=11, event_log=True)


@pytest.fixture(scope="module")
def sampled():
    return sim.run(_scenario(), seed=11, event_log=False)


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text)]


@pytest.mark.parametrize("plot", PLOTS, ids=lambda f: f.__name__)
def test_every_plot_is_a_labelled_figure(plot, result):
    fig = plot(result)
    assert isinstance(fig, Figure)
    found = texts(fig)
    assert WATERMARK in found
    assert any(SYNTHETIC_LABEL in t and result.fingerprint in t for t in found)


@pytest.mark.parametrize("plot", PLOTS, ids=lambda f: f.__name__)
def test_plots_work_without_event_log_or_timeseries(plot):
    bare = sim.run(_scenario(horizon="1 d", sample_interval="0 min"), seed=1, event_log=False)
    assert bare.timeseries.empty and bare.events.empty
    fig = plot(bare)
    assert any(SYNTHETIC_LABEL in t for t in texts(fig))


def test_label_figure_is_idempotent(result):
    fig = Figure()
    fig.add_subplot().plot([0, 1], [0, 1])
    label_figure(fig, result.metadata)
    label_figure(fig, result.metadata)
    assert texts(fig).count(WATERMARK) == 1
    assert sum(result.fingerprint in t for t in texts(fig)) == 1


def test_gantt_from_log_adds_up_to_station_state_shares(result):
    seg = state_segments(result)
    assert seg.attrs["source"] == "event log"
    horizon = result.metadata["horizon_h"]
    for _, rows in seg.groupby(["station", "machine"]):
        starts, ends = rows["start_h"].to_numpy(), rows["end_h"].to_numpy()
        assert starts[0] == 0.0 and ends[-1] == pytest.approx(horizon)
        assert np.allclose(starts[1:], ends[:-1])  # contiguous, no overlap
        assert (rows["state"].to_numpy()[1:] != rows["state"].to_numpy()[:-1]).all()
    durations = (seg["end_h"] - seg["start_h"]).groupby([seg["station"], seg["state"]]).sum()
    stations = result.stations
    for station in stations.index:
        capacity = horizon * stations.loc[station, "machines"]
        for state in STATE_COLOURS:
            spent = durations.get((station, state), 0.0)
            assert spent / capacity == pytest.approx(
                stations.loc[station, f"share_{state}"], abs=1e-9), (station, state)
    assert durations[("robot_r7", "down")] >= 3.0  # the scripted 3 h breakdown


def test_gantt_falls_back_to_samples(sampled):
    seg = state_segments(sampled)
    assert seg.attrs["source"] == "samples"
    assert set(seg["machine"]) == {-1}
    ts = sampled.timeseries
    for station, rows in seg.groupby("station"):
        assert rows["start_h"].iloc[0] == 0.0
        assert rows["end_h"].iloc[-1] == pytest.approx(sampled.metadata["horizon_h"])
        for _, row in rows.iterrows():  # each segment starts at a sample with that state
            at = ts.loc[np.isclose(ts["time_h"], row["start_h"]), f"state_{station}"]
            assert at.iloc[0] == row["state"]
    assert "sampled" in plot_station_gantt(sampled).axes[0].get_title(loc="left")


def test_truncated_log_falls_back_to_samples():
    res = sim.run(_scenario(event_log_limit=50), seed=3, event_log=True)
    assert res.metadata["events_dropped"] > 0
    assert state_segments(res).attrs["source"] == "samples"


def test_save_standard_plots_writes_labelled_pngs(tmp_path, result):
    paths = save_standard_plots(result, tmp_path)
    assert [p.name for p in paths] == ["station_states.png", "wip_stock.png", "kpis.png"]
    for path in paths:
        with Image.open(path) as image:
            assert image.width > 800
            assert result.fingerprint in image.text["Description"]
            assert SYNTHETIC_LABEL in image.text["Description"]


def test_wip_stock_marks_the_scripted_disruptions(result):
    fig = plot_wip_stock(result)
    found = texts(fig)
    assert "delivery delayed: alloy" in found
    assert "breakdown: robot_r7" in found


@pytest.mark.parametrize("plot", PLOTS, ids=lambda f: f.__name__)
def test_figures_render_as_png_for_notebooks(plot, result):
    png = plot(result)._repr_png_()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
