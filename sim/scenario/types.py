"""Field types shared by the scenario models: durations with units, clock times, distributions.

Every model forbids unknown keys (:class:`Strict`); all durations are stored in minutes.
"""


from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from sim.scenario.budget import MAX_CV, MAX_HORIZON, MIN_DECISION_INTERVAL
from sim.scenario.units import DAY, parse_clock, parse_duration, parse_when


def _duration(value: Any) -> Any:
    return parse_duration(value) if isinstance(value, str) else _reject_number(value)


def _reject_number(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"expected a duration with a unit, like '{value} min' or '{value} h'")
    return value


def _when(value: Any) -> Any:
    return parse_when(value) if isinstance(value, str) else _reject_number(value)


def _clock(value: Any) -> Any:
    return parse_clock(value)


Duration = Annotated[float, BeforeValidator(_duration), Field(ge=0)]
"""A non-negative duration, written with a unit, stored in minutes."""
PositiveDuration = Annotated[float, BeforeValidator(_duration), Field(gt=0)]
"""A strictly positive duration, written with a unit, stored in minutes."""
When = Annotated[float, BeforeValidator(_when), Field(ge=0)]
"""A point in simulated time (``"Tue 09:30"`` or a duration since start), in minutes."""
Clock = Annotated[float, BeforeValidator(_clock)]
"""A clock time of day (``"06:00"``), in minutes after midnight."""
Probability = Annotated[float, Field(ge=0, lt=1)]
"""A probability in [0, 1)."""


def _horizon_bound(value: float) -> float:
    if value > MAX_HORIZON:
        raise ValueError(f"expected a horizon of at most one year ({MAX_HORIZON / DAY:.0f} d"
                         f"); this is {value / DAY:,.0f} d")
    return value


def _decision_bound(value: float) -> float:
    if value < MIN_DECISION_INTERVAL:
        raise ValueError(f"expected at least {MIN_DECISION_INTERVAL:g} min between the "
                         "agents' looks at the line")
    return value


Horizon = Annotated[float, BeforeValidator(_duration), Field(gt=0),
                    AfterValidator(_horizon_bound)]
"""A run's horizon: a positive duration of at most :data:`~sim.scenario.budget.MAX_HORIZON`."""
DecisionInterval = Annotated[float, BeforeValidator(_duration), Field(gt=0),
                             AfterValidator(_decision_bound)]
"""How often agents look: at least :data:`~sim.scenario.budget.MIN_DECISION_INTERVAL`."""


class Strict(BaseModel):
    """Base model: unknown keys are errors, objects are immutable once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _dist_shorthand(value: Any) -> Any:
    if isinstance(value, str):
        return {"dist": "deterministic", "mean": value}
    return value


class _DistSpec(Strict):
    """A random duration: a distribution family with its parameters.

    ``deterministic``, ``exponential``: ``mean``. ``normal`` (truncated at 0), ``lognormal``,
    ``gamma``: ``mean`` and ``cv`` (coefficient of variation, std/mean). ``uniform``: ``low``,
    ``high``. ``triangular``: ``low``, ``mode``, ``high``. A bare duration string such as
    ``"5 min"`` means ``deterministic``.
    """

    dist: Literal[
        "deterministic", "exponential", "uniform", "triangular", "normal", "lognormal", "gamma"
    ]
    mean: Duration | None = None
    """Mean (minutes)."""
    cv: Annotated[float, Field(ge=0, le=MAX_CV)] | None = None
    """Coefficient of variation (standard deviation / mean), for normal, lognormal, gamma;
    at most :data:`~sim.scenario.budget.MAX_CV`."""
    low: Duration | None = None
    """Lower bound (minutes), for uniform and triangular."""
    mode: Duration | None = None
    """Most likely value (minutes), for triangular."""
    high: Duration | None = None
    """Upper bound (minutes), for uniform and triangular."""

    @model_validator(mode="after")
    def _parameters_fit(self) -> _DistSpec:
        need = {
            "deterministic": ("mean",), "exponential": ("mean",), "normal": ("mean", "cv"),
            "lognormal": ("mean", "cv"), "gamma": ("mean", "cv"), "uniform": ("low", "high"),
            "triangular": ("low", "mode", "high"),
        }[self.dist]
        allowed = set(need)
        given = {k for k in ("mean", "cv", "low", "mode", "high") if getattr(self, k) is not None}
        missing = [k for k in need if getattr(self, k) is None]
        if missing:
            raise ValueError(f"a {self.dist} distribution needs {', '.join(need)}")
        if given - allowed:
            raise ValueError(
                f"a {self.dist} distribution takes only {', '.join(need)}, "
                f"not {', '.join(sorted(given - allowed))}"
            )
        if self.dist in ("exponential", "gamma", "lognormal") and self.mean == 0:
            raise ValueError(f"a {self.dist} distribution needs a mean greater than 0")
        bounded = self.dist in ("uniform", "triangular")
        if bounded and not _num(self.low) <= (self.mode or _num(self.low)) <= _num(self.high):
            raise ValueError("needs low <= mode <= high")
        if self.dist in ("uniform", "triangular") and self.high == 0:
            raise ValueError("needs high greater than 0")
        return self

    @property
    def expected(self) -> float:
        """The distribution's mean in minutes (for normal: of the untruncated law)."""
        if self.dist == "uniform":
            return (_num(self.low) + _num(self.high)) / 2
        if self.dist == "triangular":
            return (_num(self.low) + _num(self.mode) + _num(self.high)) / 3
        return _num(self.mean)

    @property
    def scv(self) -> float:
        """Squared coefficient of variation (0 for deterministic, 1 for exponential)."""
        if self.dist == "deterministic":
            return 0.0
        if self.dist == "exponential":
            return 1.0
        if self.dist == "uniform":
            return ((_num(self.high) - _num(self.low)) ** 2 / 12) / self.expected**2
        if self.dist == "triangular":
            a, c, b = _num(self.low), _num(self.mode), _num(self.high)
            var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18
            return var / self.expected**2
        return _num(self.cv) ** 2


def _num(value: float | None) -> float:
    """A parameter the validator has checked is given (narrows ``float | None`` for readers)."""
    if value is None:  # pragma: no cover - _parameters_fit refuses such a spec
        raise ValueError("parameter missing")
    return value


DistSpec = Annotated[_DistSpec, BeforeValidator(_dist_shorthand)]
"""A distribution, or a bare duration string for a deterministic time."""


class ReferenceError_(ValueError):  # noqa: N801 - the name says what it is, beside ValueError
    """A cross-reference problem found after the fields themselves were valid."""

    def __init__(self, field: str, expected: str) -> None:
        self.field = field
        self.expected = expected
        super().__init__(f"{field}: {expected}")


def _names(mapping: Any) -> str:
    """The names of a table's entries, for error messages (``(none defined)`` if empty)."""
    return ", ".join(sorted(mapping)) or "(none defined)"
