"""The maintenance agent: run to failure, fixed intervals, or condition based; quality drift.

Policies (``[agents.maintenance] policy``):

* ``reactive``: run to failure; the repair crew comes when a machine breaks (the baseline);
* ``preventive``: maintain a machine whenever its operating time since the last renewal
  reaches ``interval``, right away (needless stops when it would have lasted, surprise
  failures when it would not);
* ``predictive``: read a noisy **condition signal** (wear: 0 = new, 1 = failure) of each
  machine; when it crosses ``threshold``, order the spare part (``spare_part_lead_time``) and
  schedule the maintenance into the next low-load window (the next time the line is off)
  that comes before the projected failure, else as soon as the part is there.

When a machine fails before its planned maintenance, the failure repair renews it: with
``call_off_after_failure`` the agent calls the planned maintenance off as soon as it hears of
the failure (``cancel_maintenance``), so the machine is not stopped a second time for nothing.

The condition signal is the line's condition sensor as the port shows it
(:attr:`Observation.condition <sim.line.control.Observation.condition>`, produced by
:class:`~sim.line.wear.ConditionSensor`): a noisy reading of the share of the machine's life
already used. The agent never sees the machine's remaining life; it projects the failure
from the reading and the machine's operating age (``age * (1 - signal) / signal`` operating
minutes more), which is right only as far as the reading is. Maintenance policies decide by
rules, not in the twin.

Independently of the policy the agent watches the scrap share of ``quality_stations`` on a
p-chart (samples of ``quality_window`` parts, limit ``p0 + quality_sigma * sqrt(p0 (1 - p0)
/ n)`` with ``p0`` the station's nominal scrap rate) and recalibrates a station whose sample
is above the limit (a short stop; see the ``quality_drift`` disruption).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from sim.agents.energy_update import bundle_update
from sim.agents.journal import Action, Option, Proposal
from sim.agents.policies import Situation
from sim.agents.quality import Containment
from sim.i18n.message import Msg, at, dur, num
from sim.i18n.message import name as ident

if TYPE_CHECKING:
    from sim.agents.policies import Policy
    from sim.agents.runtime import AgentRuntime
    from sim.line.control import Observation

MachineKey = tuple[str, int]
"""A machine as ``(station, index)``."""


class ReactiveMaintenance:
    """Run to failure: never plan maintenance (quality alarms are still acted on)."""

    def decide(self, situation: Situation) -> Proposal | None:
        """Recalibrate on a quality alarm; otherwise do nothing."""
        return _quality(situation)


class PreventiveMaintenance:
    """Maintain at a fixed operating age (``interval``), at once."""

    def decide(self, situation: Situation) -> Proposal | None:
        """Maintain a machine whose operating age reached the interval."""
        if situation.details.get("kind") == "quality":
            return _quality(situation)
        d = situation.details
        if d["age_h"] * 60 < d["interval"]:
            return None
        now = next(o for o in situation.candidates if o.name == "maintain_now")
        return Proposal(now, situation.candidates,
                        Msg("agent.maint.interval_reason", age=num(d["age_h"], ".1f"),
                            interval=dur(d["interval"])))


class PredictiveMaintenance:
    """Act on the condition signal: plan the maintenance into the next low-load window."""

    def decide(self, situation: Situation) -> Proposal | None:
        """Plan maintenance when the signal crosses the threshold."""
        if situation.details.get("kind") == "quality":
            return _quality(situation)
        d = situation.details
        if d["signal"] < d["threshold"]:
            return None
        window = next((o for o in situation.candidates if o.name == "maintain_in_window"), None)
        asap = next(o for o in situation.candidates if o.name == "maintain_asap")
        if window is not None:
            return Proposal(window, situation.candidates,
                            Msg("agent.maint.window_reason", signal=num(d["signal"], ".2f"),
                                threshold=num(d["threshold"], ".2f"),
                                failure=at(d["failure_at"])))
        return Proposal(asap, situation.candidates,
                        Msg("agent.maint.asap_reason", signal=num(d["signal"], ".2f"),
                            threshold=num(d["threshold"], ".2f"), failure=at(d["failure_at"])))


def _quality(situation: Situation) -> Proposal | None:
    d = situation.details
    if d.get("kind") != "quality":
        return None
    fix = next(o for o in situation.candidates if o.name == "recalibrate")
    return Proposal(fix, situation.candidates,
                    Msg("agent.maint.drift_reason", share=num(d["share"], ".1%"), n=d["n"],
                        limit=num(d["limit"], ".1%"), p0=num(d["p0"], ".1%")))


class Maintenance:
    """The maintenance role (plain Python; the Mesa adapter wraps it).

    Args:
        runtime: The agents' link to the line.
        policy: The maintenance rule.
    """

    role = "maintenance"

    def __init__(self, runtime: AgentRuntime, policy: Policy) -> None:
        self.rt = runtime
        self.policy = policy
        cfg = runtime.config.maintenance
        self.cfg = cfg
        scn = runtime.scenario
        names = cfg.stations or [n for n, s in scn.stations.items() if s.failures is not None]
        self.machines: list[MachineKey] = [
            (n, i) for n, s in scn.stations.items() if n in names and s.failures is not None
            and s.failures.clock == "operating" for i in range(s.machines)]
        self.planned: set[MachineKey] = set()
        """Machines with a maintenance planned and not yet done."""
        self.charts = {name: (0, 0) for name in cfg.quality_stations}
        """Per watched station: ``(processed, scrapped)`` at the start of the current sample."""
        self.containment = Containment(runtime, self.role) if scn.quality is not None else None
        """Workers' reports and batch containment (``[quality]``; :mod:`sim.agents.quality`)."""

    def step(self) -> None:
        """Note finished maintenance; read the condition sensor; check the quality charts."""
        for kind, data in self.rt.take(self.role):
            key = (data.get("station"), data.get("machine"))
            if kind == "repaired" and data.get("cause") == "maintenance":
                self.planned.discard(key)
            elif kind == "breakdown" and data.get("cause") == "failure" and key in self.planned \
                    and self.cfg.call_off_after_failure:
                self.call_off(key)
            if self.containment is not None:
                self.containment.hear(kind, data)
        obs = self.rt.observe()
        for key in self.machines:
            if key not in self.planned and obs.states[key[0]][key[1]] != "down":
                self.check(key, obs)
        for station in self.charts:
            self.chart(station, obs)
        if self.containment is not None:
            self.containment.step(obs)

    def call_off(self, key: MachineKey) -> None:
        """A machine failed before its planned maintenance; its repair renews it: call it off."""
        station, index = key
        name = Msg("agent.maint.machine", station=ident(station), index=index)
        cancel = Option("cancel_maintenance", Msg("agent.maint.cancel", machine=name),
                        [Action(None, "cancel_maintenance", {"station": station,
                                                              "machine": index})])
        keep = Option("keep_plan", Msg("agent.maint.keep_plan", machine=name))
        proposal = Proposal(cancel, [keep, cancel], Msg("agent.maint.cancel_reason",
                                                        machine=name))
        self.rt.submit(self.role, Msg("agent.maint.renewed", machine=name),
                       Msg("agent.maint.observed_renewed", machine=name), proposal)
        self.planned.discard(key)

    def low_load_window(self, after: float, obs: Observation) -> float | None:
        """Start of the next period the line is off (outside shifts) at or after ``after``."""
        for t, staff in obs.shift_segments:
            if staff == 0 and t >= after:
                return t
        return None

    def check(self, key: MachineKey, obs: Observation) -> None:
        """Ask the policy about one machine."""
        rt, cfg = self.rt, self.cfg
        station, index = key
        signal = obs.condition[station][index]
        age = obs.machine_age[station][index] or 0.0
        if signal is None:
            return
        operating = obs.operating[station][index]
        share = operating / rt.now if rt.now > 0 else 0.5
        remaining = age * (1 - signal) / signal if signal > 0 else float("inf")
        failure_at = rt.now + remaining / max(share, 0.05)
        ready = rt.now + cfg.spare_part_lead_time
        window = self.low_load_window(ready, obs)
        name = Msg("agent.maint.machine", station=ident(station), index=index)
        cost = cfg.cost + cfg.spare_part_cost
        kw = {"station": station, "machine": index, "duration": cfg.duration, "cost": cost}
        candidates = [Option("run_to_failure", Msg("agent.maint.run_to_failure", machine=name))]
        if window is not None and window < failure_at:
            candidates.append(Option(
                "maintain_in_window", Msg("agent.maint.in_window", machine=name, window=at(window)),
                [Action(None, "schedule_maintenance", dict(kw, at=window))], outlay=cost))
        candidates.append(Option(
            "maintain_asap", Msg("agent.maint.asap", machine=name, ready=at(ready)),
            [Action(None, "schedule_maintenance", dict(kw, at=ready))], outlay=cost))
        candidates.append(Option(
            "maintain_now", Msg("agent.maint.now", machine=name),
            [Action(None, "schedule_maintenance", dict(kw, at=rt.now))], outlay=cost))
        details: dict[str, Any] = {
            "kind": "machine", "machine": name, "signal": signal,
            "threshold": cfg.threshold, "age_h": age / 60, "interval": cfg.interval,
            "failure_at": failure_at}
        situation = Situation(rt.now, Msg("agent.maint.condition_check", machine=name), obs,
                              candidates, lambda opts: opts, rt.config.weights, details)
        proposal = self.policy.decide(situation)
        if proposal is None or not proposal.choice.actions:
            return
        proposal = bundle_update(proposal, obs, rt.scenario, name, share)  # [energy.updates]
        observed = Msg("agent.maint.observed", machine=name, signal=num(signal, ".2f"),
                       threshold=num(cfg.threshold, ".2f"), age=num(age / 60, ".1f"),
                       busy=num(share, ".0%"))
        trigger = (Msg("agent.maint.signal_trigger") if cfg.policy == "predictive"
                   else Msg("agent.maint.due", machine=name))
        decision = self.rt.submit(self.role, trigger, observed, proposal)
        if decision.status in ("executed", "scheduled"):
            self.planned.add(key)

    def chart(self, station: str, obs: Observation) -> None:
        """One p-chart check of ``station``'s scrap share."""
        rt, cfg = self.rt, self.cfg
        processed, scrapped_total = obs.quality[station]
        start_n, start_s = self.charts[station]
        n = processed - start_n
        if n < cfg.quality_window:
            return
        scrapped = scrapped_total - start_s
        self.charts[station] = (processed, scrapped_total)
        p0 = rt.scenario.stations[station].scrap
        limit = p0 + cfg.quality_sigma * math.sqrt(max(p0 * (1 - p0), 1e-4) / n)
        share = scrapped / n
        if share <= limit:
            return
        fix = Option("recalibrate", Msg("agent.maint.recalibrate", station=ident(station),
                                        stop=dur(cfg.recalibration)),
                     [Action(None, "schedule_maintenance", {
                         "station": station, "machine": 0, "at": rt.now,
                         "duration": cfg.recalibration, "cost": cfg.recalibration_cost})],
                     outlay=cfg.recalibration_cost)
        keep = Option("keep_running", Msg("agent.maint.keep_running", station=ident(station)))
        details = {"kind": "quality", "station": station, "share": share, "limit": limit,
                   "p0": p0, "n": n}
        situation = Situation(rt.now, Msg("agent.maint.quality_alarm", station=ident(station)),
                              obs, [keep, fix], lambda opts: opts, rt.config.weights, details)
        proposal = self.policy.decide(situation)
        if proposal is None:
            return
        observed = Msg("agent.maint.observed_quality", station=ident(station), scrapped=scrapped,
                       n=n, share=num(share, ".1%"))
        rt.submit(self.role, Msg("agent.maint.chart", station=ident(station)), observed, proposal)
