"""How work enters the line: arrivals, the order book, CONWIP and push.

Released parts join the first station's input buffer. With a WIP cap (CONWIP), a part is
released only while fewer than ``wip_cap`` parts are in the line. Order-book parts wait in
``pending`` (earliest due date first) until they may enter; the planner can re-sequence it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sim.line.steps import Steps
from sim.scenario.types import _DistSpec

if TYPE_CHECKING:
    from sim.line.model import LineModel


@dataclass
class OrderState:
    """An order of the order book, as it progresses."""

    name: str
    variant: str
    quantity: int
    release: float
    due: float
    done: int = 0
    released: int = 0
    cancelled: bool = False
    finished_at: float | None = None
    priority: float = 0.0
    """Lower goes first; starts as the due date, the planner may change it."""
    late_units: int = field(default=0)
    arrived: bool = False
    """Whether its parts joined the pending list (at its release time, or pulled forward)."""


class Release:
    """The release process of the line."""

    def __init__(self, model: LineModel) -> None:
        self.model = model
        self.env = model.env
        spec = model.scenario.release
        self.spec = spec
        self.kind = spec.kind
        self.wip_cap = spec.wip_cap
        """Current WIP cap (``None``: uncapped); agents may change it."""
        self.orders: dict[str, OrderState] = {
            name: OrderState(name, o.variant, o.quantity, o.release, o.due, priority=o.due)
            for name, o in spec.orders.items()
        }
        self.pending: list[tuple[str, str | None]] = []
        """Parts waiting to be released: ``(variant, order name or None)``."""
        self._wakeup = self.env.event()
        weights = model.scenario.mix_weights()
        self._variants = list(weights)
        self._cum = []
        total = 0.0
        for name in self._variants:
            total += weights[name]
            self._cum.append(total)
        self._mix = model.streams.uniform("release:mix")
        self._cycle = 0
        if self.kind in ("poisson", "deterministic"):
            law = "exponential" if self.kind == "poisson" else "deterministic"
            gap = _DistSpec.model_construct(dist=law, mean=spec.interarrival)
            self._gap = model.streams.sampler("release:arrivals", gap)
            self.env.process(Arrivals(self))
        elif self.kind == "renewal":  # general i.i.d. inter-arrival times (G/./. queues)
            self._gap = model.streams.sampler("release:arrivals", spec.interarrival_dist)
            self.env.process(Arrivals(self))
        elif self.kind == "orders":
            for order in sorted(self.orders.values(), key=lambda o: (o.release, o.name)):
                self.env.process(OrderArrives(self, order))
            self.env.process(Releaser(self))
        else:
            self.env.process(Pusher(self))

    def _next_variant(self) -> str:
        if len(self._variants) == 1:
            return self._variants[0]
        if self.spec.sequence == "cyclic" and self.kind in ("push", "conwip"):
            self._cycle += 1
            return self._variants[(self._cycle - 1) % len(self._variants)]
        u = self._mix()
        for name, edge in zip(self._variants, self._cum, strict=True):
            if u < edge:
                return name
        return self._variants[-1]

    def _sort_pending(self) -> None:
        orders = self.orders
        self.pending.sort(key=lambda item: orders[item[1]].priority if item[1] else 0.0)

    def kick(self) -> None:
        """Wake the releaser (new pending work, or WIP fell)."""
        if not self._wakeup.triggered:
            self._wakeup.succeed()

    def _may_release(self) -> bool:
        return self.wip_cap is None or self.model.wip < self.wip_cap

    def requeue(self, variant: str, order: str | None) -> None:
        """Put a replacement part back in line (an order's part was scrapped)."""
        if order is not None and not self.orders[order].cancelled:
            self.pending.append((variant, order))
            self._sort_pending()
            self.kick()

    def cancel(self, order: str) -> int:
        """Cancel an order: drop its unreleased parts; return how many were dropped."""
        state = self.orders[order]
        state.cancelled = True
        before = len(self.pending)
        self.pending = [item for item in self.pending if item[1] != order]
        return before - len(self.pending)

    def pull_forward(self, order: str) -> int:
        """Let a future order's parts wait for release now; return how many joined."""
        state = self.orders[order]
        if state.cancelled or state.arrived:
            return 0
        state.arrived = True
        self.pending.extend([(state.variant, state.name)] * state.quantity)
        self._sort_pending()
        self.kick()
        return state.quantity

    def set_priority(self, order: str, priority: float) -> None:
        """Change an order's release priority (lower first) and re-sort the pending parts."""
        self.orders[order].priority = priority
        self._sort_pending()


# -- the release processes (SimPy process bodies as plain data, see sim.line.steps) -----------
class Arrivals(Steps):
    """Random or regular arrivals: wait a gap, release one part, repeat.

    The generator it replaces::

        while True:
            yield env.timeout(gap())
            ...  # variant and due date
            yield from model.release_part(variant, None, due)

    ``release_part`` now does the generator's work before its ``yield`` at once and returns
    the sub-process only when the part has to wait for room in the first buffer.
    """

    def __init__(self, release: Release) -> None:
        self.release = release

    def start(self, _: Any) -> Any:
        """Wait for the next inter-arrival gap (the top of the loop)."""
        release = self.release
        return self.wait(release.env.timeout(release._gap()), self.arrive)

    def arrive(self, _: Any) -> Any:
        """A part arrives: release it (waiting for room if need be), then the next gap."""
        release = self.release
        model = release.model
        variant = release._next_variant()
        allowance = model.scenario.variants[variant].due_allowance
        due = release.env.now + allowance if allowance is not None else None
        waiting = model.release_part(variant, None, due)
        if waiting is None:  # handed over at once: wait for the next gap
            return self.start(None)
        return self.call(waiting, self.start)


class OrderArrives(Steps):
    """An order of the order book: wait for its release time, then its parts wait in line."""

    def __init__(self, release: Release, order: OrderState) -> None:
        self.release = release
        self.order = order

    def start(self, _: Any) -> Any:
        """Wait until the order's release time (no wait when it is due already)."""
        return self.wait_until(self.release.env, self.order.release, self.arrive)

    def arrive(self, _: Any) -> Any:
        """Its parts join the pending list (unless it was cancelled or pulled forward)."""
        order, release = self.order, self.release
        if order.cancelled or order.arrived:
            return self.done()
        order.arrived = True
        release.pending.extend([(order.variant, order.name)] * order.quantity)
        release._sort_pending()
        release.kick()
        return self.done()


class Releaser(Steps):
    """The order book's releaser: release pending parts while the WIP cap allows.

    The generator it replaces::

        while True:
            while not pending or not may_release():
                wakeup = env.event()
                yield wakeup
            ...  # pop the first pending part
            yield from model.release_part(variant, order, due, hand_over=False)
    """

    def __init__(self, release: Release) -> None:
        self.release = release

    def start(self, _: Any) -> Any:
        """Wait for a wake-up while nothing may be released; else release the next part."""
        release = self.release
        if not release.pending or not release._may_release():
            release._wakeup = release.env.event()
            return self.wait(release._wakeup, self.start)
        variant, order = release.pending.pop(0)
        if order is not None:
            release.orders[order].released += 1
        due = release.orders[order].due if order else None
        waiting = release.model.release_part(variant, order, due, hand_over=False)
        return self.call(waiting, self.start)  # (no hand-over: it always waits for the put)


class Pusher(Steps):
    """Push (and CONWIP): release a new part whenever the WIP cap allows."""

    def __init__(self, release: Release) -> None:
        self.release = release

    def start(self, _: Any) -> Any:
        """Wait for a wake-up while the cap is reached; else release the next part."""
        release = self.release
        if not release._may_release():
            release._wakeup = release.env.event()
            return self.wait(release._wakeup, self.start)
        waiting = release.model.release_part(release._next_variant(), None, None,
                                             hand_over=False)
        return self.call(waiting, self.start)  # (no hand-over: it always waits for the put)
