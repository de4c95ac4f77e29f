"""The notebooks under the browser's package versions, on CPython.

``scripts/pyodide_versions.py`` builds a venv whose numpy, pandas, scipy, matplotlib, pydantic
... are the versions of the Pyodide release the JupyterLite site loads (its ``pyodide-lock.json``)
and whose simpy, mesa, typer ... are the versions the site bundles; then every English
notebook runs top to bottom there in quick mode, and a last cell reports the versions the
kernel really imported. The German notebooks run the same code with other texts (their
language is checked under CPython's versions by tests/test_notebooks.py), so running them
here too would double the job's time without testing another package path;
``WERKHALLE_PYODIDE_GERMAN=1`` adds them. The browser's other differences (Python 3.13,
wasm, no processes) are not covered here: tests/test_lite_browser.py covers those it can.

The venv's interpreter is the one running the tests (CI: CPython 3.11), or
``WERKHALLE_PYODIDE_PYTHON`` (e.g. a CPython 3.13, Pyodide's Python).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from notebook_support import execute, shown_text

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow
NOTEBOOKS = sorted([*ROOT.glob("notebooks/en/*.ipynb"),
                    *(ROOT.glob("notebooks/de/*.ipynb")
                      if os.environ.get("WERKHALLE_PYODIDE_GERMAN") == "1" else [])])
IDS = [p.relative_to(ROOT / "notebooks").as_posix() for p in NOTEBOOKS]
CORE = ("numpy", "pandas", "scipy", "matplotlib", "pydantic", "pydantic-core", "simpy", "mesa")
CEILING = 3600
"""Seconds before building the venv counts as hung (a cold pip cache is slow, not hung)."""
NOTEBOOK_CEILING = 600
"""Seconds one notebook's child process may take before it counts as hung (then retried once,
see notebook_support.execute); quick mode takes well under a minute per notebook here."""
VERSIONS_CELL = """
import importlib.metadata as _md, json as _json
print("VERSIONS=" + _json.dumps({n: _md.version(n) for n in %r}))
"""


@pytest.fixture(scope="module")
def pyodide_venv(tmp_path_factory) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("pyodide-versions")
    report = tmp / "versions.json"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "pyodide_versions.py"),
                           "--venv", str(tmp / "venv"), "--report", str(report),
                           "--python", os.environ.get("WERKHALLE_PYODIDE_PYTHON", sys.executable)],
                          capture_output=True, text=True, timeout=CEILING, check=False)
    if done.returncode == 3:  # no lock file to be had here (no npm or no registry)
        pytest.skip(done.stderr.strip()[-300:])
    assert done.returncode == 0, done.stdout + done.stderr
    print(done.stdout)  # the versions table, in the test log
    return tmp / "venv" / "bin" / "python", json.loads(report.read_text())


def test_the_venv_has_the_lock_versions(pyodide_venv):
    _, report = pyodide_venv
    rows = {r["name"]: r for r in report["rows"]}
    assert set(CORE) <= set(rows)
    for row in rows.values():
        assert row["installed"] == row["pinned"], row
        if not row["note"]:  # a deviation is always explained in the table
            assert row["pinned"] == row["browser"], row
    for name in ("numpy", "pandas", "scipy", "matplotlib", "pydantic", "pydantic-core"):
        assert rows[name]["source"] == "Pyodide lock"
    for name in ("simpy", "mesa"):
        assert rows[name]["source"] == "site bundle"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_on_the_browsers_versions(pyodide_venv, path, tmp_path, monkeypatch):
    python, report = pyodide_venv
    monkeypatch.setenv("WERKHALLE_QUICK", "1")
    monkeypatch.setenv("WERKHALLE_EXPORT_DIR", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = execute(path, tmp_path, python=str(python), extra_cell=VERSIONS_CELL % (CORE,),
                 deadline=NOTEBOOK_CEILING)
    shown = shown_text(nb)
    assert "SYNTHETIC" in shown or "SYNTHETISCH" in shown
    line = next(x for x in shown.splitlines() if x.startswith("VERSIONS="))
    used = json.loads(line.removeprefix("VERSIONS="))
    assert used == {r["name"]: r["installed"] for r in report["rows"] if r["name"] in CORE}
