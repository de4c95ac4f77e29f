"""The façade: :func:`run` a scenario once, or step a run with an :class:`Engine`.

:func:`run` runs one scenario with one seed to its horizon and returns a labelled
:class:`~sim.results.Result`. :func:`start` returns a steppable engine instead (the plain line,
or the line with its agents), which the dashboard and notebooks (human in the loop) use to
advance a run piece by piece and look at it in between.

An *engine* is anything with ``now`` (minutes), ``advance(until)``, ``last_stop_before(time)``
and ``result()`` (the :class:`Engine` protocol).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sim.agents.setup import agent_levels, empty_journal, make_agent_model
from sim.line.model import LineModel
from sim.results.collector import collect, collect_kpis
from sim.results.result import Result
from sim.scenario import Scenario, load_scenario
from sim.scenario.agents_schema import AUTONOMY_LEVELS
from sim.scenario.budget import check_budget

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MODES", "AgentEngine", "Approver", "Engine", "EngineFactory", "LineEngine",
           "run", "run_kpis", "start"]

MODES = AUTONOMY_LEVELS
"""Autonomy of the agents in a stepped run: none (baseline), ask a person, act alone."""

Approver = Callable[[Any], bool]
"""Called with an approval request; returns ``True`` to carry the proposal out."""


def run(
    scenario: Scenario | str | Path | Mapping[str, Any],
    seed: int = 0,
    *,
    agents: str | None = None,
    policies: Mapping[str, Any] | None = None,
    approver: Any = None,
    event_log: bool | None = None,
    allow_large: bool = False,
) -> Result:
    """Run a scenario once and return its result.

    Args:
        scenario: A :class:`~sim.scenario.Scenario`, a path to a TOML file, a shipped
            scenario's name (``"baseline"``) or scenario data as a dict.
        seed: Seed of the random streams; same scenario and seed give identical results.
        agents: ``None``: agents as the scenario's ``[agents]`` section says; ``"off"``: the
            baseline (nobody reacts); ``"recommend"`` or ``"autonomous"``: every agent at that
            autonomy level.
        policies: Per role (``planner``, ``supplier``, ``maintenance``) a policy name from
            :data:`sim.agents.REGISTRY` or your own object with ``decide(situation)``.
        approver: Who answers proposals in ``recommend`` mode and escalations: a callable
            ``approver(request) -> bool`` (default: production management approves, after the
            scenario's ``human_reaction_delay``).
        event_log: Keep the event log (default: as the scenario says).
        allow_large: Run even if the estimated work is above the budget's ceilings (see
            :mod:`sim.scenario.budget`; the per-field bounds hold regardless).

    Returns:
        The run's :class:`~sim.results.Result`; ``Result.decisions`` is the agents' journal.

    Raises:
        ScenarioError: If the scenario is invalid (names file, field and expectation), or
            ``agents``/``policies`` are not understood, or the estimated work of the run is
            above the budget (the message gives the estimate and how to allow it).
    """
    scn = load_scenario(scenario)
    levels = agent_levels(scn, agents)
    active = any(level != "off" for level in levels.values())
    check_budget(scn, agents_on=active, allow_large=allow_large)
    if not active:
        model = LineModel(scn, seed=seed, event_log=event_log)
        model.run()
        return collect(model, decisions=empty_journal(), extra_metadata={"agents": levels})
    factory = make_agent_model(scn, seed, levels, policies, approver, event_log)
    factory.run()
    return factory.result()


def run_kpis(scenario: Scenario | str | Path | Mapping[str, Any], seed: int = 0, *,
             agents: str | None = None) -> pd.Series:
    """Run a scenario once (event log off) and return only its KPIs.

    The same numbers as ``run(scenario, seed, agents=agents, event_log=False).kpis``, without
    building the result's other tables: what an experiment keeps of each replication.

    Args:
        scenario: A scenario, a path, a shipped scenario's name or scenario data.
        seed: Seed of the random streams.
        agents: As for :func:`run`.

    Returns:
        The KPI series.

    Raises:
        ScenarioError: If the scenario is invalid or ``agents`` is not understood.
    """
    scn = load_scenario(scenario)
    levels = agent_levels(scn, agents)
    if not any(level != "off" for level in levels.values()):
        model = LineModel(scn, seed=seed, event_log=False)
        model.run()
        return collect_kpis(model)
    factory = make_agent_model(scn, seed, levels, None, None, False)
    factory.run()
    return collect_kpis(factory.line)


class Engine(Protocol):
    """A run that can be advanced step by step and summarised at any moment."""

    @property
    def now(self) -> float:
        """The simulation clock in minutes."""

    def advance(self, until: float) -> None:
        """Run the simulation up to ``until`` minutes (never past the horizon)."""

    def last_stop_before(self, time: float) -> float:
        """The latest time before ``time`` where a replayed run may stop."""

    def result(self) -> Result:
        """The :class:`~sim.results.Result` of the run so far."""


EngineFactory = Callable[[Scenario, int, str, Approver | None], Engine]
"""``factory(scenario, seed, mode, approver) -> Engine`` (:func:`start` is one)."""


class LineEngine:
    """The plain line model, stepped with :meth:`LineModel.run` (agents off).

    Args:
        scenario: The scenario.
        seed: The seed.
    """

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.model = LineModel(scenario, seed=seed, event_log=True)

    @property
    def now(self) -> float:
        """The simulation clock in minutes."""
        return self.model.now

    def advance(self, until: float) -> None:
        """Run up to ``until`` minutes."""
        self.model.run(until)

    def last_stop_before(self, time: float) -> float:
        """Just before ``time`` (the plain line can stop anywhere)."""
        return math.nextafter(time, -math.inf)

    def result(self) -> Result:
        """The result so far."""
        return collect(self.model, extra_metadata={"agents": "off"})


class AgentEngine:
    """The line with its agents (the agents layer's Mesa model), stepped on the decision grid.

    The agents act at the end of every advance. So that the moments they act do not depend
    on how a participant steps, every stop is rounded up to the scenario's decision grid
    (multiples of ``[agents] decision_interval``), where they act anyway.

    Args:
        scenario: The scenario.
        seed: The seed.
        mode: ``"recommend"`` or ``"autonomous"`` (for every agent).
        approver: Who answers proposals (and escalations).
    """

    def __init__(self, scenario: Scenario, seed: int, mode: str,
                 approver: Approver | None = None) -> None:
        levels = agent_levels(scenario, mode)
        self.model = make_agent_model(scenario, seed, levels, None, approver, event_log=True)
        self.grid = float(scenario.agents.decision_interval)
        """Minutes between two regular decision times."""

    @property
    def now(self) -> float:
        """The simulation clock in minutes."""
        return self.model.now

    def advance(self, until: float) -> None:
        """Run up to ``until`` minutes, rounded up to the decision grid."""
        self.model.advance(math.ceil(until / self.grid - 1e-9) * self.grid)

    def last_stop_before(self, time: float) -> float:
        """The last grid time before ``time``: where a replay stops short of a proposal."""
        return max(0.0, (math.ceil(time / self.grid - 1e-9) - 1) * self.grid)

    def result(self) -> Result:
        """The result so far, with the decision journal."""
        return self.model.result()


def start(scenario: Scenario | str | Path | Mapping[str, Any], seed: int = 0,
          mode: str = "off", approver: Approver | None = None) -> Engine:
    """Start a steppable run: the plain line for ``"off"``, else the line with its agents.

    >>> engine = start("baseline", seed=1)
    >>> engine.advance(8 * 60)          # run to Monday 08:00
    >>> engine.result().kpis["output [units]"] >= 0
    True

    Args:
        scenario: A scenario, a path, a shipped scenario's name or scenario data.
        seed: The seed.
        mode: One of :data:`MODES` (every agent at that level).
        approver: For ``"recommend"``: who answers the agents' proposals.

    Returns:
        A fresh engine at time 0.

    Raises:
        ValueError: For an unknown mode.
        ScenarioError: If the scenario is invalid.
    """
    if mode not in MODES:
        raise ValueError(f"unknown agents mode {mode!r}; expected one of {', '.join(MODES)}")
    scn = load_scenario(scenario)
    if mode == "off":
        return LineEngine(scn, seed)
    return AgentEngine(scn, seed, mode, approver)
