"""What the line can say: the one list of announcement kinds (and of event-log-only kinds).

:meth:`LineModel.announce(kind, **data) <sim.line.model.LineModel.announce>` tells the
listeners (the agents' runtime) and writes the same row into the event log. Every kind the
line announces is a member of :class:`Announcement`, with the data fields it carries; a test
checks that no emitter in ``sim/line`` uses a kind outside this list and that the text
catalogue has a phrase (``event.<kind>``) for each. Members are ``StrEnum`` values, so they
compare equal to, and are written to tables as, the plain strings (``"breakdown"``).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["LOG_ONLY", "Announcement"]


class Announcement(StrEnum):
    """The kinds of announcement of the line (and rows of the event log)."""

    DELIVERY_DELAYED = "delivery_delayed"
    """A supplier reports a delay (or a delivery turns out late): ``disruption``, ``material``,
    ``start``, ``delay``, ``until``, ``quantity``."""
    ROUTE_HELD = "route_held"
    """Supply tracking sees deliveries held on a route: ``disruption``, ``material``, ``until``."""
    DELIVERY_CANCELLED = "delivery_cancelled"
    """A delivery will not come: ``disruption``, ``material``, ``quantity``."""
    DELIVERY = "delivery"
    """Material arrived: ``material``, ``quantity``, ``source``."""
    MATERIAL_SHORT = "material_short"
    """The first station lacks material for a part: ``variant``, ``station``."""
    BREAKDOWN = "breakdown"
    """A machine went down: ``station``, ``machine``, ``cause`` (failure, scripted, maintenance)."""
    REPAIRED = "repaired"
    """A machine runs again: ``station``, ``machine``, ``repair_minutes``."""
    OVERTIME = "overtime"
    """A shift was extended: ``minutes``, ``staff``."""
    STAFF_ABSENT = "staff_absent"
    """Staff called in sick: ``disruption``, ``count``, ``duration``."""
    STAFF_BACK = "staff_back"
    """Absent staff are back: ``disruption``, ``count``."""
    ORDER_CANCELLED = "order_cancelled"
    """A customer cancelled an order: ``disruption``, ``order``, ``dropped``."""
    QUALITY_DRIFT = "quality_drift"
    """A station starts to drift out of tolerance: ``disruption``, ``station``, ``rate``."""
    ACTION = "action"
    """A lever of the control port was pulled: ``action`` and the lever's arguments."""
    WORKER_REPORT = "worker_report"
    """A worker reports a suspected quality problem (``[[quality.reports]]``): ``station``,
    ``suspicion``."""
    COOLING = "cooling"
    """The changed cooling of a station is on (``[quality.cooling]``): ``station``,
    ``factor``."""


LOG_ONLY = ("state", "release", "finish", "scrap")
"""Event-log rows that are not announcements (too frequent to tell listeners about)."""
