"""Shared plumbing of the experiment functions: scenario, metadata, execution, run directory."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from sim._version import __version__
from sim.errors import ScenarioError
from sim.experiments.execute import TaskFunction, resolve_backend, run_tasks
from sim.experiments.results import ExperimentResult
from sim.experiments.seeds import replication_seeds
from sim.experiments.store import RunStore
from sim.experiments.tasks import Task
from sim.labels import SYNTHETIC_LABEL
from sim.scenario import Scenario, load_scenario, scenario_hash, to_data, with_overrides
from sim.scenario.budget import MAX_REPLICATIONS, check_budget


@dataclass(frozen=True)
class Execution:
    """How and where to run an experiment's tasks.

    Attributes:
        backend: ``"serial"``, ``"joblib"``, ``"dask"`` or ``None`` (dask when a client is
            given, else joblib unless ``jobs == 1``).
        jobs: Local worker processes (``-1``: all cores).
        client: A ``distributed.Client`` or a scheduler address, for Dask.
        out: Run directory to stream results to (``None``: keep them in memory only).
        resume: Continue an interrupted run in ``out`` without recomputing finished tasks.
        progress: Show a progress bar.
    """

    backend: str | None = None
    jobs: int = -1
    client: Any = None
    out: str | Path | None = None
    resume: bool = False
    progress: bool = True


class ExecutionOptions(TypedDict, total=False):
    """How and where an experiment runs: the keyword arguments every experiment takes.

    ``replicate(scn, 20, jobs=2)``, ``sweep(..., out="runs/sweep", resume=True)``: each
    experiment function accepts these as ``**options`` and documents them here, once.
    """

    backend: str | None
    """``"serial"``, ``"joblib"`` or ``"dask"`` (default: dask when ``client`` is given, else
    joblib unless ``jobs == 1``)."""
    jobs: int
    """Local worker processes (``-1``, the default: all cores)."""
    client: Any
    """A ``distributed.Client`` or a scheduler address, for Dask."""
    out: str | Path | None
    """Run directory: results are streamed there as they finish (default: in memory only)."""
    resume: bool
    """Continue an interrupted run in ``out`` without recomputing finished tasks."""
    progress: bool
    """Show a progress bar (default: yes)."""
    allow_large: bool
    """Run even if the estimated work is above the budget (:mod:`sim.scenario.budget`)."""


def execution(options: Mapping[str, Any]) -> Execution:
    """The :class:`Execution` for an experiment's ``**options`` (:class:`ExecutionOptions`).

    Raises:
        TypeError: For a keyword that is not an execution option (as Python would).
    """
    unknown = sorted(set(options) - set(ExecutionOptions.__annotations__))
    if unknown:
        raise TypeError(f"unexpected keyword argument(s) {', '.join(unknown)}; the execution "
                        f"options are {', '.join(ExecutionOptions.__annotations__)}")
    return Execution(**{k: v for k, v in options.items() if k != "allow_large"})


def prepare(scenario: Scenario | str | Path | Mapping[str, Any], n: int,
            warmup: str | None = None,
            overrides: Mapping[str, Any] | None = None, *,
            allow_large: bool = False) -> tuple[Scenario, dict[str, Any]]:
    """Load the scenario, apply warm-up and overrides, and check ``n`` and the work budget.

    The budget (:func:`sim.scenario.budget.check_budget`) is checked here, once, for one run
    and for ``n`` of them; the workers then run without checking again.

    Returns:
        The validated scenario and its data (what workers receive).

    Raises:
        ScenarioError: For an invalid scenario or ``n``, or work above the budget (unless
            ``allow_large``).
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_REPLICATIONS:
        raise ScenarioError(None, "n", f"a whole number of replications from 1 to "
                            f"{MAX_REPLICATIONS:,} (got {n!r})")
    scn = load_scenario(scenario)
    changes = dict(overrides or {})
    if warmup is not None:
        changes["warmup"] = warmup
    if changes:
        scn = with_overrides(scn, changes)
    check_budget(scn, runs=n, allow_large=allow_large)
    return scn, to_data(scn)


def metadata(kind: str, scn: Scenario, seed: int, n: int, confidence: float,
             **extra: Any) -> dict[str, Any]:
    """Experiment metadata: the label, scenario fingerprint, seeds and parameters."""
    return {
        "synthetic": True, "label": SYNTHETIC_LABEL, "kind": kind, "scenario": scn.name,
        "scenario_hash": scenario_hash(scn), "seed": int(seed), "n": n,
        "seeds": replication_seeds(seed, n), "confidence": confidence,
        "horizon_h": scn.horizon / 60.0, "warmup_h": scn.warmup / 60.0, "version": __version__,
        **extra,
    }


def execute_plan(fn: TaskFunction, tasks: Sequence[Task], meta: Mapping[str, Any],
                 execution: Execution) -> tuple[list[Any], RunStore | None]:
    """Run the tasks as ``execution`` says; return results in task order and the store."""
    resolve_backend(execution.backend, execution.jobs, execution.client)
    store = (RunStore(execution.out, tasks, meta, resume=execution.resume)
             if execution.out is not None else None)
    results = run_tasks(fn, tasks, store=store, backend=execution.backend, jobs=execution.jobs,
                        client=execution.client, progress=execution.progress,
                        desc=str(meta.get("kind", "runs")))
    return results, store


def finish(result: ExperimentResult, store: RunStore | None) -> ExperimentResult:
    """Write the result's tables into the run directory (if any) and return it."""
    if store is not None:
        store.write_tables(result.tables(), result.fingerprint)
    return result
