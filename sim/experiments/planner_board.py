"""One leaderboard for coded and no-code planners, on a tuning and a held-out set (issue #17).

Notebook 4's participants tune their planner on :data:`TUNING` (the vignette and four
variants); :data:`HELD_OUT` is a second set of supply stories nobody tuned on, revealed at the
end. :func:`planner_board` scores every planner — a policy object (coded), a list of rules
(no-code, :mod:`sim.scenario.planner_rules`) or an agents mode such as ``"off"`` — on both,
with the workshop's class score, and puts the two means side by side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from sim.runner import run
from sim.scenario.loader import with_overrides
from sim.scenario.planner_rules import ACTIONS as RULE_ACTIONS
from sim.scenario.planner_rules import CONDITIONS as RULE_CONDITIONS
from sim.scenario.schema import Scenario

__all__ = ["HELD_OUT", "RULE_ACTIONS", "RULE_CONDITIONS", "TUNING", "class_score",
           "planner_board", "score_runs", "variant"]

FLU = {"kind": "staff_absence", "at": "Wed 06:00", "count": 3, "duration": "16 h"}
TUNING: dict[str, dict[str, Any]] = {
    "rail 72 h (the story)": {},
    "busy week, little Czech stock": {"agents.sites.czech.quantity": 100, "busy": 1.3},
    "rail 96 h, almost no Czech stock": {"agents.sites.czech.quantity": 20,
                                         "disruptions.rail_outage.delay": "96 h"},
    "flu on Wednesday, rail 24 h": {"disruptions.rail_outage.delay": "24 h",
                                    "disruptions.flu": FLU},
    "busy week": {"busy": 1.3},
}
"""The tuning set: notebook 4's five disruptions (``busy``: order quantities times this)."""
HELD_OUT: dict[str, dict[str, Any]] = {
    "rail 48 h": {"disruptions.rail_outage.delay": "48 h"},
    "rail 120 h, Czech stock 60": {"agents.sites.czech.quantity": 60,
                                   "disruptions.rail_outage.delay": "120 h"},
    "rail 12 h, busy week": {"disruptions.rail_outage.delay": "12 h", "busy": 1.2},
    "Czech stock 5, rail 72 h": {"agents.sites.czech.quantity": 5},
    "very busy week, rail 36 h": {"disruptions.rail_outage.delay": "36 h", "busy": 1.5},
}
"""The held-out set: other outage lengths, stock levels and loads, never shown while tuning."""
KEEP = ("on-time delivery [%]", "late units [units]", "material shortage at first station [h]",
        "cost [EUR]", "CO2 [kg]")
"""KPIs kept per run."""


def class_score(kpis: pd.Series) -> float:
    """The workshop's score (lower is better): cost + 0.5 × kg CO2 + 500 × late units."""
    return float(kpis["cost [EUR]"] + 0.5 * kpis["CO2 [kg]"]
                 + 500 * kpis["late units [units]"])


def variant(base: Scenario, changes: Mapping[str, Any]) -> Scenario:
    """``base`` with ``changes`` (``busy``: scale every order's quantity by that factor)."""
    changes = dict(changes)
    busy = changes.pop("busy", None)
    if busy is not None:
        changes.update({f"release.orders.{name}.quantity": round(order.quantity * busy)
                        for name, order in base.release.orders.items()})
    return with_overrides(base, changes) if changes else base


def _run_one(scenario: Scenario, seed: int, planner: Any) -> pd.Series:
    if isinstance(planner, str):
        return run(scenario, seed=seed, agents=planner).kpis
    if isinstance(planner, list | tuple):  # a no-code rule list
        rules = [dict(r) for r in planner]
        scenario = with_overrides(scenario, {"agents.planner.policy": "rules",
                                             "agents.planner.rules": rules})
        return run(scenario, seed=seed).kpis
    return run(scenario, seed=seed, policies={"planner": planner}).kpis


def score_runs(base: Scenario, planners: Mapping[str, Any],
               sets: Mapping[str, Mapping[str, Mapping[str, Any]]],
               seeds: Mapping[str, Sequence[int]]) -> pd.DataFrame:
    """One row per planner, set, disruption and seed: the kept KPIs and the class score."""
    rows = []
    for set_name, disruptions in sets.items():
        for disruption, changes in disruptions.items():
            scenario = variant(base, changes)
            for name, planner in planners.items():
                for seed in seeds[set_name]:
                    kpis = _run_one(scenario, seed, planner)
                    rows.append({"planner": name, "set": set_name, "disruption": disruption,
                                 "seed": seed, **{k: kpis[k] for k in KEEP},
                                 "score": class_score(kpis)})
    return pd.DataFrame(rows)


def planner_board(base: Scenario, planners: Mapping[str, Any],
                  tuning: Mapping[str, Mapping[str, Any]] | None = None,
                  held_out: Mapping[str, Mapping[str, Any]] | None = None,
                  seeds: Sequence[int] = (1, 2),
                  held_out_seeds: Sequence[int] = (11, 12, 13)) -> pd.DataFrame:
    """Mean class score per planner on the tuning and the held-out set, side by side.

    Args:
        base: The scenario the sets vary (``supply_disruption``).
        planners: Name -> a policy object, a rule list (dicts with ``if``/``then``...) or an
            agents mode (``"off"``, ``"recommend"`` ...).
        tuning: The tuning set (default :data:`TUNING`).
        held_out: The held-out set (default :data:`HELD_OUT`).
        seeds: Seeds of the tuning runs.
        held_out_seeds: Seeds of the held-out runs (other weeks too).

    Returns:
        Index ``planner``; columns ``tuning``, ``held_out`` (mean class scores), ``rank_tuning``,
        ``rank_held_out``; the runs in ``attrs["runs"]``.
    """
    runs = score_runs(base, planners, {"tuning": tuning or TUNING,
                                       "held_out": held_out or HELD_OUT},
                      {"tuning": list(seeds), "held_out": list(held_out_seeds)})
    board = runs.pivot_table(index="planner", columns="set", values="score",
                             sort=False)[["tuning", "held_out"]]
    board["rank_tuning"] = board["tuning"].rank(method="min").astype(int)
    board["rank_held_out"] = board["held_out"].rank(method="min").astype(int)
    board.columns.name = None
    board.attrs["runs"] = runs
    return board.sort_values("tuning")
