"""Executing a teaching notebook with nbclient in a child process (tests/test_notebooks.py and
tests/test_pyodide_versions.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

CELL_TIMEOUT = 120
"""Seconds one cell may take; quick-mode cells take a few seconds at most."""
NOTEBOOK_DEADLINE = 240
"""Seconds a whole notebook may take in its child process before it is killed."""

_RUNNER = """
import sys, nbformat
from nbclient import NotebookClient
src, dst, cwd, timeout, extra = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
nb = nbformat.read(src, as_version=4)
if extra:
    nb.cells.append(nbformat.v4.new_code_cell(extra))
NotebookClient(nb, timeout=timeout, kernel_name="python3",
               resources={"metadata": {"path": cwd}}).execute()
nbformat.write(nb, dst)
"""


def execute(path: Path, tmp_path: Path, python: str = sys.executable, extra_cell: str = "",
            deadline: int = NOTEBOOK_DEADLINE) -> nbformat.NotebookNode:
    """Execute a notebook with nbclient in a child process with a hard deadline.

    Args:
        path: The notebook.
        tmp_path: Where the executed copy is written.
        python: The interpreter whose nbclient and kernel (``python3``: itself) run it.
        extra_cell: Code appended as a last cell (e.g. to report versions), or "".
        deadline: Seconds before the child process counts as hung.

    nbclient sometimes waits forever for a reply while the kernel sits idle, after a cell that
    displays an ipywidget (jupyter/nbclient#312, open upstream; seen here on a slider cell of
    notebook 03, where no nbclient timeout fired). That is a lost message, not an error of the
    notebook, so only a missed deadline is retried, once, in a new process and kernel; an
    error in a cell fails at once, and a second missed deadline fails the test.
    """
    out = tmp_path / "executed.ipynb"
    cmd = [python, "-c", _RUNNER, str(path), str(out), str(path.parent), str(CELL_TIMEOUT),
           extra_cell]
    for attempt in (1, 2):
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=deadline,
                                  start_new_session=True)
        except subprocess.TimeoutExpired:
            if attempt == 2:
                raise
            continue
        assert done.returncode == 0, f"{path.name} failed:\n{done.stderr[-4000:]}"
        return nbformat.read(out, as_version=4)
    raise AssertionError("unreachable")  # pragma: no cover


def shown_text(nb: nbformat.NotebookNode) -> str:
    """All text output of an executed notebook; fails on an error output."""
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", out.get("evalue", "")
            texts.append(out.get("text", "") + str(out.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)
