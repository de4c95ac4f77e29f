"""The labelled result of an experiment: a run table, a summary with CIs, and metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sim.labels import SYNTHETIC_LABEL, fingerprint
from sim.results.html import experiment_html
from sim.results.io import atomic_write_text, json_text, labelled_csv_text
from sim.results.labelled import Labelled
from sim.results.outdir import check_out_dir


@dataclass
class ExperimentResult(Labelled):
    """What an experiment produced.

    Attributes:
        runs: One row per run: identifying columns (replication, seed, configuration or
            parameters) followed by one column per KPI (names carry units).
        summary: Per KPI (and group): n, mean, std, sem, CI half-width and bounds.
        metadata: Kind, scenario and hash, base seed, seeds, n, confidence, version, and
            ``synthetic: True`` with the label.
        kpis: Names of the KPI columns of :attr:`runs`.
    """

    runs: pd.DataFrame
    summary: pd.DataFrame
    metadata: dict[str, Any]
    kpis: list[str] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """``scenario#hash · seed S · werkhalle X · <kind> n N``."""
        meta = self.metadata
        return f"{fingerprint(meta)} · {meta.get('kind', 'experiment')} n {meta.get('n', '?')}"

    @property
    def ids(self) -> list[str]:
        """The identifying (non-KPI) columns of :attr:`runs`."""
        return [c for c in self.runs.columns if c not in self.kpis]

    def tidy(self) -> pd.DataFrame:
        """:attr:`runs` in long format: the identifying columns, ``kpi`` and ``value``."""
        long = self.runs.melt(id_vars=self.ids, value_vars=self.kpis, var_name="kpi",
                              value_name="value")
        long.attrs.update(self.runs.attrs)
        return long

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables to save, by file stem."""
        return {"runs": self.runs, "summary": self.summary}

    def summary_text(self, columns: tuple[str, ...] = ("mean", "ci_low", "ci_high")) -> str:
        """The summary as aligned text under the SYNTHETIC banner."""
        table = self.summary.copy()
        index = [c for c in table.columns if c not in ("n", "mean", "std", "sem",
                                                       "half_width", "ci_low", "ci_high")]
        table = table.set_index(index)[["n", *columns]]
        with pd.option_context("display.width", 160, "display.max_rows", 500,
                               "display.float_format", "{:,.3f}".format):
            return f"{self.banner}\n{table.to_string()}"

    def save(self, directory: str | Path) -> Path:
        """Write every table as a labelled CSV plus ``metadata.json`` (each file atomically).

        Raises:
            ScenarioError: If ``directory`` is a file or holds anything but earlier tables
                of an experiment (see :func:`sim.results.outdir.check_out_dir`).
        """
        target = check_out_dir(directory, "tables")
        for stem, table in self.tables().items():
            text = labelled_csv_text(table, SYNTHETIC_LABEL, self.fingerprint)
            atomic_write_text(target / f"{stem}.csv", text)
        atomic_write_text(target / "metadata.json", json_text(self.metadata))
        return target

    def _repr_html_(self) -> str:
        return experiment_html(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.fingerprint}; {SYNTHETIC_LABEL}>"
