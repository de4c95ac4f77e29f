"""Reading a saved result folder back into a :class:`~sim.results.result.Result`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from sim.results.io import read_labelled_csv
from sim.results.result import Result

RESULT_TABLES = {"kpis": "kpi", "timeseries": None, "stations": "station", "events": None,
                 "decisions": None}
"""The tables of a saved :class:`Result` folder and the column that is their index."""


def read_result(directory: str | Path) -> Result:
    """Read a folder written by :meth:`Result.save` back into a :class:`Result`.

    Args:
        directory: The folder (``kpis.csv``, ``stations.csv``, ... and ``metadata.json``).

    Returns:
        The result, with its tables indexed as when it was saved and its metadata.

    Raises:
        FileNotFoundError: If the folder has no ``metadata.json``.
    """
    folder = Path(directory)
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    metadata.pop("files", None)
    tables: dict[str, Any] = {}
    for stem, index in RESULT_TABLES.items():
        path = folder / f"{stem}.csv"
        if not path.is_file():
            tables[stem] = pd.DataFrame()
            continue
        frame = read_labelled_csv(path)
        if index is not None and index in frame.columns:
            frame = frame.set_index(index)
            if stem == "kpis":
                frame.index.name = None
        tables[stem] = frame
    kpis = tables["kpis"]["value"] if "value" in tables["kpis"] else pd.Series(dtype=float)
    daily = folder / "daily.csv"  # the planner's daily balance, when the run had a report
    return Result(kpis=kpis, timeseries=tables["timeseries"], stations=tables["stations"],
                  events=tables["events"], metadata=metadata, decisions=tables["decisions"],
                  daily=read_labelled_csv(daily) if daily.is_file() else None)
