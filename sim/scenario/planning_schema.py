"""The planner's day planning: re-planning a night shift and the daily report (issue #14).

Both live under ``[agents.planner]`` and are off when absent::

    [agents.planner]
    night = { shift = "night", staff = 3 }   # may book 3 more people for one night shift
    daily_report = "16:30"                   # the day's balance and two proposals for tomorrow
    daily_adopt = false                      # true: carry out the first-ranked proposal

``night``: when a supply deviation is known, the planner may also offer to staff the next
instance of that calendar shift (ending after the material is believed back) with ``staff``
more people, at the regular staff rate: the work the shortfall pushed back is built at night
instead of in overtime (Setting A of the magazine story). See :mod:`sim.agents.night`.

``daily_report``: see :mod:`sim.agents.daily`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from sim.scenario.types import Strict


class NightPlan(Strict):
    """A calendar shift the planner may re-plan, and how many more people it may book for it."""

    shift: str
    """Name of a shift of ``[calendar]`` (e.g. ``"night"``)."""
    staff: Annotated[int, Field(ge=1, le=1000)]
    """Extra staff the planner may book for one instance of that shift."""
