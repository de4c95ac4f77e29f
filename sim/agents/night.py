"""The planner's night-shift re-plan (Setting A of the magazine story, issue #14 mechanic 7).

With ``[agents.planner] night = { shift = "night", staff = N }`` the planner, facing a known
supply shortfall, adds two alternatives to the ones of :mod:`sim.agents.planner`:

* ``night_shift``: book ``N`` more people for the next instance of that calendar shift that
  ends after the material is believed back (``plan_shift`` lever, paid at the regular staff
  rate), so the work the shortfall pushed back is built at night. A shift end whose leavers
  are replaced by the booked crew needs no overtime (:mod:`sim.line.calendar`);
* ``resequence+night_shift``: switch the line to the series that does not need the material
  now (the product switch, :meth:`~sim.agents.planner.Planner.resequence`) *and* re-plan the
  night: the story's decision.

Both are simulated in the twin like every other option; the lowest score wins. The planner
reads only the static calendar (the scenario) and the port's ``shift_plans`` (crews already
booked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.agents.journal import Action, Option
from sim.i18n.message import Msg, at, num
from sim.line.calendar import shift_instances

if TYPE_CHECKING:
    from sim.agents.runtime import AgentRuntime
    from sim.line.control import Observation


def night_options(rt: AgentRuntime, until: float, obs: Observation,
                  reseq: Option | None) -> list[Option]:
    """The night-shift alternatives for a shortfall until ``until`` (empty when off)."""
    plan = rt.config.planner.night
    cal = rt.scenario.calendar
    if plan is None or cal is None:
        return []
    found = shift_instances(cal, plan.shift, max(obs.time, until))
    if not found:
        return []
    start, end = found[0]
    start = max(start, obs.time)
    if any(s < end and start < e for s, e, _ in obs.shift_plans):
        return []  # a crew is already booked for that night
    rate = rt.scenario.economics.labour_cost_per_staff_hour
    outlay = plan.staff * (end - start) / 60.0 * rate
    night = Option(
        "night_shift",
        Msg("agent.planner.night_shift", staff=plan.staff, shift=plan.shift, start=at(start),
            end=at(end), cost=num(outlay)),
        [Action(None, "plan_shift", {"start": start, "end": end, "staff": plan.staff})],
        outlay=outlay)
    out = [night]
    if reseq is not None:
        out.append(Option(
            "resequence+night_shift",
            Msg("agent.planner.both", first=reseq.description, second=night.description),
            reseq.actions + night.actions, outlay=outlay))
    return out
