"""The planner's speed review: adaptive cycle timing for stations that are not the bottleneck.

Every ``energy.check_interval`` the planner reads, from the port only (the ``operating``
minutes and the ``energy`` entry of the :class:`~sim.line.control.Observation`), each
station's *full-speed load*::

    load = sum over intervals of (operating minutes x speed) / (minutes observed x machines)

(the busy share it would have had at nominal speed, since the first review). The station with
the highest load is the bottleneck and always runs at speed 1. Any other station with a
speed-power curve is set to

    speed = max(min_speed, load / (margin x bottleneck load), load / target_utilisation)

rounded *up* to a step of 0.05 and at most 1, so that a slowed station stays below the
bottleneck's load (``margin``) and below ``target_utilisation``: the line's capacity is kept,
only the idle time of the faster station is turned into slower, lower-power processing. The
review proposes a change only when the speed moves by at least one step; each change is a
decision in the journal with its reason (the loads, and the busy draw at the new speed).

This rule does not move orders in time; pulling work into cheap or green hours is the
planner's separate rule in :mod:`sim.agents.energy_timing` (``[energy.timing]``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from sim.agents.journal import Action, Option, Proposal

if TYPE_CHECKING:
    from sim.agents.runtime import AgentRuntime

STEP = 0.05
"""Speeds are set in steps of this size."""


def target_speed(load: float, bottleneck_load: float, min_speed: float, margin: float,
                 target_utilisation: float) -> float:
    """The slowest allowed speed that keeps a non-bottleneck station's load within bounds.

    Args:
        load: The station's full-speed load (busy share at nominal speed).
        bottleneck_load: The bottleneck's full-speed load.
        min_speed: Lowest speed the station's curve allows.
        margin: The slowed load stays at most ``margin x bottleneck_load``.
        target_utilisation: The slowed load stays at most this busy share.

    Returns:
        The speed, a multiple of :data:`STEP` (rounded up) in ``[min_speed, 1]``.
    """
    need = max(load / (margin * bottleneck_load) if bottleneck_load > 0 else 1.0,
               load / target_utilisation, min_speed)
    stepped = math.ceil(need / STEP - 1e-9) * STEP
    return round(min(1.0, max(stepped, min_speed)), 6)


class SpeedReview:
    """The planner's periodic review of station speeds (see the module docstring).

    Args:
        runtime: The agents' link to the line.
        role: The role that journals the decisions (``planner``).
    """

    def __init__(self, runtime: AgentRuntime, role: str) -> None:
        self.rt = runtime
        self.role = role
        spec = runtime.scenario.energy
        self.spec = spec if spec is not None and spec.adaptive and spec.stations else None
        self._last: tuple[float, dict[str, float]] | None = None
        self.next_at = 0.0
        self.work: dict[str, float] = {}
        """Full-speed operating minutes per station since the first reading."""
        self.span = 0.0
        """Minutes since the first reading."""

    def step(self) -> None:
        """Review the speeds when the interval is due."""
        rt, spec = self.rt, self.spec
        if spec is None or rt.now + 1e-9 < self.next_at:
            return
        self.next_at = rt.now + spec.check_interval
        rt.alarm(self.next_at)
        obs = rt.observe()
        operating = {s: sum(v) for s, v in obs.operating.items()}
        last, self._last = self._last, (obs.time, operating)
        if last is None or obs.time <= last[0]:
            return  # a first reading: the loads need an interval
        speed: dict[str, float] = obs.energy["speed"]
        self.span += obs.time - last[0]
        for s in operating:  # (speeds change only at reviews: constant within the interval)
            self.work[s] = self.work.get(s, 0.0) + (operating[s] - last[1][s]) * speed[s]
        load = {s: self.work[s] / (self.span * len(obs.states[s])) for s in operating}
        bottleneck = max(load, key=lambda s: load[s])
        for station, min_speed in obs.energy["min_speed"].items():
            if station == bottleneck:
                new = 1.0
            else:
                new = target_speed(load[station], load[bottleneck], min_speed, spec.margin,
                                   spec.target_utilisation)
            if abs(new - speed[station]) < STEP - 1e-9:
                continue
            self._propose(station, new, speed[station], load, bottleneck, obs.energy)

    def _propose(self, station: str, new: float, old: float, load: dict[str, float],
                 bottleneck: str, energy: dict[str, Any]) -> None:
        exponent = energy["exponent"][station]
        keep = Option("keep_speed", f"keep {station} at speed {old:g}")
        change = Option("set_speed", f"run {station} at speed {new:g}",
                        [Action(None, "set_speed", {"station": station, "speed": new})])
        observed = (f"full-speed load {station} {load[station]:.0%}, bottleneck {bottleneck} "
                    f"{load[bottleneck]:.0%} over the last "
                    f"{self.span / 60:g} h")
        if station == bottleneck:
            reason = (f"{station} is the bottleneck now: back to full speed, or the line "
                      f"loses output")
        else:
            slowed = load[station] / new
            reason = (f"{station} is not the bottleneck: at speed {new:g} it would be busy "
                      f"{slowed:.0%} (bottleneck {load[bottleneck]:.0%}); its busy draw above "
                      f"idle falls to {new ** exponent:.0%} per minute, "
                      f"{new ** (exponent - 1):.0%} per part")
        self.rt.submit(self.role, "energy review", observed,
                       Proposal(change, [keep, change], reason))
