"""The planner's own supply watch (issue #14, mechanic 9): coverage of reorder-point materials.

``[agents.planner.coverage]`` turns it on (absent: off, and runs are unchanged)::

    [agents.planner.coverage]
    review = "2 h"        # how often the planner projects coverage
    window = "1 d"        # trailing window of the observed consumption rate
    min_gap = "30 min"    # act only on a projected stock-out longer than this (open hours)

Every ``review`` the planner projects, for every material under an (s, Q) reorder rule, from
what it observes (stock, the consumption of the last ``window``, the announced arrivals of
open orders) and the static plan (reorder point, order quantity, the supplier's mean lead
time), when the stock runs out and when the next delivery comes (see
:mod:`sim.agents.coverage`).
"""

from __future__ import annotations

from sim.scenario.types import Duration, PositiveDuration, Strict


class CoverageSettings(Strict):
    """The planner's coverage projection of reorder-point materials."""

    review: PositiveDuration = 2.0 * 60
    """How often the planner projects coverage (minutes)."""
    window: PositiveDuration = 24.0 * 60
    """Trailing window over which the consumption rate is observed (minutes)."""
    min_gap: Duration = 30.0
    """Smallest projected stock-out, in open (shift) minutes, that the planner acts on."""
