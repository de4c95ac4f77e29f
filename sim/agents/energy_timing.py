"""The planner's energy timing: pull an order forward when renewable power is cheap.

With ``[energy.timing] enabled = true`` the planner looks at every full hour at the day's
published (day-ahead) tariff and grid-CO2 profile, the only future it uses, and at the order
book. Each hour ``h`` of the day has a *score*::

    score(h) = (1 - w) x price(h) / mean price + w x co2(h) / mean co2      (w = co2_weight)

and the ``green_hours`` lowest-scoring hours count as cheap/green. In a green hour the planner
pulls forward (lever ``pull_forward``, :class:`~sim.line.commands.PullForward`) every order
whose planned release lies in the future, at most ``lookahead`` ahead, in an hour with a
higher score than now, **unless the due-date check fails**. The check estimates finishes
from the scenario's standard times (mean process time over machines and speed; the
bottleneck's time per unit ``u(v)`` and the flow time ``f(v)``, the sum of the stations'
times, of variant ``v``)::

    ahead       = sum over pending units of u(variant) + WIP x max over variants of u
    busy_until  = now + ahead + q_O x u(v_O)               (q: units not yet done)
    finish O    = busy_until + f(v_O)
    finish P    = busy_until + f(v_P)                      (P pending, due no earlier than O)
    finish P    = max(release_P, busy_until) + q_P x u(v_P) + f(v_P)
                                                           (P arriving before busy_until)

and pulls only if every finish + ``slack`` is at most that order's due date: the pull never
lets the planner's estimate of any order run late (to save energy, no order is made late).
Each pull is a decision in the journal with its reason (the two hours' price and CO2, the
tightest estimate against its due date); an order held back by the check is journaled once,
with the order it protects.
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
    from sim.scenario.energy_schema import EnergySection
    from sim.scenario.schema import Scenario

_HOUR = 60.0


def hour_scores(price: list[float] | tuple[float, ...], co2: list[float] | tuple[float, ...],
                co2_weight: float) -> list[float]:
    """Each hour's score ``(1 - w) price / mean price + w co2 / mean co2`` (lower: greener)."""
    mp = sum(price) / len(price)
    mc = sum(co2) / len(co2)
    return [(1 - co2_weight) * (p / mp if mp else 0.0) + co2_weight * (c / mc if mc else 0.0)
            for p, c in zip(price, co2, strict=True)]


def green_hours(scores: list[float], count: int) -> set[int]:
    """The ``count`` hours of the day with the lowest score (ties: the earlier hour)."""
    return set(sorted(range(len(scores)), key=lambda h: (scores[h], h))[:count])


def standard_times(scenario: Scenario, speed: dict[str, float]) -> tuple[dict[str, float],
                                                                          dict[str, float]]:
    """Per variant: the bottleneck's minutes per unit and the flow time (standard times)."""
    unit: dict[str, float] = {}
    flow: dict[str, float] = {}
    for v in scenario.variants:
        times = {s: scenario.process_time(s, v).expected / speed.get(s, 1.0)
                 for s in scenario.stations}
        unit[v] = max(t / scenario.stations[s].machines for s, t in times.items())
        flow[v] = sum(times.values())
    return unit, flow


def due_check(order: str, obs: Observation, unit: dict[str, float], flow: dict[str, float],
              slack: float, pulled: frozenset[str] | set[str] = frozenset(),
              ) -> tuple[bool, str, float, float]:
    """Would pulling ``order`` now keep every order's estimate on time (module docstring)?

    ``pulled``: orders already pulled forward (their units are pending, not arriving).

    Returns:
        ``(ok, tightest order, its estimated finish, its due date)`` — the order with the
        least margin ``due - slack - finish`` among ``order`` and those it could delay.
    """
    now = obs.time
    book = obs.open_orders
    ahead = sum(n * unit[v] for v, n in obs.pending.items()) + obs.wip * max(unit.values())
    o = book[order]
    busy_until = now + ahead + (o["quantity"] - o["done"]) * unit[o["variant"]]
    finishes = {order: busy_until + flow[o["variant"]]}
    for name, p in book.items():
        if name == order:
            continue
        v = p["variant"]
        if name not in pulled and now <= p["release"] < busy_until:
            finishes[name] = (max(p["release"], busy_until) + (p["quantity"] - p["done"])
                              * unit[v] + flow[v])
        elif (p["release"] < now or name in pulled) and p["due"] >= o["due"]:
            finishes[name] = busy_until + flow[v]
    tight = min(finishes, key=lambda n: (book[n]["due"] - slack - finishes[n], n))
    ok = all(finishes[n] + slack <= book[n]["due"] + 1e-9 for n in finishes)
    return ok, tight, finishes[tight], book[tight]["due"]


class OrderTiming:
    """The planner's hourly look at the tariff: pull orders into cheap/green hours.

    Args:
        runtime: The agents' link to the line.
        role: The role that journals the decisions (``planner``).
    """

    def __init__(self, runtime: AgentRuntime, role: str) -> None:
        self.rt = runtime
        self.role = role
        spec: EnergySection | None = runtime.scenario.energy
        self.spec = spec.timing if spec is not None and spec.timing.enabled else None
        self.next_at = 0.0
        self.pulled: set[str] = set()
        """Orders this rule pulled forward."""
        self.held: set[str] = set()
        """Orders held back by the due-date check (journaled once each)."""

    def step(self) -> None:
        """At each full hour: in a green hour, pull forward what the due dates allow."""
        rt, spec = self.rt, self.spec
        if spec is None or rt.now + 1e-9 < self.next_at:
            return
        hour = int(math.floor(rt.now / _HOUR + 1e-9))
        self.next_at = (hour + 1) * _HOUR
        rt.alarm(self.next_at)
        obs = rt.observe()
        energy = obs.energy
        scores = hour_scores(energy["price_by_hour"], energy["co2_by_hour"], spec.co2_weight)
        if hour % 24 not in green_hours(scores, spec.green_hours):
            return
        book = obs.open_orders
        due_soon = sorted((o["release"], n) for n, o in book.items()
                          if n not in self.pulled and o["released"] == 0
                          and rt.now + 1e-9 < o["release"] <= rt.now + spec.lookahead)
        for _release, order in due_soon:
            planned = int(math.floor(book[order]["release"] / _HOUR + 1e-9)) % 24
            if scores[planned] <= scores[hour % 24] + 1e-12:
                continue  # its own hour is as green: nothing to gain
            unit, flow = standard_times(rt.scenario, energy["speed"])
            ok, tight, finish, due = due_check(order, obs, unit, flow, spec.slack,
                                               self.pulled)
            if not ok and order in self.held:
                continue
            self._propose(order, ok, hour % 24, planned, energy, scores, tight, finish, due)
            if ok:
                self.pulled.add(order)
                obs = rt.observe()  # its units now wait for release
            else:
                self.held.add(order)

    def _propose(self, order: str, ok: bool, now_h: int, planned_h: int, energy: dict[str, Any],
                 scores: list[float], tight: str, finish: float, due: float) -> None:
        price, co2 = energy["price_by_hour"], energy["co2_by_hour"]
        release = self.rt.observe().open_orders[order]["release"]
        keep = Option("keep_release", Msg("agent.timing.keep", order=ident(order),
                                          release=at(release)))
        pull = Option("pull_forward", Msg("agent.timing.pull", order=ident(order)),
                      [Action(None, "pull_forward", {"order": order})])
        hours = dict(now=f"{now_h:02d}:00", planned=f"{planned_h:02d}:00",
                     p_now=num(price[now_h], ".2f"), c_now=num(co2[now_h], ".2f"),
                     p_then=num(price[planned_h], ".2f"), c_then=num(co2[planned_h], ".2f"),
                     s_now=num(scores[now_h], ".2f"), s_then=num(scores[planned_h], ".2f"))
        observed = Msg("agent.timing.observed", order=ident(order), release=at(release),
                       **hours)
        if ok:
            reason = Msg("agent.timing.pull_reason", order=ident(order), tight=ident(tight),
                         finish=at(finish), due=at(due), slack=dur(self.spec.slack), **hours)
            proposal = Proposal(pull, [keep, pull], reason)
        else:
            reason = Msg("agent.timing.hold_reason", order=ident(order), tight=ident(tight),
                         finish=at(finish), due=at(due), slack=dur(self.spec.slack))
            proposal = Proposal(keep, [keep, pull], reason)
        self.rt.submit(self.role, Msg("agent.timing.trigger", hour=f"{now_h:02d}:00"), observed,
                       proposal)
