"""Sister sites that answer (issue #14, mechanic 6): their own books, and the planner's rounds.

Each ``[agents.sisters.<name>]`` is an agent of its own (the Mesa adapter wraps a
:class:`SisterRole` in a Mesa agent). It keeps its own **books** per material::

    stock(t)     = quantity - customer_use_per_day x t / 1 d - given      (not below 0)
    reserve      = customer_use_per_day x reserve_days                    (its own customers)
    available(t) = floor(stock(t) - reserve - held)                       (not below 0)

``given`` is what it has transferred to us (gone from its books), ``held`` what it has offered
and not yet had confirmed or declined. A request for ``q`` units is answered after the site's
``response_delay``: **accept** (``available >= q``: ``q`` units), **partial** (a counter-offer of
``available`` units) or **refuse** (nothing available: the stock is kept for its customers),
each with the site's price per unit, transport cost, lead time and CO2.

The planner's side is the :class:`Negotiator`. On a projected shortfall it sends a request to
the site with the lowest price plus transport per unit (round 1). It learns the answer only
when it arrives (the planner never reads a site's books). An offer becomes an option
(``accept_<site>``: the transfer, with the site's figures) weighed against declining by the
planner's policy, for the part of the offer still needed (what was ordered meanwhile counts).
After a partial answer, a refusal or a declined offer, the planner asks the next site for the
rest (round 2, ...) until covered or ``[agents.negotiation] rounds`` are used. Every request,
answer and acceptance is a journal row. A site with a ``capacity`` book also answers requests
for outsourced units, in rounds of their own beside the stock rounds
(:mod:`sim.agents.sister_capacity`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sim.agents.journal import Action, Option, Proposal
from sim.agents.policies import Situation
from sim.agents.sister_capacity import Answer, CapacityBook, CapacityRounds, Request, answer_texts
from sim.i18n.message import Msg, at, dur, num
from sim.i18n.message import name as ident
from sim.scenario.units import DAY

if TYPE_CHECKING:
    from sim.agents.policies import Policy
    from sim.agents.runtime import AgentRuntime
    from sim.scenario.supply_schema import SisterSite


@dataclass
class Mailbox:
    """Messages between the planner and the sister sites (nothing else passes between them)."""

    requests: list[Request] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    confirmations: list[tuple[Answer, float]] = field(default_factory=list)
    """``(answer, units taken)``: 0 declines the offer."""


class SisterBooks:
    """A sister site's own stock, customers and what it gave (see the module docstring).

    Args:
        spec: The site's scenario section.
    """

    def __init__(self, spec: SisterSite) -> None:
        self.spec = spec
        self.given: dict[str, float] = dict.fromkeys(spec.stock, 0.0)
        self.held: dict[str, float] = dict.fromkeys(spec.stock, 0.0)
        self.capacity = CapacityBook(spec.capacity) if spec.capacity is not None else None
        """The site's own capacity book (``capacity``; else ``None``)."""

    def stock(self, material: str, time: float) -> float:
        """Units on the site's books at ``time``."""
        s = self.spec.stock[material]
        return max(0.0, s.quantity - s.customer_use_per_day * time / DAY - self.given[material])

    def reserve(self, material: str) -> float:
        """Units kept back for the site's own customers."""
        s = self.spec.stock[material]
        return s.customer_use_per_day * s.reserve_days

    def available(self, material: str, time: float) -> float:
        """Whole units the site can spare at ``time``."""
        if material not in self.spec.stock:
            return 0.0
        free = self.stock(material, time) - self.reserve(material) - self.held[material]
        return float(max(0, math.floor(free + 1e-9)))

    def answer(self, request: Request, time: float) -> Answer:
        """Answer ``request`` at ``time``; an offer is held until confirmed or declined."""
        if request.kind == "capacity":
            if self.capacity is None:
                return Answer(request, "refuse", 0.0, time)
            kind, qty = self.capacity.offer(request.quantity, request.days)
            return Answer(request, kind, qty, time)
        free = self.available(request.material, time)
        qty = min(free, request.quantity)
        kind = "accept" if qty >= request.quantity else "partial" if qty > 0 else "refuse"
        if qty > 0:
            self.held[request.material] += qty
        return Answer(request, kind, qty, time)

    def confirm(self, answer: Answer, taken: float) -> None:
        """The planner took ``taken`` of the offer (0: declined): the rest is free again."""
        if answer.request.kind == "capacity":
            if self.capacity is not None:
                self.capacity.confirm(answer.quantity, taken)
            return
        material = answer.request.material
        self.held[material] -= answer.quantity
        self.given[material] += taken


class SisterRole:
    """One sister site as an agent: answers the requests that are due, books confirmations.

    Args:
        runtime: The agents' link to the line (for the clock, the journal and the mailbox).
        name: The site's name.
        spec: Its scenario section.
    """

    def __init__(self, runtime: AgentRuntime, name: str, spec: SisterSite) -> None:
        self.rt = runtime
        self.role = name
        self.spec = spec
        self.books = SisterBooks(spec)

    def step(self) -> None:
        """Book confirmations; answer every request addressed here whose time has come."""
        rt, box = self.rt, self.rt.mailbox
        for answer, taken in [c for c in box.confirmations if c[0].request.site == self.role]:
            self.books.confirm(answer, taken)
            box.confirmations.remove((answer, taken))
        for req in [r for r in box.requests if r.site == self.role and r.due <= rt.now + 1e-9]:
            box.requests.remove(req)
            books, m = self.books, req.material
            answer = self.books.answer(req, rt.now)
            box.answers.append(answer)
            if req.kind == "capacity" and books.capacity is not None:
                trigger, observed, choice = answer_texts(self.spec, books.capacity, answer)
                self._note(trigger, observed, choice, "agent.sister.capacity_why")
                continue
            unit = rt.scenario.materials[m].unit
            price = self.spec.stock[m].unit_price if m in self.spec.stock else 0.0
            observed = Msg("agent.sister.books", stock=num(books.stock(m, rt.now)), unit=unit,
                           material=ident(m), reserve=num(books.reserve(m)),
                           free=num(answer.quantity + books.available(m, rt.now)))
            text = Msg(f"agent.sister.{answer.kind}", qty=num(answer.quantity), unit=unit,
                       material=ident(m), price=num(price, ",.2f"), lead=dur(self.spec.lead_time),
                       co2=num(answer.quantity * self.spec.co2_kg_per_unit))
            choice = Option(answer.kind, text)
            trigger = Msg("agent.sister.request", round=req.round, qty=num(req.quantity),
                          unit=unit, material=ident(m))
            self._note(trigger, observed, choice)

    def _note(self, trigger: str, observed: str, choice: Option,
              why: str = "agent.sister.why") -> None:
        """Journal the site's answer (a noted row of its own)."""
        decision = self.rt.journal.add(self.rt.now, self.role, trigger, observed,
                                       Proposal(choice, [choice], Msg(why)),
                                       "autonomous")
        decision.status, decision.approved_by = "noted", "-"


class Negotiator(CapacityRounds):
    """The planner's side of the negotiation (see the module docstring).

    Args:
        runtime: The agents' link to the line.
        role: The negotiating role (the planner).
        policy: The planner's policy (weighs an offer against declining it).
    """

    def __init__(self, runtime: AgentRuntime, role: str, policy: Policy) -> None:
        self.rt = runtime
        self.role = role
        self.policy = policy
        self.sites = runtime.config.sisters
        self.open: dict[str, dict[str, object]] = {}
        """Per material: the negotiation under way (``asked`` sites, ``round``, ``trigger``)."""

    def order(self, material: str, exclude: list[str]) -> list[str]:
        """Sites dealing in ``material``, cheapest per unit first (price + transport)."""
        names = [n for n, s in self.sites.items() if material in s.stock and n not in exclude]
        return sorted(names, key=lambda n: (self.sites[n].stock[material].unit_price
                                            + self.sites[n].transport_cost_per_unit, n))

    def ask(self, material: str, quantity: float, trigger: str) -> None:
        """Start a negotiation for ``quantity`` of ``material`` (unless one is under way)."""
        if material in self.open or quantity <= 0 or not self.order(material, []):
            return
        self.open[material] = {"asked": [], "round": 0, "trigger": trigger}
        self.request(material, quantity)

    def request(self, material: str, quantity: float) -> None:
        """Send the next round's request to the next site (or end the negotiation)."""
        rt, neg = self.rt, self.open[material]
        sites = self.order(material, neg["asked"])
        if not sites or neg["round"] >= rt.config.negotiation.rounds or quantity <= 0:
            del self.open[material]
            return
        site = sites[0]
        neg["asked"].append(site)
        neg["round"] += 1
        spec = self.sites[site]
        due = rt.now + spec.response_delay
        req = Request(site, material, float(math.ceil(quantity)), rt.now, due, neg["round"],
                      neg["trigger"])
        rt.mailbox.requests.append(req)
        rt.alarm(due)
        unit = rt.scenario.materials[material].unit
        option = Option(f"request_{site}", Msg(
            "agent.negotiation.request", round=req.round, site=ident(site), qty=num(req.quantity),
            unit=unit, material=ident(material), due=at(due)))
        observed = Msg("agent.negotiation.observed", qty=num(quantity), unit=unit,
                       material=ident(material))
        rt.submit(self.role, neg["trigger"], observed,
                  Proposal(option, [option], Msg("agent.negotiation.why")))

    def step(self, needed) -> None:  # noqa: ANN001 - callable(material) -> units still short
        """Weigh every answer that has arrived; go on to the next round where needed."""
        box = self.rt.mailbox
        for answer in list(box.answers):
            box.answers.remove(answer)
            if answer.request.kind == "capacity":
                self.weigh_capacity(answer, needed(answer.request.material))
            else:
                self.weigh(answer, needed(answer.request.material))

    def weigh(self, answer: Answer, short: float) -> None:
        """Accept (part of) an offer or decline it; ask the next site for what is missing."""
        rt, req = self.rt, answer.request
        m, site = req.material, self.sites[req.site]
        unit = rt.scenario.materials[m].unit
        qty = float(min(answer.quantity, math.ceil(max(0.0, short))))
        taken = 0.0
        trigger = Msg(f"agent.negotiation.answer_{answer.kind}", site=ident(req.site),
                      qty=num(answer.quantity), unit=unit, material=ident(m))
        if qty > 0:
            price = site.stock[m].unit_price
            accept = Option(
                f"accept_{req.site}",
                Msg("agent.negotiation.accept", qty=num(qty), unit=unit, material=ident(m),
                    site=ident(req.site), transport=ident(site.transport),
                    lead=dur(site.lead_time)),
                [Action(None, "order_material", {
                    "material": m, "quantity": qty, "lead_time": site.lead_time,
                    "source": req.site, "unit_cost": price,
                    "transport_cost_per_unit": site.transport_cost_per_unit,
                    "co2_kg_per_unit": site.co2_kg_per_unit})],
                outlay=qty * (price + site.transport_cost_per_unit),
                co2_kg=qty * site.co2_kg_per_unit)
            decline = Option("decline", Msg("agent.negotiation.decline"))
            observed = Msg("agent.negotiation.offer", qty=num(answer.quantity), unit=unit,
                           material=ident(m), short=num(short))
            situation = Situation(rt.now, trigger, rt.observe(), [decline, accept],
                                  lambda opts: rt.evaluate(self.role, opts), rt.config.weights,
                                  {"material": m})
            proposal = self.policy.decide(situation)
            if proposal is not None:
                decision = rt.submit(self.role, trigger, observed, proposal)
                if proposal.choice is accept and decision.status in ("executed", "scheduled"):
                    taken = qty
        rt.mailbox.confirmations.append((answer, taken))
        if m in self.open:
            self.request(m, max(0.0, short - taken))
