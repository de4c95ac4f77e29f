"""Experiment plots carry the SYNTHETIC banner and show what they claim."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from exp_support import order_line, queue  # noqa: E402

from sim.experiments import Config, compare_paired, replicate, stress_test, sweep  # noqa: E402
from sim.labels import SYNTHETIC_LABEL  # noqa: E402
from sim.plots.experiments import (  # noqa: E402
    plot_kpis,
    plot_paired,
    plot_stress,
    plot_sweep,
    plot_sweep_heatmap,
    save_plots,
)

FAST = {"jobs": 1, "progress": False}


def _texts(fig):
    return [t.get_text() for t in fig.texts]


@pytest.fixture(scope="module")
def results():
    scn = queue(horizon="6 h", warmup="1 h")
    return {
        "reps": replicate(scn, 3, **FAST),
        "paired": compare_paired(scn, 3, baseline=Config("one"),
                                 alternative=Config("two", {"stations.server.machines": 2}),
                                 **FAST),
        "sweep": sweep(scn, {"stations.server.machines": [1, 2],
                             "stations.server.buffer": [2, 4, 8]}, 2, **FAST),
        "stress": stress_test(order_line(), 6, configs=[Config("base", agents="off")], **FAST),
    }


def test_every_plot_is_labelled(results):
    figures = [
        plot_kpis(results["reps"]),
        plot_paired(results["paired"]),
        plot_sweep(results["sweep"], "WIP mean [units]"),
        plot_sweep_heatmap(results["sweep"], "WIP mean [units]"),
        plot_stress(results["stress"]),
    ]
    for fig, key in zip(figures, ["reps", "paired", "sweep", "sweep", "stress"], strict=True):
        assert any(SYNTHETIC_LABEL in t and results[key].fingerprint.split(" · ")[0] in t
                   for t in _texts(fig))


def test_kpi_error_bars_are_the_confidence_intervals(results):
    reps = results["reps"]
    fig = plot_kpis(reps, ["WIP mean [units]"])
    ax = fig.axes[0]
    row = reps.summary.set_index("kpi").loc["WIP mean [units]"]
    (line,) = ax.lines[:1]
    assert line.get_ydata()[0] == pytest.approx(row["mean"])
    segments = ax.collections[0].get_segments()
    low, high = segments[0][0][1], segments[0][1][1]
    assert (low, high) == pytest.approx((row["ci_low"], row["ci_high"]))


def test_heatmap_cells_are_the_means(results):
    res = results["sweep"]
    fig = plot_sweep_heatmap(res, "WIP mean [units]")
    image = fig.axes[0].images[0].get_array()
    assert image.shape == (3, 2)
    means = res.summary[res.summary["kpi"] == "WIP mean [units]"]
    expected = means.set_index(["stations.server.buffer", "stations.server.machines"])["mean"]
    assert image[0, 1] == pytest.approx(expected[(2, 2)])


def test_save_plots_writes_pngs(results, tmp_path):
    paths = save_plots(results["paired"], tmp_path)
    assert {p.name for p in paths} == {"kpis.png", "paired.png"}
    assert all(p.stat().st_size > 1000 for p in paths)
    names = {p.name for p in save_plots(results["sweep"], tmp_path / "s")}
    assert names == {"kpis.png", "sweep.png", "sweep_heatmap.png"}
    assert {p.name for p in save_plots(results["stress"], tmp_path / "x")} == {"kpis.png",
                                                                              "stress.png"}
