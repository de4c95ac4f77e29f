"""Wear on the line: quality drift, and the condition sensor of the machines.

**Quality drift**: a station's scrap probability creeping up until a recalibration resets it.

Started by a ``quality_drift`` disruption (:mod:`sim.scenario.drift_schema`). The drift
updates :attr:`Station.scrap_p <sim.line.station.Station.scrap_p>` every few minutes; any
planned maintenance of the station (the ``repaired`` announcement with cause
``maintenance``) resets it to the nominal rate, after which it creeps up again. It draws no
random numbers, so it changes no other component's luck. Stations without a drift keep
their nominal scrap rate and cost nothing extra.

**Condition sensor** (:class:`ConditionSensor`): what condition monitoring on the line reads
of each machine's wear; agents see it only through the port
(:attr:`Observation.condition <sim.line.control.Observation.condition>`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.line.steps import Steps

if TYPE_CHECKING:
    from sim.line.model import LineModel
    from sim.line.station import Machine
    from sim.scenario.drift_schema import QualityDrift

UPDATE = 10.0
"""Minutes between updates of the drifting scrap probability."""


class Drift(Steps):
    """One running quality drift (it is its own SimPy process: :meth:`creep`).

    Args:
        model: The line model.
        name: The disruption's name.
        spec: The ``quality_drift`` entry.
    """

    def __init__(self, model: LineModel, name: str, spec: QualityDrift) -> None:
        self.model = model
        self.name = name
        self.spec = spec
        self.station = model.station[spec.station]
        self.nominal = self.station.spec.scrap
        self.since = model.env.now
        """When the drift (re)started."""
        self.resets = 0
        """Recalibrations so far."""
        self.cooled: tuple[float, float] | None = None
        """``(since, factor)`` once the changed cooling is on (``[quality.cooling]``)."""
        model.listeners.append(self._hear)
        model.announce("quality_drift", disruption=name, station=spec.station, rate=spec.rate)
        model.env.process(self)

    def _hear(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "repaired" and data.get("cause") == "maintenance" \
                and data.get("station") == self.spec.station:
            self.since = self.model.env.now
            self.resets += 1
            self.station.scrap_p = self.nominal
        elif kind == "cooling" and data.get("station") == self.spec.station:
            self.cooled = (self.model.env.now, data["factor"])

    def start(self, _: Any) -> Any:
        """The drift's process starts: the first update is now."""
        return self.creep(None)

    def creep(self, _: Any) -> Any:
        """Update the scrap probability, then wait ``UPDATE`` minutes for the next update.

        It replaces ``while True: station.scrap_p = ...; yield env.timeout(UPDATE)``.
        """
        env, spec, station = self.model.env, self.spec, self.station
        hours = (env.now - self.since) / 60.0
        if self.cooled is not None:  # cooler from ``on``: creeping at factor x the rate
            on, factor = self.cooled
            hours = (max(0.0, on - self.since) + factor * (env.now - max(on, self.since))) / 60
        station.scrap_p = min(spec.max, max(self.nominal, self.nominal + spec.rate * hours))
        return self.wait(env.timeout(UPDATE), self.creep)


class ConditionSensor:
    """Line-side condition monitoring: a noisy wear reading of each operating-clock machine.

    A machine's *wear* is the share of its current life already used: its operating time since
    the last renewal (failure repair or planned maintenance) over the life it was given then
    (``Machine.life``), 0 when renewed and 1 when it fails. The sensor reads that wear with
    Gaussian noise (standard deviation ``noise``, the scenario's ``[agents.maintenance]
    signal_noise``) drawn from the machine's own stream ``sensor:<station>:<i>``, so reading
    it never changes any other random number.

    How it relates to real failure: the reading is an unbiased, noisy measurement of the true
    degradation, and the machine fails exactly when that degradation reaches 1. That is the
    *generous* assumption behind condition-based maintenance in this toy: a real sensor
    (vibration, temperature) is correlated with remaining life far more loosely, and a
    failure mode it does not see gives no warning at all. Calendar-clock machines (failures
    in calendar time) have no reading (``None``).

    Args:
        model: The line model.
        noise: Standard deviation of the reading's noise (in wear units).
    """

    def __init__(self, model: LineModel, noise: float) -> None:
        self.noise = float(noise)
        self._rng = {
            (s.name, m.index): model.streams.generator(f"sensor:{s.name}:{m.index}")
            for s in model.stations for m in s.machines if m.operating_clock
        }

    def wear(self, machine: Machine) -> float | None:
        """The machine's true degradation (0 renewed .. 1 failing); ``None``: no sensor."""
        if not machine.operating_clock or machine.life <= 0:
            return None
        return min(1.0, max(0.0, 1.0 - machine.ttf_left / machine.life))

    def read(self, machine: Machine) -> float | None:
        """One noisy reading of ``machine``'s wear (``None``: no sensor, or it is down)."""
        wear = self.wear(machine)
        if wear is None or machine.broken:
            return None
        rng = self._rng[(machine.station.name, machine.index)]
        return wear + (float(rng.normal(0.0, self.noise)) if self.noise > 0 else 0.0)
