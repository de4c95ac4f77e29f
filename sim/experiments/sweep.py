"""``sim.sweep``: a full-factorial grid or a Latin hypercube over scenario fields.

Parameters are dotted scenario fields (``"stations.cnc.machines"``) with a list of levels
(values as written in TOML, durations with units) or, for a Latin hypercube, a
:class:`Range`. Every design point runs the same ``n`` replication seeds (common random
numbers), so neighbouring points differ by the parameter, not by luck.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Unpack

import numpy as np
import pandas as pd

from sim.errors import ScenarioError
from sim.experiments.plan import (
    ExecutionOptions,
    execute_plan,
    execution,
    finish,
    metadata,
    prepare,
)
from sim.experiments.results import ExperimentResult
from sim.experiments.seeds import replication_seeds, side_generator
from sim.experiments.shards import encode_params, parse_shard, select
from sim.experiments.stats import summarise
from sim.experiments.store import plan_fingerprint
from sim.experiments.tasks import Task, check_agents, simulate_run
from sim.scenario import Scenario, load_scenario, to_data, with_overrides
from sim.scenario.budget import check_budget


@dataclass(frozen=True)
class Range:
    """A continuous (or whole-number) range for a Latin-hypercube sweep.

    Attributes:
        low: Lowest value.
        high: Highest value.
        unit: Unit appended to the value (``"min"`` gives ``"3.7 min"``); empty: a number.
        integer: Whole numbers ``low..high`` (both included), each equally likely.
    """

    low: float
    high: float
    unit: str = ""
    integer: bool = False

    def value(self, u: float) -> Any:
        """The value at position ``u`` in [0, 1) of the range."""
        if self.integer:
            count = int(self.high) - int(self.low) + 1
            v: Any = int(self.low) + min(int(math.floor(u * count)), count - 1)
        else:
            v = float(self.low + u * (self.high - self.low))
        return f"{v} {self.unit}" if self.unit else v


Levels = Sequence[Any] | Range
"""A parameter's levels (a list) or a :class:`Range` (Latin hypercube only)."""


class SweepResult(ExperimentResult):
    """A sweep: :attr:`runs` has one row per (design point, replication).

    Attributes beyond :class:`ExperimentResult`: :attr:`design` (one row per point: ``point``,
    the parameter values and, for a Latin hypercube, the unit-cube coordinates ``u:<field>``)
    and :attr:`params` (the parameter names).
    """

    def __init__(self, runs: pd.DataFrame, summary: pd.DataFrame, metadata: dict[str, Any],
                 kpis: list[str], design: pd.DataFrame, params: list[str]) -> None:
        self.design = design
        """The design points."""
        self.params = params
        """The swept fields."""
        super().__init__(runs, summary, metadata, kpis)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables to save, by file stem."""
        return {"runs": self.runs, "summary": self.summary, "design": self.design,
                "tidy": self.tidy()}


def grid_design(params: Mapping[str, Levels]) -> pd.DataFrame:
    """The full-factorial design: every combination of levels, the last field varying fastest."""
    for name, levels in params.items():
        if isinstance(levels, Range) or isinstance(levels, str) or not len(levels):
            raise ScenarioError(None, name, "a non-empty list of levels for a grid sweep")
    combos = list(itertools.product(*params.values()))
    design = pd.DataFrame(combos, columns=list(params))
    design.insert(0, "point", range(len(design)))
    return design


def lhs_design(params: Mapping[str, Levels], samples: int, seed: int) -> pd.DataFrame:
    """A Latin-hypercube design of ``samples`` points (``scipy.stats.qmc.LatinHypercube``).

    Each field's [0, 1) is cut into ``samples`` equal strata and every stratum is used exactly
    once, at a random position within it. The points are then spread out by scipy's
    ``optimization="random-cd"`` (coordinates swapped within columns while the centred
    discrepancy falls; the Latin property stays), which matters most for the few points of a
    teaching sweep. A list of levels maps ``u`` to level ``floor(u * len(levels))``; a
    :class:`Range` maps it onto the range. The draws come from a generator seeded by the
    experiment's seed, so the same seed gives the same design.
    """
    from scipy.stats import qmc  # scipy costs ~0.3 s to import; only LHS sweeps need it

    if not isinstance(samples, int) or samples < 1:
        raise ScenarioError(None, "samples", "a whole number of design points >= 1")
    for name, levels in params.items():
        if not isinstance(levels, Range) and (isinstance(levels, str) or not len(levels)):
            raise ScenarioError(None, name, "a non-empty list of levels or a Range")
    rng = side_generator(seed, "sweep:lhs")
    cube = qmc.LatinHypercube(d=len(params), optimization="random-cd", seed=rng)
    sample = cube.random(samples) if params else np.empty((samples, 0))
    rows: dict[str, list[Any]] = {}
    units: dict[str, np.ndarray] = {}
    for column, (name, levels) in enumerate(params.items()):
        u = sample[:, column]
        units[f"u:{name}"] = u
        if isinstance(levels, Range):
            rows[name] = [levels.value(x) for x in u]
        else:
            rows[name] = [levels[min(int(x * len(levels)), len(levels) - 1)] for x in u]
    design = pd.DataFrame({"point": range(samples), **rows, **units})
    return design


def sweep(
    scenario: Scenario | str | Path | Mapping[str, Any],
    params: Mapping[str, Levels],
    n: int = 5,
    *,
    design: str = "grid",
    samples: int | None = None,
    seed: int = 0,
    warmup: str | None = None,
    agents: str | None = None,
    confidence: float = 0.95,
    shard: str | tuple[int, int] | None = None,
    **options: Unpack[ExecutionOptions],
) -> SweepResult:
    """Run ``n`` replications at every point of a grid or Latin-hypercube design.

    Args:
        scenario: Scenario, path, shipped name or scenario data.
        params: ``{"stations.cnc.machines": [1, 2, 3], "stations.cut.buffer": [5, 20]}``.
        n: Replications per design point (the same seeds at every point).
        design: ``"grid"`` (full factorial) or ``"lhs"`` (Latin hypercube).
        samples: Number of design points of a Latin hypercube.
        seed: Base seed (replication seeds and the hypercube's draws).
        warmup: Warm-up to delete (default: the scenario's).
        agents: Agents mode for every run.
        confidence: Confidence level.
        **options: How and where to run (:class:`~sim.experiments.plan.ExecutionOptions`:
            ``backend``, ``jobs``, ``client``, ``out``, ``resume``, ``progress``,
            ``allow_large``).
        shard: ``(i, k)`` or ``"i/k"``: run only shard ``i`` of ``k`` (the tasks with
            ``index % k == i - 1``); the result then holds only those rows, and
            :func:`sim.experiments.merge.merge_shards` joins the shards' run directories.

    Returns:
        The :class:`SweepResult`; ``runs`` has ``points x n`` rows (a shard's share of them).
    """
    check_agents(agents)
    part = parse_shard(shard)
    if not params:
        raise ScenarioError(None, "params", "at least one field to sweep")
    if design == "grid":
        table = grid_design(params)
    elif design == "lhs":
        table = lhs_design(params, samples if samples is not None else 0, seed)
    else:
        raise ScenarioError(None, "design", f"'grid' or 'lhs' (got {design!r})")
    scn, data = prepare(scenario, n, warmup, allow_large=options.get("allow_large", False))
    names = list(params)
    points = [{name: _plain(row[name]) for name in names} for row in table.to_dict("records")]
    for overrides in points:  # every point is validated (and its work bounded) before any run
        check_budget(with_overrides(scn, overrides), runs=n * len(points),
                     allow_large=options.get("allow_large", False))
    seeds = replication_seeds(seed, n)
    tasks = [Task(p * n + r, data, s, overrides, agents)
             for p, overrides in enumerate(points) for r, s in enumerate(seeds)]
    meta = metadata("sweep", scn, seed, n, confidence, agents=agents, design=design,
                    points=len(points),
                    params={k: (vars(v) if isinstance(v, Range) else list(v))
                            for k, v in params.items()})
    if part is not None:  # what werkhalle merge needs to rebuild the whole sweep
        meta["shard"] = {"index": part[0], "of": part[1], "plan": plan_fingerprint(tasks),
                         "tasks": len(tasks)}
        meta["recipe"] = {"scenario": to_data(load_scenario(scenario)),
                          "params": encode_params(params), "n": n, "design": design,
                          "samples": samples, "seed": seed, "warmup": warmup, "agents": agents,
                          "confidence": confidence}
    chosen = select(tasks, part)
    rows, store = execute_plan(simulate_run, chosen, meta,
                               execution(options))
    runs = pd.DataFrame(rows)
    kpis = list(runs.columns)
    ids = pd.DataFrame([{"point": p, **overrides, "replication": r, "seed": s}
                        for p, overrides in enumerate(points) for r, s in enumerate(seeds)])
    ids = ids.iloc[[task.index for task in chosen]].reset_index(drop=True)
    runs = pd.concat([ids, runs], axis=1)
    summary = summarise(runs, kpis, by=["point", *names], confidence=confidence)
    return finish(SweepResult(runs, summary, meta, kpis, table, names), store)


def _plain(value: Any) -> Any:
    """Turn numpy scalars into plain Python values (for overrides, keys and JSON)."""
    return value.item() if isinstance(value, np.generic) else value
