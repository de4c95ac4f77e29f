"""Writing result files: one module for atomicity, permissions, labelled CSV/xlsx and figures.

Every container (:class:`~sim.results.Result`, :class:`~sim.experiments.compare.Comparison`,
:class:`~sim.experiments.ExperimentResult`) writes through these functions, so there is one
rule for each:

* **Atomic directory** (:func:`atomic_directory`): a result folder is written into a hidden
  staging folder and moved into place only when every file is written; on any failure
  nothing is left half-written and an existing folder is kept as it was. The target must pass
  the ``--out`` rule (:mod:`sim.results.outdir`): nothing Werkhalle did not write is touched.
* **Atomic file** (:func:`atomic_write_text`): for run directories that grow while an
  experiment runs (tasks, manifest, final tables); a crash leaves the whole file or none.
* **Permissions**: what is written is readable as the process's umask says.
* **Labelled CSV** (:func:`write_labelled_csv`): every CSV is a plain table — one header row,
  no comment line, no unnamed index column, UTF-8 with a byte-order mark (so that Excel shows
  ``·`` and umlauts correctly). The SYNTHETIC label and the run fingerprint travel *inside* the
  table, as its first two columns ``label`` and ``fingerprint``, repeated on every row. So
  ``pd.read_csv(path)`` gives the intended columns, a row copied into another sheet or
  concatenated into a class comparison still says where it came from, and no field is ever cut
  at a ``#``. :func:`read_labelled_csv` reads a file back with the two columns moved into
  ``DataFrame.attrs``; :func:`sim.results.load.read_result` rebuilds a whole result.
* **Figures** (:func:`write_figures`): drawn figures are handed in by the caller (containers do
  not import plotting) and saved as PNG with the label and fingerprint in the file's text chunks.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sim.labels import SYNTHETIC_LABEL, png_metadata
from sim.results.outdir import (
    check_out_dir,
    discard_staging,
    install,
    staging_dir,
    try_plots,
    umask,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["LABEL_COLUMNS", "atomic_directory", "atomic_write_text", "json_text",
           "labelled_csv_text", "labelled_frame", "read_labelled_csv", "read_labelled_folder",
           "write_figures", "write_figures_safely", "write_labelled_csv", "write_labelled_xlsx"]

LABEL_COLUMNS = ("label", "fingerprint")
"""The two columns that carry the SYNTHETIC label and the run fingerprint in every file."""

LABEL_PREFIXES = ("SYNTHETIC", "SYNTHETISCH")
"""How the label starts, in English and in German (``sim.i18n.synthetic_label()``)."""

BOM = "\ufeff"
"""UTF-8 byte-order mark at the start of every CSV (Excel needs it; pandas skips it)."""

_ZIP_DATE = (2000, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def labelled_frame(table: pd.DataFrame | pd.Series, label: str, fingerprint: str, *,
                   index_label: str = "index") -> pd.DataFrame:
    """The table as a flat frame with ``label`` and ``fingerprint`` as its first columns.

    An unnamed integer index (row numbers, also after filtering) is dropped; any other index
    becomes an ordinary column (named after the index, else ``index_label``). A Series becomes
    a frame with one value column.

    Args:
        table: The table to label.
        label: The label text (normally :data:`~sim.labels.SYNTHETIC_LABEL`).
        fingerprint: The run fingerprint, or what else names the origin of the numbers.
        index_label: Column name for an unnamed, meaningful index.

    Returns:
        A new frame; ``table`` is not changed.
    """
    frame = table.to_frame() if isinstance(table, pd.Series) else table.copy()
    index = frame.index
    if index.nlevels == 1 and index.name is None and pd.api.types.is_integer_dtype(index):
        frame = frame.reset_index(drop=True)
    else:
        names = [n if n is not None else index_label for n in index.names]
        frame = frame.rename_axis(names).reset_index()
    clash = [c for c in LABEL_COLUMNS if c in frame.columns]
    if clash:
        raise ValueError(f"the table already has columns {clash}; they carry the label")
    frame.insert(0, "fingerprint", fingerprint)
    frame.insert(0, "label", label)
    return frame


def labelled_csv_text(table: pd.DataFrame | pd.Series, label: str, fingerprint: str, *,
                      index_label: str = "index") -> str:
    """The labelled table as CSV text (BOM, one header row, newline line ends)."""
    frame = labelled_frame(table, label, fingerprint, index_label=index_label)
    return BOM + frame.to_csv(index=False, lineterminator="\n")


def write_labelled_csv(frame: pd.DataFrame | pd.Series, path: str | Path,
                       label: str = SYNTHETIC_LABEL, fingerprint: str = "", *,
                       index_label: str = "index") -> Path:
    """Write a table as a plain CSV whose first two columns are the label and the fingerprint.

    Args:
        frame: The table (a DataFrame or a Series).
        path: The file to write.
        label: The label text (default: the SYNTHETIC label).
        fingerprint: The run fingerprint.
        index_label: Column name for an unnamed, meaningful index.

    Returns:
        The path.
    """
    path = Path(path)
    text = labelled_csv_text(frame, label, fingerprint, index_label=index_label)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    return path


def read_labelled_csv(path: str | Path, **read_csv: Any) -> pd.DataFrame:
    """Read a labelled CSV: the table without the two label columns, which go to ``.attrs``.

    Args:
        path: The file.
        **read_csv: Passed to :func:`pandas.read_csv` (``index_col=``, ``dtype=`` ...).

    Returns:
        The table; ``attrs`` holds ``synthetic``, ``label`` and ``fingerprint`` (several
        fingerprints, as in a merged file, are joined with ``"; "``).

    Raises:
        ValueError: If the file does not start with the ``label`` and ``fingerprint`` columns.
    """
    frame = pd.read_csv(path, encoding="utf-8-sig", **read_csv)
    if not set(LABEL_COLUMNS) <= set(frame.columns):
        raise ValueError(f"{path}: not a labelled Werkhalle table (no columns "
                         f"{list(LABEL_COLUMNS)}; its columns are {list(frame.columns)[:3]} ...)")
    labels = frame.pop("label").dropna().unique()
    prints = frame.pop("fingerprint").dropna().astype(str).unique()
    frame.attrs.update({"synthetic": all(str(v).startswith(LABEL_PREFIXES) for v in labels),
                        "label": "; ".join(map(str, labels)) or SYNTHETIC_LABEL,
                        "fingerprint": "; ".join(prints)})
    return frame


def read_labelled_folder(folder: str | Path, pattern: str = "*.csv"
                         ) -> tuple[pd.DataFrame, list[str]]:
    """Concatenate every labelled CSV in ``folder`` (for example a class's exports).

    The ``label`` and ``fingerprint`` columns are kept (every row says where it came from) and a
    ``file`` column is added. Files without the label are skipped and reported.

    Args:
        folder: The folder to read.
        pattern: Which files (glob).

    Returns:
        The concatenated table and a list of problems (one line per skipped file).
    """
    frames, problems = [], []
    for path in sorted(Path(folder).glob(pattern)):
        frame = pd.read_csv(path, encoding="utf-8-sig", dtype={"notebook": str})
        if tuple(frame.columns[:2]) != LABEL_COLUMNS or not (
                frame["label"].astype(str).str.startswith(LABEL_PREFIXES).all()):
            problems.append(f"{path.name}: no SYNTHETIC label column")
            continue
        frames.append(frame.assign(file=path.name))
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return data, problems


def write_labelled_xlsx(tables: Mapping[str, pd.DataFrame | pd.Series], path: str | Path,
                        label: str, fingerprint: str, *, index_label: str = "index") -> Path:
    """Write tables as one Excel workbook: a ``README`` sheet plus one labelled sheet per table.

    Every data sheet has the ``label`` and ``fingerprint`` columns of the CSV files; the README
    sheet states the label and the fingerprint in words. The file is byte-identical for the same
    tables (fixed document dates and zip timestamps). Needs ``openpyxl``
    (``pip install "werkhalle[xlsx]"``).

    Args:
        tables: Sheet name (at most 31 characters) -> table.
        path: The ``.xlsx`` file to write.
        label: The label text.
        fingerprint: The run fingerprint.
        index_label: Column name for an unnamed, meaningful index.

    Returns:
        The path.

    Raises:
        ImportError: If openpyxl is not installed (with the command that installs it).
    """
    try:
        import openpyxl  # noqa: F401  (optional dependency, checked before any work)
    except ImportError:
        raise ImportError("writing .xlsx needs openpyxl: pip install \"werkhalle[xlsx]\"") \
            from None
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        readme = pd.DataFrame({"SYNTHETIC": [label, fingerprint, "",
                                             "Every sheet carries the label and the fingerprint "
                                             "in its first two columns."]})
        readme.to_excel(writer, sheet_name="README", index=False)
        for name, table in tables.items():
            frame = labelled_frame(table, label, fingerprint, index_label=index_label)
            frame.to_excel(writer, sheet_name=name[:31], index=False)
        book = writer.book
        fixed = datetime(2000, 1, 1)
        book.properties.creator = "werkhalle"
        book.properties.title = f"{label} | {fingerprint}"
        book.properties.created = fixed
        book.properties.modified = fixed
    Path(path).write_bytes(_reproducible_zip(buffer.getvalue()))
    return Path(path)


def _reproducible_zip(data: bytes) -> bytes:
    """The same zip archive with fixed timestamps (openpyxl stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":  # openpyxl stamps "modified" on save
                data = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            dst.writestr(info, data)
    return out.getvalue()


def json_text(data: Mapping[str, Any]) -> str:
    """Metadata as indented JSON text (values JSON does not know are written as text)."""
    return json.dumps(dict(data), indent=2, default=str) + "\n"


def write_figures(directory: Path, figures: Mapping[str, Figure], metadata: Mapping[str, Any],
                  dpi: int = 110) -> list[Path]:
    """Save drawn figures as ``<stem>.png`` (a stem may name a sub-folder: ``agents/kpis``)."""
    written = []
    for stem, fig in figures.items():
        path = directory / f"{stem}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=dpi, metadata=png_metadata(metadata))
        written.append(path)
    return written


@contextmanager
def atomic_directory(directory: str | Path, kind: str) -> Iterator[Path]:
    """Yield a staging folder whose files become ``directory`` when the block ends without error.

    ``directory`` must pass the ``--out`` rule for ``kind`` (:func:`check_out_dir`: new, empty,
    or an earlier Werkhalle result of the same kind). A new target appears at once; an earlier
    result is replaced file by file, and nothing Werkhalle did not write is ever touched. On
    any failure the staging folder is removed and the target is kept as it was.

    Args:
        directory: The target folder.
        kind: The kind of result (``"run"``, ``"compare"``, ...; see
            :data:`sim.results.outdir.KINDS`).

    Yields:
        The staging folder to write into (hidden, beside or inside the target).

    Raises:
        ScenarioError: If the target breaks the ``--out`` rule (nothing is written).
    """
    target = check_out_dir(directory, kind)
    tmp = staging_dir(target)
    try:
        yield tmp
        install(tmp, target, kind)
    except BaseException:
        discard_staging(tmp)
        raise


def write_figures_safely(directory: Path, figures: Mapping[str, Figure],
                         metadata: Mapping[str, Any]) -> str | None:
    """:func:`write_figures`, but a drawing failure only removes the PNGs and is returned.

    Drawing must never lose the computed tables: the caller saves them whatever happens and
    raises :class:`~sim.errors.PlotError` with the returned problem afterwards.
    """
    return try_plots(lambda: write_figures(directory, figures, metadata), directory)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file + ``os.replace``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp makes 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
