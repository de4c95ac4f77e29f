"""The Mesa adapter: the only module that imports Mesa.

:class:`FactoryModel` is a ``mesa.Model`` that owns the SimPy line model, the agents' runtime
and one Mesa agent per active role (supplier, planner, maintenance, acting in that order),
preceded by one Mesa agent per sister site that answers requests (``[agents.sisters]``,
:mod:`sim.agents.sisters`; only when the planner is on).
One Mesa step advances the SimPy clock to the next decision time (a multiple of the
scenario's ``decision_interval``) or to an earlier alarm (a sighting due, an approved action,
the evening shift check), and then lets every agent act. Urgent announcements of the line (a
delay reported, a breakdown, staff absent, an order cancelled) end the step at once, so the
agents react at the moment they happen.

The model is also what :class:`sim.runner.AgentEngine` steps: ``now``, ``advance(until)``
and ``result()``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import mesa
import simpy
from simpy.core import URGENT, StopSimulation

from sim.agents.maintenance import Maintenance
from sim.agents.planner import Planner
from sim.agents.policies import Policy
from sim.agents.registry import resolve
from sim.agents.runtime import AgentRuntime, Approver
from sim.agents.sisters import SisterRole
from sim.agents.supplier import Supplier
from sim.agents.twin import Twin
from sim.line.model import LineModel
from sim.results.collector import collect
from sim.scenario.agents_schema import ROLES

if TYPE_CHECKING:
    from sim.results.result import Result
    from sim.scenario.schema import Scenario

_ROLE_CLASSES = {"supplier": Supplier, "planner": Planner, "maintenance": Maintenance}


class RoleAgent(mesa.Agent):
    """A Mesa agent wrapping one plain role object (planner, supplier, maintenance, a sister).

    Args:
        model: The factory model.
        role: The role object; its ``step()`` is the agent's turn.
    """

    def __init__(self, model: FactoryModel, role: Any) -> None:
        super().__init__(model)
        self.role = role
        """The wrapped role (:class:`~sim.agents.planner.Planner` ...)."""

    def step(self) -> None:
        """Let the role act."""
        self.role.step()


class FactoryModel(mesa.Model):
    """The line plus its agents, stepped by Mesa.

    Args:
        scenario: The validated scenario.
        seed: Seed of the run (the line's random streams; the twin replays them).
        levels: Autonomy per role (``off`` roles get no agent).
        policies: Per role a registry name or a policy object (default: the scenario's).
        approver: Who answers ``recommend`` proposals and escalations.
        event_log: Keep the line's event log (default: as the scenario says).
    """

    def __init__(self, scenario: Scenario, seed: int = 0, *, levels: Mapping[str, str],
                 policies: Mapping[str, str | Policy] | None = None,
                 approver: Approver | None = None, event_log: bool | None = None) -> None:
        super().__init__(rng=seed)  # Mesa >= 3.5 deprecates ``seed=``; 3.3 accepts ``rng=``
        self._limit: float | None = None
        """Where the current :meth:`advance` stops (Mesa >= 3.5 wraps ``step()``: no args)."""
        cfg = scenario.agents
        self.line = LineModel(scenario, seed=seed, event_log=event_log)
        """The SimPy line model."""
        self.twin = Twin(scenario, seed, cfg)
        self.runtime = AgentRuntime(self.line, cfg, dict(levels), self.twin, approver)
        self.runtime.wake = self._wake_now
        self._wake: simpy.Event | None = None
        chosen = dict(policies or {})
        self.roles: dict[str, Any] = {}
        """The role objects of the active roles, by role."""
        if levels["planner"] != "off":  # the sister sites answer first at each step
            for name, spec in cfg.sisters.items():
                RoleAgent(self, SisterRole(self.runtime, name, spec))
        for role in ROLES:
            if levels[role] == "off":
                continue
            policy = resolve(role, chosen.get(role, getattr(cfg, role).policy),
                             getattr(cfg, role))
            self.roles[role] = _ROLE_CLASSES[role](self.runtime, policy)
            RoleAgent(self, self.roles[role])
        self.interval = cfg.decision_interval

    # -- the engine protocol ---------------------------------------------------------------------
    @property
    def now(self) -> float:
        """The simulation clock (minutes)."""
        return self.line.env.now

    @property
    def horizon(self) -> float:
        """The scenario's horizon (minutes)."""
        return self.line.scenario.horizon

    def advance(self, until: float) -> None:
        """Step until the clock reaches ``until`` (capped at the horizon)."""
        end = min(until, self.horizon)
        self._limit = end
        try:
            while self.now < end - 1e-9:
                self.step()
        finally:
            self._limit = None
        self.line.flush()

    def run(self) -> None:
        """Run to the horizon."""
        self.advance(self.horizon)
        self.line.run()

    def result(self, extra_metadata: Mapping[str, Any] | None = None) -> Result:
        """The run's :class:`~sim.results.Result` so far, with the decision journal."""
        meta = {"agents": dict(self.runtime.levels), "twin_runs": self.twin.runs,
                "twin_seconds": round(self.twin.seconds, 3)}
        meta.update(extra_metadata or {})
        planner = self.roles.get("planner")
        daily = planner.daily.frame() if planner is not None else None
        return collect(self.line, decisions=self.runtime.journal.frame(), extra_metadata=meta,
                       daily=daily)

    # -- stepping --------------------------------------------------------------------------------
    def step(self) -> None:
        """Advance to the next decision time, alarm or urgent announcement; let agents act."""
        limit = self._limit
        now = self.now
        tick = (math.floor(now / self.interval + 1e-9) + 1) * self.interval
        alarms = [t for t in self.runtime.alarms if t > now + 1e-9]
        self.runtime.alarms = alarms
        end = min([tick, self.horizon, *alarms] + ([limit] if limit is not None else []))
        self._run_until(end)
        self.agents.do("step")

    def _run_until(self, end: float) -> None:
        env = self.line.env
        if end <= env.now:
            return
        deadline = simpy.Event(env)  # like simpy's own ``run(until=...)``: before other events
        deadline._ok = True
        deadline._value = None
        env.schedule(deadline, URGENT, end - env.now)
        wake = env.event()
        stop = StopSimulation.callback
        deadline.callbacks.append(stop)
        wake.callbacks.append(stop)
        self._wake = wake
        try:
            env.run()
        finally:
            self._wake = None
            for event in (deadline, wake):
                if event.callbacks is not None and stop in event.callbacks:
                    event.callbacks.remove(stop)

    def _wake_now(self) -> None:
        wake = self._wake
        if wake is not None and not wake.triggered:
            wake.succeed()
