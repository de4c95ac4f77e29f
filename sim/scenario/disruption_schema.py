"""Scripted disruptions: the entries of a scenario's ``[disruptions]`` timeline.

Each is a TOML table keyed by a name of your choice, with a ``kind``::

    [disruptions.rail_outage]
    kind = "delivery_delay"
    at = "Tue 06:00"
    material = "alloy"
    delay = "72 h"
    reported_at = "Tue 09:30"
    estimated_delay = "72 h"          # what the supplier says (default: the true delay)
    estimate_spread = "24 h"          # how far off that may be, either way

What each kind does on the line is in :mod:`sim.line.disruptions`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sim.scenario.drift_schema import QualityDrift
from sim.scenario.types import Duration, PositiveDuration, Strict, When


class DeliveryDelay(Strict):
    """Deliveries of a material due in ``[at, at + delay)`` arrive only at ``at + delay``."""

    kind: Literal["delivery_delay"]
    at: When
    material: str
    delay: PositiveDuration
    reported_at: When | None = None
    """When the supplier reports it (default: ``at``)."""
    estimated_delay: PositiveDuration | None = None
    """The delay the supplier *reports* (default: the true ``delay``). Agents only ever learn
    this estimate, never the true end."""
    estimate_spread: Duration = 0.0
    """How far the estimate may be off, either way: the agents' forecast draws the outage's
    end uniformly within ``estimate +- spread`` (0: they take the estimate as certain)."""


class DeliveryCancel(Strict):
    """The next delivery of a material after ``at`` never comes."""

    kind: Literal["delivery_cancel"]
    at: When
    material: str


class Breakdown(Strict):
    """A machine breaks down at a given time, for a given repair duration."""

    kind: Literal["breakdown"]
    at: When
    station: str
    duration: PositiveDuration
    machine: Annotated[int, Field(ge=0)] = 0


class StaffAbsence(Strict):
    """``count`` staff are absent from ``at`` for ``duration``."""

    kind: Literal["staff_absence"]
    at: When
    count: Annotated[int, Field(ge=1)]
    duration: PositiveDuration


class OrderCancel(Strict):
    """An order is cancelled: its unreleased parts are dropped."""

    kind: Literal["order_cancel"]
    at: When
    order: str


Disruption = Annotated[
    DeliveryDelay | DeliveryCancel | Breakdown | StaffAbsence | OrderCancel | QualityDrift,
    Field(discriminator="kind"),
]
"""A scripted disruption on the scenario's timeline."""
