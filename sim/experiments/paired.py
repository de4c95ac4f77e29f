"""Paired comparisons on common random numbers: agents vs baseline, or any two configurations.

Both configurations run replication ``i`` with the same seed, so every random stream of the
line (processing times, failures, lead times ...) draws the same numbers in both; the paired
difference ``d_i = alternative_i - baseline_i`` then contains the effect of the change and
much less luck than the difference of two independent means. The confidence interval of the
mean difference is the Student-t interval of the ``d_i``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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
from sim.experiments.seeds import replication_seeds
from sim.experiments.stats import mean_ci, summarise
from sim.experiments.tasks import Task, check_agents, simulate_run
from sim.scenario import Scenario, with_overrides
from sim.scenario.budget import check_budget


@dataclass(frozen=True)
class Config:
    """One configuration of a comparison: a name, scenario overrides and an agents mode.

    Attributes:
        name: Label in tables and plots.
        overrides: Dotted-field changes (``{"stations.cnc.machines": 3}``).
        agents: Agents mode (``None``: as the scenario says; ``"off"``: the baseline).
    """

    name: str
    overrides: Mapping[str, Any] = field(default_factory=dict)
    agents: str | None = None


BASELINE = Config("baseline", agents="off")
"""The line without agents (it simply waits)."""
AGENTS = Config("agents")
"""The line with the agents as the scenario configures them."""


def as_config(value: Config | Mapping[str, Any], default_name: str) -> Config:
    """Accept a :class:`Config` or a mapping with ``name``, ``overrides`` and ``agents``."""
    if isinstance(value, Config):
        config = value
    else:
        unknown = set(value) - {"name", "overrides", "agents"}
        if unknown:
            raise ScenarioError(None, "config", "keys name, overrides, agents "
                                f"(got {', '.join(sorted(unknown))})")
        config = Config(value.get("name", default_name), dict(value.get("overrides", {})),
                        value.get("agents"))
    check_agents(config.agents)
    return config


class PairedComparison(ExperimentResult):
    """Two configurations on common random numbers.

    Attributes beyond :class:`ExperimentResult`: :attr:`differences` (per replication, the
    KPI differences alternative - baseline) and :attr:`table` (per KPI: both means, the mean
    difference with its confidence interval, and whether the interval excludes zero).
    """

    def __init__(self, runs: pd.DataFrame, summary: pd.DataFrame, metadata: dict[str, Any],
                 kpis: list[str], differences: pd.DataFrame, table: pd.DataFrame) -> None:
        self.differences = differences
        """Per replication: ``replication``, ``seed`` and one difference column per KPI."""
        self.table = table
        """Per KPI: means, mean difference, its CI, relative difference and significance."""
        super().__init__(runs, summary, metadata, kpis)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables to save, by file stem."""
        return {"runs": self.runs, "summary": self.summary, "differences": self.differences,
                "paired": self.table}


def compare_paired(
    scenario: Scenario | str | Path | Mapping[str, Any],
    n: int = 10,
    *,
    baseline: Config | Mapping[str, Any] = BASELINE,
    alternative: Config | Mapping[str, Any] = AGENTS,
    seed: int = 0,
    warmup: str | None = None,
    confidence: float = 0.95,
    **options: Unpack[ExecutionOptions],
) -> PairedComparison:
    """Compare two configurations over ``n`` replications on common random numbers.

    Args:
        scenario: Scenario, path, shipped name or scenario data.
        n: Number of replications (pairs).
        baseline: The reference configuration (default: agents off).
        alternative: The configuration compared with it (default: agents as configured).
        seed: Base seed; replication ``i`` of both configurations uses the same seed.
        warmup: Warm-up to delete from the KPIs (default: the scenario's).
        confidence: Confidence level.
        **options: How and where to run (:class:`~sim.experiments.plan.ExecutionOptions`:
            ``backend``, ``jobs``, ``client``, ``out``, ``resume``, ``progress``,
            ``allow_large``).

    Returns:
        The :class:`PairedComparison`; differences are ``alternative - baseline``.
    """
    configs = [as_config(baseline, "baseline"), as_config(alternative, "alternative")]
    if configs[0].name == configs[1].name:
        raise ScenarioError(None, "alternative.name", "a name different from the baseline's")
    scn, data = prepare(scenario, n, warmup, allow_large=options.get("allow_large", False))
    for config in configs:  # bad overrides are reported before anything runs
        if config.overrides:
            check_budget(with_overrides(scn, config.overrides), runs=n,
                         allow_large=options.get("allow_large", False))
    seeds = replication_seeds(seed, n)
    tasks = [Task(2 * i + c, data, s, dict(cfg.overrides), cfg.agents)
             for i, s in enumerate(seeds) for c, cfg in enumerate(configs)]
    meta = metadata("paired", scn, seed, n, confidence,
                    configs=[{"name": c.name, "overrides": dict(c.overrides), "agents": c.agents}
                             for c in configs])
    rows, store = execute_plan(simulate_run, tasks, meta,
                               execution(options))
    return finish(paired_result(rows, seeds, configs, meta, confidence), store)


def paired_result(rows: list[dict[str, Any]], seeds: list[int], configs: list[Config],
                  meta: dict[str, Any], confidence: float) -> PairedComparison:
    """Build the comparison's tables from task rows ordered (replication, configuration)."""
    runs = pd.DataFrame(rows)
    kpis = list(runs.columns)
    k = len(configs)
    runs.insert(0, "replication", np.repeat(np.arange(len(seeds)), k))
    runs.insert(1, "seed", np.repeat(seeds, k))
    runs.insert(2, "config", [c.name for c in configs] * len(seeds))
    base = runs[runs["config"] == configs[0].name].reset_index(drop=True)
    alt = runs[runs["config"] == configs[1].name].reset_index(drop=True)
    differences = alt[kpis] - base[kpis]
    differences.insert(0, "replication", base["replication"])
    differences.insert(1, "seed", base["seed"])
    table_rows = []
    for kpi in kpis:
        diff = mean_ci(differences[kpi], confidence)
        b_mean, a_mean = float(base[kpi].mean()), float(alt[kpi].mean())
        table_rows.append({
            "kpi": kpi, configs[0].name: b_mean, configs[1].name: a_mean,
            "difference": diff["mean"], "ci_low": diff["ci_low"], "ci_high": diff["ci_high"],
            "half_width": diff["half_width"], "n": diff["n"],
            "difference_pct": 100 * diff["mean"] / b_mean if b_mean else float("nan"),
            "significant": bool(diff["ci_low"] > 0 or diff["ci_high"] < 0),
        })
    table = pd.DataFrame(table_rows)
    summary = summarise(runs, kpis, by=["config"], confidence=confidence)
    return PairedComparison(runs, summary, meta, kpis, differences, table)
