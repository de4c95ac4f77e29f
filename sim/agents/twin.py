"""The planner's twin: simulate an option forward, in sampled futures or with perfect foresight.

Every forward run starts from the line as it is at the decision: the same scenario and seed,
with every action taken so far (and those already approved for later) plus the option's own
actions, at their times (the plant knows its own history). That past is simulated once per
decision and frozen (:mod:`sim.line.snapshot`); each (future, option) continues its own
restored copy (:class:`Branching`: also forked children on POSIX, or, as the reference, a
replay from t = 0 per run; the three give the same numbers). What happens after the decision
depends on the ``forecast`` mode (``[agents] forecast``):

* ``sampled`` (the default, honest): the model is built from the scenario as it can be known
  at the decision (:func:`~sim.line.forecast.known_scenario`: shocks not yet announced are
  removed) and, at the decision, *branched* into ``futures`` independent futures
  (:func:`~sim.line.forecast.branch`): every random stream re-seeded from the run's seed, the
  decision minute and the future's index; machine lives redrawn given their age; a known
  outage ending where the agents' belief (the supplier's estimate +- spread) puts it in that
  future. All options of a decision face the *same* futures (common random numbers within the
  forecast, never with reality). Each figure is reported as its mean over the futures, with
  p10 and p90 and the share of futures with an adverse outcome (:data:`ADVERSE`).
* ``oracle`` (a lesson, impossible in reality): the same scenario and seed as the real run,
  so the forward run contains the real future luck and every scripted shock of the week; its
  prediction for the option that is carried out equals what then happens.

The twin measures each option over the *window* from the decision to ``decision +
look_ahead`` (capped at the horizon): cost, CO2, unit-hours late, units late, hours the first
station waited for material, and output (read from the model's counters,
:mod:`sim.agents.window`). The cost leaves out material bought from the regular
suppliers (the same in every option in the long run; within a short window it would punish
producing earlier) but counts material from sister sites and express sources. The score is
``cost * w_cost + co2 * w_co2 + lateness * w_lateness + shortage * w_shortage``; the planner
ranks by its mean (``decision = "mean"``) or by a quantile (``decision = "quantile"``). The
twin is open-loop: in the forward run nobody reacts any more.
"""

from __future__ import annotations

import os
import time
import warnings
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from sim.agents import fork
from sim.agents.branching import Branching, restored_window, window_run, with_extra
from sim.agents.window import figures, score
from sim.line.commands import Command
from sim.line.forecast import branch, known_scenario
from sim.line.model import LineModel
from sim.line.snapshot import Snapshot, SnapshotError

if TYPE_CHECKING:
    from sim.agents.journal import Option
    from sim.scenario.agents_schema import AgentsConfig
    from sim.scenario.schema import Scenario

ActionRecord = tuple[float, Command]
"""``(time, typed command)``, as in ``LineControl.actions``."""
Task = tuple[int, "Scenario", tuple[int, ...] | None, dict[str, float]]
"""One forward run: option index, (known) scenario, branch key (``None``: the oracle's run
goes on with the real streams), held ends."""
FIGURES = ("cost", "co2_kg", "lateness_h", "late_units", "shortage_h", "output")
"""What the twin measures over the window."""
ADVERSE = {"p_shortage": ("shortage_h", 2.0), "p_late": ("late_units", 0.0)}
"""Adverse outcomes, as ``figure > threshold``: first station short of material for more than
2 h in the window; any unit late."""
BELIEF = 0xB1F
"""First element of the spawn key of the belief draws (outage ends) of a forecast."""


BRANCHING = Branching.SNAPSHOT
"""The default of :attr:`Twin.branching` (``WERKHALLE_FORK=1`` makes it :attr:`Branching.FORK`
where forking is possible)."""


@dataclass(frozen=True)
class Hold:
    """What the agents believe about one held supply route.

    Attributes:
        disruption: The disruption's name (as announced).
        material: The material.
        low: Earliest end they think possible (minutes).
        high: Latest end they think possible.
    """

    disruption: str
    material: str
    low: float
    high: float


@dataclass
class Twin:
    """Forward simulation of options for one scenario and seed.

    Args:
        scenario: The scenario of the real run.
        seed: The seed of the real run.
        config: The ``[agents]`` section (weights, look-ahead, forecast mode, futures, rule).
    """

    scenario: Scenario
    seed: int
    config: AgentsConfig
    runs: int = 0
    """Forward simulations so far."""
    seconds: float = 0.0
    """Wall-clock seconds spent in them."""
    pasts: int = 0
    """Shared pasts simulated (once per decision and known scenario); 0 with
    :attr:`Branching.REPLAY`, which simulates the past again in every forward run."""
    extra: Any = None
    """Optional ``model -> {name: cumulative figure}`` measured besides :data:`FIGURES` in the
    forward runs (the daily report's energy, :mod:`sim.agents.daily`); ``None``: none."""
    branching: Branching | None = None
    """How forward runs get the past; ``None``: :data:`BRANCHING` (or the fork, see there).
    All three give the same numbers to the bit."""

    def __post_init__(self) -> None:
        self.scenario = self.scenario.model_copy(update={"sample_interval": 0.0,
                                                         "event_log": False})

    @property
    def mode(self) -> str:
        """``sampled`` or ``oracle``."""
        return self.config.forecast

    def evaluate(self, now: float, history: list[ActionRecord], options: list[Option],
                 delay: float = 0.0, holds: tuple[Hold, ...] = ()) -> list[Option]:
        """Simulate every option and fill in its ``predicted`` figures (in place).

        Args:
            now: The decision time (minutes).
            history: Actions taken so far and actions approved for later.
            options: The options; an action with ``at=None`` is taken at ``now + delay``.
            delay: Time until the decision would be carried out (recommend mode).
            holds: The supply holds the agents know of, with their belief about the end.

        Returns:
            The same options.
        """
        plans = []
        for option in options:
            actions = [(now + delay if a.at is None else max(a.at, now + delay), a.command)
                       for a in option.actions]
            plans.append(sorted(history + actions, key=lambda a: a[0]))
        branching = self._branching()
        pasts: list[tuple[Scenario, Any, list[int]]] = []  # shared pasts of this decision
        if self.mode == "oracle":
            tasks: list[Task] = [(i, self.scenario, None, {}) for i in range(len(options))]
            outs: list[dict[str, float] | None] = [None] * len(tasks)
            if branching is not Branching.REPLAY:
                outs = self._from_past(now, history, options, delay, tasks, pasts, branching)
            for option, plan, out in zip(options, plans, outs, strict=True):
                option.predicted = self._summary([out if out is not None
                                                  else self.simulate(now, plan)], oracle=True)
            return options
        samples: list[list[dict[str, float]]] = [[] for _ in options]
        alive = list(range(len(options)))
        futures = self.config.futures
        half = (futures + 1) // 2
        rounds = ([range(half), range(half, futures)] if self.config.prune and half < futures
                  else [range(futures)])
        for n, ks in enumerate(rounds):  # racing: after the first half, drop beaten options
            tasks = []
            for k in ks:
                ends = self.belief_ends(now, k, holds)
                scenario = known_scenario(self.scenario, now, {h.disruption: ends[h.material]
                                                               for h in holds})
                held = {h.material: ends[h.material] for h in holds}
                tasks += [(i, scenario, (int(round(now)), k), held) for i in alive]
            outs = [None] * len(tasks)
            branching = self._branching()
            if branching is not Branching.REPLAY:  # branch copies of the past simulated once
                outs = self._from_past(now, history, options, delay, tasks, pasts, branching)
            for (i, scenario, key, held), out in zip(tasks, outs, strict=True):
                samples[i].append(out if out is not None
                                  else self.simulate(now, plans[i], scenario, key, held))
            if n == 0 and len(rounds) > 1:
                alive = beaten_out(samples, alive)
        for option, runs in zip(options, samples, strict=True):
            option.predicted = self._summary(runs)
        return options

    def belief_ends(self, now: float, future: int, holds: tuple[Hold, ...]) -> dict[str, float]:
        """Per held material, the end of the hold in sampled future ``future``.

        Uniform within the belief ``[low, high]``, restricted to after ``now`` (the material
        is not here yet); drawn from a stream of the run's seed, the decision minute and the
        future's index, so every option of the decision sees the same end in that future.
        """
        seq = np.random.SeedSequence(self.seed, spawn_key=(BELIEF, int(round(now)), future))
        rng = np.random.Generator(np.random.PCG64(seq))
        out = {}
        for hold in holds:
            low = max(hold.low, now + 1.0)
            high = max(hold.high, low)
            out[hold.material] = float(low + rng.random() * (high - low))
        return out

    def simulate(self, now: float, actions: list[ActionRecord], scenario: Scenario | None = None,
                 key: tuple[int, ...] | None = None,
                 held: dict[str, float] | None = None) -> dict[str, float]:
        """Run one forward simulation; return the window's figures and score.

        Args:
            now: The decision time.
            actions: Actions to replay (sorted by time).
            scenario: The scenario to build (default: the real run's: the oracle).
            key: Branch the random streams at ``now`` with this key (``None``: no branch).
            held: With ``key``: the believed end of each held route in this future.
        """
        started = time.perf_counter()
        model = LineModel(scenario or self.scenario, seed=self.seed, event_log=False)
        model.control.replay(actions)
        end = min(self.scenario.horizon, now + self.config.look_ahead)
        if now > 0:
            model.run(now)
        if key is not None:
            branch(model, key, held or {})
        before = self._figures(model)
        model.run(end)
        after = self._figures(model)
        out = {k: after[k] - before[k] for k in after}
        out["score"] = score(out, self.config)
        self.runs += 1
        self.seconds += time.perf_counter() - started
        return out

    def _branching(self) -> Branching:
        """The branching of this evaluation (the fork only where it may be used now)."""
        chosen = self.branching
        if chosen is None:
            chosen = (Branching.FORK if os.environ.get("WERKHALLE_FORK") == "1"
                      else BRANCHING)
        if chosen is Branching.FORK and not fork.available():
            return Branching.SNAPSHOT
        return chosen

    def _from_past(self, now: float, history: list[ActionRecord], options: list[Option],
                   delay: float, tasks: list[Task], pasts: list[tuple[Scenario, Any, list[int]]],
                   branching: Branching) -> list[dict[str, float] | None]:
        """:meth:`simulate` of each task ``(option, scenario, key, held)`` from a shared past.

        The past (history plus every option's actions, see :class:`~sim.agents.fork.Only`)
        is simulated once per decision and known scenario (futures that believe in other
        ends of an announced delay differ before the decision) and kept in ``pasts``: frozen
        (:class:`~sim.line.snapshot.Snapshot`, each task continues a restored copy) or, with
        :attr:`Branching.FORK`, as the model itself (each task in a forked child, up to
        :data:`~sim.agents.fork.JOBS` at a time). A task whose child failed gets ``None`` (the
        caller takes the replay path for it).
        """
        started = time.perf_counter()
        end = min(self.scenario.horizon, now + self.config.look_ahead)
        works = []
        for index, scenario, key, held in tasks:
            found = next((past for past in pasts if past[0] == scenario), None)
            if found is None:
                selected = [-1]
                merged = list(history)
                for i, option in enumerate(options):
                    merged += [(now + delay if a.at is None else max(a.at, now + delay),
                                fork.Only(selected, i, a.command)) for a in option.actions]
                merged.sort(key=lambda a: a[0])  # stable: each option's order as in its plan
                model = LineModel(scenario, seed=self.seed, event_log=False)
                model.control.replay(merged)
                if now > 0:
                    model.run(now)
                try:
                    past = model if branching is Branching.FORK else Snapshot((model, selected))
                except SnapshotError as error:  # e.g. a lecturer's own generator process
                    warnings.warn(f"{error}; the look-ahead simulates the past again instead",
                                  RuntimeWarning, stacklevel=2)
                    self.branching = Branching.REPLAY
                    return [None] * len(tasks)
                found = (scenario, past, selected)
                pasts.append(found)
                self.pasts += 1
            if branching is Branching.FORK:
                works.append(partial(window_run, found[1], found[2], index, key, held, end,
                                     self.config, self.extra))
            else:
                works.append(partial(restored_window, found[1], index, key, held, end,
                                     self.config, self.extra))
        outs = (fork.in_children(works) if branching is Branching.FORK
                else [work() for work in works])
        self.runs += sum(out is not None for out in outs)
        self.seconds += time.perf_counter() - started
        return outs

    def _figures(self, model: LineModel) -> dict[str, float]:
        """The window's standard figures of ``model`` plus the :attr:`extra` ones."""
        return with_extra(figures(model), model, self.extra)

    def _summary(self, runs: list[dict[str, float]], oracle: bool = False) -> dict[str, float]:
        """Mean, p10, p90 of each figure over the futures; adverse shares; the ranked score."""
        out: dict[str, float] = {}
        for name in [k for k in runs[0] if k != "score"] + ["score"]:
            values = np.array([r[name] for r in runs])
            out[name] = float(values.mean())
            out[f"{name}_p10"] = float(np.quantile(values, 0.1))
            out[f"{name}_p90"] = float(np.quantile(values, 0.9))
        for name, (figure, limit) in ADVERSE.items():
            out[name] = float(np.mean([r[figure] > limit for r in runs]))
        out["score_mean"] = out["score"]
        if self.config.decision == "quantile" and not oracle:
            out["score"] = float(np.quantile([r["score"] for r in runs], self.config.quantile))
        out["futures"] = float(len(runs))
        return out

    # -- forecast vs what happened ---------------------------------------------------------
    def watch(self, line: LineModel, decision: Any, start: float) -> None:
        """Record what really happens in ``line`` over the decision's forecast window.

        Sets ``decision.realised`` (the window's figures in the real run) when the window
        ends; a window cut off by the horizon ends there.
        """
        end = min(self.scenario.horizon, start + self.config.look_ahead)
        line.flush()
        before = figures(line)
        line.env.process(self._capture(line, decision, end, before))

    def _capture(self, line: LineModel, decision: Any, end: float,  # noqa: ANN202
                 before: dict[str, float]):
        if end > line.env.now:
            yield line.env.timeout(end - line.env.now)
        line.flush()
        after = figures(line)
        decision.realised = {k: after[k] - before[k] for k in after}
        decision.realised["score"] = score(decision.realised, self.config)
        decision.realised["window_end_h"] = end / 60.0


def beaten_out(samples: list[list[dict[str, float]]], alive: list[int]) -> list[int]:
    """The options still worth simulating after the first half of the futures.

    An option is dropped when, paired over the same futures, its score is worse than the best
    option's by more than three standard errors of the difference *and* by more than 1 % of
    the best score: clearly beaten whatever the remaining futures bring (racing; the journal
    shows how many futures each option got).
    """
    means = {i: float(np.mean([r["score"] for r in samples[i]])) for i in alive}
    best = min(alive, key=means.__getitem__)
    keep = []
    for i in alive:
        diff = np.array([a["score"] - b["score"] for a, b in zip(samples[i], samples[best],
                                                                  strict=True)])
        error = float(diff.std(ddof=1) / np.sqrt(len(diff))) if len(diff) > 1 else np.inf
        if i == best or diff.mean() <= max(3 * error, 0.01 * abs(means[best])):
            keep.append(i)
    return keep
