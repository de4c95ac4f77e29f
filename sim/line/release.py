"""How work enters the line: arrivals, the order book, CONWIP and push.

Released parts join the first station's input buffer. With a WIP cap (CONWIP), a part is
released only while fewer than ``wip_cap`` parts are in the line. Order-book parts wait in
``pending`` (earliest due date first) until they may enter; the planner can re-sequence it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
            self.env.process(self._arrivals())
        elif self.kind == "renewal":  # general i.i.d. inter-arrival times (G/./. queues)
            self._gap = model.streams.sampler("release:arrivals", spec.interarrival_dist)
            self.env.process(self._arrivals())
        elif self.kind == "orders":
            for order in sorted(self.orders.values(), key=lambda o: (o.release, o.name)):
                self.env.process(self._order_arrives(order))
            self.env.process(self._releaser())
        else:
            self.env.process(self._pusher())

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

    def _arrivals(self):  # noqa: ANN202 - SimPy process
        env, model = self.env, self.model
        gap = self._gap
        while True:
            yield env.timeout(gap())
            variant = self._next_variant()
            allowance = model.scenario.variants[variant].due_allowance
            due = env.now + allowance if allowance is not None else None
            yield from model.release_part(variant, None, due)

    def _order_arrives(self, order: OrderState):  # noqa: ANN202 - SimPy process
        if order.release > self.env.now:
            yield self.env.timeout(order.release - self.env.now)
        if order.cancelled or order.arrived:
            return
        order.arrived = True
        self.pending.extend([(order.variant, order.name)] * order.quantity)
        self._sort_pending()
        self.kick()

    def _sort_pending(self) -> None:
        orders = self.orders
        self.pending.sort(key=lambda item: orders[item[1]].priority if item[1] else 0.0)

    def kick(self) -> None:
        """Wake the releaser (new pending work, or WIP fell)."""
        if not self._wakeup.triggered:
            self._wakeup.succeed()

    def _may_release(self) -> bool:
        return self.wip_cap is None or self.model.wip < self.wip_cap

    def _releaser(self):  # noqa: ANN202 - SimPy process
        env, model = self.env, self.model
        while True:
            while not self.pending or not self._may_release():
                self._wakeup = env.event()
                yield self._wakeup
            variant, order = self.pending.pop(0)
            if order is not None:
                self.orders[order].released += 1
            due = self.orders[order].due if order else None
            yield from model.release_part(variant, order, due, hand_over=False)

    def _pusher(self):  # noqa: ANN202 - SimPy process
        env, model = self.env, self.model
        while True:
            while not self._may_release():
                self._wakeup = env.event()
                yield self._wakeup
            yield from model.release_part(self._next_variant(), None, None, hand_over=False)

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


