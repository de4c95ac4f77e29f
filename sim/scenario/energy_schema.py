"""The ``[energy]`` section: an hourly tariff, a grid-CO2 profile and adaptive cycle timing.

Without an ``[energy]`` section energy is priced flat (``economics.energy_price_per_kwh``,
``economics.grid_co2_kg_per_kwh``) and no station can change its speed: every shipped
scenario without it gives the results it always gave. With it::

    [energy]
    # SYNTHETIC German-looking weekday shape: cheap and green around midday (solar), dear and
    # dirty in the evening peak. Hour 0 = 00:00-01:00; the same profile is used every day.
    price_by_hour = [0.21, 0.20, ...]      # 24 values, EUR per kWh
    co2_by_hour = [0.42, 0.41, ...]        # 24 values, kg CO2 per kWh
    adaptive = true                        # may the planner slow stations down?
    check_interval = "4 h"                 # how often the planner looks at the speeds

    [energy.stations.wash]                 # a station that may run slower
    min_speed = 0.6                        # lowest allowed speed (1 = nominal)
    exponent = 3                           # speed-power curve (below)

The speed-power curve of a station running at speed ``s`` (``min_speed <= s <= 1``): a part
takes ``process time / s``, and a busy machine draws ``idle + (busy - idle) * s ** exponent``
kW (the drive's load-dependent part falls with a power of the speed; the idle base load stays).
All other states draw what ``power_kw`` says. Energy per part of the dynamic part thus falls
with ``s ** (exponent - 1)``, paid for with longer busy time (lower capacity).

Two more levers, both off unless written down::

    [energy.timing]                        # pull work into cheap/green hours (the planner)
    enabled = true
    co2_weight = 0.5                       # an hour's score: (1 - w) price/mean + w CO2/mean
    green_hours = 6                        # the 6 lowest-scoring hours of the day are "green"
    lookahead = "12 h"                     # pull an order at most this long before its release
    slack = "2 h"                          # due-date safety margin of the planner's estimate

    [energy.updates.robot_r7]              # an energy-saving process update of one station
    power_factor = 0.8                     # afterwards its machines draw 80 % (except down/off)
    extra_minutes = "30 min"               # the update lengthens a maintenance window by this
    cost = 150.0                           # its cost (currency), on top of the maintenance
    bundle = true                          # may the maintenance agent bundle it?
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from sim.scenario.types import Duration, PositiveDuration, Strict

HOURS = 24
"""Values in an hourly profile (one day)."""
Hourly = Annotated[list[Annotated[float, Field(ge=0)]], Field(min_length=HOURS,
                                                              max_length=HOURS)]


class SpeedPower(Strict):
    """How far a station may slow down, and what that saves (see the module docstring)."""

    min_speed: Annotated[float, Field(gt=0, le=1)] = 1.0
    """Lowest allowed speed (1: the station always runs at nominal speed)."""
    exponent: Annotated[float, Field(ge=1, le=4)] = 3.0
    """Busy draw above idle scales with ``speed ** exponent``."""
    speed: Annotated[float, Field(gt=0, le=1)] = 1.0
    """Speed from the start (a fixed setting; the planner's review may change it)."""

    @model_validator(mode="after")
    def _speed_allowed(self) -> SpeedPower:
        if self.speed < self.min_speed:
            raise ValueError("speed must be at least min_speed")
        return self


class EnergyTiming(Strict):
    """Pulling orders forward into cheap/green hours (see :mod:`sim.agents.energy_timing`)."""

    enabled: bool = False
    """Whether the planner may pull orders forward for energy (needs the planner on)."""
    co2_weight: Annotated[float, Field(ge=0, le=1)] = 0.5
    """Weight of the grid CO2 in an hour's score (the rest is the price)."""
    green_hours: Annotated[int, Field(ge=1, le=HOURS - 1)] = 6
    """How many of the day's lowest-scoring hours count as cheap/green."""
    lookahead: PositiveDuration = 12.0 * 60
    """An order is pulled at most this long before its planned release."""
    slack: Duration = 2.0 * 60
    """Safety margin of the due-date check (estimated finish + slack <= due)."""


class ProcessUpdate(Strict):
    """An energy-saving process update the maintenance agent may bundle with a window."""

    power_factor: Annotated[float, Field(gt=0, lt=1)]
    """Afterwards an updated machine draws this share of ``power_kw`` (except down and off)."""
    extra_minutes: Duration = 0.0
    """How much longer the maintenance window becomes with the update."""
    cost: Annotated[float, Field(ge=0)] = 0.0
    """Cost of the update per machine (currency), on top of the maintenance."""
    bundle: bool = True
    """Whether the maintenance agent bundles it (``false``: the same agents without it)."""


class EnergySection(Strict):
    """Hourly tariff and grid CO2 (one day, repeated), and the adaptive cycle-time lever."""

    price_by_hour: Hourly
    """Electricity price per hour of the day (currency per kWh)."""
    co2_by_hour: Hourly
    """Grid emission factor per hour of the day (kg CO2 per kWh)."""
    adaptive: bool = False
    """Whether the planner may change station speeds (the lever; needs the planner on)."""
    check_interval: PositiveDuration = 4.0 * 60
    """How often the planner reviews the speeds."""
    margin: Annotated[float, Field(gt=0, le=1)] = 0.9
    """A slowed station's load stays at most ``margin`` x the bottleneck's load."""
    target_utilisation: Annotated[float, Field(gt=0, le=1)] = 0.85
    """A slowed station's load stays at most this busy share."""
    stations: dict[str, SpeedPower] = {}
    """Stations that may run slower (the others always run at nominal speed)."""
    timing: EnergyTiming = EnergyTiming()
    """Pulling work into cheap/green hours (off unless ``enabled``)."""
    updates: dict[str, ProcessUpdate] = {}
    """Energy-saving process updates per station (bundled with maintenance windows)."""
