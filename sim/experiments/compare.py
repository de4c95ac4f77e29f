"""``sim.compare``: the same scenario and seed with nobody, a slow person and the agents.

The comparison set (a ladder of counterfactuals): **nobody** reacts (agents off, the line
waits); a **person** who takes the same decision after a reaction delay (default: 24 h; the
agents in ``recommend`` mode with production management approving after the delay, and no
supply tracking: the person hears of an outage from the supplier's report); and the
**agents** as the scenario configures them. All runs use the same seed, so every random
stream (processing times, breakdowns, lead times) draws the same numbers in each: the
differences come from who decided what and when, not from luck (common random numbers).
The :class:`Comparison` holds the results, the end-of-day balance (:data:`BALANCE`, with
absolute and % deltas of agents vs nobody, and every rung in :attr:`Comparison.ladder`),
every KPI, and a narrative timeline in plain words.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sim import i18n
from sim.agents.journal import options_frame
from sim.agents.setup import agent_levels, as_person
from sim.errors import PlotError
from sim.experiments.narrative import timeline
from sim.i18n import t
from sim.labels import SYNTHETIC_LABEL
from sim.results.html import comparison_html
from sim.results.io import (
    atomic_directory,
    json_text,
    write_figures_safely,
    write_labelled_csv,
)
from sim.results.labelled import Labelled
from sim.results.names import HEADLINE
from sim.results.outdir import saved_metadata
from sim.results.result import Result
from sim.runner import run
from sim.scenario import Scenario, load_scenario
from sim.scenario.units import parse_duration

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BALANCE = HEADLINE
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
        metadata: Scenario, hash, seed, version, agents' levels, timing (wall-clock seconds,
            not saved), SYNTHETIC label.
        people: Per person rung (``person 24 h``): its run.
        ladder: The balance KPIs for every rung: ``nobody``, each person, ``agents``.
    """

    baseline: Result
    agents: Result
    table: pd.DataFrame
    kpis: pd.DataFrame
    timeline: list[str]
    metadata: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Result] = field(default_factory=dict)
    ladder: pd.DataFrame = field(default_factory=pd.DataFrame)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The comparison's own tables by file stem (each run has its own)."""
        tables = {"balance": self.table, "kpis_compared": self.kpis}
        if len(self.ladder):
            tables["ladder"] = self.ladder
        return tables

    @property
    def decisions(self) -> pd.DataFrame:
        """The agents' decision journal."""
        return self.agents.decisions

    def balance_text(self) -> str:
        """The end-of-day balance as aligned text under the SYNTHETIC banner.

        Columns: nobody reacts, each person rung (a person deciding after a delay), the agents,
        and the agents' difference to nobody. Headers, KPI names, the label and the decimal
        mark follow the current language (:func:`sim.set_language`); the numbers do not change.
        """
        banner = i18n.banner(self.metadata)
        names = [i18n.kpi_label(str(k)) for k in self.table.index]
        people = list(self.people)
        width = max(len(n) for n in [*names, t("table.balance")])
        rungs = [t("table.person", delay=p.removeprefix("person ")) for p in people]
        heads = [t("table.baseline"), *rungs, t("table.agents"), t("table.delta")]
        col = max(11, *(len(h) for h in heads))
        lines = [banner, "-" * min(len(banner), 100),
                 f"{t('table.balance'):<{width}}  " + "  ".join(f"{h:>{col}}" for h in heads)
                 + f"  {t('table.delta_pct'):>8}"]
        for name, (key, row) in zip(names, self.table.iterrows(), strict=True):
            pct = "" if pd.isna(row["delta_pct"]) else _num(row["delta_pct"], sign=True) + "%"
            cells = [_num(row["baseline"]), *(_num(self.ladder.loc[key, p]) for p in people),
                     _num(row["agents"]), _num(row["delta"], sign=True)]
            lines.append(f"{name:<{width}}  " + "  ".join(f"{c:>{col}}" for c in cells)
                         + f"  {pct:>8}")
        lines.append(t("table.delta_note", forecast=self.metadata.get("forecast", "?")))
        return "\n".join(lines)

    def timeline_text(self) -> str:
        """The narrative timeline under the SYNTHETIC banner (in the current language)."""
        return "\n".join([i18n.banner(self.metadata), t("table.timeline"), *self.timeline])

    def _repr_html_(self) -> str:
        return comparison_html(self)

    def __repr__(self) -> str:
        return f"<Comparison {self.fingerprint}: {len(self.decisions)} decisions; " \
               f"{SYNTHETIC_LABEL}>"

    def save(self, directory: str | Path,
             figures: Mapping[str, Figure] | None = None) -> Path:
        """Write both results, the tables and the timeline into ``directory``, atomically.

        The directory appears at once or not at all (written into a staging folder first);
        it must be new, empty or hold an earlier comparison (see
        :func:`sim.results.outdir.check_out_dir`).

        Args:
            directory: Target directory (created or replaced).
            figures: Drawn figures to save as ``<stem>.png``; a stem may name a sub-folder
                (``baseline/kpis``). :func:`sim.plots.comparison_figures` draws all of them.

        Returns:
            The directory.

        Raises:
            ScenarioError: If ``directory`` is a file or holds anything but a comparison.
            PlotError: If a plot could not be drawn (the tables were saved).
        """
        with atomic_directory(directory, "compare") as tmp:
            self.baseline.save(tmp / "baseline")
            self.agents.save(tmp / "agents")
            for name, result in self.people.items():
                result.save(tmp / name.replace(" ", "_"))
            label = (SYNTHETIC_LABEL, self.fingerprint)
            for stem, table in self.tables().items():
                write_labelled_csv(table, tmp / f"{stem}.csv", *label)
            write_labelled_csv(options_frame(self.decisions), tmp / "options.csv", *label)
            (tmp / "timeline.txt").write_text(self.timeline_text() + "\n", encoding="utf-8")
            (tmp / "metadata.json").write_text(json_text(saved_metadata(self.metadata)),
                                               encoding="utf-8")
            problem = write_figures_safely(tmp, figures or {}, self.metadata)
        if problem:
            raise PlotError(Path(directory), problem)
        return Path(directory)


def compare(scenario: Scenario | str | Path | Mapping[str, Any], seed: int = 0, *,
            agents: str | None = None, policies: Mapping[str, Any] | None = None,
            approver: Any = None, people: Sequence[str] = ("24 h",),
            allow_large: bool = False) -> Comparison:
    """Run ``scenario`` with nobody, a person after each delay, and the agents (same seed).

    Args:
        scenario: A scenario, a path, a shipped scenario's name or scenario data.
        seed: The seed of both runs (common random numbers).
        agents: Autonomy of every agent in the second run (default: as the scenario says; if
            the scenario has every agent off, ``"autonomous"``).
        policies: Per role a policy name or object (see :func:`sim.run`).
        approver: Who answers proposals (see :func:`sim.run`).
        people: Reaction delays of the person rungs (``()``: none, agents vs nobody only).
        allow_large: Run even if the estimated work is above the budget (see :func:`sim.run`).

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
    base = run(scn, seed, agents="off", event_log=True, allow_large=allow_large)
    base_s = time.perf_counter() - started
    mine = run(scn, seed, agents=agents, policies=policies, approver=approver, event_log=True,
               allow_large=allow_large)
    agents_s = time.perf_counter() - started - base_s
    persons = {}
    for delay in people:
        minutes = parse_duration(delay)
        persons[f"person {delay}"] = run(as_person(scn, minutes), seed, policies=policies,
                                         event_log=True, allow_large=allow_large)
    total = time.perf_counter() - started
    cur = scn.economics.currency
    names = [k.format(cur=cur) for k in BALANCE]
    kpis = kpi_delta_table(base.kpis, mine.kpis)
    table = kpis.loc[[n for n in names if n in kpis.index]]
    ladder = pd.DataFrame({"nobody": base.kpis, **{k: r.kpis for k, r in persons.items()},
                           "agents": mine.kpis}).loc[table.index]
    meta = {k: v for k, v in base.metadata.items() if k not in ("agents", "files")}
    meta.update({"agents": mine.metadata.get("agents"), "seconds": round(total, 3),
                 "baseline_seconds": round(base_s, 3), "agents_seconds": round(agents_s, 3),
                 "people": list(persons), "forecast": scn.agents.forecast,
                 "futures": scn.agents.futures,
                 "twin_runs": mine.metadata.get("twin_runs", 0),
                 "twin_seconds": mine.metadata.get("twin_seconds", 0.0),
                 "decisions": len(mine.decisions)})
    return Comparison(base, mine, table.copy(), kpis, timeline(scn, base, mine), meta, persons,
                      ladder)


def _num(value: float, sign: bool = False) -> str:
    if pd.isna(value):
        return t("table.na")
    text = i18n.number(value, 1)
    return f"+{text}" if sign and value >= 0 else text
