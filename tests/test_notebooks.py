"""The teaching notebooks: stored clean, built from their sources, and run top to bottom.

Every notebook is executed with nbclient in quick mode (``WERKHALLE_QUICK=1``: shorter
horizons, fewer replications, same story); any error in any cell fails the test. In quick mode
the human-in-the-loop choices and sliders take their default values.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import nbformat
import pytest
from notebook_support import execute

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(p for p in NOTEBOOK_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
IDS = [p.relative_to(NOTEBOOK_DIR).as_posix() for p in NOTEBOOKS]


def _builder():
    spec = importlib.util.spec_from_file_location("build_notebooks",
                                                  NOTEBOOK_DIR / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_numbered_path_is_complete():
    names = set(IDS)
    expected = {
        "en/01_supply_disruption.ipynb", "de/01_lieferausfall.ipynb",
        "en/02_inside_the_line.ipynb", "de/02_blick_in_die_linie.ipynb",
        "en/03_keeping_machines_running.ipynb", "de/03_maschinen_am_laufen_halten.ipynb",
        "en/04_write_your_own_planner.ipynb", "de/04_eigener_planer.ipynb",
        "en/05_luck_and_evidence.ipynb", "de/05_glueck_und_evidenz.ipynb",
        "lecturer/class_comparison.ipynb", "lecturer/klassenvergleich.ipynb",
    }
    assert expected <= names, sorted(expected - names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_without_outputs(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in raw["metadata"], "widget state stored: clear it before committing"
    for cell in raw["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], cell["source"][:80]
            assert cell["execution_count"] is None, cell["source"][:80]
    nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))


def test_notebooks_match_their_sources():
    builder = _builder()
    sources = builder.sources()
    assert {builder.target_of(s) for s in sources} == set(NOTEBOOKS)
    stale = [builder.target_of(s).name for s in sources
             if builder.target_of(s).read_text(encoding="utf-8") != builder.render(s)]
    assert stale == [], "run: python notebooks/build_notebooks.py"


def test_jupytext_sources_with_include_tags_and_stable_ids(tmp_path, monkeypatch):
    builder = _builder()
    (tmp_path / "_include").mkdir()
    (tmp_path / "_include" / "setup.py").write_text('LANG = "__LANG__"\n')
    monkeypatch.setattr(builder, "HERE", tmp_path)
    monkeypatch.setattr(builder, "INCLUDES", tmp_path / "_include")
    source = tmp_path / "x.py"
    source.write_text('# %% [markdown]\n# # Title\n#\n# text\n\n# %% [include] setup de\n\n'
                      '# %%\nx = 1\n\n# %% tags=["solution"]\ny = 2\n# %%\n\n')
    nb = builder.build(source)
    assert [(c.cell_type, c.source) for c in nb.cells] == [
        ("markdown", "# Title\n\ntext"), ("code", 'LANG = "de"'), ("code", "x = 1"),
        ("code", "y = 2")]
    assert [c.id for c in nb.cells] == ["cell-01", "cell-02", "cell-03", "cell-04"]
    assert nb.cells[3].metadata == {"tags": ["solution"], "jupyter": {"source_hidden": True}}
    assert all(c.metadata == {} for c in nb.cells[:3])
    assert nb.metadata["werkhalle"] == {"synthetic": True, "source": "x.py"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_label_is_visible_in_the_text(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    assert "SYNTHETIC" in first.source or "SYNTHETISCH" in first.source


GERMAN_CHECKED = {p.relative_to(NOTEBOOK_DIR).as_posix() for p in NOTEBOOKS
                  if p.parent.name == "de"} | {"lecturer/klassenvergleich.ipynb"}
"""German notebooks whose whole text output must be German (issue #17): every notebook of
``de/`` and the German lecturer notebook. The agents' triggers, reasons and option
descriptions are catalogue templates (:mod:`sim.i18n.message`), so nothing is exempt."""
ENGLISH_TOKENS = [r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b", r"lowest score", r"supply tracking",
                  r"\bbaseline\b", r"end-of-day", r"\bweighs\b", r"\balloy\b", r"\bczech\b",
                  r"transfer_czech", r"express_express", r"outsource_portugal", r"rail_outage",
                  r"\bfailure\b", r"\bpredictive\b", r"\breactive\b"]
"""English words and raw identifiers that must not appear in a German notebook's output."""


def english_left(shown: str) -> list[str]:
    """English tokens in a German notebook's text output.

    Left out on purpose: the SYNTHETISCH banner's fingerprint only (scenario names are
    identifiers by design).
    """
    text = re.sub(r"SYNTHETISCH:[^\n]*", "", shown)
    return [m[0] for pattern in ENGLISH_TOKENS for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_runs_top_to_bottom_in_quick_mode(path, tmp_path, monkeypatch):
    monkeypatch.setenv("WERKHALLE_QUICK", "1")
    monkeypatch.setenv("WERKHALLE_EXPORT_DIR", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = execute(path, tmp_path)
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error"
            texts.append(out.get("text", "") + str(out.get("data", {}).get("text/plain", "")))
    shown = "\n".join(texts)
    assert "SYNTHETIC" in shown or "SYNTHETISCH" in shown, "no output carries the label"
    if path.relative_to(NOTEBOOK_DIR).as_posix() in GERMAN_CHECKED:  # the same run, checked
        assert "SYNTHETISCH" in shown
        assert english_left(shown) == [], shown[-3000:]


def test_every_german_notebook_is_run_and_checked_for_english():
    """The no-English check rides on the top-to-bottom run (one execution per notebook)."""
    ran = {p.relative_to(NOTEBOOK_DIR).as_posix() for p in NOTEBOOKS}
    assert GERMAN_CHECKED <= ran
    assert len(GERMAN_CHECKED) == 6


def test_english_left_ignores_only_the_fingerprint():
    shown = "SYNTHETISCH: … | baseline#abc · seed 1\nDi 06:30 Planer wählt\nMo 09:00 ok"
    assert english_left(shown) == []
    assert english_left("Di 06:30: lowest score 15,272") == ["lowest score"]
    assert english_left("Tue 06:30 — the baseline waits") == ["Tue", "baseline"]
