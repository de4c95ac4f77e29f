"""The ``quality_drift`` disruption: a station's scrap rate creeps up until it is recalibrated.

Example::

    [disruptions.thermal_drift]
    kind = "quality_drift"
    at = "Wed 10:00"
    station = "assembly"
    rate = 0.02        # scrap probability added per hour
    max = 0.3          # it never gets worse than this

From ``at`` the station's scrap probability is ``nominal + rate x hours since the drift began
(or since the last recalibration)``, capped at ``max``. Any planned maintenance of one of the
station's machines (a recalibration) resets it to nominal; the drift then starts over.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sim.scenario.types import Strict, When


class QualityDrift(Strict):
    """A station's scrap probability rises by ``rate`` per hour from ``at`` (up to ``max``)."""

    kind: Literal["quality_drift"]
    at: When
    station: str
    rate: Annotated[float, Field(gt=0, le=1)]
    """Scrap probability added per hour of drift."""
    max: Annotated[float, Field(gt=0, lt=1)] = 0.5
    """Highest scrap probability the drift reaches (scrap + rework must stay below 1)."""
