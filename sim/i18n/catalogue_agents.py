"""The agents' own words: triggers, observations, option descriptions, reasons (issue #17).

``agent.`` keys are templates of :class:`sim.i18n.message.Msg`; the English text of each
reproduces exactly what the agents wrote before they were localised (so English result files
are unchanged). ``status.`` keys name the journal's status values for people.
"""

from __future__ import annotations

AGENT_TEXTS: dict[str, tuple[str, str]] = {
    # planner: supply
    "agent.planner.observed_supply": (
        "stock {stock} {unit} {material}; supply back around {until}{spread} (estimate); need "
        "{need} {unit} before then; projected shortfall {short} {unit}",
        "Bestand {stock} {unit} {material}; Versorgung wieder etwa ab {until}{spread} "
        "(Schätzung); Bedarf bis dahin {need} {unit}; erwartete Unterdeckung {short} {unit}"),
    "agent.spread": (" +- {spread}", " ± {spread}"),
    "agent.planner.covered": ("wait: stock and shipments cover the need",
                              "abwarten: Bestand und Lieferungen decken den Bedarf"),
    "agent.planner.wait_supply": (
        "wait for {material} supply to resume (expected around {until}; the line starves "
        "meanwhile)",
        "abwarten, bis {material} wieder geliefert wird (erwartet etwa {until}; die Linie "
        "steht bis dahin ohne Material)"),
    "agent.planner.transfer": (
        "transfer {qty} {unit} {material} from {site} by {transport} ({lead})",
        "{qty} {unit} {material} von {site} holen, per {transport} ({lead})"),
    "agent.planner.express": (
        "express {qty} {unit} {material} from {site} by {transport} ({lead})",
        "{qty} {unit} {material} per Express von {site}, per {transport} ({lead})"),
    "agent.planner.reassign": (
        "send {operators} operator(s) of {station} to quality checks until {until}",
        "{operators} Mitarbeitende von {station} bis {until} in die Qualitätsprüfung "
        "schicken"),
    "agent.planner.both": ("{first}, and meanwhile {second}", "{first}, und währenddessen: "
                           "{second}"),
    "agent.planner.pulling": (", pulling {n} order(s) forward",
                              ", {n} Auftrag/Aufträge vorgezogen"),
    "agent.planner.resequence": (
        "switch the line to {variant}{pulled}, back to due-date order at {until}",
        "Linie auf {variant} umstellen{pulled}, ab {until} wieder nach Liefertermin"),
    "agent.planner.outsource_affected": (
        "have {site} build {units} affected unit(s) ({lead} to deliver)",
        "{units} betroffene Stück bei {site} fertigen lassen ({lead} Lieferzeit)"),
    # planner: evening and disturbances
    "agent.planner.keep_overtime": ("keep tonight's overtime (up to {upto})",
                                    "die heutigen Überstunden beibehalten (bis zu {upto})"),
    "agent.planner.skip_overtime": (
        "no overtime tonight; catch up in the regular shifts",
        "heute keine Überstunden; in den regulären Schichten aufholen"),
    "agent.planner.observed_evening": (
        "{due} unit(s) due within a day (overtime threshold {threshold})",
        "{due} Stück innerhalb eines Tages fällig (Überstundenschwelle {threshold})"),
    "agent.planner.evening": ("evening shift check", "Schichtprüfung am Abend"),
    "agent.planner.staff_absent": ("{count} staff absent", "{count} Mitarbeitende fehlen"),
    "agent.planner.order_cancelled": ("order {order} cancelled", "Auftrag {order} storniert"),
    "agent.planner.stopped": ("{station} stopped", "{station} steht"),
    "agent.planner.carry_on": ("carry on as planned", "wie geplant weitermachen"),
    "agent.planner.overtime": ("allow up to {extra} overtime per day",
                               "bis zu {extra} Überstunden pro Tag erlauben"),
    "agent.planner.start_order": ("start order {order} now", "Auftrag {order} jetzt starten"),
    "agent.planner.outsource_order": ("have {site} build {units} unit(s) of {order}",
                                      "{units} Stück von {order} bei {site} fertigen lassen"),
    "agent.planner.observed_disturbance": (
        "{pending} unit(s) waiting for release, {staff} staff available, WIP {wip}",
        "{pending} Stück warten auf Freigabe, {staff} Mitarbeitende verfügbar, "
        "Umlaufbestand {wip}"),
    # supplier
    "agent.supplier.tracking": (
        "supply tracking: {material} route held since {since}; end not reported yet (assumed "
        "around {estimate} +- {spread})",
        "Lieferverfolgung: Strecke für {material} seit {since} gesperrt; Ende noch nicht "
        "gemeldet (angenommen etwa {estimate} ± {spread})"),
    "agent.supplier.delayed": (
        "supplier reports {delay} delay of {material} (estimate: back {estimate} +- {spread}; "
        "{quantity} affected)",
        "Lieferant meldet {delay} Verspätung bei {material} (Schätzung: wieder ab {estimate} "
        "± {spread}; {quantity} betroffen)"),
    "agent.supplier.cancelled": ("supplier cancels a delivery of {quantity} {material}",
                                 "Lieferant storniert eine Lieferung von {quantity} {material}"),
    "agent.supplier.overdue": (
        "{material} still not moving at {now} (expected by {latest}): assume {extension} more, "
        "back around {estimate} +- {spread}",
        "{material} bewegt sich um {now} immer noch nicht (erwartet bis {latest}): "
        "{extension} mehr angenommen, wieder etwa ab {estimate} ± {spread}"),
    "agent.supplier.back": ("{estimate}", "{estimate}"),
    "agent.supplier.back_spread": ("{estimate} +- {spread}", "{estimate} ± {spread}"),
    "agent.supplier.alert": ("alert the planner: {material} supply back around {back}",
                             "Planung informieren: {material} wieder etwa ab {back}"),
    "agent.supplier.watch": ("keep watching; tell nobody yet",
                             "weiter beobachten; noch niemanden informieren"),
    "agent.supplier.observed": ("{material}: stock {stock}, ordered {ordered}",
                                "{material}: Bestand {stock}, bestellt {ordered}"),
    "agent.supplier.reason": (
        "a deviation in the planned delivery stream is passed on at once",
        "eine Abweichung im geplanten Lieferstrom wird sofort weitergegeben"),
    # maintenance
    "agent.maint.machine": ("{station}[{index}]", "{station}[{index}]"),
    "agent.maint.run_to_failure": ("keep {machine} running until it fails",
                                   "{machine} bis zum Ausfall weiterlaufen lassen"),
    "agent.maint.in_window": (
        "order the spare part, maintain {machine} at {window} (line off)",
        "Ersatzteil bestellen, Wartung von {machine} um {window} (Linie steht)"),
    "agent.maint.asap": ("maintain {machine} at {ready} when the part is there",
                         "Wartung von {machine} um {ready}, sobald das Ersatzteil da ist"),
    "agent.maint.now": ("maintain {machine} now", "Wartung von {machine} sofort"),
    "agent.maint.condition_check": ("condition check {machine}", "Zustandsprüfung {machine}"),
    "agent.maint.observed": (
        "{machine}: condition signal {signal} (threshold {threshold}), operating age {age} h, "
        "busy share {busy}",
        "{machine}: Zustandssignal {signal} (Schwelle {threshold}), Betriebsalter {age} h, "
        "Anteil in Bearbeitung {busy}"),
    "agent.maint.signal_trigger": ("condition signal above threshold",
                                   "Zustandssignal über der Schwelle"),
    "agent.maint.due": ("{machine} due for maintenance", "{machine} ist zur Wartung fällig"),
    "agent.maint.recalibrate": ("recalibrate {station} now ({stop} stop)",
                                "{station} jetzt neu kalibrieren ({stop} Stillstand)"),
    "agent.maint.keep_running": ("keep {station} running and watch the next sample",
                                 "{station} weiterlaufen lassen und die nächste Stichprobe "
                                 "beobachten"),
    "agent.maint.quality_alarm": ("quality alarm at {station}", "Qualitätsalarm an {station}"),
    "agent.maint.observed_quality": (
        "{station}: {scrapped} of the last {n} parts scrapped ({share})",
        "{station}: {scrapped} der letzten {n} Teile Ausschuss ({share})"),
    "agent.maint.chart": ("control chart: scrap share above limit at {station}",
                          "Regelkarte: Ausschussanteil an {station} über der Eingriffsgrenze"),
    "agent.maint.interval_reason": (
        "operating age {age} h reached the fixed interval {interval}",
        "Betriebsalter {age} h hat das feste Intervall {interval} erreicht"),
    "agent.maint.window_reason": (
        "condition {signal} above threshold {threshold}; projected failure around {failure}, "
        "after the next low-load window: no stop in a shift needed",
        "Zustand {signal} über der Schwelle {threshold}; erwarteter Ausfall etwa {failure}, "
        "nach dem nächsten lastarmen Fenster: kein Stillstand in einer Schicht nötig"),
    "agent.maint.asap_reason": (
        "condition {signal} above threshold {threshold}; projected failure around {failure} "
        "comes before the next low-load window: maintain as soon as the spare part is there",
        "Zustand {signal} über der Schwelle {threshold}; erwarteter Ausfall etwa {failure} "
        "liegt vor dem nächsten lastarmen Fenster: Wartung, sobald das Ersatzteil da ist"),
    "agent.quality.staff_to_qa": (
        "send the {operators} operator(s) of {station} to quality assurance in dispatch "
        "while it is starved; back at {until}",
        "die {operators} Bediener von {station} in die Qualitätssicherung im Versand schicken, "
        "solange die Station ohne Material steht; zurück um {until}"),
    "agent.quality.report": ("worker's report at {station}",
                             "Meldung eines Werkers an {station}"),
    "agent.quality.observed": (
        "report: suspected {suspicion}; {station} scrapped {scrapped} of {n} parts since "
        "{since}",
        "Meldung: Verdacht auf {suspicion}; {station} hat seit {since} {scrapped} von {n} "
        "Teilen ausgesondert"),
    "agent.quality.contain": ("recalibrate {station} now{test}{cool}",
                              "{station} jetzt neu kalibrieren{test}{cool}"),
    "agent.quality.part_test": ("; extended end-of-line test for its parts since {since}",
                                "; erweiterte Endprüfung für ihre Teile seit {since}"),
    "agent.quality.part_cool": ("; changed cooling from {at} (drift at {factor} of its rate)",
                                "; geänderte Kühlung ab {at} (Drift mit {factor} ihrer Rate)"),
    "agent.quality.drift_found": (
        "scrap share {share} of the batch ({n} parts) is above the control limit {limit} "
        "(nominal {p0}): thermal drift confirmed, contain the batch",
        "Ausschussanteil {share} der Charge ({n} Teile) liegt über der Eingriffsgrenze {limit} "
        "(Sollwert {p0}): thermische Drift bestätigt, Charge eingrenzen"),
    "agent.quality.no_drift": (
        "scrap share {share} of the batch ({n} parts) is within the control limit {limit} "
        "(nominal {p0}): no drift found, keep running",
        "Ausschussanteil {share} der Charge ({n} Teile) liegt innerhalb der Eingriffsgrenze "
        "{limit} (Sollwert {p0}): keine Drift gefunden, weiterlaufen"),
    "agent.maint.drift_reason": (
        "scrap share {share} of the last {n} parts is above the control limit {limit} "
        "(nominal {p0}): drift",
        "Ausschussanteil {share} der letzten {n} Teile liegt über der Eingriffsgrenze {limit} "
        "(Sollwert {p0}): Drift"),
    # policies
    "agent.only_option": ("the only option: nothing to weigh",
                          "die einzige Möglichkeit: nichts abzuwägen"),
    "agent.rule_first": (
        "fixed rule: '{prefix}' comes first in the preference order (nothing was simulated)",
        "feste Regel: „{prefix}“ steht in der Rangfolge vorn (nichts vorausgerechnet)"),
    "agent.rule_any": ("fixed rule: the first option that acts",
                       "feste Regel: die erste Möglichkeit, die etwas tut"),
    "agent.explain.mean": ("mean", "mittlere"),
    "agent.explain.quantile": ("risk-averse quantile of the", "risikoscheue Quantil der"),
    "agent.explain.sampled": (
        "lowest {rule} score {score} over {futures} sampled futures (p10-p90 {p10}-{p90}; "
        "P(shortage > 2 h) {p_short}, P(late) {p_late})",
        "niedrigste {rule} Bewertung {score} über {futures} gezogene Zukünfte (p10–p90 "
        "{p10}–{p90}; P(Materialmangel > 2 h) {p_short}, P(verspätet) {p_late})"),
    "agent.explain.single": ("lowest score {score}", "niedrigste Bewertung {score}"),
    "agent.explain.shortage": (" + {w} x hours short", " + {w} × Stunden Materialmangel"),
    "agent.explain.formula": (
        "{head} (= {cost} x cost + {co2} x kg CO2 + {late} x unit-hours late{shortage})",
        "{head} (= {cost} × Kosten + {co2} × kg CO2 + {late} × Stück-Stunden Verspätung"
        "{shortage})"),
    "agent.explain.versus": (
        "versus '{wait}': cost {cost}, CO2 {co2} kg, lateness {late} unit-h, material "
        "shortage {short} h",
        "gegenüber „{wait}“: Kosten {cost}, CO2 {co2} kg, Verspätung {late} Stk·h, "
        "Materialmangel {short} h"),
    "agent.explain.runner_up": ("runner-up '{runner}' scored {score}",
                                "Zweitbeste „{runner}“: Bewertung {score}"),
    "agent.explain.no_alternative": ("no alternative pays for itself",
                                     "keine Alternative rechnet sich"),
    "agent.join": ("{a}; {b}", "{a}; {b}"),
    # approvals (runtime)
    "agent.approved.guardrails": ("agent (within guardrails)", "Agent (innerhalb der Leitplanken)"),
    "agent.approved.recommend": ("recommend mode", "Empfehlungsmodus"),
    "agent.approved.escalated": ("escalated: {breach}", "eskaliert: {breach}"),
    "agent.approved.refused": ("{name} (refused; {why})", "{name} (abgelehnt; {why})"),
    "agent.approved.by": ("{name} ({why})", "{name} ({why})"),
    "agent.breach.cost": ("spend {spend} exceeds max cost per decision {limit}",
                          "Ausgabe {spend} überschreitet das Limit je Entscheidung {limit}"),
    "agent.breach.co2": ("CO2 {co2} kg would exceed the budget {budget} kg",
                         "CO2 {co2} kg würde das Budget von {budget} kg überschreiten"),
    "agent.breach.close_call": (
        "close call: the best two scores differ by less than {share} ({best} vs {second})",
        "knappe Entscheidung: die besten zwei Bewertungen liegen weniger als {share} "
        "auseinander ({best} gegenüber {second})"),
    "approver.production management": ("production management", "Produktionsleitung"),
    "name.truck": ("truck", "Lkw"),
    "name.van": ("van", "Transporter"),
    "name.rail": ("rail", "Bahn"),
    "name.air": ("air", "Luftfracht"),
    "agent.rules.fired": ("rule {n}: {rule} (nothing was simulated)",
                          "Regel {n}: {rule} (nichts vorausgerechnet)"),
    "agent.rules.rule": ("if {when} then {then}", "wenn {when}, dann {then}"),
    "agent.rules.if.stock_covers": ("the sister site's stock covers the shortfall",
                                    "der Bestand des Schwesterwerks die Unterdeckung deckt"),
    "agent.rules.if.outage_longer": ("the outage lasts longer than {hours} h",
                                     "der Ausfall länger als {hours} h dauert"),
    "agent.rules.if.shortfall_above": ("the shortfall exceeds {quantity}",
                                       "die Unterdeckung {quantity} übersteigt"),
    "agent.rules.if.always": ("nothing above applies", "nichts davor zutrifft"),
    "agent.rules.then.transfer": ("transfer stock", "Bestand holen"),
    "agent.rules.then.express": ("order express", "Express bestellen"),
    "agent.rules.then.outsource": ("outsource to the sister site",
                                   "an das Schwesterwerk vergeben"),
    "agent.rules.then.resequence": ("re-sequence", "umplanen"),
    "agent.rules.then.reassign_staff": ("reassign staff", "Personal umsetzen"),
    "agent.rules.then.overtime": ("allow overtime", "Überstunden erlauben"),
    "agent.rules.then.pull_forward": ("pull an order forward", "einen Auftrag vorziehen"),
    "agent.rules.then.skip_overtime": ("skip tonight's overtime",
                                       "heute keine Überstunden"),
    "agent.rules.then.wait": ("wait", "abwarten"),
    "status.executed": ("executed", "ausgeführt"),
    "status.scheduled": ("scheduled", "eingeplant"),
    "status.refused": ("refused", "abgelehnt"),
    "status.noted": ("noted", "zur Kenntnis"),
}
"""``key -> (English, German)`` for the agents' texts and the journal's status values."""
