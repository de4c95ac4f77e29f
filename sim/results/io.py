"""Writing labelled result files: one module for atomicity, permissions and labelled CSV.

Every container (:class:`~sim.results.Result`, :class:`~sim.experiments.compare.Comparison`,
:class:`~sim.experiments.ExperimentResult`) writes through these functions, so there is one
rule for each:

* **Atomic directory** (:func:`atomic_directory`): a result folder is written into a hidden
  staging folder and moved into place only when every file is written; on any failure
  nothing is left half-written and an existing folder is kept as it was. The target must pass
  the ``--out`` rule (:mod:`sim.results.outdir`): nothing Werkhalle did not write is touched.
* **Atomic file** (:func:`atomic_write_text`): for run directories that grow while an
  experiment runs (tasks, manifest, final tables); a crash leaves the whole file or none.
* **Permissions**: what is written is readable as the process's umask says (``mkdtemp`` alone
  would make folders private).
* **Labelled CSV** (:func:`csv_text`): the first line is ``# <SYNTHETIC banner>``.
* **Figures** (:func:`write_figures`): drawn figures are handed in by the caller (containers do
  not import plotting) and saved as PNG with the label and fingerprint in the file's text chunks.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sim.labels import png_metadata
from sim.results.outdir import check_out_dir, install, staging_dir, try_plots, umask

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["atomic_directory", "atomic_write_text", "csv_text", "json_text", "write_csv",
           "write_figures", "write_figures_safely"]


def csv_text(table: pd.DataFrame | pd.Series, header: str, index: bool = True) -> str:
    """A table as CSV text whose first line is ``# <header>``."""
    return f"# {header}\n" + table.to_csv(index=index, lineterminator="\n")


def write_csv(table: pd.DataFrame | pd.Series, path: Path, header: str,
              index: bool = True) -> None:
    """Write a labelled CSV file (see :func:`csv_text`)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(f"# {header}\n")
        table.to_csv(fh, index=index)


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
        shutil.rmtree(tmp, ignore_errors=True)
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
