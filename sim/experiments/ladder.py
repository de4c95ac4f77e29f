"""A ladder of counterfactuals: nobody, a person after a reaction delay, the agent.

The story compares its agents with "72 hours of delay, e-mail loops, manual re-planning", not
with a line where nobody reacts. :func:`ladder` runs the same scenario and seeds under a set
of *rungs*:

* ``nobody``: agents off, the line waits (Werkhalle's baseline);
* ``person <delay>`` (e.g. ``person 24 h``): the same agents (the roles that are on) in
  ``recommend`` mode (:func:`sim.agents.setup.as_person`), so the same options are
  weighed, but a person (production management, who always agrees) carries the proposal out
  only after the reaction delay; the person learns of a supply problem from
  the supplier's report, not from supply tracking (``agents.supplier.tracking = "off"``);
* ``agent``: the agents as the scenario configures them (autonomous, with tracking).

Every rung runs seed ``s`` on the same random numbers (common random numbers), so per seed
the differences between rungs come from who decided when. Any rung can be run with the
forecast ``sampled`` (honest) or ``oracle`` (perfect foresight): :func:`value_of_information`
is the paired difference oracle - sampled, the expected value of perfect information.
:func:`value_of_time` runs the person at several delays (the value-of-time curve).
Everything runs in this process, one run after the other (no worker pool).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sim.agents.setup import as_person
from sim.experiments.stats import mean_ci
from sim.labels import SYNTHETIC_LABEL, fingerprint, mark_synthetic
from sim.runner import run
from sim.scenario import Scenario, load_scenario, with_overrides
from sim.scenario.units import parse_duration

LADDER_KPIS = ("material shortage at first station [h]", "on-time delivery [%]",
               "late units [units]", "cost [{cur}]", "CO2 [kg]", "output [units]")
"""KPIs of the ladder tables (``{cur}``: the scenario's currency)."""
DEFAULT_RUNGS = ("nobody", "person 24 h", "agent")
"""The default comparison set."""


def rung_setup(scenario: Scenario, rung: str, forecast: str | None = None
               ) -> tuple[Scenario, str | None]:
    """The scenario and agents mode of one rung (``nobody``, ``person <delay>``, ``agent``).

    Args:
        scenario: The scenario.
        rung: The rung's name; a person's delay is any duration (``person 4 h``).
        forecast: ``sampled`` or ``oracle`` for the agents' twin (default: the scenario's).

    Returns:
        ``(scenario, agents mode)`` for :func:`sim.run`.
    """
    overrides: dict[str, Any] = {}
    if forecast is not None:
        overrides["agents.forecast"] = forecast
    if rung == "nobody":
        return scenario, "off"
    if rung == "agent":
        return (with_overrides(scenario, overrides) if overrides else scenario), None
    if rung.startswith("person"):
        delay = parse_duration(rung.removeprefix("person").strip() or "24 h")
        person = as_person(scenario, delay)
        return (with_overrides(person, overrides) if overrides else person), None
    raise ValueError(f"unknown rung {rung!r}: nobody, person <delay> or agent")


@dataclass
class Ladder:
    """Runs of a scenario on several rungs and seeds.

    Attributes:
        runs: One row per rung, forecast and seed: the KPIs and ``decided_at_h`` (when the
            first action was carried out; NaN: never).
        metadata: Scenario, hash, seeds, version, the SYNTHETIC label.
    """

    runs: pd.DataFrame
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        mark_synthetic([self.runs], self.fingerprint)

    @property
    def fingerprint(self) -> str:
        """``scenario#hash · seed 1-20 · werkhalle X``."""
        return fingerprint(self.metadata)

    def means(self) -> pd.DataFrame:
        """Mean KPIs per rung and forecast."""
        kpis = [k for k in self.metadata["kpis"] if k in self.runs]
        table = self.runs.groupby(["rung", "forecast"], sort=False)[kpis].mean()
        mark_synthetic([table], self.fingerprint)
        return table

    def paired(self, versus: str, forecast: str | None = None,
               confidence: float = 0.95) -> pd.DataFrame:
        """Per rung and KPI: mean paired difference (rung - ``versus``) over seeds, with CI.

        Args:
            versus: The reference rung (e.g. ``nobody``, ``person 24 h``).
            forecast: Compare only runs of this forecast mode (the reference rung ``nobody``
                has none and is used for every mode).
            confidence: Confidence level.
        """
        rows = []
        runs = self.runs
        ref = runs[runs["rung"] == versus]
        if versus != "nobody" and forecast is not None:
            ref = ref[ref["forecast"] == forecast]
        ref = ref.set_index("seed")
        for (rung, mode), group in runs.groupby(["rung", "forecast"], sort=False):
            if rung == versus or (forecast is not None and mode not in (forecast, "-")):
                continue
            group = group.set_index("seed")
            for kpi in self.metadata["kpis"]:
                d = (group[kpi] - ref[kpi].reindex(group.index)).dropna()
                ci = mean_ci(d, confidence)
                rows.append({"rung": rung, "forecast": mode, "versus": versus, "kpi": kpi,
                             "difference": ci["mean"], "ci_low": ci["ci_low"],
                             "ci_high": ci["ci_high"], "n": ci["n"]})
        table = pd.DataFrame(rows)
        mark_synthetic([table], self.fingerprint)
        return table


def ladder(scenario: Scenario | str | Path | Mapping[str, Any], seeds: Sequence[int],
           rungs: Sequence[str] = DEFAULT_RUNGS,
           forecasts: Sequence[str | None] = (None,)) -> Ladder:
    """Run every rung (with agents: every forecast mode) for every seed.

    Args:
        scenario: A scenario with an ``[agents]`` section, a path or a shipped name.
        seeds: The seeds (each rung runs each seed: common random numbers).
        rungs: ``nobody``, ``person <delay>`` (e.g. ``person 24 h``), ``agent``.
        forecasts: Forecast modes of the agents' twin (``None``: the scenario's).

    Returns:
        The :class:`Ladder`.
    """
    scn = load_scenario(scenario)
    cur = scn.economics.currency
    kpis = [k.format(cur=cur) for k in LADDER_KPIS]
    rows = []
    meta: dict[str, Any] = {}
    for rung in rungs:
        modes = ["-"] if rung == "nobody" else list(forecasts)
        for mode in modes:
            setup, agents = rung_setup(scn, rung, None if mode == "-" else mode)
            for seed in seeds:
                result = run(setup, seed, agents=agents)
                meta = meta or dict(result.metadata)
                acted = result.decisions
                acted = acted[acted["status"].isin(["executed", "scheduled"])] \
                    if not acted.empty else acted
                first = float(acted["executed_at_h"].min()) if len(acted) else float("nan")
                row = {"rung": rung, "forecast": mode or scn.agents.forecast, "seed": seed,
                       "decided_at_h": first}
                row.update({k: float(result.kpis[k]) for k in kpis})
                rows.append(row)
    seeds = list(seeds)
    meta = {k: v for k, v in meta.items() if k in ("scenario", "scenario_hash", "version")}
    meta.update({"seed": _span(seeds), "seeds": seeds, "rungs": list(rungs), "kpis": kpis,
                 "synthetic": True, "label": SYNTHETIC_LABEL})
    return Ladder(pd.DataFrame(rows), meta)


def value_of_time(scenario: Scenario | str | Path | Mapping[str, Any], seeds: Sequence[int],
                  delays: Sequence[str] = ("0 h", "4 h", "24 h", "48 h", "72 h"),
                  forecast: str | None = None) -> Ladder:
    """A person deciding after each delay, plus nobody and the agent (same seeds)."""
    rungs = ["nobody", *(f"person {d}" for d in delays), "agent"]
    return ladder(scenario, seeds, rungs, (forecast,))


def value_of_information(scenario: Scenario | str | Path | Mapping[str, Any],
                         seeds: Sequence[int], rung: str = "agent",
                         confidence: float = 0.95) -> pd.DataFrame:
    """Oracle - sampled, paired per seed, per KPI: what perfect foresight would be worth.

    Returns:
        Per KPI: ``sampled`` and ``oracle`` means, ``difference`` (oracle - sampled) with its
        CI, ``n``; and in ``attrs["ladder"]`` the :class:`Ladder` behind it.
    """
    lad = ladder(scenario, seeds, [rung], ("sampled", "oracle"))
    runs = lad.runs.set_index("seed")
    sampled, oracle = runs[runs["forecast"] == "sampled"], runs[runs["forecast"] == "oracle"]
    rows = []
    for kpi in lad.metadata["kpis"]:
        ci = mean_ci(oracle[kpi] - sampled[kpi], confidence)
        rows.append({"kpi": kpi, "sampled": float(sampled[kpi].mean()),
                     "oracle": float(oracle[kpi].mean()), "difference": ci["mean"],
                     "ci_low": ci["ci_low"], "ci_high": ci["ci_high"], "n": ci["n"]})
    table = pd.DataFrame(rows)
    mark_synthetic([table], lad.fingerprint)
    table.attrs["ladder"] = lad
    return table


def choices_differ(scenario: Scenario | str | Path | Mapping[str, Any],
                   seeds: Sequence[int]) -> pd.DataFrame:
    """Per seed, the planner's acting choices under ``sampled`` and ``oracle``.

    Returns:
        ``seed``, ``sampled``, ``oracle`` (the choices in order, ``;``-joined) and ``differ``.
    """
    scn = load_scenario(scenario)
    rows = []
    for seed in seeds:
        picks = {}
        for mode in ("sampled", "oracle"):
            dec = run(with_overrides(scn, {"agents.forecast": mode}), seed).decisions
            dec = dec[(dec["agent"] == "planner") & (dec["n_options"] > 1)]
            picks[mode] = "; ".join(f"{w} {c}" for w, c in zip(dec["when"], dec["choice"],
                                                              strict=True))
        rows.append({"seed": seed, **picks, "differ": picks["sampled"] != picks["oracle"]})
    return pd.DataFrame(rows)


def _span(seeds: list[int]) -> str:
    if seeds and seeds == list(range(seeds[0], seeds[0] + len(seeds))):
        return f"{seeds[0]}-{seeds[-1]}" if len(seeds) > 1 else str(seeds[0])
    return ",".join(map(str, seeds))


def delay_hours(rung: str) -> float:
    """A rung's decision delay in hours (``nobody``: inf; ``agent``: 0)."""
    if rung == "nobody":
        return float("inf")
    if rung == "agent":
        return 0.0
    return parse_duration(rung.removeprefix("person").strip()) / 60.0


def value_of_time_table(lad: Ladder, confidence: float = 0.95) -> pd.DataFrame:
    """Per person rung (by delay): mean and CI of each KPI over the seeds."""
    rows = []
    for rung, group in lad.runs.groupby("rung", sort=False):
        for kpi in lad.metadata["kpis"]:
            ci = mean_ci(group[kpi], confidence)
            rows.append({"rung": rung, "delay_h": delay_hours(rung), "kpi": kpi,
                         "mean": ci["mean"], "ci_low": ci["ci_low"], "ci_high": ci["ci_high"]})
    table = pd.DataFrame(rows)
    mark_synthetic([table], lad.fingerprint)
    return table
