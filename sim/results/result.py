"""The result of a run: tidy pandas tables plus metadata, saved atomically and labelled.

Every table carries the SYNTHETIC label and the run fingerprint in ``DataFrame.attrs``; every
file written by :meth:`Result.save` carries the label (the CSVs in their ``label`` and
``fingerprint`` columns, see :mod:`sim.results.io`), and the whole directory appears at once or
not at all. Plots are drawn elsewhere (:mod:`sim.plots`) and handed to :meth:`Result.save`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sim import i18n
from sim.errors import PlotError
from sim.labels import SYNTHETIC_LABEL, mark_synthetic
from sim.results.html import result_html
from sim.results.io import atomic_directory, json_text, write_figures_safely, write_labelled_csv
from sim.results.labelled import Labelled
from sim.results.outdir import saved_metadata

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass
class Result(Labelled):
    """What one run produced.

    Attributes:
        kpis: Line KPIs; names carry units (``"throughput [units/h]"``).
        timeseries: Sampled line state over time (``time_h``, WIP, output, stock, queues,
            station states).
        stations: Per-station state shares, utilisation, OEE and its factors, energy.
        events: The event log (empty unless the log was on).
        decisions: The agents' decision journal (empty when no agent decided anything).
        metadata: Scenario name and hash, seed, versions, and ``synthetic: True`` with the label
            (wall-clock timings such as ``twin_seconds`` stay in memory; they are not saved).
    """

    kpis: pd.Series
    timeseries: pd.DataFrame
    stations: pd.DataFrame
    events: pd.DataFrame
    metadata: dict[str, Any]
    decisions: pd.DataFrame = field(default_factory=pd.DataFrame)
    measures: dict[str, pd.DataFrame | pd.Series] = field(default_factory=dict)
    """Queue, store, crew and line measures and the per-part log (``sim.results.measures``);
    not among :meth:`tables`, so the saved files stay as they were."""
    daily: pd.DataFrame | None = None
    """The planner's daily balance (``[agents.planner] daily_report``): per day and KPI the
    value with agents, without agents and the difference; ``None`` without a report (then
    no ``daily.csv`` is written)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        mark_synthetic(self.measures.values(), self.fingerprint)

    def tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        """The result's tables by file stem."""
        out: dict[str, pd.DataFrame | pd.Series] = {
            "kpis": self.kpis, "timeseries": self.timeseries, "stations": self.stations,
            "events": self.events, "decisions": self.decisions}
        if self.daily is not None:
            out["daily"] = self.daily
        return out

    def kpi_table(self) -> str:
        """The KPIs as aligned text under the SYNTHETIC banner, in the current language."""
        banner = i18n.banner(self.metadata)
        names = [i18n.kpi_label(str(name)) for name in self.kpis.index]
        width = max(len(name) for name in names)
        lines = [banner, "-" * len(banner)]
        lines += [f"{name:<{width}}  {_fmt(value)}"
                  for name, value in zip(names, self.kpis, strict=True)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return result_html(self)

    def __repr__(self) -> str:
        out = self.kpis.get("output [units]", float("nan"))
        return f"<Result {self.fingerprint}: output {out:.0f} units; {SYNTHETIC_LABEL}>"

    def save(self, directory: str | Path,
             figures: Mapping[str, Figure] | None = None) -> Path:
        """Write every table as CSV plus ``metadata.json`` into ``directory``, atomically.

        The files are written into a hidden staging directory and moved into ``directory``
        only when everything was written: on any failure nothing is left half-written and an
        existing ``directory`` is kept as it was. ``directory`` must be new, empty or hold an
        earlier run result (see :func:`sim.results.outdir.check_out_dir`); only files
        Werkhalle wrote are ever replaced.

        Args:
            directory: Target directory (created, or its earlier result replaced).
            figures: Drawn figures to save as ``<stem>.png`` beside the tables, e.g.
                :func:`sim.plots.standard_figures` of this result.

        Returns:
            The directory.

        Raises:
            ScenarioError: If ``directory`` is a file or holds anything but an earlier run.
            PlotError: If a plot could not be drawn (the tables and metadata were saved).
        """
        with atomic_directory(directory, "run") as tmp:
            for stem, table in self.tables().items():
                write_labelled_csv(table, tmp / f"{stem}.csv", SYNTHETIC_LABEL, self.fingerprint,
                                   index_label="kpi")
            meta = saved_metadata(dict(self.metadata, files=sorted(p.name for p in tmp.iterdir())))
            (tmp / "metadata.json").write_text(json_text(meta))
            problem = write_figures_safely(tmp, figures or {}, self.metadata)
        if problem:
            raise PlotError(Path(directory), problem)
        return Path(directory)


def _fmt(value: float) -> str:
    if pd.isna(value):
        return i18n.t("table.na")
    if float(value).is_integer() and abs(value) < 1e12:
        return i18n.number(value, 0)
    return i18n.number(value, 2) if abs(value) >= 10 else i18n.number(value, 3)
