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

Everything the page sends is bounded here, on the server, not only in the widgets: the scenario
is a *name* from the session's offered list (mapped to a file on the server, so a forged
websocket message cannot make it load any other file), the seed, mode, step size and every
parameter are checked against their ranges, and each run is checked against the work budget
(:mod:`sim.scenario.budget`) with no way to allow more.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sim.dashboard.params import Parameter, apply_parameters, scenario_parameters
from sim.errors import ScenarioError
from sim.results.result import Result
from sim.runner import MODES, Engine, EngineFactory, start
from sim.scenario import Scenario, load_scenario
from sim.scenario.budget import check_budget
from sim.scenario.loader import SCENARIO_DIR

MAX_SEED = 2**32 - 1
"""Largest seed the page accepts."""
STEP_HOURS = (1.0, 24.0)
"""Smallest and largest *step* (simulated hours), as the page's slider offers them."""


def offered_scenarios(extra: Sequence[str] = ()) -> dict[str, Path]:
    """The scenarios a page offers, by the name it shows: ``extra`` first, then shipped ones.

    Args:
        extra: Shipped names or file paths chosen on the server (the command line); each is
            offered under the text given.

    Returns:
        Name -> scenario file. The page can ask only for these names.
    """
    offered: dict[str, Path] = {}
    for item in extra:
        path = Path(item)
        shipped = SCENARIO_DIR / f"{item}.toml"
        offered[item] = shipped if shipped.is_file() and len(path.parts) == 1 else path
    for path in sorted(SCENARIO_DIR.glob("*.toml")):
        offered.setdefault(path.stem, path)
    return offered


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
    """The name of an offered scenario (see :func:`offered_scenarios`)."""
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
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) \
                or not 0 <= self.seed <= MAX_SEED:
            raise ValueError(f"seed: expected a whole number from 0 to {MAX_SEED}, "
                             f"got {self.seed!r}")
        low, high = STEP_HOURS
        if isinstance(self.step_hours, bool) or not isinstance(self.step_hours, int | float) \
                or not low <= self.step_hours <= high:
            raise ValueError(f"step_hours must be from {low:g} to {high:g}, "
                             f"got {self.step_hours!r}")
        if not isinstance(self.scenario, str) or not isinstance(self.params, Mapping):
            raise ValueError("scenario must be a name and params a mapping")


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
        scenarios: The scenarios the page may ask for, name -> file (default: the initial
            scenario and the shipped ones, see :func:`offered_scenarios`).

    Raises:
        ScenarioError: If the scenario cannot be loaded, is not offered, or is above the
            work budget.
    """

    def __init__(self, settings: Settings | None = None, *,
                 engine_factory: EngineFactory = start,
                 scenarios: Mapping[str, Path] | None = None) -> None:
        self._lock = threading.RLock()
        self._factory = engine_factory
        settings = settings or Settings()
        self.scenarios: dict[str, Path] = (dict(scenarios) if scenarios is not None
                                           else offered_scenarios([settings.scenario]))
        """The scenarios offered, by name (the only ones the page can load)."""
        self.version = 0
        """Increases with every change; the page re-renders when it moves."""
        self.configure(settings)

    # -- settings -----------------------------------------------------------------------------
    def configure(self, settings: Settings) -> None:
        """Adopt new settings and start the run afresh.

        Parameter values the scenario does not offer in this mode (a value of another
        scenario, an agents' parameter with agents off) are dropped: defaults apply.

        Raises:
            ScenarioError: If the scenario is not offered, cannot be loaded, the values make
                it invalid, or its runs are above the work budget.
        """
        with self._lock:
            path = self.scenarios.get(settings.scenario)
            if path is None:
                raise ScenarioError(None, "scenario", f"one of the offered scenarios "
                                    f"({', '.join(self.scenarios)})")
            base = load_scenario(path)
            agents = settings.mode != "off"
            offered = {p.path for p in scenario_parameters(base, agents)}
            params = {k: v for k, v in settings.params.items() if k in offered}
            scenario = apply_parameters(base, params, agents)
            try:
                check_budget(scenario, agents_on=agents, runs=2 if agents else 1)
            except ScenarioError as exc:  # the page cannot allow more: say so, not allow_large
                raise ScenarioError(exc.file, exc.field, exc.expected.split("; ")[0] + "; the "
                                    "dashboard runs only inside the work budget (outside it: "
                                    "werkhalle run --allow-large)") from None
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
