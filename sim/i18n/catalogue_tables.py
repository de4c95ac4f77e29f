"""More of the :mod:`sim.i18n` catalogue: table headers, command-line lines and display names.

``table.`` keys are the headers of :meth:`Comparison.balance_text` and
:meth:`Comparison.timeline_text`; ``cli.`` keys the command line's own sentences; ``name.``
keys display names of the shipped scenarios' identifiers (materials, stations, variants,
sites, suppliers, disruptions), looked up by :func:`sim.i18n.display_name`. English display
names are the identifiers themselves, so English output does not change; an identifier
without an entry is shown as it is. Same format as :mod:`sim.i18n.catalogue`:
``key -> (English, German)``.
"""

TABLES: dict[str, tuple[str, str]] = {
    # -- Comparison.balance_text() and timeline_text() ----------------------------------------
    "table.balance": ("end-of-day balance", "Wochenbilanz"),
    "table.baseline": ("baseline", "ohne Agenten"),
    "table.agents": ("agents", "mit Agenten"),
    "table.delta": ("delta", "Differenz"),
    "table.delta_pct": ("delta %", "Diff. %"),
    "table.na": ("n/a", "k. A."),
    "table.timeline": ("What happened (with agents; [baseline] = without):",
                       "Was geschah (mit Agenten; [Referenz] = ohne Agenten):"),
    # -- the command line's own sentences -----------------------------------------------------
    "table.person": ("person after {delay}", "Mensch nach {delay}"),
    "table.delta_note": ("(delta: agents - nobody; forecast: {forecast})",
                         "(Differenz: mit Agenten − ohne Agenten; Prognose: {forecast})"),
    "cli.compare_timing": ("({decisions} decisions; all runs took {seconds} s; the agents' run"
                           " {twin} look-ahead simulations ({forecast}, {futures} futures)"
                           " {twin_seconds} s)",
                           "({decisions} Entscheidungen; alle Läufe dauerten {seconds} s; der"
                           " Lauf mit Agenten {twin} Vorausrechnungen ({forecast}, {futures}"
                           " Zukünfte) {twin_seconds} s)"),
    "cli.wrote": ("wrote {target}/: {files}", "geschrieben: {target}/: {files}"),
    "cli.lang_help": ("Language of what is shown: en or de (default: $WERKHALLE_LANG, else"
                      " en).",
                      "Sprache der Ausgabe: en oder de (Vorgabe: $WERKHALLE_LANG, sonst en)."),
    # -- display names of the shipped scenarios' identifiers ----------------------------------
    "name.alloy": ("alloy", "Leichtbaulegierung"),
    "name.pcb": ("pcb", "Leiterplatten"),
    "name.housing": ("housing", "Gehäuse"),
    "name.servo": ("servo", "Servomodul"),
    "name.sensor": ("sensor", "Sensormodul"),
    "name.cut": ("cut", "Zuschnitt"),
    "name.cnc": ("cnc", "CNC-Bearbeitung"),
    "name.assembly": ("assembly", "Montage"),
    "name.robot_r7": ("robot_r7", "Roboterarm R7"),
    "name.test": ("test", "Prüfung"),
    "name.pack": ("pack", "Verpackung"),
    "name.czech": ("czech", "Werk Tschechien"),
    "name.portugal": ("portugal", "Werk Portugal"),
    "name.express": ("express", "Luftfracht-Express"),
    "name.rail_italy": ("rail_italy", "Bahn aus Italien"),
    "name.truck_de": ("truck_de", "Lkw Inland"),
    "name.rail_outage": ("rail_outage", "Bahnsperrung in Norditalien"),
    "name.cnc_crash": ("cnc_crash", "CNC-Crash"),
    "name.flu": ("flu", "Grippewelle"),
    "name.cancelled": ("cancelled", "Stornierung"),
    "name.lost_truck": ("lost_truck", "verlorene Lkw-Lieferung"),
    "name.thermal_drift": ("thermal_drift", "thermische Drift"),
}
"""Table headers, CLI sentences and display names: ``key -> (English, German)``."""
