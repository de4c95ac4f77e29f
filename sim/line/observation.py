"""What agents see of the line: the :class:`Observation`, one half of the port.

The other half, the levers, is :class:`~sim.line.control.LineControl`, which also builds
observations (:meth:`~sim.line.control.LineControl.observe`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Observation:
    """What an agent can see of the line at one moment: the *only* thing agents read.

    Everything here could be known on a real shop floor at that moment: counts, states,
    plans, the calendar, sensor readings. Nothing is the model's hidden truth (no remaining
    machine life, no end of an outage, no lateness a supplier has not reported).
    """

    time: float
    """Clock, minutes since Monday 00:00."""
    stock: dict[str, float]
    """Units on hand per material."""
    pipeline: dict[str, float]
    """Units ordered and not yet arrived, per material."""
    route_held_since: dict[str, float]
    """Per material whose supplier route is held now: since when (tracking could see that a
    train stopped; nobody knows when it moves again). Materials not held are absent."""
    wip: int
    """Parts in the line."""
    queues: dict[str, int]
    """Parts waiting at each station."""
    states: dict[str, list[str]]
    """Each station's machine states."""
    pending: dict[str, int]
    """Order-book units waiting for release, per variant."""
    open_orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per open order: variant, quantity, done, due, priority, released, release (planned
    release time)."""
    finished: dict[str, int] = field(default_factory=dict)
    """Good units finished so far, per variant."""
    staff_available: int = 0
    is_open: bool = True
    """Whether the line is in a shift."""
    staff_scheduled: int = 0
    """Staff the calendar schedules now."""
    overtime_max: float = 0.0
    """Longest overtime extension per day now allowed (minutes)."""
    shift_segments: tuple[tuple[float, int], ...] = ()
    """The calendar as change points ``(time, scheduled staff)`` (empty: no calendar)."""
    operators: dict[str, int] = field(default_factory=dict)
    """Operators each station needs."""
    shipments: tuple[tuple[str, float, float, str], ...] = ()
    """Planned deliveries not yet arrived: ``(material, quantity, planned arrival, source)``
    (the planned time; a lateness the supplier has not reported is not in it)."""
    operating: dict[str, list[float]] = field(default_factory=dict)
    """Per station and machine: operating minutes so far (busy and setup)."""
    machine_age: dict[str, list[float | None]] = field(default_factory=dict)
    """Per station and machine: operating minutes since its last renewal (repair after a
    failure, planned maintenance); ``None`` for machines failing on calendar time."""
    condition: dict[str, list[float | None]] = field(default_factory=dict)
    """Per station and machine: the condition sensor's reading of wear (0 renewed .. 1
    failing, with noise; :class:`~sim.line.wear.ConditionSensor`); ``None``: no reading."""
    quality: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per station: parts processed and parts scrapped so far."""
    energy: dict[str, Any] = field(default_factory=dict)
    """With an ``[energy]`` section: ``speed``, ``min_speed`` and ``exponent`` per station,
    the day's ``price_by_hour`` and ``co2_by_hour``, and ``kwh`` metered so far (else empty)."""
    shift_plans: tuple[tuple[float, float, int], ...] = ()
    """Extra crews booked with ``plan_shift``: ``(start, end, staff)``."""
    # -- supply (issue #14, mechanic 9) ------------------------------------------------------
    consumed: dict[str, float] = field(default_factory=dict)
    """Units of each material taken from stock so far (issued to the first machine)."""
    inspection: dict[str, Any] = field(default_factory=dict)
    """With a ``[quality]`` section: ``inspectors`` at QA now, parts ``inspected``, defects
    ``caught``, parts ``retested``, ``in_test`` and ``in_dispatch`` now, ``cooling`` (station:
    since); what QA and the test rig have found, never the hidden defects (else empty)."""
