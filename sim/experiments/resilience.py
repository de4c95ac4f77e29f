"""Resilience KPIs around one injected shock, measured against the same run without it.

The *shock* is one scripted disruption of the scenario (``[disruptions.<name>]``, starting at
``t0 = at``). Each replication runs the scenario twice with the same seed and agents mode: as
it is (shocked) and without that disruption (the *reference*, common random numbers). Then:

* **time to detect [h]**: from ``t0`` to the first sign anybody has of the shock: its official
  announcement (for a delivery delay: the supplier's report, which may come later, or
  earlier, than ``t0``; breakdowns, absences and cancellations are seen at once) or an agent
  decision from ``t0`` on whose trigger names the disrupted material, station or order (e.g.
  the supplier agent's supply tracking noticing the held route before the report);
* **time to decide [h]**: from ``t0`` to the first decision taken at or after detection (an
  entry of the agents' decision journal, also a decision to wait, or a recorded control
  action); ``NaN`` when nobody decides anything (the baseline simply waits);
* **time to act [h]**: from ``t0`` to the first action carried out at or after detection (a
  journal entry's ``executed_at_h`` or a recorded control action; in ``recommend`` mode this
  includes the wait for a person's approval); ``NaN`` when nothing was done;
* **time to recover [h]**: from ``t0`` to the first sample after which, until the horizon,
  the line's own output is at most ``tolerance`` units below the reference's and its overdue
  backlog at most ``tolerance`` units above the reference's; ``0`` if that held throughout,
  ``NaN`` if it does not hold at the end (not recovered within the horizon). Units built
  elsewhere (outsourced) are not the line's output;
* **peak backlog [units]**: the largest overdue backlog (units due and not delivered) from
  ``t0`` on;
* **late orders [count]**: orders due within the horizon that were not complete by their due
  date;
* **recovery cost**: total cost of the shocked run minus the reference's (penalties,
  overtime, transport, outsourcing ... caused by the shock);
* **lost output [units]**: reference output minus shocked output at the horizon.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Unpack

import numpy as np
import pandas as pd

from sim.errors import ScenarioError
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
from sim.experiments.stats import summarise
from sim.experiments.tasks import Task, run_with, task_scenario
from sim.results.result import Result
from sim.scenario import Scenario, load_scenario, to_data

_DETECTED_BY = {"delivery_delay": "delivery_delayed", "delivery_cancel": "delivery_cancelled",
                "staff_absence": "staff_absent", "order_cancel": "order_cancelled"}


def pick_shock(scenario: Scenario, shock: str | None) -> str:
    """Return the shock's name: ``shock`` if it exists, else the scenario's first disruption."""
    if shock is None:
        if not scenario.disruptions:
            raise ScenarioError(None, "disruptions", "at least one scripted disruption to "
                                "use as the shock")
        return next(iter(scenario.disruptions))
    if shock not in scenario.disruptions:
        raise ScenarioError(None, "shock", "the name of a scripted disruption; expected one of "
                            f"{', '.join(scenario.disruptions) or '(none defined)'}")
    return shock


def without(scenario: Scenario, shock: str) -> Scenario:
    """The scenario without disruption ``shock`` (the reference)."""
    data = to_data(scenario)
    data["disruptions"] = {k: v for k, v in data["disruptions"].items() if k != shock}
    return load_scenario(data)


def resilience_kpis(shocked: Result, reference: Result, scenario: Scenario, shock: str,
                    tolerance: float = 5.0) -> dict[str, float]:
    """Resilience KPIs of a shocked run against its reference (see the module docstring).

    Args:
        shocked: The run with the shock (needs its event log).
        reference: The run without it, same seed and agents mode.
        scenario: The shocked run's scenario.
        shock: Name of the shock disruption.
        tolerance: Units of output/backlog difference still counted as recovered.
    """
    spec = scenario.disruptions[shock]
    t0 = spec.at / 60.0
    detect_h = min(_detection(shocked.events, spec, shock), _noticed(shocked, spec)) - t0
    seen = t0 + max(detect_h, 0.0)
    decide_h = _first_after(shocked, seen, "time_h") - t0
    act_h = _first_after(shocked, seen, "executed_at_h") - t0
    ts, ref = shocked.timeseries, reference.timeseries
    joined = ts[["time_h", "output", "backlog"]].merge(
        ref[["time_h", "output", "backlog"]], on="time_h", suffixes=("", "_ref"))
    after = joined[joined["time_h"] >= t0 - 1e-9]
    bad = ((after["output_ref"] - after["output"] > tolerance)
           | (after["backlog"] - after["backlog_ref"] > tolerance)).to_numpy()
    if not bad.any():
        recover_h = 0.0
    elif bad[-1]:
        recover_h = float("nan")
    else:
        last_bad = int(np.flatnonzero(bad)[-1])
        recover_h = float(after["time_h"].iloc[last_bad + 1]) - t0
    k, r = shocked.kpis, reference.kpis
    cost = next(name for name in k.index if name.startswith("cost [") and name.endswith("]"))
    return {
        "time to detect [h]": float(detect_h),
        "time to decide [h]": float(decide_h),
        "time to act [h]": float(act_h),
        "time to recover [h]": recover_h,
        "recovered": float(not np.isnan(recover_h)),
        "peak backlog [units]": float(after["backlog"].max()) if len(after) else 0.0,
        "late orders [count]": float(_late_orders(scenario, k)),
        f"recovery {cost}": float(k[cost] - r[cost]),
        "lost output [units]": float(r["output [units]"] - k["output [units]"]),
    }


def _detection(events: pd.DataFrame, spec: Any, shock: str) -> float:
    if spec.kind in _DETECTED_BY and "disruption" in events:
        hits = events[(events["kind"] == _DETECTED_BY[spec.kind])
                      & (events["disruption"] == shock)]
        if len(hits):
            return float(hits["time_h"].min())
    if spec.kind == "breakdown" and "station" in events:
        hits = events[(events["kind"] == "breakdown") & (events["station"] == spec.station)
                      & (events["time_h"] >= spec.at / 60.0 - 1e-9)]
        if len(hits):
            return float(hits["time_h"].min())
    return spec.at / 60.0


def _noticed(result: Result, spec: Any) -> float:
    """First agent decision from ``t0`` on whose trigger names the shock's subject."""
    subject = getattr(spec, "material", None) or getattr(spec, "station", None) \
        or getattr(spec, "order", None)
    journal = result.decisions
    if subject is None or not len(journal) or not {"time_h", "trigger"} <= set(journal):
        return float("inf")
    hits = [float(t) for t, trigger in zip(journal["time_h"], journal["trigger"], strict=True)
            if t >= spec.at / 60.0 - 1e-9 and subject in str(trigger)]
    return min(hits, default=float("inf"))


def _first_after(result: Result, since_h: float, journal_column: str) -> float:
    """First journal time in ``journal_column`` or recorded control action at/after ``since_h``."""
    times: list[float] = []
    journal = result.decisions
    if len(journal) and journal_column in journal:
        times += [float(t) for t in journal[journal_column].dropna() if t >= since_h - 1e-9]
    events = result.events
    if len(events) and "kind" in events:
        actions = events[(events["kind"] == "action") & (events["time_h"] >= since_h - 1e-9)]
        times += [float(t) for t in actions["time_h"]]
    return min(times) if times else float("nan")


def _late_orders(scenario: Scenario, kpis: pd.Series) -> int:
    cancelled = {d.order for d in scenario.disruptions.values()
                 if d.kind == "order_cancel" and d.at <= scenario.horizon}
    due = [o for name, o in scenario.release.orders.items()
           if name not in cancelled and o.due <= scenario.horizon]
    on_time = float(kpis["on-time delivery [%]"])
    if not due or np.isnan(on_time):
        return 0
    return int(round(len(due) * (1 - on_time / 100.0)))


def simulate_shock_task(task: Task) -> dict[str, Any]:
    """The resilience study's worker (handed to ``execute_plan``): one shock and its reference."""
    return simulate_shock(task_scenario(task), task.seed, task.agents, **task.options)


def simulate_shock(scenario: Scenario, seed: int, agents: str | None, shock: str,
                   tolerance: float = 5.0) -> dict[str, Any]:
    """Worker job: run with and without the shock; return resilience KPIs and line KPIs."""
    shocked = run_with(scenario, seed, agents, event_log=True)
    reference = run_with(without(scenario, shock), seed, agents, event_log=False)
    row: dict[str, Any] = resilience_kpis(shocked, reference, scenario, shock, tolerance)
    row.update({str(k): float(v) for k, v in shocked.kpis.items()})
    return row


def resilience(
    scenario: Scenario | str | Path | Mapping[str, Any],
    n: int = 10,
    *,
    shock: str | None = None,
    configs: Sequence[Config | Mapping[str, Any]] = (BASELINE, AGENTS),
    tolerance: float = 5.0,
    seed: int = 0,
    confidence: float = 0.95,
    **options: Unpack[ExecutionOptions],
) -> ExperimentResult:
    """Measure resilience KPIs around a shock over ``n`` replications per configuration.

    Args:
        scenario: Scenario, path, shipped name or scenario data.
        n: Replications.
        shock: Name of the scripted disruption (default: the scenario's first).
        configs: Configurations (default: baseline = agents off, and agents as configured).
        tolerance: Units of output/backlog still counted as recovered.
        seed: Base seed.
        confidence: Confidence level.
        **options: How and where to run (:class:`~sim.experiments.plan.ExecutionOptions`:
            ``backend``, ``jobs``, ``client``, ``out``, ``resume``, ``progress``,
            ``allow_large``).

    Returns:
        An :class:`~sim.experiments.results.ExperimentResult`: ``runs`` per (replication,
        configuration), ``summary`` per configuration and KPI.
    """
    chosen = [as_config(c, f"config{i}") for i, c in enumerate(configs)]
    if not chosen or len({c.name for c in chosen}) != len(chosen):
        raise ScenarioError(None, "configs", "one or more configurations with distinct names")
    scn, data = prepare(scenario, n, allow_large=options.get("allow_large", False))
    name = pick_shock(scn, shock)
    seeds = replication_seeds(seed, n)
    k = len(chosen)
    job = {"shock": name, "tolerance": float(tolerance)}
    tasks = [Task(k * i + c, data, s, dict(cfg.overrides), cfg.agents, "resilience", job)
             for i, s in enumerate(seeds) for c, cfg in enumerate(chosen)]
    meta = metadata("resilience", scn, seed, n, confidence, shock=name, tolerance=tolerance,
                    configs=[{"name": c.name, "overrides": dict(c.overrides), "agents": c.agents}
                             for c in chosen])
    rows, store = execute_plan(simulate_shock_task, tasks, meta,
                               execution(options))
    runs = pd.DataFrame(rows)
    kpis = list(runs.columns)
    runs.insert(0, "replication", np.repeat(np.arange(n), k))
    runs.insert(1, "seed", np.repeat(seeds, k))
    runs.insert(2, "config", [c.name for c in chosen] * n)
    summary = summarise(runs, kpis, by=["config"], confidence=confidence)
    return finish(ExperimentResult(runs, summary, meta, kpis), store)
