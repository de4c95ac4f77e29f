"""Stations: an input buffer, machines and per-station counters.

A station holds its input buffer (:mod:`sim.line.buffers`), its open/closed gate (shifts,
staffing), its random streams (processing, setup, quality) and counters, and its machines.
Each machine is one SimPy process that takes a part, processes it and hands it on, with exact
state accounting: :class:`~sim.line.machine.Machine` (re-exported here), written as a
state machine of plain data (:mod:`sim.line.steps`) so that a running line can be copied.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from sim.line.buffers import Buffer, Gate, ZeroBuffer
from sim.line.machine import Machine
from sim.line.states import BLOCKED, BUSY, DOWN, MATERIAL, OFF, SETUP, STARVED, STATES
from sim.line.streams import Sampler

if TYPE_CHECKING:
    from sim.line.model import LineModel, Part
    from sim.scenario.schema import StationSpec

__all__ = ["BLOCKED", "BUSY", "DOWN", "MATERIAL", "OFF", "SETUP", "STARVED", "STATES", "Machine",
           "Station"]

_POWER_KEY = {BUSY: "busy", SETUP: "setup", STARVED: "idle", MATERIAL: "idle",
              BLOCKED: "idle", DOWN: "down", OFF: "off"}


class Station:
    """A station: an input buffer, its machines, and its per-station counters."""

    def __init__(self, model: LineModel, name: str, spec: StationSpec, is_first: bool) -> None:
        self.model = model
        self.env = model.env
        self.name = name
        """Station name, as in the scenario."""
        self.spec = spec
        """The station's scenario entry."""
        self.is_first = is_first
        capacity = float("inf") if spec.buffer == "inf" else spec.buffer
        self.buffer = Buffer(self.env, capacity=capacity) if capacity else ZeroBuffer(self.env)
        """Input buffer (blocking-after-service when finite; a direct hand-over when 0)."""
        self.rework_queue: deque[Part] = deque()
        """Parts to be reworked here next, ahead of the buffer (when ``rework_to`` is unset)."""
        self.rework_to: Station | None = None
        """Station whose buffer a part needing rework joins (set by the model's wiring)."""
        self.outbox: deque[Part] = deque()
        """Good parts waiting for their transfer batch to fill (``transfer_batch`` > 1)."""
        self.next: Station | None = None
        """Downstream station (``None`` for the last one)."""
        self.gate = Gate(self.env, is_open=True)
        """Open while the line is in a shift and the station is staffed."""
        streams = model.streams
        self.process_time: dict[str, Sampler] = {
            v: streams.sampler(f"station:{name}:process:{v}", model.scenario.process_time(name, v))
            for v in model.scenario.variants
        }
        self.setup = (
            streams.sampler(f"station:{name}:setup", spec.setup_time) if spec.setup_time else None
        )
        self.quality = streams.uniform(f"station:{name}:quality")
        self.scrap_p = spec.scrap
        """Current scrap probability: the spec's, unless a quality drift moves it."""
        self.processed = 0
        self.good = 0
        self.scrapped = 0
        self.reworked = 0
        self.machines: list[Machine] = []
        ideal = spec.ideal_cycle_time
        self.ideal: dict[str, float] | None = None if ideal is None else {
            v: spec.ideal_cycle_time_by_variant.get(v, ideal) for v in model.scenario.variants}
        """Ideal cycle time per variant (minutes), or ``None`` when the spec sets none."""
        self.ideal_minutes = 0.0
        """Ideal cycle time x parts processed, summed over the processed parts (ISO 22400)."""

    def start(self) -> None:
        """Create the machines (after the whole line is wired up)."""
        self.machines = [Machine(self, i) for i in range(self.spec.machines)]

    def set_open(self, is_open: bool) -> None:
        """Open or close the station (shift calendar, staffing)."""
        if self.gate.set(is_open):
            for machine in self.machines:
                machine._refresh()
                if not is_open and machine.working and machine.freeze_processing:
                    # frozen processing: stop the clock of the part at hand (``_work`` resumes
                    # the rest when the station opens again)
                    machine.working = False
                    machine.process.interrupt("closed")

    def power(self, state: str) -> float:
        """Electrical draw of one machine in ``state``, in kW."""
        return getattr(self.spec.power_kw, _POWER_KEY[state])

    @property
    def held(self) -> int:
        """Good parts not yet handed on: in the outbox or the rest of a batch being moved."""
        return len(self.outbox) + sum(len(m.moving) for m in self.machines)

    @property
    def queue_length(self) -> int:
        """Parts waiting in the input buffer (plus rework waiting)."""
        return len(self.buffer.items) + len(self.rework_queue)
