"""The few parameters a participant may change on the page, found in the scenario itself.

Each :class:`Parameter` names one scenario field (a dotted override path as understood by
:func:`sim.scenario.with_overrides`), its default (the scenario's own value) and the range of
its slider. :func:`scenario_parameters` lists the ones a scenario offers: the length of each
scripted disruption and, where the scenario has an ``[agents]`` section, the sister-site stock,
the planner's weights for cost, CO2 and lateness, and the maintenance policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sim.i18n import ui
from sim.scenario import Scenario, with_overrides
from sim.scenario.agents_schema import POLICY_NAMES

_DURATION_FIELD = {"delivery_delay": "delay", "breakdown": "duration",
                   "staff_absence": "duration"}
"""Which field of each disruption kind is its length."""


@dataclass(frozen=True)
class Parameter:
    """One adjustable scenario field and its control on the page."""

    path: str
    """Dotted override path, e.g. ``"disruptions.rail_storm.delay"``."""
    text: str
    """Key of the label in the ``ui.*`` keys of :mod:`sim.i18n.catalogue`."""
    name: str
    """What the label's ``{name}`` shows (a disruption's or material's name)."""
    default: Any
    """The scenario's own value (hours for durations)."""
    minimum: float = 0.0
    maximum: float = 1.0
    step: float = 1.0
    unit: str = ""
    """``"h"`` for durations (written back as ``"<value> h"``), else the quantity's unit."""
    choices: tuple[str, ...] = ()
    """For a choice (a select box instead of a slider): the allowed values."""
    name_text: str | None = None
    """Key of a translatable ``{name}`` (e.g. ``"weight.cost"``), if the name is a word."""

    def label(self) -> str:
        """The control's label in the language in force."""
        name = ui(self.name_text) if self.name_text else self.name
        return ui(self.text, name=name, unit=self.unit)

    def override(self, value: Any) -> Any:
        """The value as a scenario file would write it (durations with their unit)."""
        if self.choices:
            if value not in self.choices:
                raise ValueError(f"{self.path}: expected one of {self.choices}, got {value!r}")
            return value
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.path}: expected a number, got {value!r}") from None
        if not self.minimum <= number <= self.maximum:  # (also refuses nan)
            raise ValueError(f"{self.path}: expected {self.minimum}..{self.maximum}, got {value}")
        return f"{number:g} h" if self.unit == "h" else number


def scenario_parameters(scenario: Scenario, agents: bool = False) -> list[Parameter]:
    """List the parameters ``scenario`` offers, in the order they appear on the page.

    Args:
        scenario: A validated scenario.
        agents: Whether agents are on (only then their parameters matter and are offered).

    Returns:
        One :class:`Parameter` per adjustable field (an empty list for a plain week).
    """
    params: list[Parameter] = []
    for name, spec in scenario.disruptions.items():
        field = _DURATION_FIELD.get(spec.kind)
        if field is None:
            continue
        hours = round(getattr(spec, field) / 60.0, 2)
        step = _step(hours, 1.0)
        params.append(Parameter(
            path=f"disruptions.{name}.{field}", text=f"param.{field}", name=name,
            default=hours, minimum=step, maximum=float(max(96, 2 * round(hours))),
            step=step, unit="h"))
    if agents:
        params += agent_parameters(scenario)
    return params


def agent_parameters(scenario: Scenario) -> list[Parameter]:
    """The parameters of the agents: sister-site stock, planner weights, maintenance policy.

    Offered only when the installation has the agents layer; the maintenance policies are
    the names of its policy registry.
    """
    cfg = getattr(scenario, "agents", None)
    if cfg is None:
        return []
    params = []
    for name, site in cfg.sites.items():
        if site.kind == "stock":
            unit = scenario.materials[site.material].unit
            step = _step(site.quantity, 10.0)
            params.append(Parameter(
                path=f"agents.sites.{name}.quantity", text="param.sister_stock",
                name=f"{site.material} ({name})", default=float(site.quantity), minimum=step,
                maximum=float(max(1000, 3 * round(site.quantity))), step=step, unit=unit))
    for weight, top, step in (("cost", 5.0, 0.1), ("co2", 5.0, 0.1), ("lateness", 100.0, 1.0)):
        value = float(getattr(cfg.weights, weight))
        params.append(Parameter(
            path=f"agents.weights.{weight}", text="param.weight", name=weight,
            name_text=f"weight.{weight}", default=value, minimum=0.0,
            maximum=max(top, 4 * value), step=step))
    policies = maintenance_policies()
    if policies:
        params.append(Parameter(
            path="agents.maintenance.policy", text="param.maintenance", name="",
            default=cfg.maintenance.policy, choices=policies))
    return params


def _step(default: float, coarse: float) -> float:
    """A slider step on whose grid (starting at the step itself) the default lies.

    A slider snaps its value to ``minimum + k * step``; a default off that grid would be
    changed the moment the page shows it.
    """
    for step in (coarse, 1.0, 0.5, 0.25, 0.1, 0.01):
        if abs(default / step - round(default / step)) < 1e-9:
            return step
    return 0.01


def maintenance_policies() -> tuple[str, ...]:
    """Names of the built-in maintenance policies (the scenario file format's words)."""
    return POLICY_NAMES["maintenance"]


def apply_parameters(scenario: Scenario, values: Mapping[str, Any],
                     agents: bool = False) -> Scenario:
    """Return ``scenario`` with the given parameter values (by path) written into it.

    Args:
        scenario: The scenario as loaded.
        values: ``{path: value}``; paths must be among :func:`scenario_parameters`.
        agents: Whether agents are on (their parameters are accepted only then).

    Returns:
        The changed, re-validated scenario (``scenario`` itself when nothing changes).

    Raises:
        KeyError: For a path the scenario does not offer.
        ValueError: For a value outside its range or choices.
    """
    known = {p.path: p for p in scenario_parameters(scenario, agents)}
    overrides = {}
    for path, value in values.items():
        if path not in known:
            raise KeyError(f"{path!r} is not a parameter of scenario {scenario.name!r}")
        param = known[path]
        if value != param.default:
            overrides[path] = param.override(value)
    return with_overrides(scenario, overrides) if overrides else scenario
