"""Tasks: what a worker receives (scenario *data*, overrides, seed, agents mode) and runs.

Workers never receive model objects: a :class:`Task` holds plain, picklable data, and
:func:`simulate_run` (or another experiment's worker) rebuilds and validates the scenario in
the worker, runs it and returns a flat
row of plain Python numbers (and a few strings). Any backend or worker count therefore
computes exactly the same rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sim.errors import ScenarioError
from sim.results.result import Result
from sim.runner import run, run_kpis
from sim.scenario import Scenario, load_scenario, with_overrides
from sim.scenario.agents_schema import AUTONOMY_LEVELS

AGENT_MODES = AUTONOMY_LEVELS
"""Values of ``agents`` besides ``None`` (= as the scenario's ``[agents]`` section says)."""


@dataclass(frozen=True)
class Task:
    """One unit of work: run one (modified) scenario with one seed.

    Attributes:
        index: Position in the experiment's task list (results are ordered by it).
        scenario: Scenario data as :func:`sim.scenario.to_data` returns it.
        seed: The run's seed.
        overrides: Dotted-field overrides applied in the worker (values as in TOML).
        agents: Agents mode (``None``: as the scenario says; see :data:`AGENT_MODES`).
        job: What the worker computes, as a label that is part of :meth:`key` (``"run"``,
            ``"stress"``, ``"resilience"``); the experiment passes the worker function itself.
        options: Job options (plain data).
    """

    index: int
    scenario: Mapping[str, Any]
    seed: int
    overrides: Mapping[str, Any] = field(default_factory=dict)
    agents: str | None = None
    job: str = "run"
    options: Mapping[str, Any] = field(default_factory=dict)

    def key(self) -> str:
        """A fingerprint of everything that determines the task's result (not its index)."""
        payload = {"scenario": self.scenario, "seed": self.seed, "overrides": self.overrides,
                   "agents": self.agents, "job": self.job, "options": self.options}
        text = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def task_scenario(task: Task) -> Scenario:
    """The task's scenario, rebuilt and validated in the worker (overrides applied)."""
    scn = load_scenario(dict(task.scenario))
    return with_overrides(scn, task.overrides) if task.overrides else scn


def simulate_run(task: Task) -> dict[str, Any]:
    """Worker of replications, paired comparisons and sweeps: one run's KPIs.

    Each experiment hands its own module-level worker to
    :func:`~sim.experiments.plan.execute_plan` (this one; :func:`sim.experiments.stress.
    simulate_bad_day_task`; :func:`sim.experiments.resilience.simulate_shock_task`).

    Args:
        task: The task (plain data only).

    Returns:
        A flat dict of plain Python values (KPI name -> value).
    """
    scn = task_scenario(task)
    return {str(name): float(value)
            for name, value in run_kpis(scn, task.seed, agents=task.agents).items()}


def run_with(scenario: Scenario, seed: int, agents: str | None, *,
             event_log: bool | None = None) -> Result:
    """Run ``scenario`` with ``seed`` in the given agents mode (see :func:`sim.run`).

    Args:
        scenario: The scenario.
        seed: The seed.
        agents: ``None`` (as the scenario says), ``"off"``, ``"recommend"`` or ``"autonomous"``.
        event_log: Keep the event log.
    """
    return run(scenario, seed, agents=agents, event_log=event_log,
               allow_large=True)  # the experiment's entry checked the budget


def kpi_row(result: Result) -> dict[str, Any]:
    """The result's KPIs as a dict of plain floats."""
    return {str(name): float(value) for name, value in result.kpis.items()}


def check_agents(agents: str | None) -> None:
    """Raise a :class:`ScenarioError` unless ``agents`` is ``None`` or in :data:`AGENT_MODES`."""
    if agents is not None and agents not in AGENT_MODES:
        raise ScenarioError(None, "agents", f"None or one of {', '.join(AGENT_MODES)} "
                            f"(got {agents!r})")
