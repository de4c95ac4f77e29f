"""The planner's coverage projection of reorder-point materials (issue #14, mechanic 9).

The supplier agent only passes on deviations that someone reports (a delay, a lost truck).
A material under an (s, Q) reorder rule can run out without any report: when its reorder
point covers less time than the supplier's lead time. With ``[agents.planner.coverage]`` the
planner projects, every ``review``, for each such material, from what it observes only:

* ``rate``: units issued in the last ``window`` (``Observation.consumed``) per *open* minute
  of that window (minutes with staff scheduled, from ``Observation.shift_segments``); no rate
  (no projection) before ``review`` open minutes have been observed;
* the announced arrivals of open orders (``Observation.shipments``, planned times);
* whenever no order is open, the rule's next automatic order, projected from the static
  plan: it is placed when the stock falls to the reorder point ``s`` (at ``rate``) and
  arrives the supplier's *mean* lead time later (one projected cycle after another).

The stock is drawn down at ``rate`` during open minutes only; the projected stock-out is the
first moment the stock reaches zero before the next arrival, and the **gap** is the open
minutes from then until that arrival (the line's hours without the material). A gap longer
than ``min_gap`` is a situation: the planner weighs ``wait`` against ``reorder_now`` (one
more order of ``Q`` from the usual supplier, now) and against any site with stock of the
material; the policy (the twin by default) chooses, and the journal shows the projection.
Nothing here reads the line's internals or the drawn lead time of an order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.agents.journal import Action, Option
from sim.agents.policies import Situation
from sim.i18n.message import Msg, at, dur, num
from sim.i18n.message import name as ident
from sim.scenario.units import DAY

if TYPE_CHECKING:
    from sim.agents.policies import Policy
    from sim.agents.runtime import AgentRuntime
    from sim.line.control import Observation

Segments = tuple[tuple[float, int], ...]


def open_minutes(segments: Segments, start: float, end: float) -> float:
    """Minutes with staff scheduled in ``[start, end]`` (no calendar: every minute)."""
    if end <= start:
        return 0.0
    if not segments:
        return end - start
    total = 0.0
    for i, (t, staff) in enumerate(segments):
        nxt = segments[i + 1][0] if i + 1 < len(segments) else math.inf
        if staff > 0:
            lo, hi = max(t, start), min(nxt, end)
            if hi > lo:
                total += hi - lo
    return total


def after_open(segments: Segments, start: float, minutes: float) -> float:
    """The clock time at which ``minutes`` open minutes after ``start`` have passed.

    ``math.inf`` if the calendar ends first (no calendar: ``start + minutes``).
    """
    if minutes <= 0:
        return start
    if not segments:
        return start + minutes
    left = minutes
    for i, (t, staff) in enumerate(segments):
        nxt = segments[i + 1][0] if i + 1 < len(segments) else math.inf
        lo = max(t, start)
        if staff <= 0 or nxt <= lo:
            continue
        if nxt - lo >= left:
            return lo + left
        left -= nxt - lo
    return math.inf


@dataclass(frozen=True)
class Projection:
    """One coverage projection of a material.

    Attributes:
        material: The material.
        stock: Units on hand now.
        rate: Observed consumption per open minute.
        runs_out: Projected stock-out (clock minutes; ``None``: covered).
        arrival: The arrival the stock-out waits for (``None``: none before ``until``).
        gap: Open minutes without the material (to ``arrival``, or to ``until``).
        reorder_at: When the rule's first order not yet placed is projected to be placed
            (``None``: the reorder point is not reached before ``until``).
    """

    material: str
    stock: float
    rate: float
    runs_out: float | None
    arrival: float | None
    gap: float
    reorder_at: float | None


def project(material: str, stock: float, rate: float, arrivals: list[tuple[float, float]],
            segments: Segments, now: float, until: float, reorder_point: float,
            order_quantity: float, lead_mean: float, pipeline: float) -> Projection:
    """Project when ``material`` runs out and for how long (see the module docstring).

    Args:
        material: The material.
        stock: Units on hand now.
        rate: Consumption per open minute.
        arrivals: Announced arrivals ``(planned time, quantity)``.
        segments: The calendar (``Observation.shift_segments``).
        now: The clock.
        until: End of the projection (the look-ahead).
        reorder_point: The rule's ``s``.
        order_quantity: The rule's ``Q``.
        lead_mean: The supplier's mean lead time (minutes).
        pipeline: Units on order now.

    Returns:
        The projection.
    """
    arrivals = sorted((t, q) for t, q in arrivals if t >= now - 1e-9)
    reorder_at = None
    pending = pipeline
    level, t = stock, now
    for _ in range(1000):  # a projected cycle per rule order; bounded for safety
        if pending <= 0 and rate > 0:
            placed = after_open(segments, t, max(0.0, level - reorder_point) / rate)
            if placed < until:
                reorder_at = placed if reorder_at is None else reorder_at
                arrivals = sorted([*arrivals, (placed + lead_mean, order_quantity)])
                pending = order_quantity
        if not arrivals or arrivals[0][0] >= until:
            break
        due, qty = arrivals.pop(0)
        use = rate * open_minutes(segments, t, due)
        if use > level + 1e-9:
            out = after_open(segments, t, level / rate)
            return Projection(material, stock, rate, out, due,
                              open_minutes(segments, out, due), reorder_at)
        level, t, pending = level - use + qty, due, max(0.0, pending - qty)
    if rate > 0:
        out = after_open(segments, t, level / rate)
        if out < until:
            return Projection(material, stock, rate, out, None,
                              open_minutes(segments, out, until), reorder_at)
    return Projection(material, stock, rate, None, None, 0.0, reorder_at)


class CoverageWatch:
    """The planner's periodic coverage review (off without ``[agents.planner.coverage]``).

    Args:
        runtime: The agents' link to the line.
        role: The role that decides (the planner).
        policy: The planner's policy.
    """

    def __init__(self, runtime: AgentRuntime, role: str, policy: Policy) -> None:
        self.rt = runtime
        self.role = role
        self.policy = policy
        self.cfg = runtime.config.planner.coverage
        self.history: list[tuple[float, dict[str, float]]] = [(0.0, {})]
        """Observed ``(time, consumed so far)`` (for the trailing rate)."""
        self.handled: set[tuple[object, ...]] = set()
        self.next_review = 0.0
        mats = runtime.scenario.materials
        self.materials = [n for n, m in mats.items()
                          if m.replenishment is not None and m.replenishment.kind == "reorder"]
        """The materials under an (s, Q) rule (from the static plan)."""

    def step(self) -> None:
        """Record the consumption; review coverage when the review is due."""
        if self.cfg is None or not self.materials:
            return
        rt = self.rt
        obs = rt.observe()
        self.history.append((obs.time, dict(obs.consumed)))
        start = obs.time - self.cfg.window
        while len(self.history) > 1 and self.history[1][0] <= start + 1e-9:
            self.history.pop(0)  # keep one entry at or before the window's start
        if obs.time + 1e-9 < self.next_review:
            return
        self.next_review = obs.time + self.cfg.review
        rt.alarm(self.next_review)
        for material in self.materials:
            self.review(material, obs)

    def rate(self, material: str, obs: Observation) -> float:
        """Units issued per open minute over the trailing window (0 before any open time)."""
        start = obs.time - self.cfg.window
        past = [(t, c) for t, c in self.history if t >= start - 1e-9]
        t0, c0 = past[0]
        minutes = open_minutes(obs.shift_segments, t0, obs.time)
        if minutes < min(self.cfg.review, self.cfg.window) - 1e-9:
            return 0.0  # too little observed yet for a rate
        return (obs.consumed.get(material, 0.0) - c0.get(material, 0.0)) / minutes

    def projection(self, material: str, obs: Observation) -> Projection:
        """The coverage projection of ``material`` from ``obs`` and the static plan."""
        rt = self.rt
        rep = rt.scenario.materials[material].replenishment
        until = min(rt.scenario.horizon, obs.time + rt.config.look_ahead)
        arrivals = [(due, q) for m, q, due, _ in obs.shipments if m == material]
        return project(material, obs.stock[material], self.rate(material, obs), arrivals,
                       obs.shift_segments, obs.time, until, rep.reorder_point,
                       rep.order_quantity, rep.lead_time.expected, obs.pipeline[material])

    def review(self, material: str, obs: Observation) -> None:
        """Weigh re-ordering early when the projection shows a gap longer than ``min_gap``."""
        p = self.projection(material, obs)
        if p.runs_out is None or p.gap <= self.cfg.min_gap:
            return
        dues = tuple(sorted(round(due, 1) for m, _, due, _ in obs.shipments if m == material))
        key = (material, dues, math.floor(obs.time / DAY))
        if key in self.handled:
            return
        self.handled.add(key)
        rt = self.rt
        rep = rt.scenario.materials[material].replenishment
        unit = rt.scenario.materials[material].unit
        arrival = (Msg("agent.coverage.arrival", arrival=at(p.arrival)) if p.arrival is not None
                   else Msg("agent.coverage.no_arrival"))
        reorder = (Msg("agent.coverage.reorder_at", at=at(p.reorder_at))
                   if p.reorder_at is not None else "")
        observed = Msg("agent.coverage.observed", material=ident(material),
                       stock=num(p.stock), unit=unit, rate=num(p.rate * 60, ",.1f"),
                       out=at(p.runs_out), arrival=arrival, reorder=reorder,
                       gap=dur(p.gap))
        trigger = Msg("agent.coverage.trigger", material=ident(material))
        lead = rep.lead_time.expected
        options = [
            Option("wait", Msg("agent.coverage.wait")),
            Option("reorder_now", Msg("agent.coverage.reorder_now", qty=num(rep.order_quantity),
                                      unit=unit, material=ident(material), lead=dur(lead),
                                      eta=at(obs.time + lead)),
                   [Action(None, "reorder_now", {"material": material})]),
        ]
        options += self.site_options(material, obs)
        situation = Situation(rt.now, trigger, obs, options,
                              lambda opts: rt.evaluate(self.role, opts), rt.config.weights,
                              {"material": material, "gap": p.gap})
        proposal = self.policy.decide(situation)
        if proposal is not None:
            rt.submit(self.role, trigger, observed, proposal)

    def site_options(self, material: str, obs: Observation) -> list[Option]:
        """Stock and express sites offering ``material`` (an order quantity's worth)."""
        rt = self.rt
        rep = rt.scenario.materials[material].replenishment
        unit = rt.scenario.materials[material].unit
        out = []
        for name, site in rt.config.sites.items():
            if site.kind not in ("stock", "express") or site.material != material:
                continue
            cap = site.quantity if site.kind == "stock" else site.max_quantity
            qty = float(min(cap - rt.site_used.get(name, 0.0), rep.order_quantity))
            if qty <= 0:
                continue
            kind = "transfer" if site.kind == "stock" else "express"
            out.append(Option(
                f"{kind}_{name}",
                Msg(f"agent.planner.{kind}", qty=num(qty), unit=unit, material=ident(material),
                    site=ident(name), transport=ident(site.transport), lead=dur(site.lead_time)),
                [Action(None, "order_material", {
                    "material": material, "quantity": qty, "lead_time": site.lead_time,
                    "source": name, "unit_cost": site.unit_cost,
                    "transport_cost_per_unit": site.transport_cost_per_unit,
                    "co2_kg_per_unit": site.co2_kg_per_unit})],
                outlay=qty * (site.unit_cost + site.transport_cost_per_unit),
                co2_kg=qty * site.co2_kg_per_unit))
        return out
