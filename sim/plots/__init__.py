"""The one drawing room: every matplotlib figure Werkhalle makes.

Containers (:class:`~sim.results.Result`, :class:`~sim.experiments.compare.Comparison`,
experiment results) never import plotting; the functions here draw them, and
``save(directory, figures=...)`` writes what was drawn. Every figure carries the SYNTHETIC
watermark and the run fingerprint (:func:`label_figure`); one palette (:data:`STATE_COLOURS`)
colours the machine states on every plot and on the dashboard page.

>>> import sim, sim.plots
>>> result = sim.run("baseline", seed=1)
>>> result.save("out/baseline", figures=sim.plots.standard_figures(result))  # doctest: +SKIP
"""

from sim.plots.base import (
    STATE_COLOURS,
    WATERMARK,
    SyntheticFigure,
    label_figure,
    state_segments,
)
from sim.plots.compare import comparison_figures, plot_options, plot_stock_output
from sim.plots.experiments import (
    plot_kpis,
    plot_paired,
    plot_stress,
    plot_sweep,
    plot_sweep_heatmap,
    save_plots,
)
from sim.plots.ladder import plot_value_of_information, plot_value_of_time
from sim.plots.live import line_figure
from sim.plots.maintenance import plot_maintenance_study
from sim.plots.run import (
    plot_kpi_bars,
    plot_station_gantt,
    plot_wip_stock,
    save_standard_plots,
    standard_figures,
)

__all__ = [
    "STATE_COLOURS",
    "WATERMARK",
    "SyntheticFigure",
    "comparison_figures",
    "label_figure",
    "line_figure",
    "plot_kpi_bars",
    "plot_kpis",
    "plot_maintenance_study",
    "plot_options",
    "plot_paired",
    "plot_station_gantt",
    "plot_stock_output",
    "plot_stress",
    "plot_sweep",
    "plot_sweep_heatmap",
    "plot_value_of_information",
    "plot_value_of_time",
    "plot_wip_stock",
    "save_plots",
    "save_standard_plots",
    "standard_figures",
    "state_segments",
]
