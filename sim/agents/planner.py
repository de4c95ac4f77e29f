"""The planner agent: watches material coverage and due dates, weighs alternatives, re-plans shifts.

When the supplier agent passes on a supply deviation (or the planner's own coverage check
finds one), the planner projects the shortfall: the material needed by the orders that
become due before the route reopens, minus stock and what is already on its way. If there is
one, it enumerates the alternatives of the vignette:

* ``wait`` for the route to reopen (what the baseline does);
* ``transfer_<site>``: bring stock from a sister site (truck, its lead time, cost and CO2);
* ``resequence``: switch the line to the variants that do not need the material, pulling
  their future orders forward, and back to due-date order when the material is back;
* ``reassign_staff``: send the first station's operators to quality checks while it starves;
* ``outsource_<site>``: have a sister site build part of the affected orders;
* ``express_<site>``: an express shipment;
* ``transfer_<site>+resequence``: both.

The policy (default: simulate every option in the twin, lowest score wins) chooses. Each
evening the planner also checks whether tonight's overtime is worth its cost, and on other
disturbances (staff absent, order cancelled, breakdown) weighs overtime, pulling work forward
and the sister site's capacity.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from sim.agents.coverage import CoverageWatch
from sim.agents.daily import DailyReport
from sim.agents.energy import SpeedReview
from sim.agents.energy_timing import OrderTiming
from sim.agents.journal import Action, Option
from sim.agents.night import night_options
from sim.agents.policies import Situation
from sim.agents.quality import qa_option, with_qa
from sim.agents.sisters import Negotiator
from sim.i18n.message import Msg, at, dur, num
from sim.i18n.message import name as ident
from sim.scenario.units import DAY

if TYPE_CHECKING:
    from sim.agents.policies import Policy
    from sim.agents.runtime import AgentRuntime
    from sim.line.control import Observation


class Planner:
    """The planning role (plain Python; the Mesa adapter wraps it).

    Args:
        runtime: The agents' link to the line.
        policy: The rule that chooses among the alternatives.
    """

    role = "planner"

    def __init__(self, runtime: AgentRuntime, policy: Policy) -> None:
        self.rt = runtime
        self.policy = policy
        self.handled: set[tuple[Any, ...]] = set()
        """Situations already decided (so the same shortfall is not decided twice)."""
        self.next_shift_check = self._next_clock(runtime.config.planner.shift_check)
        runtime.alarm(self.next_shift_check)
        self.speeds = SpeedReview(runtime, self.role)
        """Adaptive cycle timing (``[energy]`` with ``adaptive = true``; else it does nothing)."""
        self.timing = OrderTiming(runtime, self.role)
        """Orders pulled into cheap/green hours (``[energy.timing]``; else it does nothing)."""
        self.daily = DailyReport(runtime, self.role)
        """The daily report (``daily_report``; else it does nothing)."""
        self.coverage = CoverageWatch(runtime, self.role, policy)
        """Coverage of reorder-point materials (``[agents.planner.coverage]``; else nothing)."""
        self.sisters = Negotiator(runtime, self.role, policy)
        """Requests to the sister sites that answer (``[agents.sisters]``; else nothing)."""

    # -- the agent's turn ------------------------------------------------------------------------
    def step(self) -> None:
        """Look at the inbox, the known supply deviations, and the evening shift check."""
        rt = self.rt
        for kind, data in rt.take(self.role):
            if kind in ("staff_absent", "order_cancelled") or (
                    kind == "breakdown" and data.get("cause") == "scripted"):
                self.disturbance(kind, data)
        for material, info in list(rt.outages.items()):
            key = ("supply", material, round(info["estimate"], 3))
            if key not in self.handled:
                self.handled.add(key)
                self.supply(material, info)
        if rt.now >= self.next_shift_check:
            if rt.config.planner.replan_shifts:
                self.shift_check()
            self.next_shift_check = self._next_clock(rt.config.planner.shift_check)
            rt.alarm(self.next_shift_check)
        self.speeds.step()
        self.timing.step()
        self.daily.step()
        self.coverage.step()
        self.sisters.step(self.still_short)

    def _next_clock(self, clock: float) -> float:
        now = self.rt.now
        day = math.floor(now / DAY)
        at = day * DAY + clock
        return at if at > now else at + DAY

    def _situation(self, trigger: str, obs: Observation, candidates: list[Option],
                   **details: Any) -> Situation:
        return Situation(self.rt.now, trigger, obs, candidates,
                         lambda opts: self.rt.evaluate(self.role, opts),
                         self.rt.config.weights, details)

    def _decide(self, trigger: str, observed: str, situation: Situation) -> None:
        proposal = self.policy.decide(situation)
        if proposal is not None:
            self.rt.submit(self.role, trigger, observed, proposal)

    # -- supply ----------------------------------------------------------------------------------
    def shortfall(self, material: str, until: float, obs: Observation) -> tuple[float, float]:
        """Projected ``(need, shortfall)`` of ``material`` up to ``until`` (the believed end).

        Need: the material of every open order released before ``until`` (units not yet done
        times the bill of materials). Shortfall: need minus stock minus agents' shipments that
        arrive before ``until``.
        """
        scn = self.rt.scenario
        need = 0.0
        for order in obs.open_orders.values():
            per_unit = scn.variants[order["variant"]].bom.get(material, 0.0)
            if per_unit and order["release"] < until:
                need += (order["quantity"] - order["done"]) * per_unit
        coming = sum(q for m, q, eta in self.rt.agent_orders
                     if m == material and obs.time < eta < until)
        return need, max(0.0, need - obs.stock[material] - coming)

    def still_short(self, material: str) -> float:
        """The projected shortfall of ``material`` now, to the believed end of its outage."""
        info = self.rt.outages.get(material)
        if info is None:
            return 0.0
        return self.shortfall(material, info["estimate"], self.rt.observe())[1]

    def supply(self, material: str, info: dict[str, Any]) -> None:
        """Decide how to bridge a known supply deviation of ``material``."""
        rt = self.rt
        obs = rt.observe()
        until = info["estimate"]
        need, short = self.shortfall(material, until, obs)
        unit = rt.scenario.materials[material].unit
        spread = (Msg("agent.spread", spread=dur(info["spread"])) if info.get("spread")
                  else "")
        observed = Msg("agent.planner.observed_supply", stock=num(obs.stock[material]), unit=unit,
                       material=ident(material), until=at(until), spread=spread, need=num(need),
                       short=num(short))
        trigger = info["trigger"]
        if short <= 0:
            wait = Option("wait", Msg("agent.planner.covered"))
            self._decide(trigger, observed, self._situation(trigger, obs, [wait],
                                                            material=material))
            return
        self.sisters.ask(material, short, trigger)
        self.sisters.ask_capacity(material, until, short, trigger)
        candidates = self.supply_options(material, until, short, obs)
        self._decide(trigger, observed, self._situation(
            trigger, obs, candidates, material=material, until=until, shortfall=short))

    def supply_options(self, material: str, until: float, short: float,
                       obs: Observation) -> list[Option]:
        """The alternatives for a projected shortfall of ``material`` (``wait`` first)."""
        rt, scn = self.rt, self.rt.scenario
        unit = scn.materials[material].unit
        options = [Option("wait", Msg("agent.planner.wait_supply", material=ident(material),
                                      until=at(until)))]
        transfers = []
        for name, site in rt.config.sites.items():
            left = (site.quantity if site.kind == "stock" else site.max_quantity
                    if site.kind == "express" else 0.0) - rt.site_used.get(name, 0.0)
            if site.kind in ("stock", "express") and site.material == material and left > 0:
                qty = float(min(left, math.ceil(short * 1.1)))
                per = site.unit_cost + site.transport_cost_per_unit
                kind = "transfer" if site.kind == "stock" else "express"
                option = Option(
                    f"{kind}_{name}",
                    Msg(f"agent.planner.{kind}", qty=num(qty), unit=unit, material=ident(material),
                        site=ident(name), transport=ident(site.transport),
                        lead=dur(site.lead_time)),
                    [Action(None, "order_material", {
                        "material": material, "quantity": qty, "lead_time": site.lead_time,
                        "source": name, "unit_cost": site.unit_cost,
                        "transport_cost_per_unit": site.transport_cost_per_unit,
                        "co2_kg_per_unit": site.co2_kg_per_unit})],
                    outlay=qty * per, co2_kg=qty * site.co2_kg_per_unit)
                options.append(option)
                if kind == "transfer":
                    transfers.append(option)
        reseq = self.resequence(material, until, obs)
        if reseq is not None:
            options.append(reseq)
        first = next(iter(scn.stations))
        operators = obs.operators.get(first, 0)
        if operators > 0 and scn.calendar is not None and scn.quality is not None \
                and scn.quality.inspection is not None:  # staff to QA (sim.agents.quality)
            options.append(qa_option(first, operators, until))
            options += [with_qa(t, first, operators, obs.time,
                                rt.config.sites[t.name.removeprefix("transfer_")].lead_time)
                        for t in transfers]
        elif operators > 0 and scn.calendar is not None:
            options.append(Option(
                "reassign_staff",
                Msg("agent.planner.reassign", operators=operators, station=ident(first),
                    until=at(until)),
                [Action(None, "reassign_staff", {"count": operators}),
                 Action(until, "reassign_staff", {"count": 0})]))
        options += self.outsource_options(material, until, short, obs)
        options += night_options(rt, until, obs, reseq)  # [agents.planner] night (else none)
        if reseq is not None:
            for transfer in transfers:
                options.append(Option(
                    f"{transfer.name}+resequence",
                    Msg("agent.planner.both", first=transfer.description,
                        second=reseq.description),
                    transfer.actions + reseq.actions, transfer.outlay, transfer.co2_kg))
        return options

    def resequence(self, material: str, until: float, obs: Observation) -> Option | None:
        """Switch to variants not needing ``material``; pull their orders forward; switch back."""
        scn = self.rt.scenario
        free = [v for v, spec in scn.variants.items() if material not in spec.bom]
        if not free:
            return None
        variant = free[0]
        future = sorted((o["release"], n) for n, o in obs.open_orders.items()
                        if o["variant"] in free and obs.time < o["release"] < until)
        actions = [Action(None, "prioritise_variant", {"variant": variant})]
        actions += [Action(None, "pull_forward", {"order": n}) for _, n in future]
        actions.append(Action(until, "reset_priorities", {}))
        pulled = Msg("agent.planner.pulling", n=len(future)) if future else ""
        return Option("resequence", Msg("agent.planner.resequence", variant=ident(variant),
                                        pulled=pulled, until=at(until)), actions)

    def outsource_options(self, material: str, until: float, short: float,
                          obs: Observation) -> list[Option]:
        """Sister-site capacity for the affected orders (earliest due first)."""
        rt, scn = self.rt, self.rt.scenario
        out = []
        for name, site in rt.config.sites.items():
            if site.kind != "capacity":
                continue
            days = max(1.0, (until - obs.time) / DAY)
            room = int(site.units_per_day * days - rt.site_used.get(name, 0.0))
            per_unit = {v: scn.variants[v].bom.get(material, 0.0) for v in site.variants}
            units = int(math.ceil(short / max(per_unit.values()))) if max(per_unit.values()) else 0
            orders = sorted((o["due"], n) for n, o in obs.open_orders.items()
                            if per_unit.get(o["variant"], 0.0) > 0 and o["release"] < until)
            actions, taken = [], 0
            for _, order in reversed(orders):  # the latest-due affected work moves
                if taken >= min(room, units):
                    break
                o = obs.open_orders[order]
                qty = min(o["quantity"] - o["released"], min(room, units) - taken)
                if qty <= 0:
                    continue
                actions += _outsource(obs, order, qty, name, site)
                taken += qty
            if taken:
                out.append(Option(
                    f"outsource_{name}",
                    Msg("agent.planner.outsource_affected", site=ident(name), units=taken,
                        lead=dur(site.lead_time)), actions,
                    outlay=taken * site.cost_per_unit, co2_kg=taken * site.co2_kg_per_unit))
        return out

    # -- shifts ----------------------------------------------------------------------------------
    def shift_check(self) -> None:
        """Evening check: is tonight's overtime worth its cost?"""
        rt = self.rt
        cal = rt.scenario.calendar
        obs = rt.observe()
        if cal is None or obs.overtime_max <= 0 or not obs.is_open:
            return
        closing = next((t for t, staff in obs.shift_segments if staff == 0
                        and t > obs.time), obs.time)
        due_soon = sum(o["quantity"] - o["done"] for o in obs.open_orders.values()
                       if o["due"] <= closing + DAY)
        if due_soon <= cal.overtime.backlog_threshold:
            return
        current = obs.overtime_max
        keep = Option("keep_overtime", Msg("agent.planner.keep_overtime", upto=dur(current)))
        skip = Option("skip_overtime", Msg("agent.planner.skip_overtime"),
                      [Action(None, "set_overtime", {"max_minutes": 0.0}),
                       Action(obs.time + 8 * 60, "set_overtime", {"max_minutes": current})])
        observed = Msg("agent.planner.observed_evening", due=due_soon,
                       threshold=cal.overtime.backlog_threshold)
        trigger = Msg("agent.planner.evening")
        self._decide(trigger, observed, self._situation(trigger, obs, [keep, skip]))

    # -- other disturbances ----------------------------------------------------------------------
    def disturbance(self, kind: str, data: dict[str, Any]) -> None:
        """Weigh overtime, pulling work forward and sister-site capacity after a disturbance."""
        rt, scn = self.rt, self.rt.scenario
        obs = rt.observe()
        trigger = {"staff_absent": lambda: Msg("agent.planner.staff_absent",
                                               count=data.get("count")),
                   "order_cancelled": lambda: Msg("agent.planner.order_cancelled",
                                                  order=data.get("order")),
                   "breakdown": lambda: Msg("agent.planner.stopped",
                                            station=ident(data.get("station")))}[kind]()
        options = [Option("wait", Msg("agent.planner.carry_on"))]
        cal = scn.calendar
        if cal is not None:
            extra = max(cal.overtime.max, 120.0) * 1.5
            options.append(Option(
                "overtime", Msg("agent.planner.overtime", extra=dur(extra)),
                [Action(None, "set_overtime", {"max_minutes": extra})]))
        future = sorted((o["release"], n) for n, o in obs.open_orders.items()
                        if o["release"] > obs.time)
        if future:
            order = future[0][1]
            options.append(Option("pull_forward", Msg("agent.planner.start_order", order=order),
                                  [Action(None, "pull_forward", {"order": order})]))
        for name, site in rt.config.sites.items():
            if site.kind != "capacity":
                continue
            open_ = sorted((o["due"], n) for n, o in obs.open_orders.items()
                           if o["variant"] in site.variants and o["quantity"] > o["released"])
            if open_:
                order = open_[-1][1]
                o = obs.open_orders[order]
                qty = min(site.units_per_day, o["quantity"] - o["released"])
                actions = _outsource(obs, order, qty, name, site)
                options.append(Option(f"outsource_{name}", Msg(
                    "agent.planner.outsource_order", site=ident(name), units=qty, order=order),
                                      actions, outlay=qty * site.cost_per_unit,
                                      co2_kg=qty * site.co2_kg_per_unit))
        observed = Msg("agent.planner.observed_disturbance", pending=sum(obs.pending.values()),
                       staff=obs.staff_available, wip=obs.wip)
        self._decide(trigger, observed, self._situation(trigger, obs, options, kind=kind))


def _outsource(obs: Observation, order: str, qty: int, name: str,
               site) -> list[Action]:  # noqa: ANN001
    """Actions that have sister site ``name`` build ``qty`` units of ``order``.

    An order not yet released is pulled forward first, so its units can leave the book now.
    """
    actions = []
    if obs.open_orders[order]["release"] > obs.time:
        actions.append(Action(None, "pull_forward", {"order": order}))
    actions.append(Action(None, "outsource", {
        "order": order, "quantity": qty, "lead_time": site.lead_time,
        "cost_per_unit": site.cost_per_unit,
        "co2_kg_per_unit": site.co2_kg_per_unit, "site": name}))
    return actions
