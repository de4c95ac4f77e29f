"""``--format csv|xlsx`` for ``werkhalle run`` and ``compare``: an Excel workbook for lecturers.

The CSV files are always written (``sim.read_result`` and the tools read them); ``xlsx`` adds
one workbook with a README sheet and one sheet per table, each carrying the ``label`` and
``fingerprint`` columns. openpyxl is optional (``pip install "werkhalle[xlsx]"``); a missing one
is reported before anything runs.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sim.cli.app import fail

if TYPE_CHECKING:
    import pandas as pd


class TableFormat(StrEnum):
    """The file formats of the result tables."""

    csv = "csv"
    xlsx = "xlsx"


FormatOption = Annotated[
    TableFormat,
    typer.Option("--format", help="csv (default), or xlsx: also one Excel workbook with every "
                 "table (label and fingerprint on every sheet; needs openpyxl)."),
]


def check_format(table_format: TableFormat) -> None:
    """Exit 2 with one clear line if ``xlsx`` is asked for but openpyxl is missing."""
    if table_format is TableFormat.xlsx and importlib.util.find_spec("openpyxl") is None:
        fail('--format xlsx needs openpyxl, which is not installed: '
             'pip install "werkhalle[xlsx]" (or pip install openpyxl)')


def write_workbook(table_format: TableFormat, target: Path, name: str,
                   tables: Mapping[str, pd.DataFrame | pd.Series], label: str,
                   fingerprint: str) -> None:
    """Write ``target/<name>.xlsx`` (atomically) when the format is ``xlsx``."""
    if table_format is not TableFormat.xlsx:
        return
    tmp = target / f".{name}.xlsx.tmp"
    try:
        from sim.results.io import write_labelled_xlsx

        write_labelled_xlsx(tables, tmp, label, fingerprint, index_label="kpi")
        os.replace(tmp, target / f"{name}.xlsx")
    finally:
        tmp.unlink(missing_ok=True)
