"""A sister site's own capacity book, and the planner's capacity rounds (issue #14, mechanic 6).

``[agents.sisters.<name>] capacity = {...}`` (:class:`~sim.scenario.supply_schema.SisterCapacity`)
gives a sister site a capacity book of its own::

    free(d) = floor((units_per_day - own_orders_per_day) x d - promised - held)   (not below 0)

for a request covering ``d`` days (the time to the believed end of the outage, at least 1 day).
A request for ``q`` units of work is answered after the site's ``response_delay`` like a stock
request: **accept** (``free >= q``), **partial** (a counter-offer of ``free`` units: only the
capacity left after its own customers' orders) or **refuse** (nothing free). What the planner
confirms is booked out of the capacity (``promised``): a second request sees less.

On a projected shortfall of a material the planner sends, beside the stock request, a request
for the units that need it (``ceil(shortfall / material per unit)``) to the cheapest site with
a capacity book for such a variant (round 1). Each answer arrives through the mailbox and
becomes an option ``outsource_<site>`` (released affected units first, then the latest due) weighed
against declining it by the planner's policy, for the units still short then. After a partial
answer, a refusal or a declined offer it asks the next such site, until covered or
``[agents.negotiation] rounds`` are used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sim.agents.journal import Action, Option, Proposal
from sim.agents.policies import Situation
from sim.i18n.message import Msg, at, dur, num
from sim.i18n.message import name as ident
from sim.scenario.units import DAY

if TYPE_CHECKING:
    from sim.scenario.supply_schema import SisterCapacity, SisterSite


@dataclass
class Request:
    """A request of the planner to a sister site (for stock, or for capacity)."""

    site: str
    material: str
    """The material (stock), or the material whose shortfall the units bridge (capacity)."""
    quantity: float
    """Units of the material (stock) or of work (capacity)."""
    sent: float
    due: float
    """When the site answers (``sent + response_delay``)."""
    round: int
    trigger: str
    kind: str = "stock"
    """``stock`` or ``capacity``."""
    days: float = 1.0
    """Days the requested capacity covers (capacity requests)."""


@dataclass
class Answer:
    """A sister site's answer: ``accept``, ``partial`` (a counter-offer) or ``refuse``."""

    request: Request
    kind: str
    quantity: float
    time: float


class CapacityBook:
    """A sister site's capacity book (see the module docstring).

    Args:
        spec: The site's ``capacity`` section.
    """

    def __init__(self, spec: SisterCapacity) -> None:
        self.spec = spec
        self.promised = 0.0
        self.held = 0.0

    def spare(self, days: float) -> float:
        """Capacity over ``days`` days left after the site's own customers' orders."""
        return (self.spec.units_per_day - self.spec.own_orders_per_day) * max(1.0, days)

    def free(self, days: float) -> float:
        """Whole units the site can still build for us over ``days`` days."""
        return float(max(0, math.floor(self.spare(days) - self.promised - self.held + 1e-9)))

    def offer(self, quantity: float, days: float) -> tuple[str, float]:
        """``(kind, units)`` offered for a request of ``quantity`` units; the offer is held."""
        qty = min(self.free(days), quantity)
        kind = "accept" if qty >= quantity else "partial" if qty > 0 else "refuse"
        self.held += qty
        return kind, qty

    def confirm(self, offered: float, taken: float) -> None:
        """The planner took ``taken`` of ``offered`` units (0: declined): booked out."""
        self.held -= offered
        self.promised += taken


def answer_texts(spec: SisterSite, book: CapacityBook, answer: Answer) -> tuple[str, str, Option]:
    """The site's journal row for a capacity answer: ``(trigger, observed, choice)``."""
    req, cap = answer.request, spec.capacity
    observed = Msg("agent.sister.capacity_books", days=num(max(1.0, req.days), ",.2f"),
                   spare=num(book.spare(req.days), ",.1f"), own=num(cap.own_orders_per_day),
                   promised=num(book.promised), free=num(answer.quantity + book.free(req.days)))
    text = Msg(f"agent.sister.capacity_{answer.kind}", qty=num(answer.quantity),
               price=num(cap.price_per_unit, ",.2f"), lead=dur(cap.lead_time),
               co2=num(answer.quantity * cap.co2_kg_per_unit))
    trigger = Msg("agent.sister.capacity_request", round=req.round, qty=num(req.quantity))
    return trigger, observed, Option(answer.kind, text)


class CapacityRounds:
    """The planner's capacity requests (mixed into :class:`~sim.agents.sisters.Negotiator`)."""

    rt: Any
    role: str
    policy: Any
    sites: dict[str, SisterSite]
    open: dict[str, dict[str, Any]]

    def per_unit(self, site: str, material: str) -> float:
        """The most ``material`` per unit among the variants ``site`` can build."""
        variants = self.rt.scenario.variants
        return max(variants[v].bom.get(material, 0.0) for v in self.sites[site].capacity.variants)

    def capacity_order(self, material: str, exclude: list[str]) -> list[str]:
        """Sites with a capacity book for a variant using ``material``, cheapest first."""
        names = [n for n, s in self.sites.items() if s.capacity is not None
                 and n not in exclude and self.per_unit(n, material) > 0]
        return sorted(names, key=lambda n: (self.sites[n].capacity.price_per_unit, n))

    def ask_capacity(self, material: str, until: float, short: float, trigger: str) -> None:
        """Start capacity rounds for the units short of ``material`` (unless under way)."""
        key = f"capacity:{material}"
        if key in self.open or short <= 0 or not self.capacity_order(material, []):
            return
        self.open[key] = {"asked": [], "round": 0, "trigger": trigger, "until": until,
                          "moved": 0.0, "material": material}
        self.request_capacity(key, short)

    def units_short(self, key: str, short: float) -> float:
        """Units still to move for a material shortfall ``short`` (what moved counts)."""
        neg = self.open[key]
        sites = self.capacity_order(neg["material"], [])
        per = max(self.per_unit(s, neg["material"]) for s in sites)
        return max(0.0, math.ceil(short / per - 1e-9) - neg["moved"])

    def request_capacity(self, key: str, short: float) -> None:
        """Send the next round's capacity request (or end the capacity rounds)."""
        rt, neg = self.rt, self.open[key]
        sites = self.capacity_order(neg["material"], neg["asked"])
        units = self.units_short(key, short)
        if not sites or neg["round"] >= rt.config.negotiation.rounds or units <= 0:
            del self.open[key]
            return
        site = sites[0]
        neg["asked"].append(site)
        neg["round"] += 1
        due = rt.now + self.sites[site].response_delay
        days = max(1.0, (neg["until"] - rt.now) / DAY)
        rt.mailbox.requests.append(Request(site, neg["material"], float(units), rt.now, due,
                                           neg["round"], neg["trigger"], "capacity", days))
        rt.alarm(due)
        option = Option(f"request_capacity_{site}", Msg(
            "agent.negotiation.capacity_request", round=neg["round"], site=ident(site),
            qty=num(units), due=at(due)))
        observed = Msg("agent.negotiation.capacity_observed", qty=num(units),
                       material=ident(neg["material"]))
        rt.submit(self.role, neg["trigger"], observed,
                  Proposal(option, [option], Msg("agent.negotiation.why")))

    def weigh_capacity(self, answer: Answer, short: float) -> None:
        """Move (part of) the offered units to the site or decline; then the next round."""
        rt, req = self.rt, answer.request
        key, cap = f"capacity:{req.material}", self.sites[req.site].capacity
        units = self.units_short(key, short) if key in self.open else 0.0
        qty = int(min(answer.quantity, units))
        actions, moved = self.outsource_actions(req.site, req.material, qty,
                                                self.open[key]["until"] if key in self.open
                                                else rt.now)
        taken = 0.0
        trigger = Msg(f"agent.negotiation.capacity_answer_{answer.kind}", site=ident(req.site),
                      qty=num(answer.quantity))
        if moved > 0:
            accept = Option(f"outsource_{req.site}", Msg(
                "agent.negotiation.capacity_accept", qty=num(moved), site=ident(req.site),
                lead=dur(cap.lead_time)), actions, outlay=moved * cap.price_per_unit,
                co2_kg=moved * cap.co2_kg_per_unit)
            decline = Option("decline", Msg("agent.negotiation.decline"))
            observed = Msg("agent.negotiation.capacity_offer", qty=num(answer.quantity),
                           short=num(units))
            situation = Situation(rt.now, trigger, rt.observe(), [decline, accept],
                                  lambda opts: rt.evaluate(self.role, opts), rt.config.weights,
                                  {"material": req.material})
            proposal = self.policy.decide(situation)
            if proposal is not None:
                decision = rt.submit(self.role, trigger, observed, proposal)
                if proposal.choice is accept and decision.status in ("executed", "scheduled"):
                    taken = float(moved)
        rt.mailbox.confirmations.append((answer, taken))
        if key in self.open:
            self.open[key]["moved"] += taken
            self.request_capacity(key, short)

    def outsource_actions(self, site: str, material: str, qty: int,
                          until: float) -> tuple[list[Action], int]:
        """Actions moving up to ``qty`` affected units (latest due first) to ``site``."""
        rt, cap = self.rt, self.sites[site].capacity
        obs = rt.observe()
        bom = {v: rt.scenario.variants[v].bom.get(material, 0.0) for v in cap.variants}
        orders = sorted(((o["release"] <= obs.time, o["due"]), n)
                        for n, o in obs.open_orders.items()
                        if bom.get(o["variant"], 0.0) > 0 and o["release"] < until)
        actions: list[Action] = []
        moved = 0
        for _, order in reversed(orders):  # released work first, then the latest due
            o = obs.open_orders[order]
            n = min(o["quantity"] - o["released"], qty - moved)
            if n <= 0:
                continue
            if o["release"] > obs.time:
                actions.append(Action(None, "pull_forward", {"order": order}))
            actions.append(Action(None, "outsource", {
                "order": order, "quantity": n, "lead_time": cap.lead_time,
                "cost_per_unit": cap.price_per_unit, "co2_kg_per_unit": cap.co2_kg_per_unit,
                "site": site}))
            moved += n
        return actions, moved
