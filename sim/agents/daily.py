"""The planner's daily report (issue #14 mechanic 5): the day's balance and two proposals.

With ``[agents.planner] daily_report = "16:30"`` the planner writes, every day at that clock
time ``T``, one journal entry with

1. **the day's balance**: the day is the 24 h before ``T`` (the first day starts at the
   beginning of the run). For the line as it ran (with the agents) and for the same day
   *without agents*, it gives ``output [units]`` (good units finished in the day), ``on-time
   delivery [%]`` (orders due in the day that were finished by their due date; without an
   order book: units delivered in the day that were on time), ``energy [kWh]`` and
   ``cost [<currency>]`` (the KPI definitions of :mod:`sim.results.kpis`, over the day);
2. **two proposals for tomorrow**, each simulated over the next 24 h by the honest sampled
   forecast (:class:`~sim.agents.twin.Twin`, ``forecast = "sampled"`` always, whatever the
   scenario's mode), against carrying on as planned, and ranked (see :func:`rank`).

**How the counterfactual is computed, and what it may use.** The balance is a statement
about the *past*, like a plant's accounts. "The same day without agents" is the run of the
same scenario and seed with every agent off (the paired baseline of
:mod:`sim.experiments.paired`: the same random streams), advanced to ``T`` alongside the real
run and measured over the same 24 h. It may use everything that has happened up to ``T``:
the scripted shocks whose effects fell before ``T`` and the luck the line drew. Two cautions:
it differs from the real day also by the agents' earlier days (the paths diverge from the
first decision on; it is "normal operation this week", not "today without today's
decisions"); and because every station draws its process times from its own stream in
order, the baseline may consume draws that the real line has not used yet (when it makes
more parts). These numbers are never used by a decision: the balance goes to the journal and
the table (:attr:`DailyReport.rows`, ``Result.daily``) only. The proposals are ranked by the
sampled forecast alone, which re-seeds every stream at ``T`` (:func:`sim.line.forecast.branch`)
and removes shocks nobody has announced: the agent never sees tomorrow's real random numbers.

The balance of the real line reads the plant's books (meters and accounts) the way the
journal's ``realised`` figures do (:meth:`~sim.agents.twin.Twin.watch`): bookkeeping, not an
input to any choice.

With ``daily_adopt = true`` the first-ranked proposal is carried out (through the usual
autonomy rules: ``recommend`` asks a person); otherwise the entry is only noted.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from sim.agents.journal import Action, Option, Proposal
from sim.agents.twin import Twin
from sim.i18n.message import Msg, at, num, option_name
from sim.line.model import LineModel
from sim.results.kpis import line_kpis, station_table
from sim.results.names import KPI
from sim.scenario.units import DAY

if TYPE_CHECKING:
    from sim.agents.runtime import AgentRuntime
    from sim.line.control import Observation

TOLERANCE = 1e-6
"""Differences smaller than this count as none."""


def books(model: LineModel) -> dict[str, float]:
    """Cumulative output, energy and cost of ``model`` now, and its delivered-unit counts."""
    kpis = line_kpis(model, station_table(model))
    currency = model.scenario.economics.currency
    return {"output": float(kpis[KPI.OUTPUT]), "energy_kwh": float(kpis[KPI.ENERGY]),
            "cost": float(kpis[KPI.cost(currency)]), "due_units": float(model.due_units),
            "late_units": float(model.late_units)}


def energy_figure(model: LineModel) -> dict[str, float]:
    """The twin's extra figure: energy metered so far (kWh)."""
    return {"energy_kwh": float(line_kpis(model, station_table(model))[KPI.ENERGY])}


def on_time(model: LineModel, start: float, end: float, before: dict[str, float],
            after: dict[str, float]) -> float:
    """On-time delivery [%] of the window ``[start, end)`` (NaN: nothing was due).

    With an order book: the orders due in the window, on time if finished by their due date.
    Otherwise: the units delivered in the window, on time if by their due date.
    """
    orders = [o for o in model.release.orders.values()
              if not o.cancelled and start <= o.due < end]
    if orders:
        good = sum(1 for o in orders if o.finished_at is not None and o.finished_at <= o.due
                   + 1e-9)
        return 100.0 * good / len(orders)
    due = after["due_units"] - before["due_units"]
    if model.scenario.release.kind != "orders" and due > 0:
        return 100.0 * (1 - (after["late_units"] - before["late_units"]) / due)
    return float("nan")


def per_unit(predicted: dict[str, float]) -> float:
    """Predicted energy per good unit (kWh/unit) of a window; infinite without output."""
    out = predicted["output"]
    return predicted["energy_kwh"] / out if out > TOLERANCE else math.inf


def rank(options: list[Option], reference: Option) -> list[tuple[Option, str]]:
    """The two proposals for tomorrow, ranked, each with what it was picked for.

    Every option's predicted mean figures over the next 24 h are compared with ``reference``
    (carrying on as planned). The *reliability* pick is the option with the largest reduction
    of unit-hours late (ties: of ``P(late)``); the *energy* pick the one with the lowest energy
    per good unit (kWh/unit: making less is no saving) among those that add no unit-hours
    late. Each must improve on the reference by its own criterion, and the two differ.
    Ranking: the reliability pick first, then the energy pick (delivery before energy); one
    alone if only one improves, none if nothing does.
    """
    ref = reference.predicted

    def late(o: Option) -> tuple[float, float]:
        return (o.predicted["lateness_h"] - ref["lateness_h"],
                o.predicted["p_late"] - ref["p_late"])

    out: list[tuple[Option, str]] = []
    reliable = [o for o in options if late(o)[0] < -TOLERANCE
                or (abs(late(o)[0]) <= TOLERANCE and late(o)[1] < -TOLERANCE)]
    if reliable:
        out.append((min(reliable, key=lambda o: (late(o), per_unit(o.predicted))),
                    "reliability"))
    green = [o for o in options if per_unit(o.predicted) < per_unit(ref) - TOLERANCE
             and late(o)[0] <= TOLERANCE and all(o is not p for p, _ in out)]
    if green:
        out.append((min(green, key=lambda o: per_unit(o.predicted)), "energy"))
    return out


class DailyReport:
    """The planner's daily report (see the module docstring).

    Args:
        runtime: The agents' link to the line.
        role: The role that journals the report (``planner``).
    """

    def __init__(self, runtime: AgentRuntime, role: str) -> None:
        self.rt = runtime
        self.role = role
        settings = runtime.config.planner
        self.clock: float | None = settings.daily_report
        self.adopt = settings.daily_adopt
        self.rows: list[dict[str, Any]] = []
        """The daily balance, one row per day and KPI (``Result.daily``)."""
        self.next_at = math.inf
        if self.clock is None:
            return
        self.next_at = self._next(0.0)
        runtime.alarm(self.next_at)
        scn = runtime.scenario
        self.baseline = LineModel(scn, seed=runtime.twin.seed, event_log=False)
        """The same scenario and seed with every agent off (the counterfactual)."""
        self.twin = Twin(scn, runtime.twin.seed, runtime.config.model_copy(
            update={"look_ahead": DAY, "forecast": "sampled"}), extra=energy_figure)
        self._last = (0.0, books(runtime.line), books(self.baseline))

    def _next(self, now: float) -> float:
        at_ = math.floor(now / DAY) * DAY + self.clock
        return at_ if at_ > now + 1e-9 else at_ + DAY

    def step(self) -> None:
        """Write the report when its clock time has come."""
        rt = self.rt
        if rt.now + 1e-9 < self.next_at:
            return
        now = self.next_at
        self.next_at = self._next(now)
        if self.next_at < rt.scenario.horizon:
            rt.alarm(self.next_at)
        start = max(0.0, now - DAY)
        self.baseline.run(now)
        rt.line.flush()
        real, base = books(rt.line), books(self.baseline)
        _, last_real, last_base = self._last
        self._last = (now, real, base)
        balance = self._balance(start, now, (last_real, real), (last_base, base))
        self._propose(now, balance)

    def _balance(self, start: float, end: float, real: tuple[dict, dict],
                 base: tuple[dict, dict]) -> dict[str, tuple[float, float]]:
        currency = self.rt.scenario.economics.currency
        values: dict[str, tuple[float, float]] = {}
        pairs = ((KPI.OUTPUT, "output"), (KPI.ENERGY, "energy_kwh"),
                 (KPI.cost(currency), "cost"))
        for kpi, key in pairs:
            values[kpi] = (real[1][key] - real[0][key], base[1][key] - base[0][key])
        values[KPI.ON_TIME] = (on_time(self.rt.line, start, end, *real),
                               on_time(self.baseline, start, end, *base))
        day = int(end // DAY) + 1
        for kpi in (KPI.OUTPUT, KPI.ON_TIME, KPI.ENERGY, KPI.cost(currency)):
            with_, without = values[kpi]
            self.rows.append({"day": day, "from_h": start / 60.0, "to_h": end / 60.0,
                              "kpi": kpi, "with agents": with_, "without agents": without,
                              "difference": with_ - without})
        return values

    # -- proposals -----------------------------------------------------------------------------
    def candidates(self, obs: Observation) -> list[Option]:
        """Carry on as planned, and the levers for tomorrow that the line offers."""
        scn, now = self.rt.scenario, obs.time
        tomorrow = now + DAY
        options = [Option("as_planned", Msg("agent.daily.as_planned"))]
        cal = scn.calendar
        if cal is not None and obs.overtime_max > 0:
            current = obs.overtime_max
            options.append(Option("skip_overtime", Msg("agent.daily.skip_overtime"), [
                Action(None, "set_overtime", {"max_minutes": 0.0}),
                Action(tomorrow, "set_overtime", {"max_minutes": current})]))
        if cal is not None and cal.overtime.max > 0:
            more = cal.overtime.max * 1.5
            options.append(Option("more_overtime", Msg("agent.daily.more_overtime",
                                                       extra=num(more / 60, ".1f")), [
                Action(None, "set_overtime", {"max_minutes": more}),
                Action(tomorrow, "set_overtime", {"max_minutes": obs.overtime_max})]))
        future = sorted((o["release"], n) for n, o in obs.open_orders.items()
                        if now < o["release"] < tomorrow)
        if future:
            order = future[0][1]
            options.append(Option("pull_forward", Msg("agent.daily.pull_forward", order=order),
                                  [Action(None, "pull_forward", {"order": order})]))
        if obs.wip > 0 and scn.release.kind != "push":
            cap = max(1, obs.wip // 2)
            options.append(Option("wip_cap", Msg("agent.daily.wip_cap", cap=cap), [
                Action(None, "set_wip_cap", {"cap": cap}),
                Action(tomorrow, "set_wip_cap", {"cap": scn.release.wip_cap})]))
        return options

    def _propose(self, now: float, balance: dict[str, tuple[float, float]]) -> None:
        rt = self.rt
        obs = rt.observe()
        options = self.candidates(obs)
        history = list(rt.line.control.actions) + list(rt.planned)
        runs = self.twin.runs
        delay = rt.config.human_reaction_delay if rt.levels[self.role] == "recommend" else 0.0
        self.twin.evaluate(now, history, options, delay, rt.holds())
        rt.twin.runs += self.twin.runs - runs  # the report's forward runs count as the twin's
        reference = options[0]
        picks = rank(options[1:], reference)
        cur = rt.scenario.economics.currency
        (out, out0), (kwh, kwh0), (cost, cost0), (ot, ot0) = (
            balance[k] for k in (KPI.OUTPUT, KPI.ENERGY, KPI.cost(cur), KPI.ON_TIME))
        observed = Msg("agent.daily.observed", start=at(max(0.0, now - DAY)), end=at(now),
                       out=num(out), out0=num(out0), ot=_pct(ot), ot0=_pct(ot0),
                       kwh=num(kwh), kwh0=num(kwh0), cost=num(cost), cost0=num(cost0), cur=cur)
        ranked = [Msg("agent.daily.pick", n=i + 1, option=option_name(o.name),
                      why=Msg(f"agent.daily.{why}"),
                      late=num(o.predicted["lateness_h"] - reference.predicted["lateness_h"],
                               "+,.1f"),
                      kwh=num(per_unit(o.predicted) - per_unit(reference.predicted),
                              "+,.2f"))
                  for i, (o, why) in enumerate(picks)]
        if not ranked:
            reason = Msg("agent.daily.none")
        elif len(ranked) == 1:
            reason = Msg("agent.daily.reason_one", first=ranked[0])
        else:
            reason = Msg("agent.daily.reason", first=ranked[0], second=ranked[1])
        if self.adopt and picks:
            choice = picks[0][0]
        else:
            choice = Option("report", Msg("agent.daily.noted"))
        trigger = Msg("agent.daily.trigger", clock=at(now))
        main, rt.twin = rt.twin, self.twin  # the journal's "realised" over the same 24 h window
        try:
            rt.submit(self.role, trigger, observed, Proposal(choice, options, reason))
        finally:
            rt.twin = main

    def frame(self) -> pd.DataFrame | None:
        """The daily balance as a table (``None`` without ``daily_report``)."""
        if self.clock is None:
            return None
        return pd.DataFrame(self.rows, columns=["day", "from_h", "to_h", "kpi", "with agents",
                                                "without agents", "difference"])


def _pct(value: float) -> Any:
    return "-" if value != value else num(value, ".1f")
