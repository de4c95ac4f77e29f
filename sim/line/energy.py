"""The energy meter: energy, its cost and its CO2 hour by hour, and the stations' speeds.

Present only when the scenario has an ``[energy]`` section (:mod:`sim.scenario.energy_schema`).
At every full hour (and whenever a speed changes) the meter accounts each machine's state
times since its last reading: ``kWh = sum over states of draw(state, speed) x minutes / 60``,
priced and weighted with that hour's ``price_by_hour`` and ``co2_by_hour`` (hour of the day =
``floor(t / 60) mod 24``). Every reading lies within one clock hour, so the figures are exact
for the state times, not a sampling.

A station's speed ``s`` stretches each part it *starts* to ``process time / s`` (a part in
work keeps the time it started with) and sets a busy machine's draw to ``idle + (busy -
idle) x s ** exponent`` from the moment the speed is set.

An energy-saving process update (``[energy.updates]``, bundled with a maintenance window by
the maintenance agent) multiplies an updated machine's draw in every state but ``down`` and
``off`` by the update's ``power_factor`` from the end of the window on.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from sim.line.station import BUSY, DOWN, OFF, STATES
from sim.line.steps import Steps

if TYPE_CHECKING:
    from sim.line.model import LineModel
    from sim.line.station import Station
    from sim.line.streams import Sampler
    from sim.scenario.energy_schema import EnergySection

_HOUR = 60.0


class _Slowed:
    """A process-time sampler stretched by its station's current speed (``next()`` only)."""

    __slots__ = ("_base", "_meter", "_station")

    def __init__(self, base: Sampler, meter: EnergyMeter, station: str) -> None:
        self._base = base  # (its ``next`` is looked up per draw: a forecast's branch resets it)
        self._meter = meter
        self._station = station

    def next(self) -> float:
        """The next process time at the current speed."""
        return self._base.next() / self._meter.speed[self._station]

    __call__ = next


class EnergyMeter:
    """Hourly energy, cost and CO2 of a line, and the speeds of its stations.

    Args:
        model: The line model (its scenario has an ``energy`` section).
    """

    def __init__(self, model: LineModel) -> None:
        self.model = model
        self.spec: EnergySection = model.scenario.energy
        self.speed: dict[str, float] = {
            s.name: self.spec.stations[s.name].speed if s.name in self.spec.stations else 1.0
            for s in model.stations}
        """Current speed per station (1 = nominal)."""
        self.kwh_by_hour: dict[int, float] = {}
        """kWh per clock hour since the start (hour index ``floor(t / 60)``)."""
        self.kwh = 0.0
        self.station_kwh: dict[str, float] = dict.fromkeys(self.speed, 0.0)
        """kWh per station since the start."""
        self.cost = 0.0
        self.co2 = 0.0
        self._last = {(s.name, m.index): dict(m.time) for s in model.stations
                      for m in s.machines}
        self._read_at = 0.0
        self.factor: dict[tuple[str, int], float] = {}
        """Power factor of each machine with a process update (absent: 1)."""
        for st in model.stations:
            for v, sampler in st.process_time.items():  # (the same dict the machines hold)
                st.process_time[v] = _Slowed(sampler, self, st.name)
        model.env.process(HourlyReading(self))

    # -- drawing --------------------------------------------------------------------------------
    def draw(self, station: Station, state: str) -> float:
        """Draw of one machine of ``station`` in ``state`` at its current speed, in kW."""
        base = station.power(state)
        spec = self.spec.stations.get(station.name)
        speed = self.speed[station.name]
        if state != BUSY or spec is None or speed == 1.0:
            return base
        idle = station.spec.power_kw.idle
        return idle + (base - idle) * speed ** spec.exponent

    def read(self) -> None:
        """Account every machine's state times since the last reading (within one hour)."""
        now = self.model.env.now
        if now <= self._read_at:
            return
        hour = int(math.floor(self._read_at / _HOUR + 1e-9))
        kwh = 0.0
        for st in self.model.stations:
            draws = {state: self.draw(st, state) for state in STATES}
            before = kwh
            for m in st.machines:
                m.flush()
                last = self._last[st.name, m.index]
                f = self.factor.get((st.name, m.index))
                for state in STATES:
                    spent = m.time[state] - last[state]
                    if spent:
                        draw = draws[state] if f is None or state in (DOWN, OFF) else (
                            draws[state] * f)
                        kwh += draw * spent / _HOUR
                self._last[st.name, m.index] = dict(m.time)
            self.station_kwh[st.name] += kwh - before
        self._read_at = now
        self.kwh_by_hour[hour] = self.kwh_by_hour.get(hour, 0.0) + kwh
        self.kwh += kwh
        self.cost += kwh * self.spec.price_by_hour[hour % 24]
        self.co2 += kwh * self.spec.co2_by_hour[hour % 24]

    # -- the lever ------------------------------------------------------------------------------
    def set_speed(self, station: str, speed: float) -> float:
        """Set ``station``'s speed, clipped to ``[min_speed, 1]``; return the speed set.

        Raises:
            ValueError: For a station that may not change its speed.
        """
        spec = self.spec.stations.get(station)
        if spec is None:
            raise ValueError(f"station {station!r} has no speed-power curve in [energy.stations]"
                             f"; expected one of {', '.join(self.spec.stations) or '(none)'}")
        self.read()  # the time so far at the old speed
        speed = min(1.0, max(spec.min_speed, float(speed)))
        self.speed[station] = speed
        return speed

    def apply_update(self, station: str, machine: int, power_factor: float) -> None:
        """A process update of one machine is done: it draws ``power_factor`` x from now on."""
        self.read()  # the time so far at the old draw
        self.factor[station, machine] = power_factor

    def observe(self) -> dict[str, Any]:
        """What the agents may know: speeds, allowed ranges, curves and the day's profiles."""
        s = self.spec
        return {"speed": dict(self.speed),
                "min_speed": {n: c.min_speed for n, c in s.stations.items()},
                "exponent": {n: c.exponent for n, c in s.stations.items()},
                "price_by_hour": tuple(s.price_by_hour), "co2_by_hour": tuple(s.co2_by_hour),
                "kwh": self.kwh,
                "power_factor": {n: [self.factor.get((n, i), 1.0) for i in range(
                    self.model.station[n].spec.machines)] for n in s.updates}}


class HourlyReading(Steps):
    """The meter's clock: a reading at every full hour.

    It replaces ``while True: yield env.timeout(<to the next full hour>); meter.read()``.
    """

    def __init__(self, meter: EnergyMeter) -> None:
        self.meter = meter

    def start(self, _: Any) -> Any:
        """Wait until the next full hour."""
        env = self.meter.model.env
        return self.wait(env.timeout(_HOUR * (math.floor(env.now / _HOUR + 1e-9) + 1) - env.now),
                         self.read)

    def read(self, _: Any) -> Any:
        """A full hour: read the meter, then wait for the next."""
        self.meter.read()
        return self.start(None)
