"""Maintenance bundled with an energy-saving process update (``[energy.updates]``).

When the maintenance agent's policy chooses to maintain a machine of a station that has a
process update (``bundle = true``) not yet done on that machine, the proposal is bundled:
the ``schedule_maintenance`` action becomes ``maintain_and_update``
(:class:`~sim.line.commands.MaintainAndUpdate`) with the window lengthened by
``extra_minutes`` and the cost raised by the update's ``cost``; from the end of the window
the machine draws ``power_factor`` x its ``power_kw`` (every state but down and off).

The journal shows both effects: the extra downtime, and the energy it saves per hour
afterwards, estimated from the machine's observed busy share ``b`` (operating minutes / now)::

    saving per hour = (1 - power_factor) x (b x busy kW + (1 - b) x idle kW)

The bundled option is added to the options weighed (the plain maintenance stays in the list).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.agents.journal import Action, Option, Proposal
from sim.i18n.message import Msg, dur, num
from sim.i18n.message import name as ident

if TYPE_CHECKING:
    from sim.line.control import Observation
    from sim.scenario.schema import Scenario


def saving_per_hour(busy_kw: float, idle_kw: float, share: float, power_factor: float) -> float:
    """Energy saved per hour (kWh): ``(1 - factor) x (share x busy + (1 - share) x idle)``."""
    return (1 - power_factor) * (share * busy_kw + (1 - share) * idle_kw)


def bundle_update(proposal: Proposal, obs: Observation, scenario: Scenario, machine: str,
                  share: float) -> Proposal:
    """The proposal with its maintenance bundled with the station's update (if there is one).

    Args:
        proposal: The maintenance policy's proposal.
        obs: What the agent sees now (the ``energy`` entry has each machine's power factor).
        scenario: The scenario (the update's data and the station's power draw).
        machine: The machine's name for the journal.
        share: The machine's observed busy share (operating minutes / now).

    Returns:
        ``proposal`` unchanged, or a new one choosing the bundled option.
    """
    energy = scenario.energy
    if energy is None or not energy.updates:
        return proposal
    choice = proposal.choice
    actions: list[Action] = []
    bundled = None
    for action in choice.actions:
        kw = action.kwargs
        update = energy.updates.get(kw.get("station", ""))
        factors = obs.energy.get("power_factor", {}).get(kw.get("station", ""), [])
        if (action.method != "schedule_maintenance" or update is None or not update.bundle
                or bundled is not None or factors[kw["machine"]] < 1.0):
            actions.append(action)
            continue
        new = dict(kw, duration=kw["duration"] + update.extra_minutes,
                   cost=kw.get("cost", 0.0) + update.cost, power_factor=update.power_factor)
        actions.append(Action(action.at, "maintain_and_update", new))
        bundled = (kw["station"], kw["duration"], update)
    if bundled is None:
        return proposal
    station, window, update = bundled
    power = scenario.stations[station].power_kw
    option = Option(f"{choice.name}+update",
                    Msg("agent.update.option", option=choice.description,
                        station=ident(station), extra=dur(update.extra_minutes)),
                    actions, outlay=choice.outlay + update.cost, co2_kg=choice.co2_kg)
    f = update.power_factor
    reason = Msg("agent.update.reason", reason=proposal.reason, extra=dur(update.extra_minutes),
                 window=dur(window + update.extra_minutes), machine=machine,
                 factor=num(f, ".0%"), busy0=num(power.busy, ".1f"),
                 busy1=num(power.busy * f, ".1f"), idle0=num(power.idle, ".1f"),
                 idle1=num(power.idle * f, ".1f"),
                 save=num(saving_per_hour(power.busy, power.idle, share, f), ".2f"),
                 share=num(share, ".0%"))
    return Proposal(option, [*proposal.options, option], reason, proposal.observed)
