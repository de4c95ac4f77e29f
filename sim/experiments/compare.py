"""``sim.compare``: the same scenario and seed with agents off and on, side by side.

Both runs use the same seed, so every random stream (processing times, breakdowns, lead
times) draws the same numbers in both: the differences come from what the agents did, not
from luck (common random numbers). The :class:`Comparison` holds both results, the
end-of-day balance (:data:`BALANCE`, with absolute and % deltas), every KPI, and a narrative
timeline in plain words.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sim import i18n
from sim.agents.journal import options_frame
from sim.agents.setup import agent_levels
from sim.experiments.narrative import timeline
from sim.i18n import t
from sim.labels import SYNTHETIC_LABEL
from sim.results.io import atomic_directory, json_text, write_csv, write_figures
from sim.results.labelled import Labelled
from sim.results.result import Result
from sim.runner import run
from sim.scenario import Scenario, load_scenario

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BALANCE = (
    "output [units]", "on-time delivery [%]", "late units [units]",
    "material shortage at first station [h]", "downtime [h]", "OEE [%]", "quality [%]",
    "energy [kWh]", "overtime [h]", "cost [{cur}]", "cost late penalty [{cur}]",
    "cost outsourced [{cur}]", "CO2 [kg]", "CO2 transport [kg]",
)
"""The end-of-day balance: the KPIs of :attr:`Comparison.table`, in this order."""


def kpi_delta_table(baseline: pd.Series, agents: pd.Series) -> pd.DataFrame:
    """KPIs side by side with ``delta`` (agents - baseline) and ``delta_pct`` (of baseline)."""
    table = pd.DataFrame({"baseline": baseline, "agents": agents})
    table["delta"] = table["agents"] - table["baseline"]
    base = table["baseline"].where(table["baseline"].abs() > 1e-12)
    table["delta_pct"] = 100.0 * table["delta"] / base.abs()
    table.index.name = "kpi"
    return table


@dataclass
class Comparison(Labelled):
    """A scenario run with agents off (baseline) and on, on common random numbers.

    Attributes:
        baseline: The run without agents (nobody reacts, the line waits).
        agents: The run with agents.
        table: The end-of-day balance (:data:`BALANCE`): ``baseline``, ``agents``, ``delta``,
            ``delta_pct``.
        kpis: The same for every KPI.
        timeline: What happened, in plain words, one line per moment.
        metadata: Scenario, hash, seed, version, agents' levels, timing, SYNTHETIC label.
    """

    baseline: Result
    agents: Result
    table: pd.DataFrame
    kpis: pd.DataFrame
    timeline: list[str]
    metadata: dict[str, Any] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The comparison's own tables by file stem (the two results have theirs)."""
        return {"balance": self.table, "kpis_compared": self.kpis}

    @property
    def decisions(self) -> pd.DataFrame:
        """The agents' decision journal."""
        return self.agents.decisions

    def balance_text(self) -> str:
        """The end-of-day balance as aligned text under the SYNTHETIC banner.

        Headers, KPI names, the label and the decimal mark follow the current language
        (:func:`sim.set_language`); the numbers do not change.
        """
        banner = i18n.banner(self.metadata)
        names = [i18n.kpi_label(str(k)) for k in self.table.index]
        width = max(len(n) for n in [*names, t("table.balance")])
        heads = [t("table.baseline"), t("table.agents"), t("table.delta")]
        col = max(11, *(len(h) for h in heads))
        lines = [banner, "-" * min(len(banner), 100),
                 f"{t('table.balance'):<{width}}  {heads[0]:>{col}}  {heads[1]:>{col}}  "
                 f"{heads[2]:>{col}}  {t('table.delta_pct'):>8}"]
        for name, (_, row) in zip(names, self.table.iterrows(), strict=True):
            pct = "" if pd.isna(row["delta_pct"]) else _num(row["delta_pct"], sign=True) + "%"
            lines.append(f"{name:<{width}}  {_num(row['baseline']):>{col}}  "
                         f"{_num(row['agents']):>{col}}  {_num(row['delta'], sign=True):>{col}}"
                         f"  {pct:>8}")
        return "\n".join(lines)

    def timeline_text(self) -> str:
        """The narrative timeline under the SYNTHETIC banner (in the current language)."""
        return "\n".join([i18n.banner(self.metadata), t("table.timeline"), *self.timeline])

    def __repr__(self) -> str:
        return f"<Comparison {self.fingerprint}: {len(self.decisions)} decisions; " \
               f"{SYNTHETIC_LABEL}>"

    def save(self, directory: str | Path,
             figures: Mapping[str, Figure] | None = None) -> Path:
        """Write both results, the tables and the timeline into ``directory``, atomically.

        The directory appears at once or not at all (written into a temporary sibling first).

        Args:
            directory: Target directory (created or replaced).
            figures: Drawn figures to save as ``<stem>.png``; a stem may name a sub-folder
                (``baseline/kpis``). :func:`sim.plots.comparison_figures` draws all of them.

        Returns:
            The directory.
        """
        with atomic_directory(directory) as tmp:
            self.baseline.save(tmp / "baseline")
            self.agents.save(tmp / "agents")
            write_csv(self.table, tmp / "balance.csv", self.banner)
            write_csv(self.kpis, tmp / "kpis_compared.csv", self.banner)
            write_csv(options_frame(self.decisions), tmp / "options.csv", self.banner)
            (tmp / "timeline.txt").write_text(self.timeline_text() + "\n", encoding="utf-8")
            (tmp / "metadata.json").write_text(json_text(self.metadata), encoding="utf-8")
            write_figures(tmp, figures or {}, self.metadata)
        return Path(directory)


def compare(scenario: Scenario | str | Path | Mapping[str, Any], seed: int = 0, *,
            agents: str | None = None, policies: Mapping[str, Any] | None = None,
            approver: Any = None) -> Comparison:
    """Run ``scenario`` with agents off and on (same seed) and compare.

    Args:
        scenario: A scenario, a path, a shipped scenario's name or scenario data.
        seed: The seed of both runs (common random numbers).
        agents: Autonomy of every agent in the second run (default: as the scenario says; if
            the scenario has every agent off, ``"autonomous"``).
        policies: Per role a policy name or object (see :func:`sim.run`).
        approver: Who answers proposals (see :func:`sim.run`).

    Returns:
        The :class:`Comparison`.

    Raises:
        ScenarioError: If the scenario is invalid.
    """
    scn = load_scenario(scenario)
    levels = agent_levels(scn, agents)
    if agents is None and all(level == "off" for level in levels.values()):
        agents = "autonomous"
    if agents == "off":
        raise ValueError("compare needs agents on in the second run; use recommend or "
                         "autonomous")
    started = time.perf_counter()
    base = run(scn, seed, agents="off", event_log=True)
    base_s = time.perf_counter() - started
    mine = run(scn, seed, agents=agents, policies=policies, approver=approver, event_log=True)
    total = time.perf_counter() - started
    cur = scn.economics.currency
    names = [k.format(cur=cur) for k in BALANCE]
    kpis = kpi_delta_table(base.kpis, mine.kpis)
    table = kpis.loc[[n for n in names if n in kpis.index]]
    meta = {k: v for k, v in base.metadata.items() if k not in ("agents", "files")}
    meta.update({"agents": mine.metadata.get("agents"), "seconds": round(total, 3),
                 "baseline_seconds": round(base_s, 3),
                 "twin_runs": mine.metadata.get("twin_runs", 0),
                 "twin_seconds": mine.metadata.get("twin_seconds", 0.0),
                 "decisions": len(mine.decisions)})
    return Comparison(base, mine, table.copy(), kpis, timeline(scn, base, mine), meta)


def _num(value: float, sign: bool = False) -> str:
    if pd.isna(value):
        return t("table.na")
    text = i18n.number(value, 1)
    return f"+{text}" if sign and value >= 0 else text
