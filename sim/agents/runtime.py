"""The agents' shared machinery (plain Python, no Mesa): hearing, approving, acting, journaling.

:class:`AgentRuntime` sits between the agent roles and the line. It

* listens to the line's announcements and hands them to the roles' inboxes, asking the
  scheduler to wake the agents at once for urgent ones (a delay reported, a breakdown ...);
* simulates options in the :class:`~sim.agents.twin.Twin` on request;
* carries out decisions according to the agent's **autonomy level**: ``autonomous`` acts at
  once within the guardrails (max spend per decision, CO2 budget) and escalates beyond them;
  ``recommend`` asks the *approver* (a person: a notebook callback, a dashboard button, or in
  the CLI production management that agrees after ``human_reaction_delay``) and acts after
  that delay if approved;
* writes every decision into the :class:`~sim.agents.journal.Journal`.

Agents read the line only through its port (:class:`~sim.line.control.Observation`) and
change it only through :class:`~sim.line.control.LineControl`; the scenario they read is the
static plan (stations, orders, sites), never the model's state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sim.agents.journal import Action, Decision, Journal, Option, Proposal
from sim.agents.sisters import Mailbox
from sim.agents.twin import Hold
from sim.i18n.message import Msg, approver_name, num
from sim.line.commands import Command
from sim.scenario.units import format_when

if TYPE_CHECKING:
    from sim.agents.twin import Twin
    from sim.line.control import Observation
    from sim.line.model import LineModel
    from sim.scenario.agents_schema import AgentsConfig

URGENT = frozenset({"route_held", "delivery_delayed", "delivery_cancelled", "staff_absent",
                    "order_cancelled", "breakdown", "worker_report"})
"""Announcements that wake the agents at once (others wait for the next decision time)."""
INBOX = {
    "supplier": frozenset({"route_held", "delivery_delayed", "delivery_cancelled", "delivery"}),
    "planner": frozenset({"staff_absent", "staff_back", "order_cancelled", "breakdown",
                          "material_short"}),
    "maintenance": frozenset({"breakdown", "repaired", "worker_report"}),
}
"""Which announcements each role hears."""


@dataclass(frozen=True)
class ApprovalRequest:
    """What an approver is shown: a proposal of an agent, waiting for a yes or no.

    Attributes:
        agent: The proposing role.
        time: When it was proposed (minutes).
        trigger: What prompted it.
        proposal: The chosen option, the options weighed and the reason.
        escalated: ``True`` if an autonomous agent escalated it (guardrail exceeded).
        why: Why a person is asked (``"recommend mode"`` or the guardrail exceeded).
    """

    agent: str
    time: float
    trigger: str
    proposal: Proposal
    escalated: bool
    why: str

    @property
    def when(self) -> str:
        """The time as weekday and clock."""
        return format_when(self.time)

    def __str__(self) -> str:
        return (f"{self.when} {self.agent} proposes '{self.proposal.choice.description}' "
                f"({self.why}); reason: {self.proposal.reason}")


Approver = Callable[[ApprovalRequest], bool]
"""A person's answer to a proposal: ``True`` carries it out, ``False`` refuses it."""


class ApproveAll:
    """Production management that agrees to every proposal (the CLI's default approver)."""

    name = "production management"

    def __call__(self, request: ApprovalRequest) -> bool:
        """Approve."""
        return True


class RefuseAll:
    """An approver that refuses every proposal (with it, ``recommend`` equals ``off``)."""

    name = "refusing approver"

    def __call__(self, request: ApprovalRequest) -> bool:
        """Refuse."""
        return False


class AgentRuntime:
    """The agents' link to one line model.

    Args:
        line: The line model.
        config: The scenario's ``[agents]`` section.
        levels: Autonomy level per role (after any override).
        twin: The forward simulator.
        approver: Who answers proposals (default: :class:`ApproveAll`).
    """

    def __init__(self, line: LineModel, config: AgentsConfig, levels: dict[str, str],
                 twin: Twin, approver: Approver | None = None) -> None:
        self.line = line
        self.scenario = line.scenario
        """The scenario (static data: what the plan says, not what the line is doing)."""
        self.config = config
        self.levels = levels
        self.twin = twin
        self.approver: Approver = approver if approver is not None else ApproveAll()
        self.journal = Journal()
        self.inbox: dict[str, list[tuple[str, dict[str, Any]]]] = {r: [] for r in INBOX}
        """Announcements heard since each role last looked."""
        self.alarms: list[float] = []
        """Times at which the agents want to be woken (supply tracking, follow-ups)."""
        self.planned: list[tuple[float, Command]] = []
        """Approved actions that are not yet carried out (the twin replays them too)."""
        self.outages: dict[str, dict[str, Any]] = {}
        """Supply deviations the planner knows of, per material: ``estimate`` (the believed
        end), ``low``/``high`` (the range of the belief), ``disruption``, ``trigger``,
        ``seen``, ``source``. Never the true end."""
        self.agent_orders: list[tuple[str, float, float]] = []
        """Material ordered by agents: ``(material, quantity, arrival time)``."""
        self.site_used: dict[str, float] = {}
        """Quantity (stock, express) or units (capacity) taken from each site so far."""
        self.mailbox = Mailbox()
        """Requests and answers between the planner and the sister sites (issue #14)."""
        self.co2_used = 0.0
        """Direct CO2 of the decisions carried out so far (against the CO2 budget)."""
        self.wake: Callable[[], None] = lambda: None
        """Set by the scheduler: stop the simulation now so that the agents can act."""
        line.listeners.append(self._hear)

    # -- hearing ---------------------------------------------------------------------------------
    def _hear(self, kind: str, data: dict[str, Any]) -> None:
        heard = False
        for role, kinds in INBOX.items():
            if kind in kinds and self.levels[role] != "off":
                self.inbox[role].append((kind, dict(data)))
                heard = True
        if heard and kind in URGENT:
            self.wake()

    def take(self, role: str) -> list[tuple[str, dict[str, Any]]]:
        """Return and clear ``role``'s inbox."""
        items, self.inbox[role] = self.inbox[role], []
        return items

    def alarm(self, at: float) -> None:
        """Ask to be woken at ``at`` (minutes)."""
        if at >= self.now:
            self.alarms.append(at)

    @property
    def now(self) -> float:
        """The simulation clock."""
        return self.line.env.now

    def observe(self) -> Observation:
        """A snapshot of the line through the control interface."""
        return self.line.control.observe()

    # -- simulating ------------------------------------------------------------------------------
    def evaluate(self, role: str, options: list[Option]) -> list[Option]:
        """Simulate ``options`` forward from now (recommend mode: after the reaction delay)."""
        delay = self.config.human_reaction_delay if self.levels[role] == "recommend" else 0.0
        history = list(self.line.control.actions) + list(self.planned)
        return self.twin.evaluate(self.now, history, options, delay, self.holds())

    def holds(self) -> tuple[Hold, ...]:
        """The held routes the agents know of, with their belief about the end."""
        held = self.observe().route_held_since
        return tuple(Hold(info["disruption"], material, info["low"], info["high"])
                     for material, info in self.outages.items()
                     if material in held and info.get("disruption") is not None)

    # -- deciding --------------------------------------------------------------------------------
    def submit(self, role: str, trigger: str, observed: str, proposal: Proposal) -> Decision:
        """Carry out a policy's proposal according to the role's autonomy; journal it."""
        level = self.levels[role]
        decision = self.journal.add(self.now, role, trigger, proposal.observed or observed,
                                    proposal, level)
        choice = proposal.choice
        if choice.predicted:
            decision.forecast = self.twin.mode
            self.twin.watch(self.line, decision, self.now)
        if not choice.actions:
            decision.status, decision.approved_by = "noted", "-"
            return decision
        breach = (self.guardrail_breach(choice) or self.close_call(proposal)
                  if level == "autonomous" else None)
        if level == "autonomous" and breach is None:
            decision.approved_by = Msg("agent.approved.guardrails")
            self._carry_out(decision, self.now)
            return decision
        why = (Msg("agent.approved.recommend") if level == "recommend"
               else Msg("agent.approved.escalated", breach=breach))
        request = ApprovalRequest(role, self.now, trigger, proposal, level == "autonomous", why)
        name = approver_name(getattr(self.approver, "name", type(self.approver).__name__))
        if not self.approver(request):
            decision.status, decision.approved_by = "refused", Msg("agent.approved.refused",
                                                                   name=name, why=why)
            return decision
        decision.approved_by = Msg("agent.approved.by", name=name, why=why)
        wait = self.config.human_reaction_delay
        if level == "autonomous" and self.config.escalation_delay is not None:
            wait = self.config.escalation_delay
        self._carry_out(decision, self.now + wait)
        return decision

    def guardrail_breach(self, option: Option) -> str | None:
        """Which guardrail ``option`` would exceed (``None``: within all)."""
        g = self.config.guardrails
        if g.max_cost_per_decision is not None and option.outlay > g.max_cost_per_decision:
            return Msg("agent.breach.cost", spend=num(option.outlay),
                       limit=num(g.max_cost_per_decision))
        if g.co2_budget is not None and self.co2_used + option.co2_kg > g.co2_budget + 1e-9:
            return Msg("agent.breach.co2", co2=num(self.co2_used + option.co2_kg),
                       budget=num(g.co2_budget))
        return None

    def close_call(self, proposal: Proposal) -> str | None:
        """Why the choice is unclear (best two scores too close), if ``escalate_close_calls``."""
        share = self.config.escalate_close_calls
        scores = sorted(o.score for o in proposal.options if o.score == o.score)
        if share <= 0 or len(scores) < 2:
            return None
        if scores[1] - scores[0] <= share * abs(scores[1]):
            return Msg("agent.breach.close_call", share=num(share, ".0%"), best=num(scores[0]),
                       second=num(scores[1]))
        return None

    def _carry_out(self, decision: Decision, start: float) -> None:
        choice = decision.proposal.choice
        decision.executed_at = start
        decision.status = "executed" if start <= self.now else "scheduled"
        self.co2_used += choice.co2_kg
        for action in choice.actions:
            at = start if action.at is None else max(action.at, start)
            self._book(action, at)
            if at <= self.now:
                action.command.apply(self.line.control)
            else:
                record = (at, action.command)
                self.planned.append(record)
                self.line.env.process(self._later(record))
                self.alarm(at)

    def _book(self, action: Action, at: float) -> None:
        kw = action.kwargs
        if action.method == "order_material":
            self.agent_orders.append((kw["material"], kw["quantity"], at + kw["lead_time"]))
            self.site_used[kw["source"]] = self.site_used.get(kw["source"], 0.0) + kw["quantity"]
        elif action.method == "outsource":
            self.site_used[kw["site"]] = self.site_used.get(kw["site"], 0.0) + kw["quantity"]

    def _later(self, record: tuple[float, Command]):  # noqa: ANN202 - SimPy process
        env = self.line.env
        if record[0] > env.now:
            yield env.timeout(record[0] - env.now)
        self.planned.remove(record)
        record[1].apply(self.line.control)
