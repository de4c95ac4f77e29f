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
    # planner: the night-shift re-plan and the daily report (sim.agents.night, sim.agents.daily)
    "agent.planner.night_shift": (
        "book {staff} more staff for the {shift} shift {start} to {end} (regular pay, about "
        "{cost}) instead of overtime",
        "für die Schicht {shift} von {start} bis {end} {staff} zusätzliche Mitarbeitende "
        "einplanen (regulär bezahlt, etwa {cost}) statt Überstunden"),
    "agent.daily.trigger": ("daily report {clock}", "Tagesbericht {clock}"),
    "agent.daily.observed": (
        "the day {start} to {end}, with agents vs the same day without: output {out} vs {out0} "
        "units; on time {ot} vs {ot0} %; energy {kwh} vs {kwh0} kWh; cost {cost} vs {cost0} "
        "{cur}",
        "der Tag {start} bis {end}, mit Agenten gegen denselben Tag ohne: Ausbringung {out} "
        "gegen {out0} Stück; termintreu {ot} gegen {ot0} %; Energie {kwh} gegen {kwh0} kWh; "
        "Kosten {cost} gegen {cost0} {cur}"),
    "agent.daily.as_planned": ("carry on as planned tomorrow", "morgen wie geplant weiter"),
    "agent.daily.noted": ("report the day and the proposals; a person decides",
                          "Tag und Vorschläge berichten; ein Mensch entscheidet"),
    "agent.daily.skip_overtime": ("no overtime in the next 24 h",
                                  "in den nächsten 24 h keine Überstunden"),
    "agent.daily.more_overtime": ("allow up to {extra} h overtime in the next 24 h",
                                  "in den nächsten 24 h bis zu {extra} h Überstunden erlauben"),
    "agent.daily.pull_forward": ("start order {order} now", "Auftrag {order} jetzt starten"),
    "agent.daily.wip_cap": ("cap the WIP at {cap} parts for 24 h",
                            "den Bestand in der Linie 24 h lang auf {cap} Teile begrenzen"),
    "agent.daily.reliability": ("delivery reliability", "Liefertreue"),
    "agent.daily.energy": ("energy saving", "Energieeinsparung"),
    "agent.daily.pick": (
        "{n}. {option} for {why} (forecast vs as planned: {late} unit-h late, {kwh} kWh per "
        "unit)",
        "{n}. {option} für {why} (Prognose gegen wie geplant: {late} Stück-h Verspätung, "
        "{kwh} kWh je Stück)"),
    "agent.daily.reason": ("two proposals for tomorrow, by the sampled forecast of the next "
                           "24 h: {first}; {second}",
                           "zwei Vorschläge für morgen, nach der Stichproben-Prognose der "
                           "nächsten 24 h: {first}; {second}"),
    "agent.daily.reason_one": ("one proposal for tomorrow, by the sampled forecast of the next "
                               "24 h: {first}",
                               "ein Vorschlag für morgen, nach der Stichproben-Prognose der "
                               "nächsten 24 h: {first}"),
    "agent.daily.none": ("no proposal for tomorrow: in the sampled forecast of the next 24 h "
                         "nothing beats carrying on as planned",
                         "kein Vorschlag für morgen: in der Stichproben-Prognose der nächsten "
                         "24 h ist nichts besser, als wie geplant weiterzumachen"),
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
    "agent.maint.cancel": ("call off the planned maintenance of {machine}",
                           "geplante Wartung von {machine} absagen"),
    "agent.maint.keep_plan": ("keep the planned maintenance of {machine}",
                              "geplante Wartung von {machine} beibehalten"),
    "agent.maint.renewed": ("{machine} failed before its planned maintenance",
                            "{machine} ist vor der geplanten Wartung ausgefallen"),
    "agent.maint.observed_renewed": (
        "{machine}: down after a failure; the repair fits a new spare part",
        "{machine}: nach einem Ausfall außer Betrieb; die Reparatur baut ein neues Ersatzteil ein"),
    "agent.maint.cancel_reason": (
        "the failure repair renews {machine} anyway; a second stop would renew it again "
        "for nothing",
        "die Reparatur nach dem Ausfall erneuert {machine} ohnehin; ein zweiter Stillstand "
        "würde es umsonst noch einmal erneuern"),
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
    # energy (issue #14): pulling orders into cheap/green hours, bundled process updates
    "agent.timing.trigger": ("cheap/green hour {hour}", "günstige/grüne Stunde {hour}"),
    "agent.timing.observed": (
        "now {now}: {p_now} EUR/kWh, {c_now} kg CO2/kWh (score {s_now}); order {order} is "
        "planned for {release} ({planned}: {p_then} EUR/kWh, {c_then} kg CO2/kWh, score "
        "{s_then}); day-ahead profile",
        "jetzt {now}: {p_now} EUR/kWh, {c_now} kg CO2/kWh (Wert {s_now}); Auftrag {order} ist "
        "für {release} geplant ({planned}: {p_then} EUR/kWh, {c_then} kg CO2/kWh, Wert "
        "{s_then}); Day-ahead-Profil"),
    "agent.timing.keep": ("release {order} as planned ({release})",
                          "{order} wie geplant freigeben ({release})"),
    "agent.timing.pull": ("pull {order} forward into this hour",
                          "{order} in diese Stunde vorziehen"),
    "agent.timing.pull_reason": (
        "power is cheaper and greener now ({p_now} vs {p_then} EUR/kWh, {c_now} vs {c_then} kg "
        "CO2/kWh); due dates hold: tightest {tight}, estimated finish {finish} + {slack} slack "
        "<= due {due}",
        "Strom ist jetzt günstiger und grüner ({p_now} statt {p_then} EUR/kWh, {c_now} statt "
        "{c_then} kg CO2/kWh); Termine halten: am knappsten {tight}, geschätztes Ende {finish} "
        "+ {slack} Puffer <= fällig {due}"),
    "agent.timing.hold_reason": (
        "not pulled: {tight} would be at risk (estimated finish {finish} + {slack} slack after "
        "its due date {due}); no order is made late to save energy",
        "nicht vorgezogen: {tight} wäre gefährdet (geschätztes Ende {finish} + {slack} Puffer "
        "nach dem Termin {due}); für Energie wird kein Auftrag verspätet"),
    "agent.update.option": ("{option}, with the energy-saving update of {station} (+{extra})",
                            "{option}, mit dem energiesparenden Update von {station} "
                            "(+{extra})"),
    "agent.update.reason": (
        "{reason}; bundled with the process update: the window grows by {extra} to {window} "
        "(downtime), afterwards {machine} draws {factor} of its power (busy {busy0} -> {busy1} "
        "kW, idle {idle0} -> {idle1} kW): about {save} kWh less per hour at its observed busy "
        "share {share}",
        "{reason}; gebündelt mit dem Prozess-Update: das Fenster verlängert sich um {extra} auf "
        "{window} (Stillstand), danach zieht {machine} {factor} seiner Leistung (in Arbeit "
        "{busy0} -> {busy1} kW, Leerlauf {idle0} -> {idle1} kW): etwa {save} kWh weniger je "
        "Stunde bei der beobachteten Auslastung {share}"),
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
    # planner: coverage of reorder-point materials (issue #14, mechanic 9)
    "agent.coverage.trigger": ("coverage review: {material}", "Reichweitenprüfung: {material}"),
    "agent.coverage.observed": (
        "stock {stock} {unit} {material}, using {rate} {unit}/h of shift time; runs out "
        "about {out}, {arrival}{reorder}: {gap} without it",
        "Bestand {stock} {unit} {material}, Verbrauch {rate} {unit}/h Schichtzeit; reicht "
        "bis etwa {out}, {arrival}{reorder}: {gap} ohne Material"),
    "agent.coverage.arrival": ("next delivery about {arrival}",
                               "nächste Lieferung etwa {arrival}"),
    "agent.coverage.no_arrival": ("no delivery before the end of the look-ahead",
                                  "keine Lieferung vor Ende der Vorschau"),
    "agent.coverage.reorder_at": (" (the reorder rule orders about {at})",
                                  " (die Bestellregel bestellt etwa {at})"),
    "agent.coverage.wait": ("wait for the reorder rule's delivery",
                            "auf die Lieferung der Bestellregel warten"),
    "agent.coverage.reorder_now": (
        "re-order {qty} {unit} {material} now from the usual supplier (mean lead {lead}, "
        "about {eta})",
        "jetzt {qty} {unit} {material} beim üblichen Lieferanten nachbestellen "
        "(mittlere Lieferzeit {lead}, etwa {eta})"),
    # sister sites that answer, and the planner's rounds (issue #14, mechanic 6)
    "agent.sister.request": ("request (round {round}): {qty} {unit} {material}",
                             "Anfrage (Runde {round}): {qty} {unit} {material}"),
    "agent.sister.books": (
        "our books: {stock} {unit} {material}, {reserve} {unit} kept for our own customers, "
        "{free} {unit} to spare",
        "unsere Bücher: {stock} {unit} {material}, {reserve} {unit} für eigene Kunden "
        "zurückgehalten, {free} {unit} verfügbar"),
    "agent.sister.accept": (
        "accept: {qty} {unit} {material} at {price} EUR/{unit}, {lead} transport, "
        "{co2} kg CO2",
        "zugesagt: {qty} {unit} {material} zu {price} EUR/{unit}, {lead} Transport, "
        "{co2} kg CO2"),
    "agent.sister.partial": (
        "counter-offer: only {qty} {unit} {material} at {price} EUR/{unit}, {lead} "
        "transport, {co2} kg CO2 (the rest is reserved for our customers)",
        "Gegenangebot: nur {qty} {unit} {material} zu {price} EUR/{unit}, {lead} "
        "Transport, {co2} kg CO2 (der Rest ist für unsere Kunden reserviert)"),
    "agent.sister.refuse": (
        "refuse: no {material} to spare (our stock is reserved for our customers)",
        "abgelehnt: kein {material} übrig (unser Bestand ist für unsere Kunden reserviert)"),
    "agent.sister.why": ("the site's own books: stock minus its customers' reserve",
                         "die eigenen Bücher des Standorts: Bestand abzüglich Kundenreserve"),
    "agent.negotiation.request": (
        "ask {site} for {qty} {unit} {material} (round {round}; answer expected {due})",
        "{site} um {qty} {unit} {material} bitten (Runde {round}; Antwort erwartet {due})"),
    "agent.negotiation.observed": ("still short: {qty} {unit} {material}",
                                   "noch offen: {qty} {unit} {material}"),
    "agent.negotiation.why": (
        "asking costs nothing; the site's answer (after its response delay) becomes an option",
        "Fragen kostet nichts; die Antwort des Standorts (nach seiner Antwortzeit) wird "
        "eine Option"),
    "agent.negotiation.answer_accept": ("{site} accepts: {qty} {unit} {material}",
                                        "{site} sagt zu: {qty} {unit} {material}"),
    "agent.negotiation.answer_partial": ("{site} counter-offers {qty} {unit} {material}",
                                         "{site} bietet nur {qty} {unit} {material} an"),
    "agent.negotiation.answer_refuse": ("{site} refuses {material}",
                                        "{site} lehnt ab: {material}"),
    "agent.negotiation.offer": ("offered {qty} {unit} {material}; still short {short} {unit}",
                                "angeboten {qty} {unit} {material}; noch offen {short} {unit}"),
    "agent.negotiation.accept": (
        "accept {qty} {unit} {material} from {site} by {transport} ({lead})",
        "{qty} {unit} {material} von {site} annehmen, per {transport} ({lead})"),
    "agent.negotiation.decline": ("decline the offer", "das Angebot ablehnen"),
    "agent.sister.capacity_request": (
        "capacity request (round {round}): build {qty} unit(s) for the group",
        "Kapazitätsanfrage (Runde {round}): {qty} Einheit(en) für den Verbund fertigen"),
    "agent.sister.capacity_books": (
        "our capacity over {days} day(s): {spare} unit(s) after our own orders ({own} a day), "
        "{promised} already promised, {free} to spare",
        "unsere Kapazität über {days} Tag(e): {spare} Einheit(en) nach unseren eigenen "
        "Aufträgen ({own} pro Tag), {promised} schon zugesagt, {free} frei"),
    "agent.sister.capacity_accept": (
        "accept: we build {qty} unit(s) at {price} EUR each, back in {lead}, {co2} kg CO2",
        "zugesagt: wir fertigen {qty} Einheit(en) zu je {price} EUR, zurück in {lead}, "
        "{co2} kg CO2"),
    "agent.sister.capacity_partial": (
        "counter-offer: only {qty} unit(s) at {price} EUR each, back in {lead}, {co2} kg CO2 "
        "(the rest of our capacity is for our own customers)",
        "Gegenangebot: nur {qty} Einheit(en) zu je {price} EUR, zurück in {lead}, {co2} kg "
        "CO2 (der Rest unserer Kapazität gehört unseren Kunden)"),
    "agent.sister.capacity_refuse": (
        "refuse: no capacity to spare (it is booked by our own customers and earlier promises)",
        "abgelehnt: keine Kapazität frei (belegt durch eigene Kunden und frühere Zusagen)"),
    "agent.sister.capacity_why": (
        "the site's own capacity book: capacity minus its own orders minus what it promised",
        "das eigene Kapazitätsbuch des Standorts: Kapazität abzüglich eigener Aufträge und "
        "früherer Zusagen"),
    "agent.negotiation.capacity_request": (
        "ask {site} to build {qty} unit(s) (round {round}; answer expected {due})",
        "{site} bitten, {qty} Einheit(en) zu fertigen (Runde {round}; Antwort erwartet {due})"),
    "agent.negotiation.capacity_observed": ("still short: {qty} unit(s) needing {material}",
                                            "noch offen: {qty} Einheit(en), die {material} "
                                            "brauchen"),
    "agent.negotiation.capacity_answer_accept": ("{site} accepts: builds {qty} unit(s)",
                                                 "{site} sagt zu: fertigt {qty} Einheit(en)"),
    "agent.negotiation.capacity_answer_partial": (
        "{site} counter-offers {qty} unit(s) of capacity",
        "{site} bietet nur {qty} Einheit(en) Kapazität an"),
    "agent.negotiation.capacity_answer_refuse": ("{site} refuses: no capacity",
                                                 "{site} lehnt ab: keine Kapazität"),
    "agent.negotiation.capacity_offer": ("offered {qty} unit(s); still to move {short}",
                                         "angeboten {qty} Einheit(en); noch zu verlagern "
                                         "{short}"),
    "agent.negotiation.capacity_accept": (
        "have {site} build {qty} unit(s) (back in {lead})",
        "{site} {qty} Einheit(en) fertigen lassen (zurück in {lead})"),
    "status.executed": ("executed", "ausgeführt"),
    "status.scheduled": ("scheduled", "eingeplant"),
    "status.refused": ("refused", "abgelehnt"),
    "status.noted": ("noted", "zur Kenntnis"),
}
"""``key -> (English, German)`` for the agents' texts and the journal's status values."""
