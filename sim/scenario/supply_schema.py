"""Supply sub-schemas of ``[agents]`` (issue #14): coverage watch and sister sites.

The planner's coverage watch is mechanic 9; sister sites that answer (:class:`SisterSite`,
:class:`Negotiation`) are mechanic 6.

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

from typing import Annotated

from pydantic import Field

from sim.scenario.types import Duration, PositiveDuration, Strict


class CoverageSettings(Strict):
    """The planner's coverage projection of reorder-point materials."""

    review: PositiveDuration = 2.0 * 60
    """How often the planner projects coverage (minutes)."""
    window: PositiveDuration = 24.0 * 60
    """Trailing window over which the consumption rate is observed (minutes)."""
    min_gap: Duration = 30.0
    """Smallest projected stock-out, in open (shift) minutes, that the planner acts on."""


class SisterStock(Strict):
    """One material on a sister site's own books."""

    quantity: Annotated[float, Field(ge=0)]
    """Units on hand at the start of the run."""
    customer_use_per_day: Annotated[float, Field(ge=0)] = 0.0
    """What the site's own customers take per day (its stock falls by this, evenly)."""
    reserve_days: Annotated[float, Field(ge=0)] = 1.0
    """Days of its own customers' use the site keeps back: ``reserve = use x days``."""
    unit_price: Annotated[float, Field(ge=0)] = 0.0
    """Price per unit the site charges the group's other plants (EUR)."""


class SisterCapacity(Strict):
    """A sister site's own capacity book: what it can build for us after its own orders.

    ``[agents.sisters.<name>] capacity = {...}`` (absent: the site offers no capacity, and a
    fixed ``kind = "capacity"`` site in ``[agents.sites]`` works as before)::

        free(d) = floor((units_per_day - own_orders_per_day) x d - promised - held)

    for a request covering ``d`` days (at least 1); ``promised`` is what it has confirmed to
    us (booked out of its capacity), ``held`` what it has offered and not yet had confirmed.
    """

    variants: list[str] = Field(min_length=1)
    """Variants the site can build."""
    units_per_day: Annotated[float, Field(gt=0)]
    """Units the site can build per day."""
    own_orders_per_day: Annotated[float, Field(ge=0)] = 0.0
    """Units per day its own customers' orders take (never offered)."""
    price_per_unit: Annotated[float, Field(ge=0)] = 0.0
    """Price per unit built for us (EUR)."""
    co2_kg_per_unit: Annotated[float, Field(ge=0)] = 0.0
    """CO2 per unit shipped back (kg)."""
    lead_time: PositiveDuration
    """Time until units built there arrive (minutes)."""


class SisterSite(Strict):
    """A sister site that answers requests itself (issue #14, mechanic 6).

    ``[agents.sisters.<name>]``: its own stock (per material) and customers, a response delay,
    and the shipping figures of a transfer::

        [agents.sisters.czechia]
        response_delay = "1 h"
        lead_time = "10 h"
        transport = "truck"
        transport_cost_per_unit = 0.9
        co2_kg_per_unit = 0.3
        stock.alloy = { quantity = 300, customer_use_per_day = 60, reserve_days = 2,
                        unit_price = 1.5 }
    """

    response_delay: PositiveDuration
    """Time from a request to the site's answer (minutes)."""
    lead_time: PositiveDuration
    """Transport time of an agreed transfer (minutes)."""
    transport: str = "truck"
    transport_cost_per_unit: Annotated[float, Field(ge=0)] = 0.0
    co2_kg_per_unit: Annotated[float, Field(ge=0)] = 0.0
    """Transport CO2 per unit (kg)."""
    stock: dict[str, SisterStock] = Field(min_length=1)
    """The site's books per material."""
    capacity: SisterCapacity | None = None
    """The site's own capacity book (absent: it builds nothing for us)."""


class Negotiation(Strict):
    """How the planner negotiates with the sister sites."""

    rounds: Annotated[int, Field(ge=1, le=10)] = 3
    """Requests per shortfall at most: after a partial answer or a refusal the planner asks
    the next site for the rest, until covered or out of rounds."""
