"""German mode end to end: ``--lang de`` / ``WERKHALLE_LANG`` on the command line, and no
English left in the German texts Werkhalle's own code writes (issue #17).

The check fails on a list of English tokens (weekday abbreviations, "lowest score", "supply
tracking", "baseline", raw identifiers of the shipped scenarios). Scope (issue #17, pending
part): the agents' own ``trigger`` and ``reason`` strings are still built in English inside
``sim/agents`` (issue #17 item 5, agents' part, not done yet), so this test removes exactly
those strings from the output before it checks; everything else — the balance, the timeline's
own words, option labels, display names, the command line's sentences — must be German.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

import sim
from sim import i18n
from sim.cli import app
from sim.cli.app import hoist_lang

ENGLISH = [
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b", r"lowest score", r"supply tracking", r"\bbaseline\b",
    r"\bagents\b", r"end-of-day", r"\bweighs\b", r"\bdelta\b", r"\bdecisions\b", r"\bwrote\b",
    r"\balloy\b", r"\bczech\b", r"\bportugal\b", r"\brail_italy\b", r"\brail_outage\b",
    r"\brobot_r7\b", r"\bservo\b", r"\bcut\b", r"\bcnc\b", r"\btransfer_czech\b",
    r"\bexpress_express\b", r"\boutsource_portugal\b", r"\bresequence\b", r"\bwait\b",
    r"\bkeep_overtime\b", r"\bskip_overtime\b",
]
"""English words and raw identifiers that must not appear in German output."""


def english_in(text: str) -> list[str]:
    """The English tokens found in ``text`` (empty when the text is clean German)."""
    return [m[0] for pattern in ENGLISH for m in re.finditer(pattern, text)]


def agents_own_strings(comparison: sim.Comparison) -> list[str]:
    """The agents' trigger and reason strings (still English: issue #17, agents' part)."""
    decisions = comparison.decisions
    return sorted({*decisions["trigger"], *decisions["reason"]}, key=len, reverse=True)


def without(text: str, strings: list[str]) -> str:
    for s in strings:
        text = text.replace(s, "‹…›")
    return text


def checked_lines(output: str) -> str:
    """The output without the fingerprint (identifiers by design) and the written file names."""
    keep = []
    for line in output.splitlines():
        if line.startswith(i18n.t("label.synthetic_short")):
            continue  # label | scenario#hash · seed · version: a machine-readable fingerprint
        keep.append(line.split("geschrieben:")[0])
    return "\n".join(keep)


@pytest.fixture(scope="module")
def german_compare(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmp") / "de"
    result = CliRunner().invoke(app, ["compare", "supply_disruption", "--lang", "de",
                                      "--no-plots", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with i18n.language("de"):
        comparison = sim.compare("supply_disruption", seed=0)
    return result.output, comparison


def test_compare_in_german_has_no_english_of_its_own(german_compare):
    output, comparison = german_compare
    shown = checked_lines(without(output, agents_own_strings(comparison)))
    assert english_in(shown) == [], shown
    assert "Wochenbilanz" in shown and "ohne Agenten" in shown and "mit Agenten" in shown
    assert "Was geschah (mit Agenten; [Referenz] = ohne Agenten):" in shown
    assert "Leichtbaulegierung treffen ein (Quelle: Werk Tschechien)" in shown
    assert re.search(r"\(\d+ Entscheidungen; alle Läufe dauerten \d+,\d\d s", shown)
    assert i18n.get_language() == "en"  # the option does not leak into the process


def test_german_balance_numbers_equal_the_english_ones(german_compare):
    output, comparison = german_compare
    line = next(x for x in output.splitlines() if x.startswith("verspätete Stück [Stk]"))
    late = comparison.table.loc["late units [units]"]
    with i18n.language("de"):
        expected = [i18n.number(late[k], 1) for k in ("baseline", "agents")]
    assert line.split()[3:5] == expected, line


def test_the_agents_strings_are_the_only_english_left(german_compare):
    """Issue #17, pending: once the agents build their texts from the catalogue, this test
    should be deleted and the first one run without ``agents_own_strings``."""
    output, comparison = german_compare
    left = english_in(checked_lines(output))
    agents = " ".join(agents_own_strings(comparison))
    assert all(re.search(re.escape(token), agents) for token in left), left


def test_lang_is_accepted_before_and_after_the_command_and_from_the_environment(tmp_path):
    runner = CliRunner()
    after = runner.invoke(app, ["validate", "baseline", "--lang", "de"])
    before = runner.invoke(app, ["--lang", "de", "validate", "baseline"])
    assert after.exit_code == before.exit_code == 0
    assert after.output == before.output
    run = runner.invoke(app, ["run", "baseline", "--no-plots", "--set", "horizon=1 d",
                              "--out", str(tmp_path / "r")], env={"WERKHALLE_LANG": "de"})
    assert run.exit_code == 0, run.output
    assert run.output.startswith("SYNTHETISCH") and "Ausbringung [Stk]" in run.output
    english = runner.invoke(app, ["run", "baseline", "--no-plots", "--set", "horizon=1 d",
                                  "--out", str(tmp_path / "e"), "--lang", "en"],
                            env={"WERKHALLE_LANG": "de"})
    assert "output [units]" in english.output  # the option wins over the environment


def test_bad_language_is_one_error_line():
    result = CliRunner().invoke(app, ["--lang", "fr", "list"])
    assert result.exit_code == 2
    assert "error: --lang" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("args", "expected"), [
    (["compare", "x", "--lang", "de"], ["--lang", "de", "compare", "x"]),
    (["run", "--lang=de", "x"], ["--lang=de", "run", "x"]),
    (["run", "x", "--", "--lang", "de"], ["run", "x", "--", "--lang", "de"]),
    (["list"], ["list"]),
])
def test_hoist_lang(args, expected):
    assert hoist_lang(args) == expected


def test_display_names_and_the_two_meanings_of_warten():
    with i18n.language("de"):
        assert i18n.display_name("alloy") == "Leichtbaulegierung"
        assert i18n.display_name("my_own_station") == "my_own_station"
        wait = i18n.option_label("wait")
        maintain = [i18n.option_label(k) for k in ("maintain_now", "maintain_asap",
                                                   "maintain_in_window")]
    assert i18n.display_name("alloy") == "alloy"  # English: the identifier itself
    assert "abwarten" in wait and "Wartung" not in wait
    assert all("Wartung" in m and not re.search(r"\bwarten\b", m) for m in maintain)
