"""The processes the levers start: work done elsewhere, planned maintenance, replayed actions.

:class:`~sim.line.control.LineControl` starts them; each is a SimPy process body written as
plain data (:class:`~sim.line.steps.Steps`), so a running line can be copied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.line.steps import Steps

if TYPE_CHECKING:
    from sim.line.commands import Command
    from sim.line.control import LineControl
    from sim.line.model import LineModel
    from sim.line.station import Machine


class ExternalDelivery(Steps):
    """Outsourced units of an order arrive after the other site's lead time."""

    def __init__(self, model: LineModel, order: str, quantity: int, lead_time: float) -> None:
        self.model = model
        self.order = order
        self.quantity = quantity
        self.lead_time = lead_time

    def start(self, _: Any) -> Any:
        """Wait for the lead time."""
        return self.wait(self.model.env.timeout(self.lead_time), self.arrive)

    def arrive(self, _: Any) -> Any:
        """The units count as delivered."""
        model = self.model
        state = model.release.orders[self.order]
        for _unit in range(self.quantity):
            model.deliver_external(state)
        return self.done()


class Maintenance(Steps):
    """A planned maintenance window: wait for ``at``, take the machine down, renew it.

    The generator it replaces: ``if at > now: yield env.timeout(at - now)``; unless called
    off, ``yield machine.fail(duration, "maintenance")`` (the repair event); then renew the
    machine (and apply an energy update).
    """

    def __init__(self, control: LineControl, machine: Machine, at: float, duration: float,
                 plan: list[float], power_factor: float | None = None) -> None:
        self.control = control
        self.machine = machine
        self.at = at
        self.duration = duration
        self.plan = plan
        """``[cost, cancelled]``, shared with the control's list of planned maintenances."""
        self.power_factor = power_factor

    def start(self, _: Any) -> Any:
        """Wait until the window opens (no wait when it has come)."""
        return self.wait_until(self.control.model.env, self.at, self.begin)

    def begin(self, _: Any) -> Any:
        """Unless called off, the machine goes down; wait for its repair event."""
        if self.plan[1]:  # called off
            return self.done()
        control, machine = self.control, self.machine
        key = (machine.station.name, machine.index)
        control._planned[key] = [p for p in control._planned.get(key, []) if p is not self.plan]
        return self.wait(machine.fail(self.duration, "maintenance"), self.finished)

    def finished(self, _: Any) -> Any:
        """The window is over: the machine is renewed (and draws less after an update)."""
        model, machine = self.control.model, self.machine
        if machine.operating_clock:
            machine.renew()
        if self.power_factor is not None:  # (maintain_and_update: [energy] is there)
            model.energy.apply_update(machine.station.name, machine.index,  # type: ignore[union-attr]
                                      self.power_factor)
        model.on_maintained(machine)
        return self.done()


class LaterCommand(Steps):
    """A recorded action taken again at its time (the twin's replay)."""

    def __init__(self, control: LineControl, when: float, command: Command) -> None:
        self.control = control
        self.when = when
        self.command = command

    def start(self, _: Any) -> Any:
        """Wait until the action's time (no wait when it has come)."""
        return self.wait_until(self.control.model.env, self.when, self.act)

    def act(self, _: Any) -> Any:
        """Pull the lever."""
        self.command.apply(self.control)
        return self.done()
