"""The package as a new user gets it: build the wheel and sdist, install into a fresh venv
outside the repository, and run the README quickstart from a directory that is not the repo."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import sim
from sim.scenario.loader import SCENARIO_DIR

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

# the build must be quiet: no setuptools deprecation, no "warning:" lines of any kind
WARNING = re.compile(r"warning|deprecat", re.IGNORECASE)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # set in some shells/CI; makes distutils print "byte-compiling is disabled" warnings
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPATH", None)
    return env


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, text=True, check=False)
    assert res.returncode == 0, f"{cmd}\n{res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path | str]:
    dist = tmp_path_factory.mktemp("dist")
    res = _run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], cwd=ROOT)
    wheel = next(dist.glob("werkhalle-*.whl"))
    sdist = next(dist.glob("werkhalle-*.tar.gz"))
    return {"wheel": wheel, "sdist": sdist, "log": res.stdout + res.stderr}


@pytest.fixture(scope="module")
def venv(built, tmp_path_factory) -> Path:
    env_dir = tmp_path_factory.mktemp("fresh") / "venv"
    _run([sys.executable, "-m", "venv", str(env_dir)], cwd=env_dir.parent)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    _run([str(bindir / "python"), "-m", "pip", "install", "-q", str(built["wheel"])],
         cwd=env_dir.parent)
    return bindir


def test_build_has_no_warnings(built):
    noisy = [line for line in str(built["log"]).splitlines() if WARNING.search(line)]
    assert noisy == []


def test_twine_check_strict_passes(built):
    res = _run([sys.executable, "-m", "twine", "check", "--strict",
                str(built["wheel"]), str(built["sdist"])], cwd=ROOT)
    assert res.stdout.count("PASSED") == 2, res.stdout


def test_wheel_ships_scenarios_licence_and_typing_marker(built):
    names = set(zipfile.ZipFile(built["wheel"]).namelist())
    shipped = {p.name for p in SCENARIO_DIR.glob("*.toml")}
    assert shipped and {f"sim/_scenarios/{n}" for n in shipped} <= names
    assert "sim/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    # every package of the source tree is in the wheel
    packages = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "sim").rglob("__init__.py")}
    assert {f"{p}/__init__.py" for p in packages} <= names
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(built["wheel"]).read(meta).decode()
    assert "License-Expression: MIT" in text
    assert "Classifier: Intended Audience :: Education" in text
    assert "Requires-Python: >=3.11\n" in text
    # no invented or relative addresses (docs/design.md section 12: none exist today)
    urls = [line.split(", ", 1)[-1] for line in text.splitlines()
            if line.startswith("Project-URL:")]
    assert all(re.fullmatch(r"https?://[^\s/]+\.[^\s]+", url) for url in urls), urls


def test_sdist_carries_what_its_tests_need(built):
    with tarfile.open(built["sdist"]) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for toml in SCENARIO_DIR.glob("*.toml"):
        assert f"scenarios/{toml.name}" in names
    for test in (ROOT / "tests").glob("*.py"):
        assert f"tests/{test.name}" in names
    assert {"LICENSE", "README.md", "setup.py", "pyproject.toml",
            "notebooks/_src/_include/setup.py", "benchmarks", "mkdocs.yml",
            "scripts/lite-bundle.txt", "scripts/docs_hooks.py"} <= names


def test_readme_quickstart_runs_from_a_fresh_venv_outside_the_repo(venv, tmp_path):
    expected = sim.run("baseline", seed=1)
    py = _run([str(venv / "python"), "-c",
               "import sim; r = sim.run('baseline', seed=1); print(r.kpi_table()); "
               "print('FILE', sim.__file__)"], cwd=tmp_path)
    assert ROOT.as_posix() not in py.stdout  # the installed copy ran, not the checkout
    assert py.stdout.startswith(expected.banner)
    assert f"{'output [units]':<{len(max(expected.kpis.index, key=len))}}  540" in py.stdout
    assert expected.kpis["output [units]"] == 540

    cli = _run([str(venv / "werkhalle"), "run", "baseline", "--seed", "1", "--no-plots",
                "--out", "try1"], cwd=tmp_path)
    assert expected.fingerprint in cli.stdout
    saved = tmp_path / "try1"
    assert {"kpis.csv", "stations.csv", "metadata.json"} <= {p.name for p in saved.iterdir()}
    listing = _run([str(venv / "werkhalle"), "list"], cwd=tmp_path)
    assert all(p.stem in listing.stdout for p in SCENARIO_DIR.glob("*.toml"))
