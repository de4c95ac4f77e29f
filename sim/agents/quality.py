"""The quality rule: a worker's report, batch containment, and staff to quality assurance.

**A worker's report** (``[[quality.reports]]``, the 13:45 story): the maintenance role hears
``worker_report`` and scans the batch, the parts the reported station made in the last
``[quality.retest] window`` (or since its last recalibration, whichever is later). It
compares the scrap share of that batch (from the counts the port shows, sampled at each of
its turns) with the p-chart limit ``p0 + quality_sigma x sqrt(p0 (1 - p0) / n)`` of the
maintenance settings. Above it, the drift is confirmed and it **contains**: recalibrate the
station now, send the batch through the extended end-of-line test (``quarantine``, with
``[quality.retest]``) and switch on the changed cooling from the next time the line is off
(``cool``, with ``[quality.cooling]``), each lever only if the scenario has it. Without
either lever it only recalibrates; within the limit it keeps running (and says why).

**Staff to QA** (mechanic 3, for the planner): :func:`qa_option` is the third alternative of
the 2035 story: the first station's operators go to quality assurance in dispatch while it
is starved and come back when the material is expected; :func:`with_qa` does it only for
the hours a transfer is on its way. The twin weighs them like any other option (caught
defects save ``escape_cost - repair_cost`` each; a station standing still while it could
work costs output and lateness).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from sim.agents.journal import Action, Option, Proposal
from sim.i18n.message import Msg, at, dur, num
from sim.i18n.message import name as ident

if TYPE_CHECKING:
    from sim.agents.runtime import AgentRuntime
    from sim.line.control import Observation


def qa_option(station: str, operators: int, until: float) -> Option:
    """Send ``station``'s ``operators`` to quality assurance until ``until`` (then back)."""
    return Option(
        "reassign_staff",
        Msg("agent.quality.staff_to_qa", operators=operators, station=ident(station),
            until=at(until)),
        [Action(None, "reassign_staff", {"count": operators, "station": station}),
         Action(until, "reassign_staff", {"count": 0, "station": station})])


def with_qa(transfer: Option, station: str, operators: int, now: float,
            lead_time: float) -> Option:
    """``transfer`` plus staff to QA while the truck is on its way (back when it arrives)."""
    back = now + lead_time
    return Option(
        f"{transfer.name}+qa",
        Msg("agent.planner.both", first=transfer.description,
            second=Msg("agent.quality.staff_to_qa", operators=operators,
                       station=ident(station), until=at(back))),
        [*transfer.actions,
         Action(None, "reassign_staff", {"count": operators, "station": station}),
         Action(back, "reassign_staff", {"count": 0, "station": station})],
        transfer.outlay, transfer.co2_kg)


class Containment:
    """The maintenance role's answer to workers' reports (plain Python, rule-based).

    Args:
        runtime: The agents' link to the line.
        role: The role that journals the decisions (``maintenance``).
    """

    def __init__(self, runtime: AgentRuntime, role: str) -> None:
        self.rt = runtime
        self.role = role
        q = runtime.scenario.quality
        self.spec = q
        self.history: dict[str, list[tuple[float, int, int]]] = {}
        """Per reported station: ``(time, processed, scrapped)`` at each of the role's turns."""
        self.recalibrated: dict[str, float] = {}
        """Per station: when its last recalibration (planned maintenance) ended."""
        self.reports: list[dict[str, Any]] = []
        self.stations = sorted({r.station for r in q.reports}) if q is not None else []

    def hear(self, kind: str, data: dict[str, Any]) -> None:
        """Note a report or a finished recalibration from the role's inbox."""
        if kind == "worker_report":
            self.reports.append(data)
        elif kind == "repaired" and data.get("cause") == "maintenance":
            self.recalibrated[data["station"]] = data["time"]

    def step(self, obs: Observation) -> None:
        """Record the counts; answer the reports heard since the last turn."""
        for station in self.stations:
            processed, scrapped = obs.quality[station]
            self.history.setdefault(station, [(0.0, 0, 0)]).append(
                (obs.time, processed, scrapped))
        reports, self.reports = self.reports, []
        for report in reports:
            self.answer(report, obs)

    def batch_start(self, station: str, now: float) -> float:
        """Start of the suspect batch: the window before now, or the last recalibration."""
        window = self.spec.retest.window if self.spec.retest is not None else 6.0 * 60
        return max(now - window, self.recalibrated.get(station, 0.0))

    def answer(self, report: dict[str, Any], obs: Observation) -> None:
        """Scan the reported station's batch and decide (journaled with its reason)."""
        rt, cfg, q = self.rt, self.rt.config.maintenance, self.spec
        station = report["station"]
        since = self.batch_start(station, obs.time)
        before = next(((p, s) for t, p, s in reversed(self.history[station]) if t <= since),
                      (0, 0))
        processed, scrapped = obs.quality[station]
        n, bad = processed - before[0], scrapped - before[1]
        p0 = rt.scenario.stations[station].scrap
        limit = p0 + cfg.quality_sigma * math.sqrt(max(p0 * (1 - p0), 1e-4) / max(n, 1))
        share = bad / n if n else 0.0
        recal = Action(None, "schedule_maintenance", {
            "station": station, "machine": 0, "at": obs.time, "duration": cfg.recalibration,
            "cost": cfg.recalibration_cost})
        keep = Option("keep_running", Msg("agent.maint.keep_running", station=ident(station)))
        only = Option("recalibrate", Msg("agent.maint.recalibrate", station=ident(station),
                                         stop=dur(cfg.recalibration)),
                      [recal], outlay=cfg.recalibration_cost)
        actions, test, cool = [recal], "", ""
        if q.retest is not None:
            actions.append(Action(None, "quarantine", {"station": station, "since": since}))
            test = Msg("agent.quality.part_test", since=at(since))
        off = next((t for t, staff in obs.shift_segments if staff == 0 and t > obs.time), None)
        if q.cooling is not None and off is not None:
            actions.append(Action(None, "cool", {"station": station, "at": off}))
            cool = Msg("agent.quality.part_cool", at=at(off),
                       factor=num(q.cooling.factor, ".0%"))
        parts = bool(test or cool)
        contain = Option("contain", Msg("agent.quality.contain", station=ident(station),
                                        test=test, cool=cool),
                         actions, outlay=cfg.recalibration_cost)
        candidates = [keep, only] + ([contain] if parts else [])
        facts = {"share": num(share, ".1%"), "n": n, "limit": num(limit, ".1%"),
                 "p0": num(p0, ".1%")}
        if n > 0 and share > limit:
            choice = contain if parts else only
            reason = Msg("agent.quality.drift_found", **facts)
        else:
            choice = keep
            reason = Msg("agent.quality.no_drift", **facts)
        observed = Msg("agent.quality.observed", station=ident(station),
                       suspicion=report.get("suspicion", ""), scrapped=bad, n=n, since=at(since))
        trigger = Msg("agent.quality.report", station=ident(station))
        rt.submit(self.role, trigger, observed, Proposal(choice, candidates, reason))
