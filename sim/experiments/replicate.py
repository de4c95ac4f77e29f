"""``sim.replicate``: n seeded replications of one scenario, with confidence intervals."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Unpack

import pandas as pd

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
from sim.experiments.stats import summarise
from sim.experiments.tasks import Task, check_agents, simulate_run
from sim.scenario import Scenario


class Replications(ExperimentResult):
    """n replications of one scenario.

    :attr:`runs` has one row per replication (``replication``, ``seed``, then the KPIs);
    :attr:`summary` one row per KPI with mean, std and the confidence interval.
    """


def replicate(
    scenario: Scenario | str | Path | Mapping[str, Any],
    n: int = 10,
    *,
    seed: int = 0,
    warmup: str | None = None,
    agents: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    confidence: float = 0.95,
    **options: Unpack[ExecutionOptions],
) -> Replications:
    """Run ``n`` independent replications and summarise every KPI with a confidence interval.

    Replication ``i`` uses the ``i``-th seed spawned from ``SeedSequence(seed)``
    (:func:`~sim.experiments.seeds.replication_seeds`), so results do not depend on ``n``'s
    other replications, on the backend or on the number of workers.

    Args:
        scenario: Scenario, path, shipped name or scenario data.
        n: Number of replications.
        seed: Base seed of the experiment.
        warmup: Warm-up to delete from the KPIs (``"8 h"``; default: the scenario's).
        agents: Agents mode (``None``: as the scenario says, ``"off"``, ``"recommend"``,
            ``"autonomous"``).
        overrides: Dotted-field changes of the scenario (``{"stations.cnc.machines": 3}``).
        confidence: Confidence level of the intervals.
        **options: How and where to run (:class:`~sim.experiments.plan.ExecutionOptions`:
            ``backend``, ``jobs``, ``client``, ``out``, ``resume``, ``progress``,
            ``allow_large``).

    Returns:
        The :class:`Replications`.

    Raises:
        ScenarioError: For an invalid scenario, override, ``n`` or run directory.
    """
    check_agents(agents)
    scn, data = prepare(scenario, n, warmup, overrides,
                        allow_large=options.get("allow_large", False))
    seeds = replication_seeds(seed, n)
    tasks = [Task(i, data, s, agents=agents) for i, s in enumerate(seeds)]
    meta = metadata("replicate", scn, seed, n, confidence, agents=agents)
    rows, store = execute_plan(simulate_run, tasks, meta, execution(options))
    runs = pd.DataFrame(rows)
    kpis = list(runs.columns)
    runs.insert(0, "replication", range(n))
    runs.insert(1, "seed", seeds)
    summary = summarise(runs, kpis, confidence=confidence)
    return finish(Replications(runs, summary, meta, kpis), store)
