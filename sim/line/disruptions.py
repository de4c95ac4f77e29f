"""Scripted disruptions: each entry of the scenario's ``[disruptions]`` timeline becomes a process.

``delivery_delay`` holds the material's supplier route for ``delay`` (deliveries due meanwhile
arrive when it ends) and is *reported* at ``reported_at`` with the supplier's estimate
(``estimated_delay`` +- ``estimate_spread``, never the true end: that goes to the event log
only, for the after-the-fact record); ``delivery_cancel`` drops the next
delivery; ``breakdown`` stops one machine; ``staff_absence`` removes staff for a while;
``order_cancel`` drops an order's unreleased parts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.line.steps import Steps
from sim.line.wear import Drift

if TYPE_CHECKING:
    from sim.line.model import LineModel


def schedule_disruptions(model: LineModel) -> None:
    """Start one process per scripted disruption of the model's scenario."""
    for name, spec in model.scenario.disruptions.items():
        model.env.process(Disruption(model, name, spec))
        if spec.kind == "delivery_delay":
            model.env.process(DelayReport(model, name, spec))


def _route(model: LineModel, material: str) -> str:
    return model.scenario.materials[material].supplier or "supplier"


class DelayReport(Steps):
    """A ``delivery_delay`` is reported at ``reported_at`` (default: when it starts).

    It replaces ``yield from _wait_until(model, reported)`` (now :meth:`Steps.wait_until
    <sim.line.steps.Steps.wait_until>`) and the announcement after it.
    """

    def __init__(self, model: LineModel, name: str, spec: Any) -> None:
        self.model = model
        self.name = name
        self.spec = spec

    def start(self, _: Any) -> Any:
        """Wait until the report time (no wait when it has come)."""
        spec = self.spec
        reported = spec.at if spec.reported_at is None else spec.reported_at
        return self.wait_until(self.model.env, reported, self.report)

    def report(self, _: Any) -> Any:
        """Announce the supplier's estimate (the true end goes to the event log only)."""
        model, spec, name = self.model, self.spec, self.name
        affected = [
            s for s in model.materials.shipments
            if s.material == spec.material and s.arrived is None and not s.cancelled
            and s.due < spec.at + spec.delay and s.source == _route(model, spec.material)
        ]
        estimate = spec.delay if spec.estimated_delay is None else spec.estimated_delay
        model.announce(
            "delivery_delayed", disruption=name, material=spec.material, start=spec.at,
            delay=estimate, estimate=spec.at + estimate, spread=spec.estimate_spread,
            quantity=sum(s.quantity for s in affected),
            truth={"until": spec.at + spec.delay, "true_delay": spec.delay},
        )
        return self.done()


class Disruption(Steps):
    """One scripted disruption: it strikes at ``at``; a staff absence also ends.

    It replaces ``yield from _wait_until(model, spec.at)``, the strike, and for
    ``staff_absence`` ``yield env.timeout(duration)`` before the staff come back.
    """

    def __init__(self, model: LineModel, name: str, spec: Any) -> None:
        self.model = model
        self.name = name
        self.spec = spec

    def start(self, _: Any) -> Any:
        """Wait until the disruption's time (no wait when it has come)."""
        return self.wait_until(self.model.env, self.spec.at, self.strike)

    def strike(self, _: Any) -> Any:
        """The disruption happens (a staff absence then waits for its end)."""
        model, name, spec = self.model, self.name, self.spec
        kind = spec.kind
        if kind == "delivery_delay":
            model.materials.hold_route(spec.material, spec.at + spec.delay)
            # what supply tracking can see: the route stopped; not when it will move again
            model.announce("route_held", disruption=name, material=spec.material,
                           since=spec.at, truth={"until": spec.at + spec.delay})
        elif kind == "delivery_cancel":
            shipment = model.materials.cancel_next(spec.material, spec.at)
            model.announce("delivery_cancelled", disruption=name, material=spec.material,
                           quantity=shipment.quantity if shipment else 0.0)
        elif kind == "breakdown":
            machine = model.station[spec.station].machines[spec.machine]
            machine.fail(spec.duration, "scripted")
        elif kind == "staff_absence":
            model.staffing.absent += spec.count
            model.staffing.apply()
            model.announce("staff_absent", disruption=name, count=spec.count,
                           duration=spec.duration)
            return self.wait(model.env.timeout(spec.duration), self.staff_back)
        elif kind == "quality_drift":
            Drift(model, name, spec)
        elif kind == "order_cancel":
            dropped = model.release.cancel(spec.order)
            model.announce("order_cancelled", disruption=name, order=spec.order,
                           dropped=dropped)
        return self.done()

    def staff_back(self, _: Any) -> Any:
        """The absent staff are back."""
        model, spec = self.model, self.spec
        model.staffing.absent -= spec.count
        model.staffing.apply()
        model.announce("staff_back", disruption=self.name, count=spec.count)
        return self.done()
