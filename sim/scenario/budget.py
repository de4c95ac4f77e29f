"""The work budget: natural bounds per field, and a cheap estimate of a run's work.

Two layers keep a scenario from running for hours or filling the memory of a shared machine:

1. **Field bounds** (pure data validation, checked whenever a scenario is loaded): every
   duration is finite; the horizon is at most :data:`MAX_HORIZON` (one year); a run takes at
   most :data:`MAX_SAMPLES` timeseries samples; the event log keeps at most
   :data:`MAX_EVENT_LOG` rows; an order holds at most :data:`MAX_ORDER_QUANTITY` units; a WIP
   cap is at most :data:`MAX_WIP_CAP`; process times are at least :data:`MIN_PROCESS_TIME`
   and a distribution's cv at most :data:`MAX_CV`;
   agents look at the line at most once a minute (:data:`MIN_DECISION_INTERVAL`); a stress
   test's drawn counts are at most :data:`MAX_STRESS_COUNT` per bad day.
2. **The estimate** (:func:`estimate`, checked by :func:`check_budget` before every run and
   every experiment): the simulation events a scenario implies, from its horizon and its
   fastest rates (arrivals, processing, breakdowns, samples, deliveries, agents' steps and
   look-ahead runs) and the parts its orders create. Above :data:`MAX_RUN_EVENTS` events or
   :data:`MAX_PARTS` parts per run (or :data:`MAX_EXPERIMENT_EVENTS` for a whole experiment)
   the run is refused with a :class:`~sim.errors.ScenarioError` that gives the estimate and
   says how to allow it: ``allow_large=True`` in Python, ``--allow-large`` on the command line.

The estimate is an upper-bound style guess (each part is assumed to pass every station), not
a forecast; it costs microseconds. On a quiet machine the line model runs about half a million
events per second, so the run ceiling (the estimate runs two to five times above the real
count) is of the order of a minute of work.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.errors import ScenarioError
from sim.scenario.units import DAY

if TYPE_CHECKING:
    from sim.scenario.schema import Scenario

MAX_HORIZON = 366 * DAY
"""Longest horizon: one year (366 days), in minutes."""
MAX_SAMPLES = 200_000
"""Most timeseries samples per run (horizon / sample_interval)."""
MAX_EVENT_LOG = 1_000_000
"""Largest ``event_log_limit`` (rows kept in memory)."""
MAX_ORDER_QUANTITY = 100_000
"""Largest quantity of one order."""
MAX_WIP_CAP = 10_000
"""Largest WIP cap (CONWIP puts that many parts in at once)."""
MIN_PROCESS_TIME = 1 / 60_000
"""Shortest mean process time: one millisecond, in minutes."""
MIN_DECISION_INTERVAL = 1.0
"""Shortest ``[agents] decision_interval``: one minute."""
MAX_STRESS_COUNT = 1_000
"""Largest count a stress test may draw per bad day (fixed value, Poisson mean, n, high)."""
MAX_FILE_BYTES = 10_000_000
"""Largest scenario file read (a shipped one is a few kB)."""
MAX_NESTING = 32
"""Deepest nesting of tables and lists in scenario data (shipped: at most 5)."""
MAX_CV = 100.0
"""Largest coefficient of variation of a random duration (a gamma law with a larger one has
a shape parameter that underflows to zero)."""
MAX_REPLICATIONS = 100_000
"""Most replications (or bad days) of one experiment."""
MAX_RUN_EVENTS = 50_000_000
"""Ceiling of the estimated simulation events of one run (about a minute of work)."""
MAX_PARTS = 1_000_000
"""Ceiling of the estimated parts one run creates (each part lives in memory)."""
MAX_EXPERIMENT_EVENTS = 2_000_000_000
"""Ceiling of the estimated events of a whole experiment (all its runs together)."""

EVENTS_PER_OPERATION = 4
"""Simulation events per part and station (request, setup, processing, hand-over ...)."""
EVENTS_PER_AGENT_STEP = 100
"""Cost of one agents' look at the line (observation and rules), in events."""
LOOK_AHEADS_PER_TRIGGER = 4
"""Look-ahead simulations per disruption the agents react to (each over the horizon)."""

ALLOW_HINT = "allow it with allow_large=True (CLI: --allow-large)"


@dataclass(frozen=True)
class Estimate:
    """The estimated work of one run.

    Attributes:
        events: Simulation events in total.
        parts: Parts created.
        terms: Events per source (``"parts"``, ``"breakdowns"``, ``"samples"`` ...).
    """

    events: float
    parts: float
    terms: dict[str, float]

    def biggest(self) -> str:
        """The source with the most events (the look-ahead only multiplies the others)."""
        own = {k: v for k, v in self.terms.items() if k != "look-ahead"} or self.terms
        return max(own, key=lambda k: own[k])


_FIELD_OF = {"parts": "release", "arrivals": "release", "breakdowns": "stations.*.failures",
             "samples": "sample_interval", "deliveries": "materials.*.replenishment",
             "agent steps": "agents.decision_interval", "look-ahead": "agents",
             "calendar": "calendar", "disruptions": "disruptions"}


def estimate(scn: Scenario, agents_on: bool | None = None) -> Estimate:
    """Estimate the work of one run of ``scn`` (cheap; see the module docstring).

    Args:
        scn: A validated scenario.
        agents_on: Whether agents run (default: as the scenario's ``[agents]`` says).
    """
    horizon = scn.horizon
    stations = list(scn.stations.values())
    arrivals = _arrivals(scn)
    capacity = _capacity(scn)
    processed = min(arrivals, capacity)
    operations = sum(1.0 / (1.0 - s.rework) for s in stations)
    terms = {"arrivals": 2.0 * arrivals, "parts": EVENTS_PER_OPERATION * processed * operations}
    terms["breakdowns"] = sum(4.0 * s.machines * horizon / max(s.failures.ttf.expected, 1e-12)
                              for s in stations if s.failures is not None)
    if scn.sample_interval > 0:
        terms["samples"] = (horizon / scn.sample_interval) * (1 + len(stations) / 2)
    terms["deliveries"] = sum(_deliveries(m.replenishment, horizon, processed)
                              for m in scn.materials.values())
    if scn.calendar is not None:
        terms["calendar"] = 4.0 * len(scn.calendar.shifts) * horizon / DAY
    stress = _stress_events(scn)
    terms["disruptions"] = 4.0 * (len(scn.disruptions) + stress)
    line = sum(terms.values())
    active = scn.agents.active if agents_on is None else agents_on
    if active:
        terms["agent steps"] = 3 * EVENTS_PER_AGENT_STEP * horizon / scn.agents.decision_interval
        triggers = len(scn.disruptions) + stress + 1
        terms["look-ahead"] = LOOK_AHEADS_PER_TRIGGER * triggers * line
    return Estimate(sum(terms.values()), arrivals, terms)


def check_budget(scn: Scenario, *, agents_on: bool | None = None, runs: int = 1,
                 allow_large: bool = False) -> Estimate:
    """Refuse a run (or ``runs`` of them) whose estimated work is above the ceilings.

    Args:
        scn: A validated scenario.
        agents_on: Whether agents run (default: as the scenario says).
        runs: How many runs of this size an experiment makes.
        allow_large: Skip the ceilings (the field bounds still hold).

    Returns:
        The estimate of one run.

    Raises:
        ScenarioError: If the estimate is above :data:`MAX_RUN_EVENTS`, :data:`MAX_PARTS`
            or, for ``runs`` runs, :data:`MAX_EXPERIMENT_EVENTS`; the message gives the
            estimate, its biggest source and how to allow it.
    """
    est = estimate(scn, agents_on)
    if allow_large:
        return est
    where = f"scenario '{scn.name}'"
    if est.parts > MAX_PARTS:
        raise ScenarioError(where, "release", f"a run of at most {MAX_PARTS:,} parts (the "
                            f"release implies about {_n(est.parts)} parts within the "
                            f"horizon); shorten the horizon or lower the release, or "
                            f"{ALLOW_HINT}")
    if est.events > MAX_RUN_EVENTS:
        big = est.biggest()
        raise ScenarioError(where, _FIELD_OF.get(big, ""), f"a run of at most "
                            f"{MAX_RUN_EVENTS:,} simulation events (estimated about "
                            f"{_n(est.events)}, most of them from {big}: {_n(est.terms[big])});"
                            f" shorten the horizon or slow the fastest rate, or {ALLOW_HINT}")
    if runs * est.events > MAX_EXPERIMENT_EVENTS:
        raise ScenarioError(where, "n", f"an experiment of at most "
                            f"{MAX_EXPERIMENT_EVENTS:,} simulation events (estimated about "
                            f"{_n(runs * est.events)}: {runs:,} runs of about "
                            f"{_n(est.events)}); use fewer runs, or {ALLOW_HINT}")
    return est


def field_bound_problem(scn: Scenario) -> tuple[str, str] | None:
    """The bounds that involve two fields, for the scenario's own validator.

    Returns:
        ``(field, expected)`` of the first bound broken, or ``None``.
    """
    if scn.sample_interval > 0 and scn.horizon / scn.sample_interval > MAX_SAMPLES:
        return ("sample_interval", f"at most {MAX_SAMPLES:,} samples over the horizon (this "
                f"gives {_n(scn.horizon / scn.sample_interval)}); use a longer interval, or "
                "'0 min' for no timeseries")
    return None


def _arrivals(scn: Scenario) -> float:
    rel = scn.release
    if rel.kind in ("poisson", "deterministic") and rel.interarrival:
        return scn.horizon / rel.interarrival
    if rel.kind == "orders":
        return float(sum(o.quantity for o in rel.orders.values() if o.release < scn.horizon))
    return _capacity(scn) + (rel.wip_cap or 0)  # conwip / push: as fast as the line runs


def _capacity(scn: Scenario) -> float:
    """Parts the line could finish over the horizon at its fastest (bottleneck) station."""
    slowest = 0.0
    for name, spec in scn.stations.items():
        fastest = min(scn.process_time(name, v).expected for v in scn.variants)
        slowest = max(slowest, fastest / spec.machines)
    return scn.horizon / max(slowest, MIN_PROCESS_TIME / 100)


def _deliveries(rep: object, horizon: float, parts: float) -> float:
    if rep is None:
        return 0.0
    if getattr(rep, "kind", None) == "schedule":
        every = getattr(rep, "every", None)
        return 3.0 * (horizon / every if every else len(getattr(rep, "deliveries", ())))
    return 3.0 * parts  # reorder: at most one order per part consumed


def _stress_events(scn: Scenario) -> float:
    stress = scn.stress
    if stress is None:
        return 0.0
    total = 0.0
    for section in (stress.breakdowns, stress.absences, stress.cancellations):
        if section is not None:
            total += section.count.expected
    if stress.delivery_delays is not None:
        total += len(scn.materials)
    return total


def _n(value: float) -> str:
    if not math.isfinite(value):
        return "infinitely many"
    if value >= 1e15:
        return f"{value:.1e}"
    for size, unit in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if value >= size:
            return f"{value / size:,.1f}{unit}"
    return f"{value:,.0f}"
