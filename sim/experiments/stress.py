"""``sim.stress_test``: Monte-Carlo bad days, and the share of them that were compensated.

A **bad day** is one run of the scenario (whatever its horizon) to which randomly drawn
scripted disruptions are added, as the scenario's ``[stress]`` section describes (see
:mod:`sim.scenario.stress_schema`): extra breakdowns, staff absences, order cancellations,
delivery delays, each at a time drawn uniformly from the stress window. The draws come from
streams seeded by the replication's seed but separate from every stream of the line, so:

* every configuration (baseline, agents ...) faces exactly the same bad day in replication i
  (common random numbers), and the line's own randomness is the same as well;
* bad day i does not change when the number of days n changes.

A bad day counts as **compensated** (``[stress.compensated]``, see
:class:`~sim.scenario.stress_schema.Compensated`) by default when its *excess* over the same
seed's undisturbed week (the scenario without the drawn trouble, nobody reacting, same random
numbers) stays within the tolerances: extra first-station shortage <= ``max_excess_shortage``
(2 h), extra late units <= ``max_excess_late`` (5), extra undelivered units at the end <=
``max_excess_backlog`` (5). An undisturbed week therefore always counts as compensated; with
``calibrate=True`` each configuration also runs the undisturbed weeks, and its share there
is reported (agents that make an untroubled week worse show it). ``relative_to = "none"``
keeps the absolute thresholds (on-time >= ``on_time_min``, shortage <= ``max_shortage``,
backlog <= ``max_backlog``).

The share of compensated days gets a Wilson score confidence interval; the difference of the
shares between two configurations (paired per day) a Student-t interval of the per-day
differences in {-1, 0, 1}.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Unpack

import numpy as np
import pandas as pd
from pydantic import ValidationError

from sim.errors import ScenarioError
from sim.experiments.bad_days import bad_day, describe
from sim.experiments.paired import AGENTS, BASELINE, Config, as_config
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
from sim.experiments.stats import mean_ci, summarise, wilson
from sim.experiments.tasks import Task, kpi_row, run_with, simulate_run, task_scenario
from sim.scenario import Scenario, with_overrides
from sim.scenario.budget import check_budget
from sim.scenario.stress_schema import Compensated

INFO_COLUMNS = ["bad_day_breakdowns", "bad_day_absences", "bad_day_cancellations",
                "bad_day_delays", "bad_day", "decisions"]
"""Columns describing each drawn bad day."""


def simulate_bad_day_task(task: Task) -> dict[str, Any]:
    """The stress test's worker (handed to ``execute_plan``).

    A ``"stress"`` task is one drawn bad day; the stress test's other tasks (the same seeds'
    undisturbed weeks, as reference and for calibration) are plain runs.
    """
    if task.job != "stress":
        return simulate_run(task)
    return simulate_bad_day(task_scenario(task), task.seed, task.agents)


def simulate_bad_day(scenario: Scenario, seed: int, agents: str | None) -> dict[str, Any]:
    """Worker job: draw bad day ``seed``, run it, return its description and KPIs."""
    day = bad_day(scenario, seed)
    kinds = [d.kind for n, d in day.disruptions.items() if n.startswith("bad-day-")]
    row: dict[str, Any] = {
        "bad_day_breakdowns": kinds.count("breakdown"),
        "bad_day_absences": kinds.count("staff_absence"),
        "bad_day_cancellations": kinds.count("order_cancel"),
        "bad_day_delays": kinds.count("delivery_delay"),
        "bad_day": describe(day),
    }
    result = run_with(day, seed, agents, event_log=False)
    row["decisions"] = acting_decisions(result.decisions)
    row.update(kpi_row(result))
    return row


def acting_decisions(decisions: pd.DataFrame) -> str:
    """The decisions that changed something, as ``when agent choice`` joined by ``; ``."""
    if decisions.empty:
        return ""
    acted = decisions[decisions["status"].isin(["executed", "scheduled"])]
    return "; ".join(f"{w} {a} {c}" for w, a, c in zip(acted["when"], acted["agent"],
                                                       acted["choice"], strict=True))


def excess(kpis: Mapping[str, Any], reference: Mapping[str, Any]) -> dict[str, float]:
    """A day's excess over its undisturbed reference: shortage [h], late units, backlog."""
    short = "material shortage at first station [h]"
    return {"excess_shortage_h": float(kpis[short]) - float(reference[short]),
            "excess_late_units": float(kpis["late units [units]"])
            - float(reference["late units [units]"]),
            "excess_backlog": float(kpis["backlog [units]"]) - float(reference["backlog [units]"])}


def is_compensated(kpis: Mapping[str, Any], criteria: Compensated,
                   reference: Mapping[str, Any] | None = None) -> bool:
    """Whether one bad day's KPIs meet the ``criteria`` (see the module docstring).

    Args:
        kpis: The bad day's KPIs.
        criteria: The definition.
        reference: The same seed's undisturbed KPIs (needed for ``relative_to =
            "undisturbed"``; without it the absolute thresholds are applied).
    """
    if criteria.relative_to == "undisturbed" and reference is not None:
        e = excess(kpis, reference)
        return bool(e["excess_shortage_h"] <= criteria.max_excess_shortage / 60.0 + 1e-9
                    and e["excess_late_units"] <= criteria.max_excess_late + 1e-9
                    and e["excess_backlog"] <= criteria.max_excess_backlog + 1e-9)
    on_time = float(kpis["on-time delivery [%]"])
    shortage_h = float(kpis["material shortage at first station [h]"])
    ok = (np.isnan(on_time) or on_time >= criteria.on_time_min - 1e-9) and \
        shortage_h <= criteria.max_shortage / 60.0 + 1e-9
    if criteria.max_backlog is not None:
        ok = ok and float(kpis["backlog [units]"]) <= criteria.max_backlog
    return bool(ok)


class StressResult(ExperimentResult):
    """A stress test.

    Attributes beyond :class:`ExperimentResult`: :attr:`outcomes` (per configuration: days,
    compensated days, share and its Wilson interval, and the claim checked against it) and
    :attr:`difference` (share difference of the second configuration minus the first, paired
    per day).
    """

    def __init__(self, runs: pd.DataFrame, summary: pd.DataFrame, metadata: dict[str, Any],
                 kpis: list[str], outcomes: pd.DataFrame, difference: pd.DataFrame) -> None:
        self.outcomes = outcomes
        """Per configuration: n, compensated, share, ci_low, ci_high, claim, verdict."""
        self.difference = difference
        """Paired difference of the compensated share (empty for one configuration)."""
        super().__init__(runs, summary, metadata, kpis)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables to save, by file stem."""
        return {"runs": self.runs, "summary": self.summary, "outcomes": self.outcomes,
                "difference": self.difference}


def stress_test(
    scenario: Scenario | str | Path | Mapping[str, Any],
    n: int = 100,
    *,
    configs: Sequence[Config | Mapping[str, Any]] = (BASELINE, AGENTS),
    on_time_min: float | None = None,
    max_shortage: str | None = None,
    max_backlog: int | None = None,
    claim: float | None = 0.92,
    seed: int = 0,
    confidence: float = 0.95,
    calibrate: bool = False,
    **options: Unpack[ExecutionOptions],
) -> StressResult:
    """Run ``n`` bad days per configuration and report the share that was compensated.

    Args:
        scenario: A scenario with a ``[stress]`` section.
        n: Number of bad days.
        configs: Configurations facing the same bad days (default: baseline = agents off,
            and agents as configured).
        on_time_min: Override ``[stress.compensated].on_time_min`` (percent). Any of the
            three threshold overrides switches to absolute thresholds (``relative_to =
            "none"``).
        max_shortage: Override ``[stress.compensated].max_shortage`` (``"2 h"``).
        max_backlog: Override ``[stress.compensated].max_backlog`` (units).
        claim: A claimed compensated share to check against the intervals (the stories say
            "over 92 %"); ``None``: no check.
        seed: Base seed.
        confidence: Confidence level.
        **options: How and where to run (:class:`~sim.experiments.plan.ExecutionOptions`:
            ``backend``, ``jobs``, ``client``, ``out``, ``resume``, ``progress``,
            ``allow_large``).
        calibrate: Also run every configuration on the undisturbed weeks and report its
            compensated share there (``config`` ``<name> (undisturbed)`` in ``outcomes``).

    Returns:
        The :class:`StressResult`.
    """
    chosen = [as_config(c, f"config{i}") for i, c in enumerate(configs)]
    if not chosen or len({c.name for c in chosen}) != len(chosen):
        raise ScenarioError(None, "configs", "one or more configurations with distinct names")
    if claim is not None and not 0 <= claim <= 1:  # (also refuses NaN)
        raise ScenarioError(None, "claim", f"a share from 0 to 1, like 0.92 (got {claim!r})")
    scn, data = prepare(scenario, n, allow_large=options.get("allow_large", False))
    if scn.stress is None:
        raise ScenarioError(None, "stress", "a [stress] section (see docs/experiments.md)")
    criteria = _criteria(scn.stress.compensated, on_time_min, max_shortage, max_backlog)
    for config in chosen:
        if config.overrides:
            check_budget(with_overrides(scn, config.overrides), runs=n,
                         allow_large=options.get("allow_large", False))
    seeds = replication_seeds(seed, n)
    k = len(chosen)
    tasks = [Task(k * i + c, data, s, dict(cfg.overrides), cfg.agents, job="stress")
             for i, s in enumerate(seeds) for c, cfg in enumerate(chosen)]
    relative = criteria.relative_to == "undisturbed"
    if relative:  # the same seeds' undisturbed weeks, nobody reacting: the reference
        tasks += [Task(k * n + i, data, s, {}, "off") for i, s in enumerate(seeds)]
    if calibrate:
        tasks += [Task(k * n + n + k * i + c, data, s, dict(cfg.overrides), cfg.agents)
                  for i, s in enumerate(seeds) for c, cfg in enumerate(chosen)]
    meta = metadata("stress", scn, seed, n, confidence, claim=claim,
                    compensated=criteria.model_dump(),
                    configs=[{"name": c.name, "overrides": dict(c.overrides), "agents": c.agents}
                             for c in chosen])
    rows, store = execute_plan(simulate_bad_day_task, tasks, meta,
                               execution(options))
    refs = rows[k * n:k * n + n] if relative else [None] * n
    calib = rows[k * n + (n if relative else 0):]
    rows = rows[:k * n]
    runs = pd.DataFrame(rows)
    kpis = [c for c in runs.columns if c not in INFO_COLUMNS]
    runs.insert(0, "replication", np.repeat(np.arange(n), k))
    runs.insert(1, "seed", np.repeat(seeds, k))
    runs.insert(2, "config", [c.name for c in chosen] * n)
    day_refs = [refs[j // k] for j in range(len(rows))]
    runs.insert(3 + len(INFO_COLUMNS), "compensated",
                [is_compensated(row, criteria, ref) for row, ref in zip(rows, day_refs,
                                                                        strict=True)])
    if relative:
        extra = pd.DataFrame([excess(row, ref) for row, ref in zip(rows, day_refs,
                                                                   strict=True)])
        for i, column in enumerate(extra.columns):
            runs.insert(4 + len(INFO_COLUMNS) + i, column, extra[column].to_numpy())
    outcomes = _outcomes(runs, chosen, confidence, claim)
    if calibrate:
        flags = pd.DataFrame({"config": [f"{c.name} (undisturbed)" for c in chosen] * n,
                              "compensated": [is_compensated(row, criteria, refs[j // k])
                                              for j, row in enumerate(calib)]})
        undisturbed = [Config(f"{c.name} (undisturbed)") for c in chosen]
        outcomes = pd.concat([outcomes, _outcomes(flags, undisturbed, confidence, claim)],
                             ignore_index=True)
    difference = _difference(runs, chosen, confidence)
    summary = summarise(runs, kpis, by=["config"], confidence=confidence)
    return finish(StressResult(runs, summary, meta, kpis, outcomes, difference), store)


def _criteria(base: Compensated, on_time_min: float | None, max_shortage: str | None,
              max_backlog: int | None) -> Compensated:
    changes: dict[str, Any] = {}
    if on_time_min is not None:
        changes["on_time_min"] = on_time_min
    if max_shortage is not None:
        changes["max_shortage"] = max_shortage
    if max_backlog is not None:
        changes["max_backlog"] = max_backlog
    if not changes:
        return base
    data = base.model_dump()
    data["relative_to"] = "none"  # the overrides are absolute thresholds
    for key in ("max_shortage", "max_excess_shortage"):
        data[key] = f"{data[key]!r} min"
    data.update(changes)
    try:
        return Compensated.model_validate(data)
    except ValidationError as exc:  # one line naming the option's field, no pydantic URL
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ScenarioError(None, f"stress.compensated.{where}",
                            first["msg"].removeprefix("Value error, ")) from None


def _outcomes(runs: pd.DataFrame, configs: list[Config], confidence: float,
              claim: float | None) -> pd.DataFrame:
    rows = []
    for config in configs:
        flags = runs.loc[runs["config"] == config.name, "compensated"]
        n, k = int(flags.size), int(flags.sum())
        low, high = wilson(k, n, confidence)
        row = {"config": config.name, "n": n, "compensated": k, "share": k / n,
               "ci_low": low, "ci_high": high}
        if claim is not None:
            row["claim"] = claim
            row["verdict"] = ("claim above the interval" if claim > high else
                              "claim below the interval" if claim < low else
                              "claim inside the interval")
        rows.append(row)
    return pd.DataFrame(rows)


def _difference(runs: pd.DataFrame, configs: list[Config], confidence: float) -> pd.DataFrame:
    rows = []
    base = runs.loc[runs["config"] == configs[0].name, "compensated"].to_numpy(dtype=int)
    for config in configs[1:]:
        other = runs.loc[runs["config"] == config.name, "compensated"].to_numpy(dtype=int)
        d = other - base
        ci = mean_ci(d, confidence)
        rows.append({"config": config.name, "versus": configs[0].name,
                     "share_difference": ci["mean"], "ci_low": ci["ci_low"],
                     "ci_high": ci["ci_high"], "rescued": int((d > 0).sum()),
                     "lost": int((d < 0).sum()), "n": ci["n"]})
    return pd.DataFrame(rows, columns=["config", "versus", "share_difference", "ci_low",
                                       "ci_high", "rescued", "lost", "n"])
