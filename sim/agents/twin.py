"""The planner's twin: simulate an option forward on the same random numbers.

The twin cannot copy a running SimPy model (its processes are generators), so it rebuilds
one: a fresh :class:`~sim.line.model.LineModel` of the same scenario and seed, into which it
*replays* every action taken so far (and those already approved for later) plus the option's
own actions, at their times. Because every component draws from its own named random stream
(:mod:`sim.line.streams`), the fresh model lives through exactly the same breakdowns,
processing times and lead times as the real run up to the decision, and every option of a
decision faces the same future luck: the options are compared fairly (common random numbers).

The twin measures each option over the *window* from the decision to ``decision +
look_ahead`` (capped at the horizon): cost, CO2, unit-hours late, units late, hours the first
station waited for material, and output. The cost leaves out material bought from the regular
suppliers (the same in every option in the long run; within a short window it would punish
producing earlier) but counts material from sister sites and express sources. The score is
``cost * w_cost + co2 * w_co2 + lateness * w_lateness``. The twin is open-loop: in the forward
run nobody reacts any more.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from sim.line.model import LineModel
from sim.results.kpis import line_kpis, station_table

if TYPE_CHECKING:
    from sim.agents.journal import Option
    from sim.scenario.agents_schema import Weights
    from sim.scenario.schema import Scenario

ActionRecord = tuple[float, str, dict[str, Any]]
"""``(time, control method, keyword arguments)``, as in ``LineControl.actions``."""


class Twin:
    """Forward simulation of options for one scenario and seed.

    Args:
        scenario: The scenario of the real run.
        seed: The seed of the real run (the twin replays the same random streams).
        weights: Score weights.
        look_ahead: Length of the evaluation window (minutes).
    """

    def __init__(self, scenario: Scenario, seed: int, weights: Weights,
                 look_ahead: float) -> None:
        self.scenario = scenario.model_copy(update={"sample_interval": 0.0, "event_log": False})
        """The scenario without timeseries and event log (the twin needs neither)."""
        self.seed = seed
        self.weights = weights
        self.look_ahead = look_ahead
        self.runs = 0
        """Forward simulations so far."""
        self.seconds = 0.0
        """Wall-clock seconds spent in them."""

    def evaluate(self, now: float, history: list[ActionRecord], options: list[Option],
                 delay: float = 0.0) -> list[Option]:
        """Simulate every option and fill in its ``predicted`` figures (in place).

        Args:
            now: The decision time (minutes).
            history: Actions taken so far and actions approved for later.
            options: The options; an action with ``at=None`` is taken at ``now + delay``.
            delay: Time until the decision would be carried out (recommend mode).

        Returns:
            The same options.
        """
        for option in options:
            actions = [(now + delay if a.at is None else max(a.at, now + delay), a.method,
                        dict(a.kwargs)) for a in option.actions]
            option.predicted = self.simulate(now, history + actions)
        return options

    def simulate(self, now: float, actions: list[ActionRecord]) -> dict[str, float]:
        """Run a fresh model with ``actions`` replayed; return the window's figures and score."""
        started = time.perf_counter()
        model = LineModel(self.scenario, seed=self.seed, event_log=False)
        model.control.replay(sorted(actions, key=lambda a: a[0]))
        end = min(self.scenario.horizon, now + self.look_ahead)
        if now > 0:
            model.run(now)
        before = figures(model)
        model.run(end)
        after = figures(model)
        out = {k: after[k] - before[k] for k in after}
        w = self.weights
        out["score"] = w.cost * out["cost"] + w.co2 * out["co2_kg"] + w.lateness * out["lateness_h"]
        self.runs += 1
        self.seconds += time.perf_counter() - started
        return out


def figures(model: LineModel) -> dict[str, float]:
    """Cumulative figures of a model at its current time (differences give a window's)."""
    kpis = line_kpis(model, station_table(model))
    currency = model.scenario.economics.currency
    now = model.env.now
    open_late = [o for o in model.release.orders.values()
                 if not o.cancelled and o.due < now and o.done < o.quantity]
    lateness = model.lateness_minutes + sum((o.quantity - o.done) * (now - o.due)
                                            for o in open_late)
    late_units = model.late_units + sum(o.quantity - o.done for o in open_late)
    routes = {m: spec.supplier or "supplier" for m, spec in model.scenario.materials.items()}
    regular = sum(s.quantity * (s.unit_cost + s.transport_cost_per_unit)
                  for s in model.materials.shipments
                  if s.arrived is not None and s.source == routes[s.material])
    return {
        "cost": float(kpis[f"cost [{currency}]"]) - regular,
        "co2_kg": float(kpis["CO2 [kg]"]),
        "lateness_h": lateness / 60.0,
        "late_units": float(late_units),
        "shortage_h": float(kpis["material shortage at first station [h]"]),
        "output": float(kpis["output [units]"]),
    }
