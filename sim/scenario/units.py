"""Durations and points in time, written the way people say them.

The simulation clock counts **minutes** from **Monday 00:00** of week 1. Scenario files never
write bare clock numbers for time: a duration carries a unit (``"90 min"``, ``"1.5 h"``,
``"3 d"``, ``"2 h 30 min"``) and a point in time is either a duration since the start or a
weekday with a clock time (``"Tue 09:30"``, ``"Mon+1 06:00"`` for Monday of week 2).
"""

from __future__ import annotations

import math
import re

MINUTE = 1.0
"""One minute: the clock's unit."""
HOUR = 60.0
"""Minutes per hour."""
DAY = 1440.0
"""Minutes per day."""
WEEK = 7 * DAY
"""Minutes per week."""

_UNITS = {
    "s": 1 / 60, "sec": 1 / 60, "second": 1 / 60, "seconds": 1 / 60,
    "min": MINUTE, "mins": MINUTE, "minute": MINUTE, "minutes": MINUTE, "m": MINUTE,
    "h": HOUR, "hr": HOUR, "hrs": HOUR, "hour": HOUR, "hours": HOUR,
    "d": DAY, "day": DAY, "days": DAY,
    "w": WEEK, "week": WEEK, "weeks": WEEK,
}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Weekday abbreviations; index 0 is Monday."""

_PART = re.compile(r"\s*((?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\s*([a-zA-Z]+)\s*")
"""One ``<number> <unit>`` part; the number's alternatives never overlap (linear time)."""
_WHEN = re.compile(r"^\s*([A-Za-z]{3})(?:\+(\d{1,4}))?\s+(\d{1,2}):(\d{2})\s*$")
MAX_TEXT = 200
"""Longest duration or time text accepted (no sensible duration is longer)."""
_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")

DURATION_HINT = "a duration with a unit, like '90 min', '1.5 h', '3 d' or '2 h 30 min'"
WHEN_HINT = (
    "a time like 'Tue 09:30', 'Mon+1 06:00' (next week) or a duration since start ('33.5 h')"
)


def parse_duration(value: object) -> float:
    """Parse a duration with units into minutes.

    Args:
        value: A string such as ``"90 min"`` or ``"1 d 6 h"``. Bare numbers are rejected on
            purpose: a clock number without a unit is the commonest scenario mistake.

    Returns:
        The duration in minutes.

    Raises:
        ValueError: If the text is not a finite duration with units (or is longer than
            :data:`MAX_TEXT` characters).
    """
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError(f"expected {DURATION_HINT}, got {_short(value)}")
    if len(value) > MAX_TEXT:
        raise ValueError(f"expected {DURATION_HINT} (at most {MAX_TEXT} characters), got "
                         f"{len(value):,} characters")
    text = value.strip()
    if text.startswith("-"):
        raise ValueError(f"expected a duration of zero or more, got {value!r} (negative)")
    pos, total, seen = 0, 0.0, False
    while pos < len(text):
        match = _PART.match(text, pos)
        if not match or match.group(2).lower() not in _UNITS:
            raise ValueError(f"expected {DURATION_HINT}, got {value!r}")
        total += float(match.group(1)) * _UNITS[match.group(2).lower()]
        pos, seen = match.end(), True
    if not seen:
        raise ValueError(f"expected {DURATION_HINT}, got {value!r}")
    if not math.isfinite(total):
        raise ValueError(f"expected a finite duration, got {value!r} (too large to count)")
    return total


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def parse_clock(value: object) -> float:
    """Parse a clock time ``"HH:MM"`` into minutes after midnight (``"24:00"`` allowed)."""
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"expected a clock time like '06:00', got {value!r}")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes >= 60 or hours * 60 + minutes > 24 * 60:
        raise ValueError(f"expected a clock time between 00:00 and 24:00, got {value!r}")
    return hours * HOUR + minutes


def parse_when(value: object) -> float:
    """Parse a point in time into minutes since Monday 00:00 of week 1.

    Args:
        value: ``"Tue 09:30"``, ``"Mon+1 06:00"`` or a duration since the start.

    Returns:
        Minutes since the start of the simulation.

    Raises:
        ValueError: If the text is neither form.
    """
    if isinstance(value, str):
        match = _WHEN.match(value)
        if match:
            day = match.group(1).capitalize()
            if day not in WEEKDAYS:
                raise ValueError(f"expected {WHEN_HINT}, got {value!r} (unknown weekday)")
            week = int(match.group(2) or 0)
            clock = parse_clock(f"{match.group(3)}:{match.group(4)}")
            return week * WEEK + WEEKDAYS.index(day) * DAY + clock
    try:
        return parse_duration(value)
    except ValueError:
        raise ValueError(f"expected {WHEN_HINT}, got {value!r}") from None


def format_when(minutes: float) -> str:
    """Format a clock reading as ``"Tue 09:30"`` (``"Tue+1 09:30"`` from week 2 on)."""
    minutes = max(0.0, float(minutes))
    week, rest = divmod(int(round(minutes)), int(WEEK))
    day, rest = divmod(rest, int(DAY))
    hours, mins = divmod(rest, 60)
    suffix = f"+{week}" if week else ""
    return f"{WEEKDAYS[day]}{suffix} {hours:02d}:{mins:02d}"


def format_duration(minutes: float) -> str:
    """Format minutes compactly for people: ``"45 min"``, ``"3.5 h"``, ``"2.1 d"``."""
    if minutes < 120:
        return f"{minutes:.0f} min"
    if minutes < 3 * DAY:
        return f"{minutes / HOUR:.1f} h"
    return f"{minutes / DAY:.1f} d"
