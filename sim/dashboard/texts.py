"""The dashboard's own words, in English and German.

Shared vocabulary (KPI names, machine states, axis labels, the SYNTHETIC label, clock times)
comes from :mod:`sim.i18n`; this module only holds what exists on the dashboard page alone
(buttons, headings, slider names). Like :mod:`sim.i18n` it answers in the language in force
(:func:`sim.i18n.get_language`), so a ``with sim.i18n.language("de"):`` block around a render
gives a German page without touching other sessions.
"""

from __future__ import annotations

from typing import Any

from sim.i18n import LANGUAGES, get_language

_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Werkhalle dashboard", "Werkhalle-Dashboard"),
    "subtitle": ("Play through a production week with simple rule-based agents",
                 "Eine Produktionswoche mit einfachen regelbasierten Agenten durchspielen"),
    "scenario": ("Scenario", "Szenario"),
    "seed": ("Seed (random numbers)", "Seed (Zufallszahlen)"),
    "agents": ("Agents", "Agenten"),
    "mode.off": ("off: the line just waits (baseline)", "aus: die Linie wartet (Referenz)"),
    "mode.recommend": ("recommend: a person approves", "empfehlen: ein Mensch entscheidet"),
    "mode.autonomous": ("autonomous: agents act alone", "autonom: Agenten handeln allein"),
    "mode.unavailable": ("agents are not available in this installation",
                         "Agenten sind in dieser Installation nicht verfügbar"),
    "parameters": ("Parameters", "Parameter"),
    "no_parameters": ("This scenario has no adjustable parameters.",
                      "Dieses Szenario hat keine einstellbaren Parameter."),
    "step_hours": ("Step size [h]", "Schrittweite [h]"),
    "language": ("Deutsch", "English"),
    "run": ("Run", "Start"),
    "step": ("Step", "Schritt"),
    "play": ("Play", "Abspielen"),
    "pause": ("Pause", "Pause"),
    "reset": ("Reset", "Zurücksetzen"),
    "clock": ("Simulated time: {when} ({percent} % of the horizon)",
              "Simulierte Zeit: {when} ({percent} % des Horizonts)"),
    "finished": ("end of the horizon reached", "Ende des Horizonts erreicht"),
    "waiting": ("waiting for your decision", "wartet auf Ihre Entscheidung"),
    "plots": ("The line over simulated time", "Die Linie über der simulierten Zeit"),
    "states": ("station states", "Zustände der Stationen"),
    "kpis": ("Key figures", "Kennzahlen"),
    "kpis_now": ("at {when}, both runs with the same random numbers",
                 "um {when}, beide Läufe mit denselben Zufallszahlen"),
    "journal": ("Decision journal", "Entscheidungsjournal"),
    "journal_off": ("Agents are off: nobody decides, the line waits.",
                    "Agenten sind aus: niemand entscheidet, die Linie wartet."),
    "journal_empty": ("No decisions yet.", "Noch keine Entscheidungen."),
    "happenings": ("What happened on the line", "Was auf der Linie geschah"),
    "proposal": ("The {agent} proposes", "{agent} schlägt vor"),
    "approve": ("Approve", "Annehmen"),
    "reject": ("Reject", "Ablehnen"),
    "decided_by_you": ("your decision", "Ihre Entscheidung"),
    "error": ("Could not run this setting", "Diese Einstellung lässt sich nicht rechnen"),
    "param.delay": ("{name}: delivery delay [h]", "{name}: Lieferverzug [h]"),
    "param.duration": ("{name}: duration [h]", "{name}: Dauer [h]"),
    "param.sister_stock": ("sister-site stock of {name} [{unit}]",
                           "Bestand am Schwesterstandort, {name} [{unit}]"),
    "param.weight": ("planner weight: {name}", "Gewicht des Planers: {name}"),
    "param.maintenance": ("maintenance policy", "Instandhaltungsstrategie"),
    "col.time": ("time", "Zeit"),
    "col.agent": ("agent", "Agent"),
    "col.choice": ("chosen", "gewählt"),
    "col.status": ("status", "Status"),
    "col.approved_by": ("approved by", "freigegeben von"),
    "col.predicted": ("predicted (look-ahead)", "vorhergesagt (Vorschau)"),
    "col.reason": ("reason", "Begründung"),
    "col.option": ("option weighed", "geprüfte Option"),
    "col.score": ("score (lower wins)", "Bewertung (niedriger gewinnt)"),
    "status.executed": ("carried out", "ausgeführt"),
    "status.scheduled": ("approved, scheduled", "freigegeben, eingeplant"),
    "status.refused": ("refused", "abgelehnt"),
    "status.noted": ("noted, nothing to do", "vermerkt, nichts zu tun"),
    "why": ("why a person is asked: {why}", "warum ein Mensch gefragt wird: {why}"),
    "weight.cost": ("cost", "Kosten"),
    "weight.co2": ("CO2", "CO2"),
    "weight.lateness": ("lateness", "Verspätung"),
}


def ui(key: str, **fmt: Any) -> str:
    """Return the dashboard text ``key`` in the language in force, formatted with ``fmt``.

    Args:
        key: A key of the dashboard's catalogue, e.g. ``"run"``.
        **fmt: Values for the text's ``{placeholders}``.

    Returns:
        The text.

    Raises:
        KeyError: For an unknown key (typos fail in tests, not on the page).
    """
    text = _TEXTS[key][LANGUAGES.index(get_language())]
    return text.format(**fmt) if fmt else text


def ui_keys() -> list[str]:
    """Return every key of the dashboard's catalogue (for tests and translators)."""
    return sorted(_TEXTS)
