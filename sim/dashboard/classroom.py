"""Classroom mode, plain Python: join codes, the team registry, bounded actions, a worker pool.

One lecturer's laptop serves the page to a class (``werkhalle classroom``). This module holds
everything of that but the web pages, so that tests and the load benchmark drive it directly:

* the short join code participants type (like Jupyter's token) and the lecturer's own,
  longer token for the board (:mod:`sim.dashboard.codes`);
* :class:`Classroom`: the scenarios on offer (the lecturer's list: names mapped to files on
  the server; nothing else can be loaded), the teams, each with its own isolated
  :class:`~sim.dashboard.session.DashboardSession` (own runs, own choice at the disruption),
  and every control checked here, on the server, against :class:`Limits`;
* a small worker pool: configuring and running happen off the web server's event loop, one
  action per team at a time; an action waiting for a worker is *queued* and says so
  (:attr:`Team.status`, :meth:`Classroom.queue_position`).

The class board's tables and the export are in :mod:`sim.dashboard.board`.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.dashboard.codes import new_join_code, new_lecturer_token, same_code, same_token
from sim.dashboard.params import Parameter, scenario_parameters
from sim.dashboard.session import Settings, Snapshot
from sim.dashboard.vignette import ChoiceRequest, TeamSession, play_alone
from sim.i18n import LANGUAGES
from sim.results.result import Result
from sim.runner import run
from sim.scenario import Scenario, load_scenario

TEAM_NAME = re.compile(r"^[\w][\w .-]{0,23}$")
"""A team name: 1-24 letters, digits, spaces, dots, dashes (no markup, no paths)."""


class Refused(ValueError):
    """A request the classroom does not carry out (a value not offered, a busy team ...)."""


class Busy(Refused):
    """The team's previous action has not finished yet."""


@dataclass(frozen=True)
class Limits:
    """What the server accepts from a page (checked on the server, whatever the page sent)."""

    seeds: tuple[int, int] = (1, 99)
    """Smallest and largest seed."""
    step_hours: tuple[float, float] = (1.0, 24.0)
    """Smallest and largest step (simulated hours)."""
    max_teams: int = 40
    """How many teams may join."""
    references: int = 32
    """How many reference results (agent, waiting) are kept per configuration."""


@dataclass
class Timing:
    """How long one action took on the server."""

    action: str
    waited: float
    """Seconds in the queue before a worker took it."""
    worked: float
    """Seconds of work."""

    @property
    def total(self) -> float:
        """Seconds from the click to the result."""
        return self.waited + self.worked


@dataclass(eq=False)
class Team:
    """One team: its session (own runs, own choice), language and what it is doing now."""

    name: str
    owner: str
    """Who created it (the browser's session id): only that browser plays this team."""
    lang: str
    session: TeamSession
    snapshot: Snapshot | None = None
    """What the page shows, taken by the worker after each action (a page never waits for
    the session's lock, which a running action holds)."""
    status: str = "idle"
    """``"idle"``, ``"queued"`` (waits for a worker) or ``"running"``."""
    error: str = ""
    """What went wrong with the last action (empty: nothing)."""
    timings: list[Timing] = field(default_factory=list)
    version: int = 0
    """Increases when anything of the team changes (the page re-renders)."""

    @property
    def choice(self) -> str | None:
        """The team's pick at the disruption (``None``: not yet)."""
        return self.session.choice

    @property
    def request(self) -> ChoiceRequest | None:
        """The open question at the disruption, when the run stopped there (as last shown)."""
        pending = self.snapshot.pending if self.snapshot is not None else None
        if pending is not None and isinstance(pending.proposal, ChoiceRequest):
            return pending.proposal
        return None


class Classroom:
    """The class: scenarios on offer, codes, teams, a bounded worker pool.

    Args:
        scenarios: The lecturer's list: ``{name: scenario file}``. Only these names can be
            picked; a file is loaded on the server, never from a path a page sends.
        workers: Worker threads for configuring and running (keep it small: 2 cores).
        limits: What the server accepts.
        join_code: The participants' code (default: a new random one).
        lecturer_token: The board's token (default: a new random one).

    Raises:
        ScenarioError: If a scenario of the list cannot be loaded.
        ValueError: For an empty list.
    """

    def __init__(self, scenarios: Mapping[str, str | Path], *, workers: int = 2,
                 limits: Limits | None = None, join_code: str | None = None,
                 lecturer_token: str | None = None) -> None:
        if not scenarios:
            raise ValueError("a classroom needs at least one scenario")
        self.files: dict[str, Path] = {n: Path(p) for n, p in scenarios.items()}
        """The scenarios on offer: name -> file on the server."""
        self.scenarios: dict[str, Scenario] = {n: load_scenario(p) for n, p in self.files.items()}
        self.limits = limits or Limits()
        self.join_code = join_code or new_join_code()
        self.lecturer_token = lecturer_token or new_lecturer_token()
        self.version = 0
        """Increases with every change of any team (the board re-renders)."""
        self.address = ""
        """The join address the board shows (set by the server once it listens)."""
        self._lock = threading.RLock()
        self._teams: dict[str, Team] = {}
        self._queue: deque[str] = deque()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="werkhalle-class")
        self._references: OrderedDict[tuple, dict[str, Result]] = OrderedDict()

    # -- codes and teams ---------------------------------------------------------------------
    def check_join(self, code: object) -> bool:
        """Whether ``code`` is the participants' join code (the lecturer's token also is)."""
        return same_code(code, self.join_code) or self.check_lecturer(code)

    def check_lecturer(self, token: object) -> bool:
        """Whether ``token`` is the lecturer's token."""
        return same_token(token, self.lecturer_token)

    @property
    def names(self) -> list[str]:
        """The scenario names on offer, in the lecturer's order."""
        return list(self.files)

    def join(self, owner: str, name: str, lang: str = "en") -> Team:
        """Create a team for the browser ``owner`` (or return the one it already has).

        Raises:
            Refused: For a bad or taken name, an unknown language, or a full class.
        """
        name = str(name).strip()
        if not TEAM_NAME.match(name):
            raise Refused("a team name has 1-24 letters, digits, spaces, dots or dashes")
        lang = self._language(lang)
        with self._lock:
            mine = self.team_of(owner)
            if mine is not None:
                return mine
            if name.casefold() in (t.casefold() for t in self._teams):
                raise Refused(f"the team name {name!r} is taken")
            if len(self._teams) >= self.limits.max_teams:
                raise Refused(f"the class is full ({self.limits.max_teams} teams)")
            first = self.names[0]
            session = TeamSession(self._settings(first, self.limits.seeds[0], {}, 4.0),
                                  {str(path): path for path in self.files.values()})
            team = Team(name=name, owner=owner, lang=lang, session=session,
                        snapshot=session.snapshot())
            self._teams[name] = team
            self._changed(team)
            return team

    def team_of(self, owner: str) -> Team | None:
        """The team the browser ``owner`` plays, if any."""
        with self._lock:
            return next((t for t in self._teams.values() if t.owner == owner), None)

    @property
    def teams(self) -> list[Team]:
        """Every team, in the order they joined."""
        with self._lock:
            return list(self._teams.values())

    def set_language(self, team: Team, lang: str) -> None:
        """Switch the team's language (``en``/``de``)."""
        team.lang = self._language(lang)
        self._changed(team)

    # -- bounded settings ----------------------------------------------------------------------
    def _language(self, lang: object) -> str:
        if lang not in LANGUAGES:
            raise Refused(f"language: expected one of {', '.join(LANGUAGES)}")
        return str(lang)

    def _settings(self, scenario: str, seed: int, params: Mapping[str, Any],
                  step_hours: float) -> Settings:
        mode = "autonomous" if self.scenarios[scenario].agents is not None else "off"
        return Settings(str(self.files[scenario]), seed=seed, mode=mode, params=dict(params),
                        step_hours=step_hours)

    def scenario_name(self, team: Team) -> str:
        """The name (on offer) of the scenario the team plays."""
        shown = team.snapshot.settings if team.snapshot is not None else team.session.settings
        path = Path(shown.scenario)
        return next(n for n, p in self.files.items() if p == path)

    def checked(self, team: Team, *, scenario: object = None, seed: object = None,
                params: object = None, step_hours: object = None) -> Settings:
        """New settings for ``team`` from what a page sent, every value checked.

        Args:
            team: The team.
            scenario: A name on offer (``None``: keep).
            seed: An integer within :attr:`Limits.seeds` (``None``: keep).
            params: ``{path: value}`` among the scenario's parameters, each within its
                range or choices (``None``: keep; a new scenario starts at its defaults).
            step_hours: Within :attr:`Limits.step_hours` (``None``: keep).

        Raises:
            Refused: For anything not on offer or out of bounds.
        """
        now = team.session.settings
        name = self.scenario_name(team)
        if scenario is not None:
            if not isinstance(scenario, str) or scenario not in self.files:
                raise Refused(f"scenario {str(scenario)[:80]!r} is not offered; "
                              f"expected one of {', '.join(self.names)}")
            if scenario != name:
                name, now = scenario, Settings(now.scenario, now.seed, now.mode, {},
                                               now.step_hours)
        if seed is not None:
            low, high = self.limits.seeds
            if not _finite(seed) or int(seed) != seed or not low <= seed <= high:
                raise Refused(f"seed: expected a whole number {low}..{high}")
        low, high = self.limits.step_hours
        if step_hours is not None and not (_finite(step_hours) and low <= step_hours <= high):
            raise Refused(f"step: expected {low:g}..{high:g} h")
        values = dict(now.params)
        if params is not None:
            if not isinstance(params, Mapping):
                raise Refused("parameters: expected {path: value}")
            offered = {p.path: p for p in self.parameters(name)}
            for path, value in params.items():
                if path not in offered:
                    raise Refused(f"parameter {str(path)[:80]!r} is not offered")
                values[path] = _bounded(offered[path], value)
        return self._settings(name, int(now.seed if seed is None else seed), values,
                              float(now.step_hours if step_hours is None else step_hours))

    def parameters(self, name: str) -> list[Parameter]:
        """The parameters the scenario ``name`` offers (as a team plays it)."""
        scenario = self.scenarios[name]
        return scenario_parameters(scenario, agents=scenario.agents is not None)

    # -- actions (off the event loop) ---------------------------------------------------------
    def configure(self, team: Team, **changes: object) -> Future:
        """Check new settings now; adopt them (a fresh run) in the pool. See :meth:`checked`.

        Raises:
            Refused: For values not on offer, or once the run has started (a late message
                from a slider must not throw away a run; *Reset* first).
        """
        if team.session.now > 0:
            raise Refused("the run has started; press Reset to change the set-up")
        settings = self.checked(team, **changes)

        return self.submit(team, "configure", lambda: team.session.configure(settings))

    def run(self, team: Team) -> Future:
        """Run to the disruption's question, or on to the end (in the pool)."""
        return self.submit(team, "run", team.session.run)

    def step(self, team: Team) -> Future:
        """Advance by one step (in the pool)."""
        return self.submit(team, "step", team.session.step)

    def reset(self, team: Team) -> Future:
        """Start the team's run again (its choice is forgotten)."""
        return self.submit(team, "reset", team.session.reset)

    def choose(self, team: Team, option: object) -> Future:
        """Answer the disruption's question with one of its options, then run on to the end.

        Raises:
            Refused: If no question is open or ``option`` is not among its options.
        """
        request = team.session.request
        if request is None:
            raise Refused("no question is waiting for a choice")
        names = [name for name, _ in request.options]
        if option not in names:
            raise Refused(f"option {str(option)[:80]!r} is not among {', '.join(names)}")

        def work() -> None:
            team.session.choose(str(option))
            team.session.run()

        return self.submit(team, "choose", work)

    def submit(self, team: Team, action: str, work: Callable[[], object]) -> Future:
        """Queue ``work`` for ``team`` in the pool (one action per team at a time).

        Raises:
            Busy: While the team's previous action is queued or running.
        """
        with self._lock:
            if team.status != "idle":
                raise Busy(f"still busy with the last action ({team.status})")
            team.status = "queued"
            team.error = ""
            self._queue.append(team.name)
            self._changed(team)
        queued = time.perf_counter()

        def job() -> None:
            with self._lock:
                self._queue.remove(team.name)
                team.status = "running"
                self._changed(team)
            began = time.perf_counter()
            try:
                try:
                    work()
                finally:
                    team.snapshot = team.session.snapshot()
                if team.snapshot.done:
                    self.references(team)
            except Exception as exc:  # noqa: BLE001 - shown on the team's page, not raised
                team.error = f"{type(exc).__name__}: {exc}"
                raise
            finally:
                done = time.perf_counter()
                with self._lock:
                    team.timings.append(Timing(action, began - queued, done - began))
                    team.status = "idle"
                    self._changed(team)

        return self._pool.submit(job)

    def queue_position(self, team: Team) -> int:
        """1 for the next action a worker takes ... ; 0 when the team has nothing queued."""
        with self._lock:
            return self._queue.index(team.name) + 1 if team.name in self._queue else 0

    def _changed(self, team: Team | None = None) -> None:
        with self._lock:
            self.version += 1
            if team is not None:
                team.version += 1

    # -- references for the board -------------------------------------------------------------
    def references(self, team: Team) -> dict[str, Result]:
        """The agent's run and waiting for the team's configuration (computed once, kept)."""
        settings = team.session.settings
        key = (settings.scenario, settings.seed, tuple(sorted(settings.params.items())))
        with self._lock:
            if key in self._references:
                self._references.move_to_end(key)
                return self._references[key]
        scenario = team.session.scenario
        refs = {"wait": run(scenario, settings.seed, agents="off")}
        if scenario.agents is not None:
            refs["agent"] = run(scenario, settings.seed, agents="autonomous")
        with self._lock:
            self._references[key] = refs
            while len(self._references) > self.limits.references:
                self._references.popitem(last=False)
        return refs

    def cached_references(self, team: Team) -> dict[str, Result]:
        """The references of the team's configuration if computed already (else empty)."""
        settings = team.snapshot.settings
        key = (settings.scenario, settings.seed, tuple(sorted(settings.params.items())))
        with self._lock:
            return self._references.get(key, {})

    def alone(self, team: Team) -> Result:
        """The team's choices run alone in one :func:`sim.run` call (the leak check)."""
        return play_alone(team.session.scenario, team.session.settings.seed, team.choice)

    def close(self) -> None:
        """Stop the worker pool (waits for running actions)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _finite(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def _bounded(param: Parameter, value: object) -> Any:
    """``value`` if it is allowed for ``param`` (a choice, or a number in range), else refuse."""
    if param.choices:
        if value not in param.choices:
            raise Refused(f"{param.path}: expected one of {', '.join(param.choices)}")
        return value
    if not _finite(value) or not param.minimum <= float(value) <= param.maximum:
        raise Refused(f"{param.path}: expected {param.minimum:g}..{param.maximum:g}")
    return float(value)
