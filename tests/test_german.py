"""German mode end to end: ``--lang de`` / ``WERKHALLE_LANG`` on the command line, and no
English left in the German texts Werkhalle's own code writes (issue #17).

The check fails on a list of English tokens (weekday abbreviations, "lowest score", "supply
tracking", "baseline", raw identifiers of the shipped scenarios). Nothing is removed before
the check: the agents' triggers, reasons, observations, option descriptions and approvers are
catalogue templates (:class:`sim.i18n.message.Msg`) rendered in the language in force, like
the balance, the timeline's own words, option labels, display names and the command line's
sentences.
"""

from __future__ import annotations

import pickle
import re

import pytest
from typer.testing import CliRunner

import sim
from sim import i18n
from sim.cli import app
from sim.cli.app import hoist_lang
from sim.i18n.message import Msg, at, dur, journal_for_people, name, num

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
    shown = checked_lines(output)
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


def test_the_journal_is_german_for_people_and_english_in_the_files(german_compare):
    _, comparison = german_compare
    decisions = comparison.decisions
    tracking = decisions["trigger"].iloc[0]
    assert isinstance(tracking, Msg) and tracking.startswith("supply tracking: alloy route")
    with i18n.language("de"):
        people = journal_for_people(decisions)
        shown_reason = [Msg.shown(r) for r in decisions["reason"]]
    assert people["trigger"].iloc[0].startswith(
        "Lieferverfolgung: Strecke für Leichtbaulegierung seit Di 06:00 gesperrt")
    assert people["reason"].tolist() == shown_reason
    texts = people[["trigger", "observed", "reason", "approved_by", "status", "agent",
                    "choice"]].astype(str).agg(" ".join, axis=1).str.cat(sep="\n")
    descriptions = " ".join(o["description"] for opts in people["options"] for o in opts)
    assert english_in(texts + descriptions) == [], texts
    assert set(people["status"]) <= {"ausgeführt", "eingeplant", "abgelehnt", "zur Kenntnis"}
    # the English rendering is the text the agents always wrote (result files unchanged)
    assert journal_for_people(decisions)["reason"].tolist() == decisions["reason"].tolist()


def test_a_message_renders_numbers_times_and_names_per_language():
    m = Msg("agent.planner.transfer", qty=num(1234.0), unit="kg", material=name("alloy"),
            site=name("czech"), transport=name("truck"), lead=dur(210.0))
    assert m == "transfer 1,234 kg alloy from czech by truck (3.5 h)"
    assert pickle.loads(pickle.dumps(m)).key == m.key
    with i18n.language("de"):
        assert m.shown() == ("1.234 kg Leichtbaulegierung von Werk Tschechien holen, per Lkw "
                             "(3,5 h)")
        assert Msg("agent.supplier.back", estimate=at(1800.0)).shown() == "Di 06:00"


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
