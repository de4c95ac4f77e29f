"""Typed commands: one small dataclass per lever of :class:`~sim.line.control.LineControl`.

A command is what an agent (or a person) decides to do, as data: ``apply(control)`` pulls the
lever, ``text()`` renders it for the journal (``order_material(material=alloy, quantity=196,
...)``), and :attr:`Command.name` is the lever's name in the event log. Recorded commands can
be applied again at their times (the planner's twin replays the past this way), without any
dispatch by name.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from sim.line.control import LineControl


@dataclass(frozen=True)
class Command:
    """A lever pulled: subclasses define the fields, :meth:`apply` and the lever's name."""

    name: ClassVar[str] = ""

    def apply(self, control: LineControl) -> Any:
        """Pull the lever on ``control``."""
        raise NotImplementedError

    def kwargs(self) -> dict[str, Any]:
        """The command's fields (what the event log records)."""
        return asdict(self)

    def text(self) -> str:
        """``name(field=value, ...)``, floats in short form."""
        args = ", ".join(f"{k}={_short(v)}" for k, v in self.kwargs().items())
        return f"{self.name}({args})"


@dataclass(frozen=True)
class PrioritiseVariant(Command):
    """Switch the line to ``variant`` (its orders and queued parts go first)."""

    name: ClassVar[str] = "prioritise_variant"
    variant: str

    def apply(self, control: LineControl) -> None:
        """Pull the lever."""
        control.prioritise_variant(self.variant)


@dataclass(frozen=True)
class ResetPriorities(Command):
    """Back to earliest-due-date sequencing."""

    name: ClassVar[str] = "reset_priorities"

    def apply(self, control: LineControl) -> None:
        """Pull the lever."""
        control.reset_priorities()


@dataclass(frozen=True)
class PullForward(Command):
    """Release a future order's parts now."""

    name: ClassVar[str] = "pull_forward"
    order: str

    def apply(self, control: LineControl) -> int:
        """Pull the lever; return the units pulled forward."""
        return control.pull_forward(self.order)


@dataclass(frozen=True)
class SetWipCap(Command):
    """Change the WIP cap (``None`` removes it)."""

    name: ClassVar[str] = "set_wip_cap"
    cap: int | None

    def apply(self, control: LineControl) -> None:
        """Pull the lever."""
        control.set_wip_cap(self.cap)


@dataclass(frozen=True)
class OrderMaterial(Command):
    """Order material from a sister site or an express source."""

    name: ClassVar[str] = "order_material"
    material: str
    quantity: float
    lead_time: float
    source: str
    unit_cost: float
    transport_cost_per_unit: float
    co2_kg_per_unit: float

    def apply(self, control: LineControl) -> None:
        """Pull the lever."""
        control.order_material(self.material, self.quantity, self.lead_time, self.source,
                               self.unit_cost, self.transport_cost_per_unit,
                               self.co2_kg_per_unit)


@dataclass(frozen=True)
class Outsource(Command):
    """Have a sister site build up to ``quantity`` unreleased units of ``order``."""

    name: ClassVar[str] = "outsource"
    order: str
    quantity: int
    lead_time: float
    cost_per_unit: float
    co2_kg_per_unit: float
    site: str

    def apply(self, control: LineControl) -> int:
        """Pull the lever; return the units actually moved."""
        return control.outsource(self.order, self.quantity, self.lead_time,
                                 self.cost_per_unit, self.co2_kg_per_unit, self.site)


@dataclass(frozen=True)
class ReassignStaff(Command):
    """Take ``count`` staff off the line (``0`` brings them back), from ``station`` if given.

    With ``[quality.inspection]`` they work at quality assurance (:mod:`sim.line.inspection`).
    """

    name: ClassVar[str] = "reassign_staff"
    count: int
    station: str | None = None

    def apply(self, control: LineControl) -> None:
        """Pull the lever."""
        control.reassign_staff(self.count, self.station)

    def kwargs(self) -> dict[str, Any]:
        """The fields; ``station`` only when given (older records had none)."""
        out = asdict(self)
        if self.station is None:
            del out["station"]
        return out


@dataclass(frozen=True)
class SetOvertime(Command):
    """Allow at most ``max_minutes`` overtime per day from now on."""

    name: ClassVar[str] = "set_overtime"
    max_minutes: float

    def apply(self, control: LineControl) -> None:
        """Pull the lever."""
        control.set_overtime(self.max_minutes)


@dataclass(frozen=True)
class ScheduleMaintenance(Command):
    """Planned maintenance (or a recalibration) of one machine."""

    name: ClassVar[str] = "schedule_maintenance"
    station: str
    machine: int
    at: float
    duration: float
    cost: float = 0.0

    def apply(self, control: LineControl) -> None:
        """Pull the lever."""
        control.schedule_maintenance(self.station, self.machine, self.at, self.duration,
                                     self.cost)


@dataclass(frozen=True)
class SetSpeed(Command):
    """Run a station at ``speed`` (adaptive cycle timing, ``[energy.stations]``)."""

    name: ClassVar[str] = "set_speed"
    station: str
    speed: float

    def apply(self, control: LineControl) -> float:
        """Pull the lever; return the speed set."""
        return control.set_speed(self.station, self.speed)


@dataclass(frozen=True)
class MaintainAndUpdate(Command):
    """Planned maintenance bundled with an energy-saving process update (``[energy.updates]``).

    The window (``duration`` includes the update's extra minutes) renews the machine like
    :class:`ScheduleMaintenance`; from its end the machine draws ``power_factor`` x its power.
    """

    name: ClassVar[str] = "maintain_and_update"
    station: str
    machine: int
    at: float
    duration: float
    cost: float
    power_factor: float

    def apply(self, control: LineControl) -> None:
        """Pull the lever."""
        control.maintain_and_update(self.station, self.machine, self.at, self.duration,
                                    self.cost, self.power_factor)


@dataclass(frozen=True)
class PlanShift(Command):
    """Book ``staff`` more people than the calendar schedules from ``start`` to ``end``."""

    name: ClassVar[str] = "plan_shift"
    start: float
    end: float
    staff: int

    def apply(self, control: LineControl) -> None:
        """Pull the lever."""
        control.plan_shift(self.start, self.end, self.staff)


@dataclass(frozen=True)
class CancelMaintenance(Command):
    """Call off the planned maintenances of one machine that have not started yet."""

    name: ClassVar[str] = "cancel_maintenance"
    station: str
    machine: int

    def apply(self, control: LineControl) -> int:
        """Pull the lever; return how many maintenances were called off."""
        return control.cancel_maintenance(self.station, self.machine)


@dataclass(frozen=True)
class ReorderNow(Command):
    """Place one more (s, Q) order of ``material`` now (its usual supplier, drawn lead time)."""

    name: ClassVar[str] = "reorder_now"
    material: str

    def apply(self, control: LineControl) -> float:
        """Pull the lever; return the planned arrival."""
        return control.reorder_now(self.material)


@dataclass(frozen=True)
class Quarantine(Command):
    """Send the parts made at ``station`` since ``since`` through the extended test."""

    name: ClassVar[str] = "quarantine"
    station: str
    since: float

    def apply(self, control: LineControl) -> int:
        """Pull the lever; return the parts found in dispatch."""
        return control.quarantine(self.station, self.since)


@dataclass(frozen=True)
class Cool(Command):
    """Switch the changed cooling of ``station`` on at ``at`` (``[quality.cooling]``)."""

    name: ClassVar[str] = "cool"
    station: str
    at: float

    def apply(self, control: LineControl) -> None:
        """Pull the lever."""
        control.cool(self.station, self.at)


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


COMMANDS: dict[str, type[Command]] = {
    cls.name: cls for cls in (PrioritiseVariant, ResetPriorities, PullForward, SetWipCap,
                              OrderMaterial, Outsource, ReassignStaff, SetOvertime,
                              ScheduleMaintenance, SetSpeed, MaintainAndUpdate,
                              PlanShift, CancelMaintenance,
                              ReorderNow, Quarantine, Cool)}
"""Every command by its lever's name."""


def make_command(name: str, kwargs: dict[str, Any]) -> Command:
    """The typed command for lever ``name`` with ``kwargs`` (``ValueError`` if unknown)."""
    if name not in COMMANDS:
        raise ValueError(f"unknown lever {name!r}; expected one of {', '.join(COMMANDS)}")
    return COMMANDS[name](**kwargs)
