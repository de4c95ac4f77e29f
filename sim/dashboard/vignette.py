"""The supply-disruption vignette as a team plays it: the run stops, the team picks an option.

This is notebook 1's *your decision* step for the browser. The team's run has the agents on
(autonomous, every escalation approved, no approval delay: production management decides
itself), and its planner is a :class:`ChoicePlanner`: at the disruption (a situation with a
``shortfall``) it carries out the team's pick; every other question goes to the built-in
twin planner. Before the team has picked, the planner raises
:class:`~sim.dashboard.session.NeedsDecision` with a :class:`ChoiceRequest`, and the
:class:`~sim.dashboard.session.DashboardSession` stops the run just before that moment (the
same replay it uses for approvals in ``recommend`` mode).

:func:`play_alone` runs the same choice in one :func:`sim.run` call: the classroom's
benchmark and tests check that a team's final KPIs equal it exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.agents import Proposal, TwinPlanner
from sim.agents.setup import agent_levels, make_agent_model
from sim.dashboard.session import DashboardSession, NeedsDecision, Settings
from sim.results.result import Result
from sim.runner import AgentEngine, Approver, Engine, run, start
from sim.scenario import Scenario, with_overrides

CLASS_SCORE = {"cost": 1.0, "co2": 0.5, "late_units": 500.0}
"""The workshop's class score (lower is better): cost + 0.5 x kg CO2 + 500 x late units."""
AS_MANAGER = {"agents.human_reaction_delay": "0 min"}
"""A team is production management: its own decision takes effect without approval delay."""
REASON = "chosen by a team in the classroom"
"""The reason the journal gives for the team's pick."""


@dataclass(frozen=True)
class ChoiceRequest:
    """What the team is asked at the disruption (the page shows it as a card)."""

    time: float
    """When the planner was asked (minutes)."""
    trigger: str
    """What prompted the question, in words."""
    options: tuple[tuple[str, str], ...]
    """``(name, description)`` of every option, the first is always *wait*."""
    shortfall: float
    """Projected shortfall of the material (its unit)."""
    agent: str = "planner"
    """Who asks (the page names the role)."""


class TeamApprover:
    """Approves every escalation: the team is production management (as in notebook 1)."""

    name = "the team (production management)"
    """How the journal names who approved."""

    def __call__(self, request: Any) -> bool:
        """Approve."""
        return True


approve_all = TeamApprover()
"""The approver of every team run."""


class ChoicePlanner(TwinPlanner):
    """The team's pick at the disruption; every other question goes to the twin planner.

    Args:
        choice: The option's name, or ``None`` while the team has not picked: then the
            first disruption question raises :class:`NeedsDecision`. A callable is asked
            each time (a stepped run reads the team's pick live).
    """

    def __init__(self, choice: str | None | Callable[[], str | None] = None) -> None:
        super().__init__()
        self._choice = choice

    @property
    def choice(self) -> str | None:
        """The team's pick now (``None``: not yet)."""
        return self._choice() if callable(self._choice) else self._choice

    def decide(self, situation: Any) -> Proposal | None:
        """Return the team's pick at a shortfall, else what the twin planner decides.

        Raises:
            NeedsDecision: At the first shortfall while no option was picked.
        """
        if "shortfall" in situation.details:
            if self.choice is None:
                request = ChoiceRequest(
                    time=float(situation.time), trigger=str(situation.trigger),
                    options=tuple((o.name, o.description) for o in situation.candidates),
                    shortfall=float(situation.details["shortfall"]))
                raise NeedsDecision(request, 0)
            pick = next((o for o in situation.candidates if o.name == self.choice), None)
            if pick is not None:
                return Proposal(pick, situation.candidates, REASON)
        return super().decide(situation)


def team_scenario(scenario: Scenario) -> Scenario:
    """The scenario as a team runs it (its own decisions take effect at once)."""
    return with_overrides(scenario, AS_MANAGER) if scenario.agents is not None else scenario


class TeamEngineFactory:
    """Builds a team's runs for :class:`~sim.dashboard.session.DashboardSession`.

    The session asks for its watched run in ``"autonomous"`` mode and for the baseline in
    ``"off"`` mode; the watched run gets a :class:`ChoicePlanner` reading :attr:`choice`.
    """

    def __init__(self) -> None:
        self.choice: str | None = None
        """The team's pick (``None``: not yet)."""

    def __call__(self, scenario: Scenario, seed: int, mode: str,
                 approver: Approver | None) -> Engine:
        """Build a run: the plain line for ``"off"``, else the line with the team's planner."""
        if mode == "off" or scenario.agents is None:
            return start(scenario, seed, "off")
        return TeamEngine(scenario, seed, mode, lambda: self.choice)


class TeamEngine(AgentEngine):
    """A stepped run with the agents on and the team's :class:`ChoicePlanner`.

    Args:
        scenario: The scenario (the team's parameters applied).
        seed: The seed.
        mode: ``"recommend"`` or ``"autonomous"``.
        choice: Returns the team's pick (``None``: not yet), asked when the planner is.
    """

    def __init__(self, scenario: Scenario, seed: int, mode: str,
                 choice: Callable[[], str | None]) -> None:
        scn = team_scenario(scenario)
        self.model = make_agent_model(scn, seed, agent_levels(scn, mode),
                                      {"planner": ChoicePlanner(choice)}, approve_all,
                                      event_log=True)
        self.grid = float(scn.agents.decision_interval)


class TeamSession(DashboardSession):
    """A team's dashboard session: the team's runs, and its pick at the disruption.

    Args:
        settings: Initial settings (agents ``"autonomous"`` for a scenario with agents).
        scenarios: The scenarios the team may load, key -> file (the lecturer's list).
    """

    def __init__(self, settings: Settings, scenarios: Mapping[str, Path]) -> None:
        self.factory = TeamEngineFactory()
        super().__init__(settings, engine_factory=self.factory, scenarios=scenarios)

    @property
    def choice(self) -> str | None:
        """The team's pick at the disruption (``None``: not yet)."""
        return self.factory.choice

    @property
    def request(self) -> ChoiceRequest | None:
        """The open question at the disruption, when the run stopped there."""
        pending = self.pending
        if pending is not None and isinstance(pending.proposal, ChoiceRequest):
            return pending.proposal
        return None

    def reset(self) -> None:
        """Start the run again at time 0; the team's pick is forgotten."""
        with self._lock:
            self.factory.choice = None
            super().reset()

    def choose(self, option: str) -> None:
        """Answer the open question with ``option``; the run can go on.

        Raises:
            ValueError: If no question is open or ``option`` is not among its options.
        """
        with self._lock:
            request = self.request
            if request is None or option not in {name for name, _ in request.options}:
                raise ValueError(f"option {option!r} does not answer an open question")
            self.factory.choice = option
            self.pending = None
            self.version += 1


def play_alone(scenario: Scenario, seed: int, choice: str | None) -> Result:
    """The team's run in one :func:`sim.run` call (no stepping, no replay).

    Args:
        scenario: The scenario with the team's parameters applied.
        seed: The team's seed.
        choice: The team's pick at the disruption (``None``: a plain line without agents).
    """
    if scenario.agents is None or choice is None:
        return run(scenario, seed, agents="off")
    return run(team_scenario(scenario), seed, agents="autonomous",
               policies={"planner": ChoicePlanner(choice)}, approver=approve_all)


def class_score(kpis: Any) -> float:
    """The workshop's score of a run's KPIs: cost + 0.5 x kg CO2 + 500 x late units."""
    cost = next(float(v) for k, v in kpis.items() if str(k).startswith("cost ["))
    return (CLASS_SCORE["cost"] * cost + CLASS_SCORE["co2"] * float(kpis["CO2 [kg]"])
            + CLASS_SCORE["late_units"] * float(kpis["late units [units]"]))
