"""The decision journal: one row per decision an agent took, with every option it weighed.

A decision records when it was taken, by which agent, on what trigger, what the agent saw,
the options it weighed (each with its simulated cost, CO2, lateness and score), what it chose
and why in plain words, its autonomy level and who approved it. :meth:`Journal.frame` turns
the journal into the ``Result.decisions`` table (columns: :data:`COLUMNS`);
:func:`options_frame` lists every weighed option as its own row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sim.line.commands import Command, make_command
from sim.scenario.units import format_when

COLUMNS = (
    "id", "time_min", "time_h", "when", "agent", "trigger", "observed", "options",
    "n_options", "choice", "action", "reason", "autonomy", "status", "approved_by",
    "executed_at_h", "cost", "co2_kg", "lateness_h", "score", "forecast", "futures",
    "shortage_h", "score_p10", "score_p90", "p_shortage", "p_late", "realised",
)
"""Columns of the decision journal (``Result.decisions``).

``options`` holds a list of dicts (one per weighed option: ``option``, ``description``,
``cost``, ``co2_kg``, ``lateness_h``, ``late_units``, ``shortage_h``, ``output``, ``outlay``,
``score``, ``chosen``). ``cost``/``co2_kg``/``lateness_h``/``score`` are the chosen option's
predicted figures (NaN when nothing was simulated); with a sampled forecast they are means over
the futures, ``score`` is the ranked statistic (mean or quantile), ``score_p10``/``score_p90``
the spread, ``p_shortage``/``p_late`` the share of futures with more than 2 h of first-station
shortage / any late unit. ``forecast``: ``sampled``, ``oracle`` or ``-`` (nothing simulated);
``futures``: how many. ``realised``: what really happened over the same window (a dict of
the figures, filled in when the window is over; ``None`` before or without a forecast).
``status``: ``executed``, ``scheduled`` (approved, carried out later), ``refused``, ``noted``
(nothing to do).
"""

OPTION_FIGURES = ("cost", "co2_kg", "lateness_h", "late_units", "shortage_h", "output")
"""What the twin predicts for each option (over the look-ahead window)."""
OPTION_SPREAD = ("score_mean", *(f"{k}_{q}" for k in (*OPTION_FIGURES, "score")
                                  for q in ("p10", "p90")), "p_shortage", "p_late", "futures")
"""The forecast's spread per option (sampled: over the futures; oracle: one run)."""
CHECKED = ("shortage_h", "late_units", "lateness_h", "cost", "co2_kg", "output", "score")
"""Figures the forecast-vs-outcome table compares (:func:`forecast_check`)."""


@dataclass(frozen=True)
class Action:
    """One call of the line's control interface, at a given time.

    Attributes:
        at: When to take it (minutes); ``None``: as soon as the decision is carried out.
        method: Name of a lever (:data:`sim.line.commands.COMMANDS`).
        kwargs: Its keyword arguments.
    """

    at: float | None
    method: str
    kwargs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        make_command(self.method, self.kwargs)  # an unknown lever or argument fails here

    @property
    def command(self) -> Command:
        """The typed command (:mod:`sim.line.commands`) this action pulls."""
        return make_command(self.method, self.kwargs)

    def text(self) -> str:
        """A short human-readable rendering (``order_material(material=alloy, ...)``)."""
        args = ", ".join(f"{k}={_short(v)}" for k, v in self.kwargs.items())
        when = f" at {format_when(self.at)}" if self.at is not None else ""
        return f"{self.method}({args}){when}"


@dataclass
class Option:
    """An alternative an agent weighs.

    Attributes:
        name: Short key (``transfer_czech``, ``wait`` ...).
        description: One sentence for people.
        actions: The control calls it takes (empty: do nothing).
        outlay: Direct spend of the decision (transfer, express, outsourcing, maintenance),
            checked against the guardrail ``max_cost_per_decision``.
        co2_kg: Direct CO2 of the decision (transport, outsourcing), checked against the budget.
        predicted: The twin's figures (:data:`OPTION_FIGURES` plus ``score``), once simulated.
    """

    name: str
    description: str
    actions: list[Action] = field(default_factory=list)
    outlay: float = 0.0
    co2_kg: float = 0.0
    predicted: dict[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float:
        """The predicted score (NaN before simulation)."""
        return self.predicted.get("score", float("nan"))

    def as_row(self, chosen: bool) -> dict[str, Any]:
        """The option as one journal entry."""
        row = {"option": self.name, "description": self.description,
               "actions": "; ".join(a.text() for a in self.actions) or "none",
               "outlay": self.outlay}
        row.update({k: self.predicted.get(k, float("nan"))
                    for k in (*OPTION_FIGURES, "score", *OPTION_SPREAD)})
        row["chosen"] = chosen
        return row


@dataclass
class Proposal:
    """What a policy decided: the chosen option, the options weighed, and why.

    Attributes:
        choice: The chosen option.
        options: Every option weighed (including the chosen one).
        reason: The reason in plain words.
        observed: What the agent saw (filled in by the agent when the policy leaves it empty).
    """

    choice: Option
    options: list[Option]
    reason: str
    observed: str = ""


@dataclass
class Decision:
    """One row of the journal (see :data:`COLUMNS`)."""

    id: int
    time: float
    agent: str
    trigger: str
    observed: str
    proposal: Proposal
    autonomy: str
    status: str = "executed"
    approved_by: str = ""
    executed_at: float | None = None
    forecast: str = "-"
    """How the options were forecast: ``sampled``, ``oracle`` or ``-`` (not simulated)."""
    realised: dict[str, float] | None = None
    """What really happened over the forecast window (set when it is over)."""

    def row(self) -> dict[str, Any]:
        """The decision as a journal row."""
        p = self.proposal
        chosen = p.choice
        return {
            "id": self.id, "time_min": self.time, "time_h": self.time / 60.0,
            "when": format_when(self.time), "agent": self.agent, "trigger": self.trigger,
            "observed": self.observed,
            "options": [o.as_row(o is chosen) for o in p.options],
            "n_options": len(p.options), "choice": chosen.name,
            "action": "; ".join(a.text() for a in chosen.actions) or "none",
            "reason": p.reason, "autonomy": self.autonomy, "status": self.status,
            "approved_by": self.approved_by,
            "executed_at_h": self.executed_at / 60.0 if self.executed_at is not None
            else float("nan"),
            "cost": chosen.predicted.get("cost", float("nan")),
            "co2_kg": chosen.predicted.get("co2_kg", float("nan")),
            "lateness_h": chosen.predicted.get("lateness_h", float("nan")),
            "score": chosen.score,
            "forecast": self.forecast if chosen.predicted else "-",
            "futures": chosen.predicted.get("futures", float("nan")),
            "shortage_h": chosen.predicted.get("shortage_h", float("nan")),
            "score_p10": chosen.predicted.get("score_p10", float("nan")),
            "score_p90": chosen.predicted.get("score_p90", float("nan")),
            "p_shortage": chosen.predicted.get("p_shortage", float("nan")),
            "p_late": chosen.predicted.get("p_late", float("nan")),
            "realised": dict(self.realised) if self.realised is not None else None,
        }


class Journal:
    """The decisions of one run, in the order they were taken."""

    def __init__(self) -> None:
        self.decisions: list[Decision] = []
        """Every decision so far."""

    def add(self, time: float, agent: str, trigger: str, observed: str, proposal: Proposal,
            autonomy: str) -> Decision:
        """Append a decision and return it (its status is filled in by the caller)."""
        decision = Decision(len(self.decisions) + 1, time, agent, trigger, observed, proposal,
                            autonomy)
        self.decisions.append(decision)
        return decision

    def frame(self) -> pd.DataFrame:
        """The journal as a DataFrame with the columns :data:`COLUMNS`."""
        return pd.DataFrame([d.row() for d in self.decisions], columns=list(COLUMNS))


def empty_journal() -> pd.DataFrame:
    """An empty journal table (the baseline's: nobody decided anything)."""
    return pd.DataFrame(columns=list(COLUMNS))


def options_frame(decisions: pd.DataFrame) -> pd.DataFrame:
    """Every weighed option of a journal as its own row (``decision`` = the decision's id)."""
    rows = []
    for _, dec in decisions.iterrows():
        for opt in dec["options"]:
            rows.append({"decision": dec["id"], "when": dec["when"], "agent": dec["agent"],
                         **opt})
    return pd.DataFrame(rows)


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def forecast_check(decisions: pd.DataFrame) -> pd.DataFrame:
    """Forecast vs what happened: one row per simulated decision and figure (:data:`CHECKED`).

    Columns: ``decision``, ``when``, ``agent``, ``choice``, ``status``, ``forecast``,
    ``figure``, ``predicted`` (mean over the futures), ``p10``, ``p90``, ``realised`` (the real
    run over the same window), ``error`` (realised - predicted), ``inside`` (``p10 <=
    realised <= p90``) and ``intervened`` (a later decision was carried out inside the
    window: the open-loop forecast could not know of it, so its figures are not a fair test).
    Only decisions whose chosen option was simulated and whose window is
    over appear. With a sampled forecast about 80 % of the realised figures should fall
    inside p10-p90 if the forecast is calibrated (less when later decisions change the
    course, since the forecast is open-loop); with the oracle every error is 0 unless a later
    decision intervened.
    """
    rows = []
    for _, dec in decisions.iterrows():
        real = dec.get("realised")
        if not isinstance(real, dict) or dec.get("forecast") in (None, "-"):
            continue
        chosen = next((o for o in dec["options"] if o.get("chosen")), None)
        if chosen is None:
            continue
        end = real.get("window_end_h", float("inf"))
        later = decisions[(decisions["id"] != dec["id"])
                          & decisions["status"].isin(["executed", "scheduled"])
                          & (decisions["executed_at_h"] > dec["time_h"])
                          & (decisions["executed_at_h"] < end)]
        intervened = bool(len(later))
        for name in CHECKED:
            mean = chosen.get(name, float("nan"))
            low = chosen.get(f"{name}_p10", mean)
            high = chosen.get(f"{name}_p90", mean)
            if name == "score":
                mean = chosen.get("score_mean", mean)
            low = mean if low != low else low
            high = mean if high != high else high
            value = real[name]
            rows.append({"decision": dec["id"], "when": dec["when"], "agent": dec["agent"],
                         "choice": dec["choice"], "status": dec["status"],
                         "forecast": dec["forecast"], "figure": name, "predicted": mean,
                         "p10": low, "p90": high, "realised": value, "error": value - mean,
                         "inside": bool(low - 1e-9 <= value <= high + 1e-9),
                         "intervened": intervened})
    return pd.DataFrame(rows, columns=["decision", "when", "agent", "choice", "status",
                                       "forecast", "figure", "predicted", "p10", "p90",
                                       "realised", "error", "inside", "intervened"])
