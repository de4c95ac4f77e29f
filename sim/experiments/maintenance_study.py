"""The maintenance study (issue #14, mechanic 8): reactive, preventive, predictive in total cost.

**Total cost** of a run (the definition every table here uses), in the scenario's currency:

* ``late penalty``: the KPI ``cost late penalty`` (late units x ``late_penalty_per_unit``);
* ``repair``: the KPI ``cost repair`` (failure repairs x the station's ``repair_cost``);
* ``maintenance``: the KPI ``cost maintenance`` (planned maintenances booked, labour and part);
* ``overtime``: the KPI ``cost overtime`` (the premium paid to catch up in extended shifts);
* ``lost margin``: per variant, the units ordered for the horizon but not built, times the
  variant's unit margin (``price`` minus the material cost of its bill of materials).

Energy, regular labour and material of the units built are left out: they hardly depend on
the maintenance policy, and leaving them in would only add noise to the differences.

The study runs the shipped experiment tools with the same replication seeds everywhere, so
every comparison is paired (common random numbers): :func:`~sim.experiments.sweep.sweep`
over the preventive interval (the U-shaped curve) and over the condition signal's quality
(sensor noise x threshold; the threshold sets how early the warning comes), and
:func:`~sim.experiments.replicate.replicate` for the reactive baseline. Every table carries
the SYNTHETIC label and the fingerprint in ``attrs``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.experiments.replicate import replicate
from sim.experiments.stats import mean_ci
from sim.experiments.sweep import sweep
from sim.labels import SYNTHETIC_LABEL, mark_synthetic
from sim.scenario import Scenario, load_scenario, with_overrides

COMPONENTS = ("late penalty", "repair", "maintenance", "overtime", "lost margin")
"""The parts of the total cost, in the order the tables show them."""
INTERVALS_H = (6, 8, 10, 12, 14, 16, 20, 24, 32)
"""Preventive intervals of the U-curve (operating hours)."""
NOISES = (0.0, 0.04, 0.1, 0.2, 0.3)
"""Condition sensor noise levels (standard deviation, wear units)."""
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
"""Predictive thresholds (the warning comes about ``(1 - threshold) x mean life`` early)."""


def unit_margins(scenario: Scenario) -> dict[str, float]:
    """Per variant: price minus the material cost of its bill of materials."""
    mats = scenario.materials
    return {name: v.price - sum(q * (mats[m].unit_cost if m in mats else 0.0)
                                for m, q in v.bom.items())
            for name, v in scenario.variants.items()}


def ordered_units(scenario: Scenario) -> dict[str, float]:
    """Per variant: the units of the orders due within the horizon."""
    units = dict.fromkeys(scenario.variants, 0.0)
    for order in scenario.release.orders.values():
        if order.due <= scenario.horizon:
            units[order.variant] += order.quantity
    return units


def total_cost(kpis: Mapping[str, float], scenario: Scenario) -> dict[str, float]:
    """The total cost of one run and its parts (see the module docstring).

    Args:
        kpis: The run's KPIs (a row of an experiment's ``runs`` or ``Result.kpis``).
        scenario: The scenario the run used (for currency, margins and the order book).

    Returns:
        ``{"late penalty": ..., "repair": ..., "maintenance": ..., "overtime": ...,
        "lost margin": ..., "total": ...}``.
    """
    cur = scenario.economics.currency
    margins, ordered = unit_margins(scenario), ordered_units(scenario)
    lost = sum(max(0.0, ordered[v] - float(kpis.get(f"output {v} [units]", 0.0))) * margins[v]
               for v in ordered)
    parts = {
        "late penalty": float(kpis.get(f"cost late penalty [{cur}]", 0.0)),
        "repair": float(kpis.get(f"cost repair [{cur}]", 0.0)),
        "maintenance": float(kpis.get(f"cost maintenance [{cur}]", 0.0)),
        "overtime": float(kpis.get(f"cost overtime [{cur}]", 0.0)),
        "lost margin": lost,
    }
    parts["total"] = sum(parts.values())
    return parts


def with_costs(runs: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """``runs`` with the total cost and its parts as extra columns (plus failure counts)."""
    m = scenario.agents.maintenance
    watched = m.stations or [n for n, s in scenario.stations.items() if s.failures]
    prices = {scenario.stations[n].failures.repair_cost for n in watched
              if scenario.stations[n].failures is not None}
    price = prices.pop() if len(prices) == 1 else 0.0
    costs = pd.DataFrame([total_cost(row, scenario) for row in runs.to_dict("records")],
                         index=runs.index)
    out = pd.concat([runs, costs], axis=1)
    out["failures"] = out["repair"] / price if price > 0 else np.nan
    out["planned"] = out["maintenance"] / (m.cost + m.spare_part_cost)
    return out


def _policy(scenario: Scenario, policy: str, **fields: Any) -> Scenario:
    overrides = {"agents.maintenance.policy": policy}
    overrides.update({f"agents.maintenance.{k}": v for k, v in fields.items()})
    return with_overrides(scenario, overrides)


def _ci_row(values: pd.Series, prefix: str = "") -> dict[str, float]:
    ci = mean_ci(values)
    return {f"{prefix}mean": ci["mean"], f"{prefix}ci_low": ci["ci_low"],
            f"{prefix}ci_high": ci["ci_high"]}


def _paired(a: pd.Series, b: pd.Series, prefix: str) -> dict[str, float]:
    """Mean paired difference ``a - b`` (aligned by replication) with its CI."""
    return _ci_row(a.reset_index(drop=True) - b.reset_index(drop=True), prefix)


def run_maintenance_study(
    scenario: Scenario | str | Path = "r7_at_risk", n: int = 20, seed: int = 1, *,
    intervals_h: Sequence[float] = INTERVALS_H, noises: Sequence[float] = NOISES,
    thresholds: Sequence[float] = THRESHOLDS, **options: Any,
) -> dict[str, pd.DataFrame]:
    """Run the whole study and return its tables (SYNTHETIC, fingerprinted).

    Args:
        scenario: Scenario, path or shipped name (its maintenance agent's settings are the
            starting point; only policy, interval, noise and threshold are varied).
        n: Replications per configuration (the same replication seeds everywhere).
        seed: Base seed of the replication seeds.
        intervals_h: Preventive intervals (operating hours) of the U-curve.
        noises: Sensor noise levels of the signal-quality sweep.
        thresholds: Predictive thresholds of the signal-quality sweep.
        **options: Execution options passed to the experiment tools (``jobs``, ``backend``).

    Returns:
        ``{"runs", "interval", "signal", "ordering", "policies"}``: every run with its
        costs; the U-curve (total cost per preventive interval, with CI, and the reactive
        line); the value of predictive per (noise, threshold), paired against the best
        preventive interval and against reactive; the ordering at the scenario's own
        settings as paired differences; and the three policies' mean total cost (with CI).
        The predictive rows at the scenario's own settings exist only if its noise and
        threshold are among ``noises`` and ``thresholds``.
    """
    scn = load_scenario(scenario)
    reactive = replicate(_policy(scn, "reactive"), n, seed=seed, **options)
    prev = sweep(_policy(scn, "preventive"),
                 {"agents.maintenance.interval": [f"{h:g} h" for h in intervals_h]}, n,
                 seed=seed, **options)
    pred = sweep(_policy(scn, "predictive"),
                 {"agents.maintenance.signal_noise": list(noises),
                  "agents.maintenance.threshold": list(thresholds)}, n, seed=seed, **options)
    r = with_costs(reactive.runs, scn).assign(policy="reactive")
    p = with_costs(prev.runs, scn).assign(policy="preventive")
    p["interval_h"] = [float(str(v).split()[0]) for v in p["agents.maintenance.interval"]]
    q = with_costs(pred.runs, scn).assign(policy="predictive")
    q = q.rename(columns={"agents.maintenance.signal_noise": "noise",
                          "agents.maintenance.threshold": "threshold"})
    fp = prev.fingerprint

    rows = []
    for h, grp in p.groupby("interval_h", sort=True):
        row = {"interval_h": h, **_ci_row(grp["total"])}
        row.update({c: grp[c].mean() for c in (*COMPONENTS, "failures", "planned")})
        row.update(_paired(grp["total"], r["total"], "vs_reactive_"))
        rows.append(row)
    interval = pd.DataFrame(rows)
    best_h = float(interval.loc[interval["mean"].idxmin(), "interval_h"])
    best = p[p["interval_h"] == best_h]["total"]
    rline = {"interval_h": float("inf"), **_ci_row(r["total"]),
             **{c: r[c].mean() for c in (*COMPONENTS, "failures", "planned")},
             "vs_reactive_mean": 0.0, "vs_reactive_ci_low": 0.0, "vs_reactive_ci_high": 0.0}
    interval = pd.concat([interval, pd.DataFrame([rline])], ignore_index=True)

    rows = []
    for (noise, thr), grp in q.groupby(["noise", "threshold"], sort=True):
        row = {"noise": noise, "threshold": thr,
               "warning_h": (1 - thr) * _mean_life_h(scn), **_ci_row(grp["total"])}
        row.update({c: grp[c].mean() for c in ("failures", "planned")})
        row.update(_paired(best, grp["total"], "value_vs_preventive_"))
        row.update(_paired(r["total"], grp["total"], "value_vs_reactive_"))
        rows.append(row)
    signal = pd.DataFrame(rows)

    m = scn.agents.maintenance
    shipped = q[(q["noise"] == m.signal_noise) & (q["threshold"] == m.threshold)]["total"]
    ordering = pd.DataFrame([
        {"comparison": f"predictive (noise {m.signal_noise:g}, threshold {m.threshold:g}) "
                       f"- preventive {best_h:g} h", **_paired(shipped, best, "")},
        {"comparison": f"preventive {best_h:g} h - reactive", **_paired(best, r["total"], "")},
        {"comparison": f"predictive (noise {m.signal_noise:g}, threshold {m.threshold:g}) "
                       "- reactive", **_paired(shipped, r["total"], "")},
    ]) if len(shipped) else pd.DataFrame()
    own = signal[(signal["noise"] == m.signal_noise) & (signal["threshold"] == m.threshold)]
    policies = pd.DataFrame([
        {"policy": "reactive", "setting": "run to failure", **_ci_row(r["total"])},
        {"policy": "preventive", "setting": f"best interval {best_h:g} h", **_ci_row(best)},
        *([{"policy": "predictive", "setting": f"noise {m.signal_noise:g}, threshold "
            f"{m.threshold:g}", **_ci_row(shipped)}] if len(own) else []),
    ])
    runs = pd.concat([r, p, q], ignore_index=True)
    tables = {"runs": runs, "interval": interval, "signal": signal, "ordering": ordering,
              "policies": policies}
    mark_synthetic(tables.values(), fp)
    meta = {**prev.metadata, "version": f"{prev.metadata.get('version')} · maintenance study "
            f"n {n}"}
    for t in tables.values():
        t.attrs["best_interval_h"] = best_h
        t.attrs["metadata"] = {k: meta.get(k) for k in ("scenario", "scenario_hash", "seed",
                                                        "version")}
    return tables


def _mean_life_h(scenario: Scenario) -> float:
    m = scenario.agents.maintenance
    watched = m.stations or [n for n, s in scenario.stations.items() if s.failures]
    lives = [scenario.stations[n].failures.ttf.expected for n in watched
             if scenario.stations[n].failures is not None]
    return float(np.mean(lives)) / 60.0 if lives else float("nan")


def format_maintenance_study(tables: Mapping[str, pd.DataFrame]) -> str:
    """The study's tables as plain text under the SYNTHETIC banner (for the script)."""
    fp = tables["interval"].attrs.get("fingerprint", "?")
    lines = [f"{SYNTHETIC_LABEL} | {fp}", "",
             "Total cost per week = late penalty + repair + maintenance + overtime + lost "
             "margin (mean over replications, 95 % t CI; paired: the same seeds everywhere)", "",
             "U-curve over the preventive interval (inf = reactive, run to failure)"]
    iv = tables["interval"].copy()
    lines.append(iv.to_string(index=False, float_format=lambda v: f"{v:,.1f}"))
    lines += ["", "Value of predictive = cost(other) - cost(predictive), paired "
              f"(best preventive: {tables['interval'].attrs.get('best_interval_h', '?'):g} h)"]
    lines.append(tables["signal"].to_string(index=False, float_format=lambda v: f"{v:,.2f}"))
    lines += ["", "Total cost per policy"]
    lines.append(tables["policies"].to_string(index=False, float_format=lambda v: f"{v:,.0f}"))
    if not tables["ordering"].empty:
        lines += ["", "Ordering at the scenario's own settings (paired differences, < 0: "
                  "the first is cheaper)"]
        lines.append(tables["ordering"].to_string(index=False,
                                                  float_format=lambda v: f"{v:,.0f}"))
    return "\n".join(lines)
