"""Jupyter's rich display: Result, Comparison and experiment results show the SYNTHETIC label,
the fingerprint and their key table as HTML."""

from __future__ import annotations

import re
from html import unescape

import pytest

import sim
from sim.labels import SYNTHETIC_LABEL
from sim.results.html import MAX_ROWS, number


def _text(markup: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", markup))


@pytest.fixture(scope="module")
def result():
    return sim.run(sim.with_overrides(sim.load_scenario("baseline"), {"horizon": "2 d"}), seed=1)


def test_result_html_has_label_fingerprint_and_kpi_values(result):
    markup = result._repr_html_()
    text = _text(markup)
    assert SYNTHETIC_LABEL in text
    assert result.fingerprint in text
    for name in ("output [units]", "OEE [%]", "throughput [units/h]", "breakdowns [count]"):
        assert name in text
        cell = re.search(rf">{re.escape(name)}</th><td[^>]*>([^<]*)</td>", markup)
        assert cell is not None, name
        assert cell.group(1) == number(result.kpis[name])
    out = int(result.kpis["output [units]"])
    assert f"{out:,}" in text
    assert "<script" not in markup and "http" not in markup  # self-contained


def test_number_formatting_follows_the_language():
    assert number(1234.0) == "1,234" and number(12.345) == "12.35" and number(0.5) == "0.500"
    assert number(float("nan")) == "n/a"
    with sim.i18n.language("de"):
        assert number(1234.5) == "1.234,50"


def test_german_display_translates_label_and_kpis(result):
    with sim.i18n.language("de"):
        text = _text(result._repr_html_())
        german = sim.i18n.kpi_label("output [units]")
    assert text.count("SYNTHETISCH") == 1
    assert result.fingerprint in text
    assert german != "output [units]" and german in text


def test_comparison_html_has_the_balance():
    comparison = sim.compare("supply_disruption", seed=1)
    markup = comparison._repr_html_()
    text = _text(markup)
    assert SYNTHETIC_LABEL in text and comparison.fingerprint in text
    for column in ("baseline", "agents", "delta"):
        assert f">{column}</th>" in markup
    row = re.search(r">output \[units\]</th>((?:<td[^>]*>[^<]*</td>)+)</tr>", markup)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))
    table = comparison.table.loc["output [units]"]
    assert cells[:3] == [number(table["baseline"]), number(table["agents"]),
                         number(table["delta"])]


def test_experiment_html_has_the_summary():
    rep = sim.replicate(sim.with_overrides(sim.load_scenario("mm1"), {"horizon": "1 d"}), 3,
                        seed=2, jobs=1, progress=False)
    markup = rep._repr_html_()
    text = _text(markup)
    assert SYNTHETIC_LABEL in text and rep.fingerprint in text
    mean = rep.summary.set_index("kpi").loc["output [units]", "mean"]
    assert re.search(rf">output \[units\]</th><td[^>]*>3</td><td[^>]*>{re.escape(number(mean))}<",
                     markup)
    assert "Replications" in text and len(rep.summary) <= MAX_ROWS
