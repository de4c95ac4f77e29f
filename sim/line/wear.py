"""Quality drift: a station's scrap probability creeping up until a recalibration resets it.

Started by a ``quality_drift`` disruption (:mod:`sim.scenario.drift_schema`). The drift
updates :attr:`Station.scrap_p <sim.line.station.Station.scrap_p>` every few minutes; any
planned maintenance of the station (the ``repaired`` announcement with cause
``maintenance``) resets it to the nominal rate, after which it creeps up again. It draws no
random numbers, so it changes no other component's luck. Stations without a drift keep
their nominal scrap rate and cost nothing extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.line.model import LineModel
    from sim.scenario.drift_schema import QualityDrift

UPDATE = 10.0
"""Minutes between updates of the drifting scrap probability."""


class Drift:
    """One running quality drift.

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
        model.listeners.append(self._hear)
        model.announce("quality_drift", disruption=name, station=spec.station, rate=spec.rate)
        model.env.process(self._creep())

    def _hear(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "repaired" and data.get("cause") == "maintenance" \
                and data.get("station") == self.spec.station:
            self.since = self.model.env.now
            self.resets += 1
            self.station.scrap_p = self.nominal

    def _creep(self):  # noqa: ANN202 - SimPy process
        env, spec, station = self.model.env, self.spec, self.station
        while True:
            hours = (env.now - self.since) / 60.0
            station.scrap_p = min(spec.max, max(self.nominal, self.nominal + spec.rate * hours))
            yield env.timeout(UPDATE)
