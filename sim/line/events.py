"""Bounded bookkeeping: the optional event log and a constant-memory histogram."""

from __future__ import annotations

import math
from typing import Any


class EventLog:
    """A bounded event log: rows ``(time, kind, data)``; stops recording past ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.rows: list[tuple[float, str, dict[str, Any]]] = []
        self.dropped = 0
        """Events not recorded because the limit was reached."""

    def add(self, time: float, kind: str, data: dict[str, Any]) -> None:
        """Record an event (or count it as dropped)."""
        if len(self.rows) < self.limit:
            self.rows.append((time, kind, data))
        else:
            self.dropped += 1

    def state(self, time: float, station: str, machine: int, state: str) -> None:
        """Record a machine's state change."""
        self.add(time, "state", {"station": station, "machine": machine, "state": state})


class PartLog:
    """A bounded per-part, per-station log: one row per processing pass (``part_log = true``).

    Row: ``(part, variant, station, pass, enter, start, finish, outcome)`` with times in minutes:
    *enter* when the part joined the station's queue (or its rework queue), *start* when its
    machine began on it (setup included), *finish* when processing ended; *pass* counts the
    part's earlier rework passes; *outcome* is ``good``, ``scrap`` or ``rework``. Learners can
    recompute Wq = start - enter, W = finish - enter and the effective process time
    te = finish - start (breakdowns and setups included) from it.
    """

    COLUMNS = ("part", "variant", "station", "pass", "enter", "start", "finish", "outcome")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.rows: list[tuple] = []
        self.dropped = 0
        """Rows not recorded because the limit was reached."""

    def add(self, part, station: str, start: float, finish: float, outcome: str) -> None:  # noqa: ANN001
        """Record one processing pass of ``part`` (a :class:`~sim.line.model.Part`)."""
        if len(self.rows) < self.limit:
            self.rows.append((part.id, part.variant, station, part.reworks, part.entered,
                              start, finish, outcome))
        else:
            self.dropped += 1


class Histogram:
    """Log-binned histogram: mean exactly, quantiles within 0.5 %, memory independent of n."""

    _RATIO = math.log(1.005)

    def __init__(self) -> None:
        self.n = 0
        self.total = 0.0
        self.total_sq = 0.0
        self.zeros = 0
        self.bins: dict[int, int] = {}

    def add(self, x: float) -> None:
        """Add one observation (non-negative)."""
        self.n += 1
        self.total += x
        self.total_sq += x * x
        if x <= 1e-9:
            self.zeros += 1
        else:
            key = math.floor(math.log(x) / self._RATIO)
            self.bins[key] = self.bins.get(key, 0) + 1

    def copy(self) -> Histogram:
        """Return an independent copy."""
        other = Histogram()
        other.n, other.total, other.total_sq, other.zeros = (
            self.n, self.total, self.total_sq, self.zeros)
        other.bins = dict(self.bins)
        return other

    def minus(self, other: Histogram) -> Histogram:
        """Return the observations added since the snapshot ``other``."""
        out = self.copy()
        out.n -= other.n
        out.total -= other.total
        out.total_sq -= other.total_sq
        out.zeros -= other.zeros
        for key, count in other.bins.items():
            out.bins[key] -= count
        return out

    @property
    def mean(self) -> float:
        """Mean (nan if empty)."""
        return self.total / self.n if self.n else float("nan")

    def quantile(self, q: float) -> float:
        """Approximate ``q``-quantile (bin midpoint; nan if empty)."""
        if not self.n:
            return float("nan")
        rank = q * self.n
        seen = self.zeros
        if seen >= rank and seen > 0:
            return 0.0
        for key in sorted(self.bins):
            seen += self.bins[key]
            if seen >= rank:
                return math.exp((key + 0.5) * self._RATIO)
        return math.exp((max(self.bins) + 0.5) * self._RATIO)
