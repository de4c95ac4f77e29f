"""The lecturer's class board, plain Python: each team's choice, KPIs, leaderboard, debrief.

:func:`entries` reads every team of a :class:`~sim.dashboard.classroom.Classroom` (and the
reference runs for each team's configuration: the agent alone, and waiting); the other
functions turn them into what the projector shows and what the lecturer exports. This
replaces passing CSV files around for the class comparison notebook (which stays as the
offline fallback). Every table carries the SYNTHETIC label and the fingerprints of its runs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from sim.dashboard.classroom import Classroom, Team
from sim.dashboard.vignette import REASON, class_score
from sim.i18n import kpi_label, number, option_label, ui
from sim.labels import SYNTHETIC_LABEL, mark_synthetic
from sim.results.result import Result

BOARD_KPIS = ("on-time delivery [%]", "late units [units]",
              "material shortage at first station [h]", "cost [EUR]", "CO2 [kg]")
"""The KPIs on the board and in the export."""


@dataclass(frozen=True)
class Entry:
    """One line of the board: a team, or a reference (the agent alone, or waiting)."""

    who: str
    """``"team"``, ``"agent"`` or ``"wait"``."""
    name: str
    config: str
    """Scenario, seed and changed parameters, e.g. ``"supply_disruption · seed 1"``."""
    state: str
    """``"setup"``, ``"playing"``, ``"question"`` (at the disruption) or ``"finished"``."""
    choice: str
    """The option picked at the disruption (empty: none yet)."""
    kpis: dict[str, float]
    """:data:`BOARD_KPIS` of the finished run (empty until finished)."""
    score: float | None
    fingerprint: str

    @property
    def finished(self) -> bool:
        """Whether the run reached its end."""
        return self.state == "finished"


def _config(team: Team, name: str) -> str:
    settings = team.snapshot.settings
    changed = ", ".join(f"{p.rsplit('.', 1)[0].split('.')[-1]} {v:g}" if isinstance(v, float)
                        else f"{p} {v}" for p, v in sorted(settings.params.items()))
    return f"{name} · seed {settings.seed}" + (f" · {changed}" if changed else "")


def _kpis(result: Result) -> dict[str, float]:
    return {k: float(result.kpis[k]) for k in BOARD_KPIS if k in result.kpis.index}


def _planner_pick(result: Result, at: float | None) -> str:
    journal = result.decisions
    if journal is None or journal.empty:
        return ""
    rows = journal[journal["agent"] == "planner"]
    if at is not None and (rows["time_min"] == at).any():
        rows = rows[rows["time_min"] == at]
    return str(rows["choice"].iloc[0]) if len(rows) else ""


def entries(classroom: Classroom) -> list[Entry]:
    """Every team of the class, then the references of each configuration a team finished."""
    out: list[Entry] = []
    refs: dict[str, Entry] = {}
    for team in classroom.teams:
        snap = team.snapshot
        name = classroom.scenario_name(team)
        config = _config(team, name)
        if snap.done:
            state = "finished"
        elif team.request is not None:
            state = "question"
        else:
            state = "playing" if snap.now > 0 else "setup"
        kpis = _kpis(snap.result) if snap.done else {}
        out.append(Entry("team", team.name, config, state, team.choice or "", kpis,
                         class_score(snap.result.kpis) if snap.done else None,
                         snap.result.fingerprint))
        if not snap.done:
            continue
        journal = snap.result.decisions
        mine = journal[journal["reason"] == REASON] if journal is not None and len(journal) else []
        at = float(mine["time_min"].iloc[0]) if len(mine) else None
        for who, result in classroom.cached_references(team).items():
            key = f"{who}|{config}"
            if key not in refs:
                pick = _planner_pick(result, at) if who == "agent" else "wait"
                refs[key] = Entry(who, who, config, "finished", pick, _kpis(result),
                                  class_score(result.kpis), result.fingerprint)
    return out + list(refs.values())


def _who(entry: Entry) -> str:
    return entry.name if entry.who == "team" else ui(f"class.ref_{entry.who}")


def team_table(items: list[Entry]) -> pd.DataFrame:
    """The board's main table: one row per team (and reference), labels in the language."""
    rows = []
    for e in items:
        row = {ui("class.col_team"): _who(e), ui("class.col_config"): e.config,
               ui("class.col_state"): ui(f"class.state_{e.state}"),
               ui("class.col_choice"): option_label(e.choice) if e.choice else "–"}
        for k in BOARD_KPIS:
            row[kpi_label(k)] = number(e.kpis[k], 0 if abs(e.kpis[k]) >= 100 else 1) \
                if k in e.kpis else "–"
        row[ui("class.col_score")] = number(e.score, 0) if e.score is not None else "–"
        rows.append(row)
    table = pd.DataFrame(rows)
    return table.set_index(ui("class.col_team")) if len(table) else table


def leaderboard(items: list[Entry]) -> pd.DataFrame:
    """Finished teams and references by class score (lower is better), ranked from 1."""
    done = sorted((e for e in items if e.finished), key=lambda e: e.score)
    table = pd.DataFrame([{ui("class.col_rank"): i + 1, ui("class.col_team"): _who(e),
                           ui("class.col_choice"): option_label(e.choice),
                           ui("class.col_score"): number(e.score, 0)}
                          for i, e in enumerate(done)])
    return table.set_index(ui("class.col_rank")) if len(table) else table


def choice_counts(items: list[Entry]) -> dict[str, int]:
    """How many teams picked each option (teams that have picked)."""
    counts: dict[str, int] = {}
    for e in items:
        if e.who == "team" and e.choice:
            counts[e.choice] = counts.get(e.choice, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def debrief(items: list[Entry]) -> list[str]:
    """The debrief questions of notebook 1, filled in with the class's own numbers."""
    teams = [e for e in items if e.who == "team" and e.finished]
    agents = [e for e in items if e.who == "agent"]
    waits = [e for e in items if e.who == "wait"]
    if not teams:
        return [ui("class.debrief_none")]
    out = []
    if agents:
        agent = agents[0]
        same = sum(1 for e in teams if e.choice == agent.choice)
        out.append(ui("class.q_same", same=same, n=len(teams),
                      option=option_label(agent.choice)))
    best = min(teams, key=lambda e: e.score)
    if agents and waits:
        out.append(ui("class.q_best", team=best.name, score=number(best.score, 0),
                      agent=number(agents[0].score, 0), wait=number(waits[0].score, 0)))
    late = [e.kpis["late units [units]"] for e in teams]
    out.append(ui("class.q_late", low=number(min(late), 0), high=number(max(late), 0)))
    co2 = [e.kpis["CO2 [kg]"] for e in teams]
    out.append(ui("class.q_co2", low=number(min(co2), 0), high=number(max(co2), 0)))
    if waits:
        out.append(ui("class.q_wait", hours=number(
            waits[0].kpis["material shortage at first station [h]"], 0)))
    return out


def export_table(classroom: Classroom) -> pd.DataFrame:
    """The class's results as plain numbers (English identifiers), one row per entry.

    The table is stamped SYNTHETIC (``attrs``); each row names its run's fingerprint.
    """
    items = entries(classroom)
    table = pd.DataFrame([{"who": e.who, "name": e.name, "config": e.config, "state": e.state,
                           "choice": e.choice, **{k: e.kpis.get(k) for k in BOARD_KPIS},
                           "class_score": e.score, "fingerprint": e.fingerprint}
                          for e in items],
                         columns=["who", "name", "config", "state", "choice", *BOARD_KPIS,
                                  "class_score", "fingerprint"])
    fingerprints = sorted({e.fingerprint for e in items})
    mark_synthetic([table], "; ".join(fingerprints) or "no runs")
    return table


def export_csv(classroom: Classroom) -> str:
    """The class's results as CSV text; the first line is the SYNTHETIC label."""
    table = export_table(classroom)
    buffer = io.StringIO()
    buffer.write(f"# {SYNTHETIC_LABEL} | class results | {table.attrs['fingerprint']}\n")
    table.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def xlsx_available() -> bool:
    """Whether the xlsx export can be written (``openpyxl`` is installed)."""
    return find_spec("openpyxl") is not None


def export_xlsx(classroom: Classroom, path: Path | BinaryIO) -> Path | BinaryIO:
    """Write the class's results as an xlsx workbook: the label in A1, the table below it.

    Args:
        classroom: The class.
        path: A file path or a binary buffer.

    Raises:
        ModuleNotFoundError: Without ``openpyxl``.
    """
    table = export_table(classroom)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name="SYNTHETIC class results", index=False, startrow=2)
        sheet = writer.sheets["SYNTHETIC class results"]
        sheet["A1"] = f"{SYNTHETIC_LABEL} | class results"
        sheet["A2"] = table.attrs["fingerprint"]
    return path
