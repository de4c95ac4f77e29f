"""The docs site (mkdocs.yml): builds with --strict (every warning is an error), offline, with
the API reference generated from the docstrings, the notebooks rendered and the CLI's help."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                           str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "WARNING" not in done.stderr, done.stderr[-4000:]
    return out


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_tutorials_howtos_and_explanations_are_pages(site):
    for path in ("tutorials/first-steps", "howto/install", "howto/result-files", "workshop",
                 "design", "experiments", "agents"):
        assert (site / path / "index.html").is_file(), path
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "SYNTHETIC: toy-model output" in home  # the README is the home page


def test_api_reference_comes_from_the_docstrings(site):
    api = _page(site, "reference/sim")
    for name in ("sim.run", "sim.read_result", "sim.Result", "sim.compare", "sim.load_scenario"):
        assert f'id="{name}"' in api, name
    assert "Write every table as CSV plus" in api  # Result.save's docstring
    experiments = _page(site, "reference/experiments")
    for name in ("sim.experiments.replicate.replicate", "sim.experiments.sweep.sweep",
                 "sim.experiments.Range"):
        assert f'id="{name}"' in experiments, name
    assert 'id="sim.results.read_labelled_csv"' in _page(site, "reference/results")
    for path in ("reference/agents", "reference/scenario"):
        assert _page(site, path).count('class="doc doc-object') > 3


def test_notebooks_and_cli_are_rendered(site):
    notebooks = sorted(p.relative_to(ROOT / "notebooks").with_suffix("").as_posix()
                       for p in (ROOT / "notebooks").glob("*/*.ipynb"))
    assert len(notebooks) == 12  # 5 English, 5 German, 2 lecturer notebooks
    for name in notebooks:
        page = _page(site, f"notebooks/{name}")
        assert "SYNTHETIC" in page or "SYNTHETISCH" in page, name
    cli = _page(site, "reference/cli")
    for command in ("run", "compare", "replicate", "sweep", "stress", "list", "validate"):
        assert f"werkhalle {command}</code>" in cli, command
    assert "--format" in cli


def test_site_needs_nothing_from_outside(site):
    external = set()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        external |= set(re.findall(r'(?:src|href)="(https?://[^"]+\.(?:js|css|woff2?))"', text))
        assert "fonts.googleapis.com" not in text, page
    assert external == set()
