"""The ``[stress]`` section: what a simulated "bad day" may throw at the line.

A stress test (:func:`sim.experiments.stress_test`) runs the scenario many times; each run is
one *bad day* (one simulated horizon): the scenario plus scripted disruptions drawn at random
from the distributions given here: extra machine breakdowns, staff absences, order
cancellations and delivery delays. Each happens at a time drawn uniformly from the window
``[window_start, window_end)``. ``[stress.compensated]`` holds the thresholds that decide
whether a bad day counts as *compensated*.

Example::

    [stress]
    window_start = "Mon 06:00"
    window_end = "Fri 14:00"
    breakdowns = { count = { dist = "poisson", mean = 1.5 }, duration = "3 h" }
    absences = { count = { dist = "integers", low = 0, high = 2 }, duration = "8 h" }
    cancellations = { count = { dist = "binomial", n = 2, p = 0.25 } }
    delivery_delays = { probability = 0.3, delay = "24 h" }
    compensated = { on_time_min = 95.0, max_shortage = "2 h" }
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, model_validator

from sim.scenario.budget import MAX_STRESS_COUNT
from sim.scenario.types import DistSpec, Duration, Probability, ReferenceError_, Strict, When, _num


def _count_shorthand(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return {"dist": "fixed", "value": value}
    return value


class _CountSpec(Strict):
    """A random whole number: how many times something happens on a bad day.

    ``fixed``: ``value``. ``poisson``: ``mean``. ``binomial``: ``n`` trials with probability
    ``p``. ``integers``: uniform on ``low..high`` (both included). A bare integer means
    ``fixed``. Every parameter is at most :data:`~sim.scenario.budget.MAX_STRESS_COUNT`.
    """

    dist: Literal["fixed", "poisson", "binomial", "integers"]
    value: Annotated[int, Field(ge=0, le=MAX_STRESS_COUNT)] | None = None
    mean: Annotated[float, Field(ge=0, le=MAX_STRESS_COUNT)] | None = None
    n: Annotated[int, Field(ge=0, le=MAX_STRESS_COUNT)] | None = None
    p: Annotated[float, Field(ge=0, le=1)] | None = None
    low: Annotated[int, Field(ge=0, le=MAX_STRESS_COUNT)] | None = None
    high: Annotated[int, Field(ge=0, le=MAX_STRESS_COUNT)] | None = None

    @model_validator(mode="after")
    def _parameters_fit(self) -> _CountSpec:
        need = {"fixed": ("value",), "poisson": ("mean",), "binomial": ("n", "p"),
                "integers": ("low", "high")}[self.dist]
        given = {k for k in ("value", "mean", "n", "p", "low", "high")
                 if getattr(self, k) is not None}
        if set(need) - given:
            raise ValueError(f"a {self.dist} count needs {', '.join(need)}")
        if given - set(need):
            raise ValueError(f"a {self.dist} count takes only {', '.join(need)}, "
                             f"not {', '.join(sorted(given - set(need)))}")
        if self.dist == "integers" and _num(self.low) > _num(self.high):
            raise ValueError("needs low <= high")
        return self

    @property
    def expected(self) -> float:
        """The count's mean."""
        if self.dist == "fixed":
            return float(_num(self.value))
        if self.dist == "poisson":
            return float(_num(self.mean))
        if self.dist == "binomial":
            return _num(self.n) * _num(self.p)
        return (_num(self.low) + _num(self.high)) / 2


CountSpec = Annotated[_CountSpec, BeforeValidator(_count_shorthand)]
"""A random count, or a bare integer for a fixed count."""
_NONE = _CountSpec(dist="fixed", value=0)
_ONE = _CountSpec(dist="fixed", value=1)


class StressBreakdowns(Strict):
    """Extra machine breakdowns: ``count`` of them, each lasting ``duration``."""

    count: CountSpec = _NONE
    duration: DistSpec
    """Repair duration of each extra breakdown."""
    stations: list[str] = []
    """Stations that may break (default: all); the machine is drawn uniformly."""


class StressAbsences(Strict):
    """Staff absences: ``count`` events, each removing ``staff`` people for ``duration``."""

    count: CountSpec = _NONE
    staff: CountSpec = _ONE
    """People absent per event (at least one is always absent)."""
    duration: DistSpec


class StressCancellations(Strict):
    """Order cancellations: ``count`` distinct orders of the order book are cancelled."""

    count: CountSpec = _NONE


class StressDelays(Strict):
    """Delivery delays: each listed material's route is held with ``probability``."""

    probability: Probability = 0.0
    """Chance, per material, that its deliveries are delayed on a bad day."""
    delay: DistSpec
    """How long the supplier route is held."""
    notice: DistSpec | None = None
    """How long after the start of the delay the supplier reports it (default: at once)."""
    materials: list[str] = []
    """Materials that may be delayed (default: every material with a replenishment)."""


class Compensated(Strict):
    """When a bad day counts as *compensated*.

    ``relative_to = "undisturbed"`` (the default): against the same seed's undisturbed run
    (the scenario without the drawn trouble, nobody reacting: the week as planned, on the
    same random numbers). The bad day is compensated when its *excess* over that week stays
    within every tolerance: first-station material shortage at most ``max_excess_shortage``
    more, at most ``max_excess_late`` more late units, at most ``max_excess_backlog`` more
    units undelivered at the end (lost output; cancelled orders do not count). The
    undisturbed week itself has no excess, so it always counts as compensated (calibrated).

    ``relative_to = "none"``: absolute thresholds on the bad day alone (Werkhalle's earlier
    definition): on-time delivery at least ``on_time_min`` (no order due counts as on time),
    shortage at most ``max_shortage``, and if set backlog at most ``max_backlog``. About a
    quarter of undisturbed ``stress_week`` runs already fail its 2 h shortage rule.
    """

    relative_to: Literal["undisturbed", "none"] = "undisturbed"
    """Judge the excess over the same seed's undisturbed run, or absolute thresholds."""
    max_excess_shortage: Duration = 120.0
    """``undisturbed``: tolerated extra first-station material shortage (default 2 h)."""
    max_excess_late: Annotated[float, Field(ge=0)] = 5.0
    """``undisturbed``: tolerated extra late units."""
    max_excess_backlog: Annotated[float, Field(ge=0)] = 5.0
    """``undisturbed``: tolerated extra units undelivered at the end (lost output)."""
    on_time_min: Annotated[float, Field(ge=0, le=100)] = 95.0
    """``none``: minimum on-time delivery in percent."""
    max_shortage: Duration = 120.0
    """``none``: longest tolerated material shortage at the first station (default 2 h)."""
    max_backlog: Annotated[int, Field(ge=0)] | None = None
    """``none``: largest tolerated backlog in units at the end (unset: not checked)."""


class Stress(Strict):
    """The ``[stress]`` section: distributions of a bad day's disruptions, and thresholds."""

    window_start: When = 0.0
    """Earliest time a drawn disruption may start."""
    window_end: When | None = None
    """Latest time (exclusive) a drawn disruption may start (default: the horizon)."""
    breakdowns: StressBreakdowns | None = None
    absences: StressAbsences | None = None
    cancellations: StressCancellations | None = None
    delivery_delays: StressDelays | None = None
    compensated: Compensated = Compensated()


def _check_references(stress: Stress | None, info: ValidationInfo) -> Stress | None:
    """Check the section against the scenario fields validated before it."""
    if stress is None:
        return None
    data = info.data
    stations, materials = data.get("stations"), data.get("materials")
    horizon, release = data.get("horizon"), data.get("release")
    end = stress.window_end if stress.window_end is not None else horizon
    if end is not None and stress.window_start >= end:
        raise ReferenceError_("window_start", "must be before window_end (or the horizon)")
    if stress.breakdowns is not None and stations is not None:
        for i, name in enumerate(stress.breakdowns.stations):
            if name not in stations:
                raise ReferenceError_(f"breakdowns.stations[{i}]",
                                      f"unknown station '{name}'; expected one of "
                                      f"{', '.join(stations)}")
    if stress.delivery_delays is not None and materials is not None:
        for i, name in enumerate(stress.delivery_delays.materials):
            if name not in materials:
                raise ReferenceError_(f"delivery_delays.materials[{i}]",
                                      f"unknown material '{name}'; expected one of "
                                      f"{', '.join(materials) or '(none defined)'}")
    cancels = stress.cancellations
    if cancels is not None and release is not None and cancels.count.expected > 0 \
            and not release.orders:
        raise ReferenceError_("cancellations", "an order book ([release.orders]) to cancel from")
    return stress


StressSection = Annotated[Stress | None, AfterValidator(_check_references)]
"""The scenario's optional ``[stress]`` section, checked against its stations and materials."""
