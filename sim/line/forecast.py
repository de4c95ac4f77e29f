"""Sampled futures: what the line can know at a moment, and a fresh future from there.

The planner's forecast (:class:`~sim.agents.twin.Twin` with ``forecast = "sampled"``) rebuilds
the run up to the decision exactly (the plant knows its own past: same seed, the actions taken)
and then *branches*: from the decision time on, every random stream is re-seeded from the
run's seed, the decision time and the future's index (:meth:`Streams.branch
<sim.line.streams.Streams.branch>`), so a sampled future shares no luck with the real run.

What a branch knows and does not know:

* **Scripted disruptions** that have not started and have not been announced are removed
  (:func:`known_scenario`): nobody on the shop floor knows that two workers will call in sick
  on Friday. Started ones stay (they are the past: a machine down now, staff absent now).
* **A held supply route** ends when the agents *believe* it ends (:func:`branch` sets the end
  per future, drawn by the caller from the supplier's estimate and spread); a hold the agents
  have not heard of is assumed to end now (deliveries as planned). The true end is never used.
* **Machine failures** are redrawn: a machine's remaining life is drawn afresh from its
  time-to-failure distribution *conditional on its age* (operating or calendar time since its
  last renewal): exact for any distribution (rejection sampling; for exponential lives,
  memoryless, one draw). A machine under repair keeps its repair time (the crew's estimate is
  taken as right); a life redrawn to end inside the part being processed ends when that part
  is done.
* **Supplier lateness** of deliveries not yet due is redrawn (an unreliable supplier); a
  lateness already announced stays.

Everything else (processing times, scrap draws, reorder lead times ...) simply continues from
the re-seeded streams.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.line.model import LineModel
    from sim.line.streams import Sampler
    from sim.scenario.schema import Scenario

EPSILON = 1e-6
"""Minutes past the decision at which a known hold's scripted end is parked (see
:func:`known_scenario`): the branch sets the believed end before that moment."""
TRIES = 1000
"""Rejection-sampling attempts for a life conditional on its age (then: a fresh draw)."""


def known_scenario(scenario: Scenario, now: float, believed: dict[str, float]) -> Scenario:
    """The scenario as it can be known at ``now``: unknown future shocks removed.

    Args:
        scenario: The scenario of the real run.
        now: The decision time (minutes).
        believed: Per ``delivery_delay`` the agents know of (by disruption name): the end
            they believe in (used only for delays announced before they start; an ongoing
            hold's end is set by :func:`branch`).

    Returns:
        A copy whose disruptions are the started ones (an ongoing hold parked to end just
        after ``now``) and the announced future ones (ending when believed).
    """
    kept = {}
    for name, spec in scenario.disruptions.items():
        if spec.at > now:
            if spec.kind == "delivery_delay" and name in believed:
                kept[name] = spec.model_copy(update={"delay": max(believed[name] - spec.at,
                                                                  EPSILON)})
            continue
        if spec.kind == "delivery_delay" and spec.at + spec.delay > now:
            spec = spec.model_copy(update={"delay": now - spec.at + EPSILON})
        kept[name] = spec
    return scenario.model_copy(update={"disruptions": kept})


def branch(model: LineModel, key: tuple[int, ...], held_until: dict[str, float]) -> None:
    """Turn ``model`` (run to the decision time) into one sampled future.

    Args:
        model: A model of :func:`known_scenario`, run up to the decision time.
        key: Names the future (decision minute, future index): its random streams.
        held_until: Per material whose route is held: the end believed in this future.
    """
    now = model.env.now
    model.streams.branch(key)
    for material, end in held_until.items():
        model.materials.hold_route(material, end)
    for station in model.stations:
        fail = station.spec.failures
        if fail is None:
            continue
        exponential = fail.ttf.dist == "exponential"
        for machine in station.machines:
            if machine.operating_clock:
                age = max(0.0, machine.life - machine.ttf_left)
                rest = residual(machine.ttf, age, exponential)
                machine.ttf_left, machine.life = rest, age + rest
            elif machine.next_failure is not None:
                age = max(0.0, now - machine.up_since)
                machine.next_failure = now + residual(machine.ttf, age, exponential)
                machine.failure_clock.interrupt("forecast")
    late = model.materials._unreliable
    for shipment in model.materials.shipments:
        source = model.scenario.materials[shipment.material].supplier
        if (shipment.arrived is None and not shipment.cancelled and shipment.due > now
                and source in late and shipment.source == source):
            on_time, lateness = late[source]
            reliability = model.scenario.suppliers[source].reliability
            shipment.late_by = lateness() if on_time() >= reliability else 0.0


def residual(ttf: Sampler, age: float, memoryless: bool) -> float:
    """A remaining life drawn from ``ttf`` given that the machine has lasted ``age``."""
    if memoryless or age <= 0:
        return ttf()
    for _ in range(TRIES):
        life = ttf()
        if life > age:
            return life - age
    return ttf()
