"""Smoke test of the zero-install path: ``scripts/build-lite.sh`` builds a JupyterLite site.

The site must hold every notebook (pointed at the in-browser Pyodide kernel), the scenarios,
the Werkhalle wheel in the site's own package index (so ``%pip install werkhalle`` works in
the browser), and the widget front-end. Running the notebooks inside Pyodide needs the Pyodide
runtime from its CDN, which this machine cannot reach; the notebooks themselves are executed
by tests/test_notebooks.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.relative_to(ROOT / "notebooks").as_posix()
                   for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("lite") / "_site"
    env = dict(os.environ, WERKHALLE_PYTHON=sys.executable)
    done = subprocess.run(["bash", str(ROOT / "scripts" / "build-lite.sh"), str(out)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"JupyterLite site written to {out}" in done.stdout
    return out


def _listing(site: Path, folder: str = "") -> set[str]:
    index = site / "api" / "contents" / folder / "all.json"
    return {item["name"] for item in json.loads(index.read_text())["content"]}


def test_site_has_the_app(site):
    assert (site / "index.html").is_file()
    assert (site / "lab" / "index.html").is_file()
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    extensions = {e["name"] for e in config["federated_extensions"]}
    assert {"@jupyterlite/pyodide-kernel-extension",
            "@jupyter-widgets/jupyterlab-manager"} <= extensions


def test_site_holds_every_notebook_and_the_scenarios(site):
    assert NOTEBOOKS
    for rel in NOTEBOOKS:
        folder, name = rel.rsplit("/", 1)
        assert name in _listing(site, folder), rel
        nb = json.loads((site / "files" / rel).read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "python"  # the Pyodide kernel
        setup = "".join(nb["cells"][1]["source"])
        assert 'sys.platform == "emscripten"' in setup and "%pip install" in setup
    shipped = {p.name for p in (ROOT / "scenarios").glob("*.toml")}
    assert shipped and shipped <= _listing(site, "scenarios")
    assert not (site / "files" / "_src").exists()  # sources and build tools stay out


def test_site_serves_the_werkhalle_wheel_for_pyodide(site):
    index = json.loads((site / "pypi" / "all.json").read_text())
    (release,) = index["werkhalle"]["releases"].values()
    wheel = site / "pypi" / release[0]["filename"]
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        requires = next(line.split(":", 1)[1].strip()
                        for line in whl.read(meta).decode().splitlines()
                        if line.startswith("Requires-Python:"))
    assert {"sim/__init__.py", "sim/i18n/__init__.py", "sim/runner.py"} <= names
    from jupyterlite_pyodide_kernel.constants import PYODIDE_PYTHON_VERSION

    # micropip refuses a wheel whose Requires-Python excludes the browser's Python
    assert PYODIDE_PYTHON_VERSION in SpecifierSet(requires), (PYODIDE_PYTHON_VERSION, requires)
