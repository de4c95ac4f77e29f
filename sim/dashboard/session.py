"""One participant's dashboard session: settings, the run, stepping, and open proposals.

:class:`DashboardSession` is plain Python (no web framework): the page's components call it,
and tests drive it directly. It keeps the run being watched and, when agents are on, a
baseline run with the same scenario and seed (common random numbers) advanced in lockstep, so
the KPI comparison at any moment compares like with like.

All methods are serialised by one lock, because the page's *play* loop steps the session from
a worker thread while buttons may reset it.

The runs are the façade's steppable engines (:func:`sim.runner.start`). In ``recommend`` mode
the agents ask a person through an *approver* callback while the simulation runs. A browser
cannot answer inside that call, so the session answers with a :class:`ScriptedApprover`: it
replays the decisions already taken and, at the first proposal nobody has decided yet, raises
:class:`NeedsDecision`. The session then rebuilds the run from the start (same scenario, seed
and decisions: the same run), stops it at the engine's ``last_stop_before`` that moment and
shows the proposal; the person's answer is appended to the script, and the run goes on.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sim.dashboard.params import Parameter, apply_parameters, scenario_parameters
from sim.results.result import Result
from sim.runner import MODES, Engine, EngineFactory, start
from sim.scenario import Scenario, load_scenario


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


@dataclass(frozen=True)
class Settings:
    """What a participant chose on the page; changing any of it starts the run afresh."""

    scenario: str = "baseline"
    """A shipped scenario's name or a path to a scenario file."""
    seed: int = 1
    """Seed of the random streams."""
    mode: str = "off"
    """Agents: ``"off"``, ``"recommend"`` or ``"autonomous"``."""
    params: Mapping[str, Any] = field(default_factory=dict)
    """Parameter values by override path (see :mod:`sim.dashboard.params`)."""
    step_hours: float = 4.0
    """Simulated hours per *step* (and per tick of *play*)."""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown agents mode {self.mode!r}; expected one of {MODES}")
        if not self.step_hours > 0:
            raise ValueError(f"step_hours must be positive, got {self.step_hours}")


@dataclass(frozen=True)
class Pending:
    """A proposal of the agents that waits for a person (``recommend`` mode)."""

    proposal: Any
    """The proposal as the agents layer passed it to the approver."""
    index: int
    """Its number in the run (0 = first)."""
    time: float
    """When it was made (minutes)."""


@dataclass(frozen=True)
class Snapshot:
    """Everything the page shows at one moment (results are computed at ``now``)."""

    version: int
    now: float
    horizon: float
    settings: Settings
    result: Result
    """The watched run (with agents, if on) so far."""
    baseline: Result | None
    """The baseline run at the same moment (``None`` when agents are off)."""
    pending: Pending | None
    decisions: tuple[bool, ...]
    """The person's decisions so far (``recommend`` mode)."""

    @property
    def done(self) -> bool:
        """Whether the run reached its horizon."""
        return self.now >= self.horizon


class DashboardSession:
    """The state behind one dashboard page.

    Args:
        settings: Initial settings.
        engine_factory: Builds the runs (default: :func:`sim.runner.start`).

    Raises:
        ScenarioError: If the scenario cannot be loaded.
    """

    def __init__(self, settings: Settings | None = None, *,
                 engine_factory: EngineFactory = start) -> None:
        self._lock = threading.RLock()
        self._factory = engine_factory
        self.version = 0
        """Increases with every change; the page re-renders when it moves."""
        self.configure(settings or Settings())

    # -- settings -----------------------------------------------------------------------------
    def configure(self, settings: Settings) -> None:
        """Adopt new settings and start the run afresh.

        Parameter values the scenario does not offer in this mode (a value of another
        scenario, an agents' parameter with agents off) are dropped: defaults apply.

        Raises:
            ScenarioError: If the scenario cannot be loaded or the values make it invalid.
        """
        with self._lock:
            base = load_scenario(settings.scenario)
            agents = settings.mode != "off"
            offered = {p.path for p in scenario_parameters(base, agents)}
            params = {k: v for k, v in settings.params.items() if k in offered}
            scenario = apply_parameters(base, params, agents)
            self.base_scenario: Scenario = base
            """The scenario as loaded (parameters at their defaults)."""
            self.scenario: Scenario = scenario
            """The scenario being run (parameters applied)."""
            self.settings = replace(settings, params=params)
            self.reset()

    def update(self, **changes: Any) -> None:
        """Change some settings (``seed=2``, ``mode="recommend"`` ...) and start afresh."""
        with self._lock:
            self.configure(replace(self.settings, **changes))

    def set_parameter(self, path: str, value: Any) -> None:
        """Set one parameter (by override path) and start afresh."""
        with self._lock:
            self.update(params={**self.settings.params, path: value})

    @property
    def parameters(self) -> list[Parameter]:
        """The parameters the current scenario offers (agents' ones only with agents on)."""
        return scenario_parameters(self.base_scenario, self.settings.mode != "off")

    def value(self, param: Parameter) -> Any:
        """The current value of ``param`` (its default unless changed)."""
        return self.settings.params.get(param.path, param.default)

    # -- running -------------------------------------------------------------------------------
    def reset(self) -> None:
        """Start the run again at time 0 (forgets the person's decisions)."""
        with self._lock:
            self.decisions: list[bool] = []
            self.pending: Pending | None = None
            self._build()

    def _build(self) -> None:
        mode = self.settings.mode
        approver = ScriptedApprover(self.decisions) if mode == "recommend" else None
        self.engine: Engine = self._factory(self.scenario, self.settings.seed, mode, approver)
        self.baseline: Engine | None = (
            self._factory(self.scenario, self.settings.seed, "off", None)
            if mode != "off" else None
        )
        self.version += 1

    @property
    def now(self) -> float:
        """The simulation clock (minutes)."""
        return self.engine.now

    @property
    def horizon(self) -> float:
        """The end of the run (minutes)."""
        return self.scenario.horizon

    @property
    def done(self) -> bool:
        """Whether the run reached its horizon."""
        return self.now >= self.horizon

    def step(self, hours: float | None = None) -> bool:
        """Advance by ``hours`` (default: the step size); ``False`` if nothing could move."""
        with self._lock:
            hours = self.settings.step_hours if hours is None else hours
            return self.advance(self.now + 60.0 * hours)

    def run(self) -> bool:
        """Advance to the horizon, or to the next proposal that needs a person."""
        return self.advance(self.horizon)

    def advance(self, until: float) -> bool:
        """Advance both runs to ``until`` minutes (stops early at an open proposal).

        Returns:
            ``False`` if the run could not move (finished, or a proposal waits), else ``True``.
        """
        with self._lock:
            until = min(until, self.horizon)
            if self.pending is not None or until <= self.now:
                return False
            try:
                self.engine.advance(until)
            except NeedsDecision as need:
                self._stop_before(need)
            if self.baseline is not None:
                self.baseline.advance(self.engine.now)
            self.version += 1
            return True

    def _stop_before(self, need: NeedsDecision) -> None:
        """Rebuild the run and stop it short of the open proposal."""
        asked_at = self.engine.now
        self._build()
        self.engine.advance(self.engine.last_stop_before(asked_at))
        self.pending = Pending(need.proposal, need.index, asked_at)

    def decide(self, approve: bool) -> None:
        """Answer the open proposal (``recommend`` mode); the run can then go on.

        Raises:
            RuntimeError: If no proposal is waiting.
        """
        with self._lock:
            if self.pending is None:
                raise RuntimeError("no proposal is waiting for a decision")
            self.decisions.append(bool(approve))
            self.pending = None
            self.version += 1

    # -- what the page shows -------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """Results of both runs at the current moment, and what waits for a person."""
        with self._lock:
            return Snapshot(
                version=self.version, now=self.now, horizon=self.horizon,
                settings=self.settings, result=self.engine.result(),
                baseline=self.baseline.result() if self.baseline is not None else None,
                pending=self.pending, decisions=tuple(self.decisions),
            )
