"""Drawing bad days: the scenario's ``[stress]`` section turned into scripted disruptions.

A bad day is the scenario plus randomly drawn disruptions (breakdowns, staff absences, order
cancellations, delivery delays), each at a time drawn uniformly from the stress window, from
streams seeded by the replication's seed but separate from every stream of the line (see
:mod:`sim.experiments.stress` for how the stress test uses them).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from sim.errors import ScenarioError
from sim.experiments.seeds import side_generator
from sim.line.streams import Sampler
from sim.scenario import Scenario, load_scenario, to_data
from sim.scenario.units import format_duration, format_when

__all__ = ["bad_day", "describe", "draw_disruptions"]


def _count(spec: Any, rng: np.random.Generator) -> int:
    if spec.dist == "fixed":
        return int(spec.value)
    if spec.dist == "poisson":
        return int(rng.poisson(spec.mean))
    if spec.dist == "binomial":
        return int(rng.binomial(spec.n, spec.p))
    return int(spec.low + min(int(rng.random() * (spec.high - spec.low + 1)),
                              spec.high - spec.low))


def draw_disruptions(scenario: Scenario, seed: int) -> dict[str, dict[str, Any]]:
    """Draw one bad day's extra disruptions as scenario data (``[disruptions]`` entries).

    Each kind of disruption draws from its own streams (count, event details, durations),
    so changing, say, the absences never changes the drawn breakdowns.

    Args:
        scenario: A scenario with a ``[stress]`` section.
        seed: The replication's seed.

    Returns:
        ``{name: disruption data}``, names starting with ``bad-day-``.
    """
    stress = scenario.stress
    if stress is None:
        raise ScenarioError(None, "stress", "a [stress] section to draw bad days from")
    start = stress.window_start
    end = min(stress.window_end if stress.window_end is not None else scenario.horizon,
              scenario.horizon)
    out: dict[str, dict[str, Any]] = {}

    def minutes(value: float) -> str:
        return f"{max(float(value), 1 / 60)!r} min"

    def streams(kind: str) -> tuple[np.random.Generator, np.random.Generator, Any]:
        count_rng = side_generator(seed, f"stress:{kind}:count")
        event_rng = side_generator(seed, f"stress:{kind}:events")
        return count_rng, event_rng, lambda spec: Sampler(
            side_generator(seed, f"stress:{kind}:duration"), spec)

    if (spec := stress.breakdowns) is not None:
        count_rng, rng, sampler = streams("breakdowns")
        duration = sampler(spec.duration)
        names = spec.stations or list(scenario.stations)
        for i in range(_count(spec.count, count_rng)):
            u_at, u_station, u_machine = rng.random(3)
            station = names[min(int(u_station * len(names)), len(names) - 1)]
            machines = scenario.stations[station].machines
            out[f"bad-day-breakdown-{i + 1}"] = {
                "kind": "breakdown", "at": minutes(start + u_at * (end - start)),
                "station": station, "machine": min(int(u_machine * machines), machines - 1),
                "duration": minutes(duration())}
    if (spec := stress.absences) is not None:
        count_rng, rng, sampler = streams("absences")
        duration = sampler(spec.duration)
        for i in range(_count(spec.count, count_rng)):
            out[f"bad-day-absence-{i + 1}"] = {
                "kind": "staff_absence", "at": minutes(start + rng.random() * (end - start)),
                "count": max(1, _count(spec.staff, rng)), "duration": minutes(duration())}
    if (spec := stress.cancellations) is not None and scenario.release.orders:
        count_rng, rng, _ = streams("cancellations")
        orders = list(scenario.release.orders)
        chosen = rng.permutation(len(orders))[:min(_count(spec.count, count_rng), len(orders))]
        for i, k in enumerate(chosen):
            out[f"bad-day-cancel-{i + 1}"] = {
                "kind": "order_cancel", "at": minutes(start + rng.random() * (end - start)),
                "order": orders[int(k)]}
    if (spec := stress.delivery_delays) is not None:
        _, rng, sampler = streams("delivery_delays")
        delay, notice = sampler(spec.delay), sampler(spec.notice) if spec.notice else None
        materials = spec.materials or [m for m, mat in scenario.materials.items()
                                       if mat.replenishment is not None]
        for material in materials:
            u_hit, u_at = rng.random(2)
            length, told = delay(), notice() if notice else 0.0
            if u_hit < spec.probability:
                at = start + u_at * (end - start)
                out[f"bad-day-delay-{material}"] = {
                    "kind": "delivery_delay", "at": minutes(at), "material": material,
                    "delay": minutes(length), "reported_at": minutes(at + told)}
    taken = set(scenario.disruptions)
    return {(name if name not in taken else f"{name}-x"): data for name, data in out.items()}


def bad_day(scenario: Scenario | str | Path | Mapping[str, Any], seed: int) -> Scenario:
    """Return the scenario of bad day ``seed``: the scenario plus its drawn disruptions.

    Run it with the same seed (``sim.run(bad_day(scn, s), s)``) to reproduce a stress-test
    replication exactly.
    """
    scn = load_scenario(scenario)
    data = to_data(scn)
    data["disruptions"] = {**data.get("disruptions", {}), **draw_disruptions(scn, seed)}
    return load_scenario(data)


def describe(scenario: Scenario) -> str:
    """One line describing a scenario's drawn bad-day disruptions."""
    parts = []
    for name, d in scenario.disruptions.items():
        if not name.startswith("bad-day-"):
            continue
        when = format_when(d.at)
        if d.kind == "breakdown":
            parts.append(f"{d.station}#{d.machine} down {when} for {format_duration(d.duration)}")
        elif d.kind == "staff_absence":
            parts.append(f"{d.count} absent {when} for {format_duration(d.duration)}")
        elif d.kind == "order_cancel":
            parts.append(f"order {d.order} cancelled {when}")
        else:
            parts.append(f"{d.material} delayed {when} by {format_duration(d.delay)}")
    return "; ".join(parts) or "(nothing drawn)"
