"""The line's words: every announcement kind is owned by ``Announcement`` and has a phrase."""

from __future__ import annotations

import ast
from pathlib import Path

from sim.i18n import keys, narrate
from sim.line.announcements import LOG_ONLY, Announcement

LINE = Path(__file__).resolve().parents[1] / "sim" / "line"


def emitted_kinds() -> set[str]:
    """Every literal first argument of an ``announce(...)`` call in ``sim/line``."""
    kinds = set()
    for path in LINE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "announce" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                kinds.add(node.args[0].value)
    return kinds


def test_every_emitted_kind_is_an_announcement():
    emitted = emitted_kinds()
    assert len(emitted) >= 12
    assert emitted <= {a.value for a in Announcement}, emitted - {a.value for a in Announcement}


def test_every_announcement_has_a_phrase_in_both_languages():
    known = set(keys())
    missing = [a.value for a in Announcement if f"event.{a.value}" not in known]
    assert missing == []
    assert not set(LOG_ONLY) & {a.value for a in Announcement}


def test_members_are_the_plain_strings():
    assert Announcement.BREAKDOWN == "breakdown"
    assert f"{Announcement.ROUTE_HELD}" == "route_held"
    assert {"breakdown": 1}[Announcement.BREAKDOWN] == 1


def test_quality_drift_is_narrated():
    text = narrate("quality_drift", {"station": "cnc", "rate": 0.1, "time": 60.0})
    assert "cnc" in text
