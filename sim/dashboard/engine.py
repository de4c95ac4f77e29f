"""Steppable runs behind the dashboard: the plain line, and (when present) the line with agents.

An *engine* is anything with ``now`` (minutes), ``advance(until)`` and ``result()``. The
dashboard builds them through an :data:`EngineFactory`, injected into
:class:`~sim.dashboard.session.DashboardSession`, so tests can supply their own.

In ``recommend`` mode the agents ask a person through an *approver* callback while the
simulation runs. A browser cannot answer inside that call, so the dashboard answers with a
:class:`ScriptedApprover`: it replays the decisions already taken and, at the first proposal
nobody has decided yet, raises :class:`NeedsDecision`. The session then rebuilds the run from
the start (same scenario, seed and decisions: the same run), stops it at the engine's
:meth:`~Engine.last_stop_before` that moment and shows the proposal; the person's answer is
appended to the script, and the run goes on from there.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from importlib.util import find_spec
from typing import Any, Protocol

from sim.line.model import LineModel
from sim.results.result import Result
from sim.runner import collect
from sim.scenario import Scenario

MODES = ("off", "recommend", "autonomous")
"""Autonomy of the agents: none (baseline), ask a person, act alone."""


class Engine(Protocol):
    """A run that can be advanced step by step and summarised at any moment."""

    @property
    def now(self) -> float:
        """The simulation clock in minutes."""

    def advance(self, until: float) -> None:
        """Run the simulation up to ``until`` minutes (never past the horizon)."""

    def last_stop_before(self, time: float) -> float:
        """The latest time before ``time`` where a replayed run may stop (see the session)."""

    def result(self) -> Result:
        """The :class:`~sim.results.Result` of the run so far."""


Approver = Callable[[Any], bool]
"""Called with a proposal; returns ``True`` to carry it out, ``False`` to reject it."""

EngineFactory = Callable[[Scenario, int, str, Approver | None], Engine]
"""``factory(scenario, seed, mode, approver) -> Engine``."""


class NeedsDecision(Exception):  # noqa: N818 - a signal, not an error
    """Raised by :class:`ScriptedApprover` at a proposal no person has decided yet."""

    def __init__(self, proposal: Any, index: int) -> None:
        super().__init__(f"proposal {index} awaits a decision")
        self.proposal = proposal
        """What the agent proposed (as the agents layer passes it)."""
        self.index = index
        """Its number in the run (0 = the first proposal)."""


class ScriptedApprover:
    """Answers proposals from a script of earlier decisions; stops at the first open one.

    Args:
        decisions: The decisions taken so far, in the order the proposals came. The list is
            read live: a decision appended later answers the proposal that was left open.
    """

    name = "participant"
    """How the journal names who approved (``approved_by``)."""

    def __init__(self, decisions: list[bool]) -> None:
        self.decisions = decisions
        self.asked = 0
        """How many proposals this run has seen."""

    def __call__(self, proposal: Any) -> bool:
        """Return the scripted decision, or raise :class:`NeedsDecision`."""
        index = self.asked
        self.asked += 1
        if index < len(self.decisions):
            return self.decisions[index]
        raise NeedsDecision(proposal, index)


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
        from sim.agents.setup import agent_levels, make_agent_model

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


def agents_available() -> bool:
    """Whether this installation has the agents layer (``recommend``/``autonomous``)."""
    return find_spec("sim.agents") is not None


def default_engine(scenario: Scenario, seed: int, mode: str,
                   approver: Approver | None = None) -> Engine:
    """Build the engine for ``mode``: the plain line for ``"off"``, else the agents' model.

    Args:
        scenario: The scenario (parameters already applied).
        seed: The seed.
        mode: One of :data:`MODES`.
        approver: For ``"recommend"``: who answers the agents' proposals.

    Returns:
        A fresh engine at time 0.

    Raises:
        ValueError: For an unknown mode, or an agent mode without the agents layer.
    """
    if mode not in MODES:
        raise ValueError(f"unknown agents mode {mode!r}; expected one of {', '.join(MODES)}")
    if mode == "off":
        return LineEngine(scenario, seed)
    if not agents_available():
        raise ValueError("the agents layer is not available in this installation")
    return AgentEngine(scenario, seed, mode, approver)
