"""Smoke test of the zero-install path: ``scripts/build-lite.sh`` builds a JupyterLite site.

The site must hold every notebook (pointed at the in-browser Pyodide kernel), the scenarios,
the Werkhalle wheel and the pure-Python dependencies Pyodide lacks in the site's own package
index (so ``%pip install werkhalle`` needs no PyPI), the widget front-end, and no source maps.
A self-hosted Pyodide distribution (``WERKHALLE_PYODIDE_DIR`` / ``JUPYTERLITE_PYODIDE_URL``)
is wired into the site. Running the notebooks inside Pyodide needs Pyodide's compiled packages
(numpy, pandas ...), which no registry reachable here provides; the notebooks themselves are
executed by tests/test_notebooks.py.
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
    done = _build(out)
    assert f"JupyterLite site written to {out}" in done.stdout
    assert "Pyodide runtime: from cdn.jsdelivr.net" in done.stdout
    return out


BUNDLED = {"simpy", "mesa", "typer", "shellingham", "markdown-it-py", "mdurl", "annotated-doc",
           "comm", "ipywidgets", "jupyterlab-widgets"}


def _build(out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    inherited = {k: v for k, v in os.environ.items()  # a lecturer's own distribution: not here
                 if k not in ("WERKHALLE_PYODIDE_DIR", "JUPYTERLITE_PYODIDE_URL")}
    done = subprocess.run(["bash", str(ROOT / "scripts" / "build-lite.sh"), str(out)],
                          env=dict(inherited, WERKHALLE_PYTHON=sys.executable, **env),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


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


SETUP = ROOT / "notebooks" / "_src" / "_include" / "setup.py"


def _import_check() -> str:
    """The setup cell's import check (the lines after ``%pip install``), as plain Python."""
    lines = SETUP.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "%pip install" in line) + 1
    end = next(i for i, line in enumerate(lines) if "raise SystemExit" in line) + 1
    return "\n".join(line.removeprefix("    ") for line in lines[start:end])


def test_setup_cell_says_clearly_what_is_missing(monkeypatch, capsys):
    code = _import_check()
    exec(compile(code, "setup-cell", "exec"), {})  # everything importable: silent
    assert capsys.readouterr().out == ""
    monkeypatch.setitem(sys.modules, "pandas", None)  # as when Pyodide's pandas did not load
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(SystemExit, match="missing: pandas, matplotlib"):
        exec(compile(code, "setup-cell", "exec"), {})
    out = capsys.readouterr().out
    assert out.startswith("Werkhalle cannot start: these Python packages did not load")
    assert "  pandas (" in out and "  matplotlib (" in out and "numpy (" not in out
    assert "cdn.jsdelivr.net" in out and "self-hosted Pyodide" in out
    assert "Werkhalle kann nicht starten" in out  # and in German


def test_site_bundles_the_pure_dependencies_and_no_source_maps(site):
    index = json.loads((site / "pypi" / "all.json").read_text())
    assert BUNDLED | {"werkhalle"} <= set(index)
    for name in BUNDLED:
        (release,) = index[name]["releases"].values()
        filename = release[0]["filename"]
        assert filename.endswith("-none-any.whl"), filename  # pure: runs in Pyodide
    assert list(site.rglob("*.map")) == []
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"site: {size / 1e6:.1f} MB")
    assert size < 45e6  # 66 MB with source maps before
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert "pyodideUrl" not in kernel  # the default: Pyodide from its CDN


def test_a_self_hosted_pyodide_is_wired_in(tmp_path):
    dist = tmp_path / "pyodide"
    dist.mkdir()
    (dist / "pyodide.js").write_text("// stand-in runtime for the wiring test\n")
    (dist / "pyodide-lock.json").write_text('{"info": {}, "packages": {}}\n')
    (dist / "pyodide.js.map").write_text("{}")
    done = _build(tmp_path / "site", WERKHALLE_PYODIDE_DIR=str(dist))
    assert f"self-hosted Pyodide: {dist}" in done.stdout
    site = tmp_path / "site"
    assert (site / "static" / "pyodide" / "pyodide.js").is_file()
    assert not (site / "static" / "pyodide" / "pyodide.js.map").exists()
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js"
    bad = subprocess.run(["bash", str(ROOT / "scripts" / "build-lite.sh"), str(tmp_path / "x")],
                         env=dict(os.environ, WERKHALLE_PYTHON=sys.executable,
                                  WERKHALLE_PYODIDE_DIR=str(tmp_path)),
                         capture_output=True, text=True, timeout=600)
    assert bad.returncode == 2 and "has no pyodide.js" in bad.stderr
