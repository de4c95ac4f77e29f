"""The benchmark line written for Mesa 3's discrete-event scheduler (``mesa.experimental.devs``).

A second anchor for ``bench_line.py``: the same five-station line as the plain-SimPy
reference (Poisson arrivals, exponential processing, buffers of 10 with blocking after
service, calendar-time breakdowns), but in *event scheduling* style: each machine is a small
state machine, and an event exists only when something happens at a later time (an arrival,
the end of a processing time, a breakdown, a repair). A part that can move on at once moves
by a plain method call. Used by the benchmark only; nothing in ``sim`` depends on it.
"""

from __future__ import annotations

import random

from mesa import Model
from mesa.experimental.devs import DEVSimulator
from mesa.experimental.devs.eventlist import EventList

IDLE, BUSY, BLOCKED = 0, 1, 2


class DevsLine(Model):
    """The benchmark line on Mesa's ``DEVSimulator``.

    Args:
        stations: Number of stations.
        interarrival: Mean minutes between arrivals.
        first_buffer: Capacity of the first buffer (``"inf"``: unbounded).
        buffer: Capacity of the other buffers.
        mean_process: Mean processing minutes per station.
        mtbf: Mean minutes between breakdowns (calendar clock).
        mttr: Mean minutes to repair.
        seed: Seed of the one random stream.
    """

    def __init__(self, stations: int, interarrival: float, first_buffer: int | str,
                 buffer: int, mean_process: float, mtbf: float, mttr: float,
                 seed: int) -> None:
        super().__init__(seed=seed)
        self.simulator = DEVSimulator()
        self.simulator.setup(self)
        self.schedule = self.simulator.schedule_event_relative
        self.expo = random.Random(seed).expovariate
        self.rates = (1 / interarrival, 1 / mean_process, 1 / mtbf, 1 / mttr)
        self.caps = [float("inf") if first_buffer == "inf" else first_buffer]
        self.caps += [buffer] * (stations - 1)
        self.last = stations - 1
        self.queue = [0] * stations
        """Parts waiting in front of each station."""
        self.state = [IDLE] * stations
        self.broken = [False] * stations
        self.remaining = [0.0] * stations
        self.started = [0.0] * stations
        self.finishing: list = [None] * stations
        """The pending end-of-processing event of each machine (``None``: not running)."""
        self.source_waits = False
        self.done = 0
        self.schedule(self.arrive, self.expo(self.rates[0]))
        for i in range(stations):
            self.schedule(self.fail, self.expo(self.rates[2]), function_args=[i])

    def run(self, horizon: float) -> int:
        """Run to ``horizon`` minutes; return the number of finished parts."""
        self.simulator.run_until(horizon)
        return self.done

    def arrive(self) -> None:
        """A part arrives; it waits at the source while the first buffer is full."""
        if self.queue[0] < self.caps[0]:
            self.queue[0] += 1
            self.schedule(self.arrive, self.expo(self.rates[0]))
            self.take(0)
        else:
            self.source_waits = True

    def take(self, i: int) -> None:
        """An idle machine takes the next part from its buffer (a slot frees upstream)."""
        if self.state[i] != IDLE or not self.queue[i]:
            return
        self.queue[i] -= 1
        self.state[i] = BUSY
        self.remaining[i] = self.expo(self.rates[1])
        if not self.broken[i]:
            self.begin(i)
        if i == 0:
            if self.source_waits:
                self.source_waits = False
                self.queue[0] += 1
                self.schedule(self.arrive, self.expo(self.rates[0]))
        elif self.state[i - 1] == BLOCKED:
            self.queue[i] += 1
            self.state[i - 1] = IDLE
            self.take(i - 1)

    def begin(self, i: int) -> None:
        """Start (or resume) processing the remaining time."""
        self.started[i] = self.simulator.time
        self.finishing[i] = self.schedule(self.finish, self.remaining[i], function_args=[i])

    def finish(self, i: int) -> None:
        """Processing done: hand the part on, or hold it (blocked after service)."""
        self.finishing[i] = None
        if i == self.last:
            self.done += 1
        elif self.queue[i + 1] < self.caps[i + 1]:
            self.queue[i + 1] += 1
            self.take(i + 1)
        else:
            self.state[i] = BLOCKED
            return
        self.state[i] = IDLE
        self.take(i)

    def fail(self, i: int) -> None:
        """A breakdown (calendar clock): a running processing time is interrupted."""
        self.broken[i] = True
        event = self.finishing[i]
        if event is not None:
            self.remaining[i] -= self.simulator.time - self.started[i]
            self.simulator.cancel_event(event)
            self.finishing[i] = None
        self.schedule(self.repair, self.expo(self.rates[3]), function_args=[i])

    def repair(self, i: int) -> None:
        """Repaired: an interrupted (or waiting) part resumes."""
        self.broken[i] = False
        if self.state[i] == BUSY and self.finishing[i] is None:
            self.begin(i)
        self.schedule(self.fail, self.expo(self.rates[2]), function_args=[i])


def counted_events() -> tuple[list[int], object]:
    """Count the events the scheduler pops: ``(counter, restore)`` (call ``restore()`` after)."""
    counter = [0]
    original = EventList.pop_event

    def pop_event(self: EventList):  # noqa: ANN202
        counter[0] += 1
        return original(self)

    EventList.pop_event = pop_event

    def restore() -> None:
        EventList.pop_event = original

    return counter, restore
