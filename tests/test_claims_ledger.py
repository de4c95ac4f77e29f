"""The claims ledger (docs/claims.md, docs/claims.de.md): every story figure has a row, every
toy estimate an interval, a definition and the SYNTHETIC label, and the committed files are
what ``scripts/claims_ledger.py`` writes (full n) for the recorded fingerprint."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

STORY_FIGURES = [
    "< 0.8 s", "9.8 s / 6.4 s", "72 h", "96.8 %", "OEE up", "+8.2 %", "−37 %", "−11.4 %",
    "99.98 %", "92 %", "18 h", "6.2 million failure images", "−23 % CNC downtime",
    "≈ 50 % agent reliability", "−5 % scrap", "40 of 1,400 scenarios",
]
"""Every figure of the stories and the magazine's counter-figures (issue #17)."""

ESTIMATE = re.compile(r"\*\*(SYNTHETIC|SYNTHETISCH)\*\* (?P<mean>-?[\d.,]+) \S+ "
                      r"\[(?P<low>-?[\d.,]+)[,;] (?P<high>-?[\d.,]+)\] \(n = (?P<n>\d+)\) · "
                      r"(?P<definition>[^<|]{20,})")


def _ledger():
    spec = importlib.util.spec_from_file_location("claims_ledger",
                                                  ROOT / "scripts" / "claims_ledger.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(text: str) -> dict[str, str]:
    """Ledger rows by figure (second column)."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 3 and cells[1].isdigit():
            rows[cells[2]] = line
    return rows


def _check(text: str, min_n: int, lang: str = "en") -> None:
    ledger = _ledger()
    rows = _rows(text)
    figures = {c["figure"]: c[f"figure_{lang}"] if lang == "de" else c["figure"]
               for c in ledger.claims()}
    assert set(STORY_FIGURES) <= set(figures), sorted(set(STORY_FIGURES) - set(figures))
    assert set(figures.values()) == set(rows), sorted(set(figures.values()) ^ set(rows))
    for claim in ledger.claims():
        line = rows[figures[claim["figure"]]]
        found = list(ESTIMATE.finditer(line))
        assert len(found) == len(claim["estimates"]), line
        for match in found:
            low, mean, high = (float(match[k].replace(".", "").replace(",", ".")
                                     if "SYNTHETISCH" in match[0] else match[k].replace(",", ""))
                               for k in ("low", "mean", "high"))
            assert low <= mean <= high, match[0]
            assert int(match["n"]) >= min_n, match[0]
        if not claim["estimates"]:
            assert "not modelled" in line or "nicht modelliert" in line
    assert "werkhalle " in text and "commit " in text and "seeds 1–" in text


@pytest.mark.parametrize(("name", "lang"), [("claims.md", "en"), ("claims.de.md", "de")])
def test_committed_ledger_has_every_figure_with_interval_and_definition(name, lang):
    _check((DOCS / name).read_text(encoding="utf-8"), min_n=20, lang=lang)


def test_every_claim_has_words_in_both_languages():
    ledger = _ledger()
    texts = ledger.tomllib.loads(ledger.TEXTS.read_text(encoding="utf-8"))
    for claim in texts["claim"]:
        for field in ("figure", "where", "checkable", "differs"):
            assert (claim.get(f"{field}_en") or claim.get(field)) and claim[f"{field}_de"], \
                (claim["id"], field)
        for key in claim["estimates"]:
            spec = texts["estimate"][key]
            assert spec["definition_en"] and spec["definition_de"], key
        if not claim["estimates"]:
            assert claim["not_modelled_en"] and claim["not_modelled_de"], claim["id"]


def test_intervals_match_known_values():
    ledger = _ledger()
    share = ledger.wilson(0, 10)  # Wilson interval of 0/10: [0, 27.75 %]
    assert share["low"] == pytest.approx(0.0, abs=1e-9)
    assert share["high"] == pytest.approx(27.75, abs=0.01)
    est = ledger.mean_interval([1.0, 2.0, 3.0])  # t(0.975, 2) = 4.303, s = 1
    assert est["mean"] == 2.0
    assert est["high"] - est["mean"] == pytest.approx(4.303 / 3 ** 0.5, rel=1e-3)


def test_numbers_are_written_in_the_languages_decimal_mark():
    ledger = _ledger()
    est = {"mean": 1234.5, "low": -0.25, "high": 2500.0, "n": 20}
    assert ledger.estimate_text(est, "h", "en") == "1,234 h [-0.25, 2,500] (n = 20)"
    assert ledger.estimate_text(est, "h", "de") == "1.234 h [-0,25; 2.500] (n = 20)"


def test_committed_ledger_is_what_the_script_writes_for_its_recorded_inputs():
    """docs/claims.json holds the measured estimates; rendering them gives the committed files."""
    ledger = _ledger()
    record = json.loads((DOCS / "claims.json").read_text(encoding="utf-8"))
    assert record["synthetic"] is True and record["fingerprint"]["n"] >= 20
    for lang, name in ledger.LEDGERS:
        expected = ledger.render(record["estimates"], record["fingerprint"], lang)
        assert (DOCS / name).read_text(encoding="utf-8") == expected, \
            "run: python scripts/claims_ledger.py --render"
    keys = {k for claim in ledger.claims() for k in claim["estimates"]}
    assert keys == set(record["estimates"])


@pytest.mark.slow
def test_quick_run_writes_a_complete_ledger(tmp_path):
    ledger = _ledger()
    assert ledger.main(["--quick", "--out", str(tmp_path)]) == 0
    _check((tmp_path / "claims.md").read_text(encoding="utf-8"), min_n=3)
    _check((tmp_path / "claims.de.md").read_text(encoding="utf-8"), min_n=3, lang="de")
