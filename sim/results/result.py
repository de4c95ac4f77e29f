"""The result of a run: tidy pandas tables plus metadata, saved atomically and labelled.

Every table carries the SYNTHETIC label and the run fingerprint in ``DataFrame.attrs``; every
file written by :meth:`Result.save` starts with (CSV) or contains (JSON) the label, and the
whole directory appears at once or not at all.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sim.labels import SYNTHETIC_LABEL, banner, fingerprint, mark_synthetic


@dataclass
class Result:
    """What one run produced.

    Attributes:
        kpis: Line KPIs; names carry units (``"throughput [units/h]"``).
        timeseries: Sampled line state over time (``time_h``, WIP, output, stock, queues,
            station states).
        stations: Per-station state shares, utilisation, OEE and its factors, energy.
        events: The event log (empty unless the log was on).
        decisions: The agents' decision journal (empty when no agent decided anything).
        metadata: Scenario name and hash, seed, versions, and ``synthetic: True`` with the label.
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

    def __post_init__(self) -> None:
        mark_synthetic(self.tables().values(), self.fingerprint)
        mark_synthetic(self.measures.values(), self.fingerprint)

    @property
    def fingerprint(self) -> str:
        """``scenario#hash · seed N · werkhalle X``."""
        return fingerprint(self.metadata)

    @property
    def banner(self) -> str:
        """The SYNTHETIC label with the fingerprint, for every printed table."""
        return banner(self.metadata)

    def tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        """The result's tables by file stem."""
        return {"kpis": self.kpis, "timeseries": self.timeseries, "stations": self.stations,
                "events": self.events, "decisions": self.decisions}

    def kpi_table(self) -> str:
        """The KPIs as aligned text under the SYNTHETIC banner."""
        width = max(len(name) for name in self.kpis.index)
        lines = [self.banner, "-" * len(self.banner)]
        lines += [f"{name:<{width}}  {_fmt(value)}" for name, value in self.kpis.items()]
        return "\n".join(lines)

    def __repr__(self) -> str:
        out = self.kpis.get("output [units]", float("nan"))
        return f"<Result {self.fingerprint}: output {out:.0f} units; {SYNTHETIC_LABEL}>"

    def save(self, directory: str | Path, plots: bool = False) -> Path:
        """Write every table as CSV plus ``metadata.json`` into ``directory``, atomically.

        The files are written into a temporary sibling directory which replaces ``directory``
        only when everything was written: on any failure nothing is left half-written and an
        existing ``directory`` is kept as it was.

        Args:
            directory: Target directory (created or replaced).
            plots: Also write the standard plots as PNG.

        Returns:
            The directory.
        """
        target = Path(directory)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        tmp.chmod(0o777 & ~_umask())  # mkdtemp makes 0700; results are for everyone to read
        try:
            for stem, table in self.tables().items():
                write_csv(table, tmp / f"{stem}.csv", self.banner)
            meta = dict(self.metadata, files=sorted(p.name for p in tmp.iterdir()))
            (tmp / "metadata.json").write_text(json.dumps(meta, indent=2, default=str) + "\n")
            if plots:
                from sim.results.plots import save_standard_plots

                save_standard_plots(self, tmp)
            replace_dir(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return target


def write_csv(table: pd.DataFrame | pd.Series, path: Path, header: str) -> None:
    """Write a table as CSV whose first line is ``# <header>`` (read back with ``comment='#'``)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(f"# {header}\n")
        table.to_csv(fh)


def replace_dir(tmp: Path, target: Path) -> None:
    """Move the finished ``tmp`` directory to ``target``, replacing an old one atomically."""
    if target.exists():
        old = target.with_name(f".{target.name}.old.{os.getpid()}")
        os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, target)


def _umask() -> int:
    """The process's file-creation mask (read without changing it, where the OS allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022


def _fmt(value: float) -> str:
    if pd.isna(value):
        return "n/a"
    if float(value).is_integer() and abs(value) < 1e12:
        return f"{value:,.0f}"
    return f"{value:,.2f}" if abs(value) >= 10 else f"{value:.3f}"
