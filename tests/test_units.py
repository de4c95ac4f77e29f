"""Durations and points in time: parsing, formatting, round trips and errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.scenario.units import (
    DAY,
    HOUR,
    WEEK,
    format_duration,
    format_when,
    parse_clock,
    parse_duration,
    parse_when,
)


@pytest.mark.parametrize(("text", "minutes"), [
    ("90 min", 90.0), ("1.5 h", 90.0), ("3 d", 3 * 1440.0), ("2 h 30 min", 150.0),
    ("1 d 6 h", 1800.0), ("30 s", 0.5), ("1 week", 10080.0), ("0 min", 0.0),
    ("  45min ", 45.0), ("1e2 min", 100.0), (".5 h", 30.0), ("2 H", 120.0),
])
def test_parse_duration(text: str, minutes: float) -> None:
    assert parse_duration(text) == pytest.approx(minutes)


@pytest.mark.parametrize("bad", [
    90, 1.5, True, None, "", "  ", "90", "min", "-5 min", "5 parsecs", "5 min extra",
    "five min", "5 min -2 h", "1,5 h",
])
def test_parse_duration_rejects(bad: object) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(bad)


@pytest.mark.parametrize(("text", "minutes"), [
    ("Mon 00:00", 0.0), ("Tue 09:30", DAY + 9 * HOUR + 30), ("Sun 23:59", 6 * DAY + 1439),
    ("Mon+1 06:00", WEEK + 6 * HOUR), ("fri 14:00", 4 * DAY + 14 * HOUR),
    ("Wed 24:00", 3 * DAY), ("33.5 h", 33.5 * HOUR), ("0 min", 0.0),
])
def test_parse_when(text: str, minutes: float) -> None:
    assert parse_when(text) == pytest.approx(minutes)


@pytest.mark.parametrize("bad", [
    "Xyz 09:30", "Tue 9:75", "Tue 25:00", "Tue", "09:30", 570, "Tue 09:30 tomorrow",
    "Mon-1 06:00",
])
def test_parse_when_rejects(bad: object) -> None:
    with pytest.raises(ValueError, match="expected"):
        parse_when(bad)


@pytest.mark.parametrize("bad", ["6:0", "24:01", "12:60", "noon", 600, "-1:00"])
def test_parse_clock_rejects(bad: object) -> None:
    with pytest.raises(ValueError, match="clock time"):
        parse_clock(bad)


def test_format_when_examples() -> None:
    assert format_when(0) == "Mon 00:00"
    assert format_when(DAY + 9 * HOUR + 30) == "Tue 09:30"
    assert format_when(WEEK + 6 * HOUR) == "Mon+1 06:00"
    assert format_when(-5) == "Mon 00:00"  # clamped at the start
    assert format_when(59.6) == "Mon 01:00"  # rounded to the minute


def test_format_duration_examples() -> None:
    assert format_duration(45) == "45 min"
    assert format_duration(210) == "3.5 h"
    assert format_duration(3 * DAY) == "3.0 d"


@given(st.integers(min_value=0, max_value=60 * WEEK))
def test_when_round_trip(minutes: int) -> None:
    assert parse_when(format_when(minutes)) == minutes


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["min", "h", "d", "s"]))
def test_duration_round_trip(amount: int, unit: str) -> None:
    factor = {"min": 1.0, "h": HOUR, "d": DAY, "s": 1 / 60}[unit]
    assert parse_duration(f"{amount} {unit}") == pytest.approx(amount * factor)
    assert parse_duration(f"{amount * factor!r} min") == pytest.approx(amount * factor)


@given(st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_duration_text_from_to_data_round_trips(minutes: float) -> None:
    # sim.scenario.to_data writes durations as f"{value!r} min": it must parse back exactly
    assert parse_duration(f"{minutes!r} min") == minutes
