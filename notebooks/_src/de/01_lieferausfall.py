# %% [markdown]
# # 1 · Der Lieferausfall
#
# > **SYNTHETISCH** — jede Zahl in diesem Notebook stammt aus einem Spielzeugmodell eines
# > erfundenen Werks („Werkhalle 4“). Es sind keine Daten aus einer realen Fabrik, und die
# > „Agenten“ sind ein paar Seiten einfacher Regeln, kein KI-System.
#
# *Dienstagmorgen. Ein Sturm hat die Bahnstrecken in Norditalien unterbrochen. Die
# Leichtmetalllegierung für unsere Servomodule kommt **72 Stunden** lang nicht an. In der
# Geschichte sieht der Avatar des Werks die Abweichung in Sekunden, simuliert drei
# Alternativen — Legierung vom tschechischen Standort, die Reihenfolge umplanen, Personal in die
# Qualitätssicherung umsetzen —, wägt Kosten, CO2 und Termine ab und entscheidet: kein
# Stillstand. Ohne ihn, so die Geschichte, bedeutete das 72 Stunden Verzug, E-Mail-Schleifen
# und Umplanung von Hand.*
#
# In diesem Notebook
#
# 1. sehen Sie die Woche **ohne** Agenten (die Linie wartet einfach),
# 2. **entscheiden Sie selbst**, wenn die Simulation beim Ausfall anhält,
# 3. vergleichen Sie Ihre Entscheidung mit dem regelbasierten Planer-Agenten und mit Abwarten —
#    mit **denselben Zufallszahlen**,
# 4. lesen Sie das **Journal der Optionen** des Agenten und
# 5. halten Sie die Behauptungen der Geschichte gegen das, was das Spielzeugmodell zeigt.

# %% [include] setup de

# %% [markdown]
# ## 1 · Die Woche und der Ausfall
#
# Das Szenario `supply_disruption` ist die normale Woche der Werkhalle 4 (sechs Stationen, zwei
# Schichten, Servo- und Sensormodule) plus eine Störung: Die Lieferroute der Legierung (`alloy`)
# ist ab Dienstag 06:00 für 72 h unterbrochen; der Lieferant meldet es um 09:30. Der Konzern
# hat Legierung in Tschechien, Servo-Kapazität in Portugal und einen Luftfracht-Makler.

# %%
SCENARIO = sim.load_scenario(SCENARIOS / "supply_disruption.toml")
SEED = 1
rail = SCENARIO.disruptions["rail_outage"]
print(f"Störung: Route für {i18n.display_name(rail.material)} unterbrochen ab {i18n.when(rail.at)} für "
      f"{rail.delay / 60:.0f} h, gemeldet {i18n.when(rail.reported_at)}")
sites = {name: site.model_dump() for name, site in SCENARIO.agents.sites.items()}
KIND = {"stock": "Bestand", "capacity": "Kapazität", "express": "Expresslieferung"}
pd.DataFrame([{"Standort": i18n.display_name(name), "bietet": KIND.get(s["kind"], s["kind"]),
               "was": i18n.display_name(s.get("material") or "") or ", ".join(
                   i18n.display_name(v) for v in s.get("variants", [])),
               "Vorlaufzeit [h]": s["lead_time"] / 60,
               "Kosten je Einheit [EUR]": s.get("cost_per_unit", s.get("unit_cost", 0)
                                                + s.get("transport_cost_per_unit", 0)),
               "CO2 je Einheit [kg]": s["co2_kg_per_unit"]}
              for name, s in sites.items()]).set_index("Standort")

# %% [markdown]
# ## 2 · Ohne Agenten: die Linie wartet
#
# Die Referenz (`agents="off"`) tut, was „niemand reagiert“ tut: Sie wartet auf die Bahn.

# %%
from sim.i18n import journal_for_people, shown
from sim.plots import plot_wip_stock

baseline = sim.run(SCENARIO, seed=SEED, agents="off")
print(i18n.banner(baseline.metadata))
plot_wip_stock(baseline)

# %% [markdown]
# Ab Mittwoch fehlt der ersten Station die Legierung, die Servo-Aufträge stehen, und der
# Rückstand wächst, bis die Bahn am Freitag wieder fährt. In Zahlen:

# %%
SHOW = ["output [units]", "on-time delivery [%]", "late units [units]",
        "material shortage at first station [h]", "overtime [h]", "cost [EUR]", "CO2 [kg]"]
i18n.translate_kpis(baseline.kpis[SHOW]).round(1).to_frame(i18n.t("who.baseline"))

# %% [markdown]
# ## 3 · Ihre Entscheidung: die Simulation hält beim Ausfall an
#
# Mit Agenten bemerkt die **Lieferverfolgung** die unterbrochene Route um 06:30 — drei Stunden
# vor dem Anruf des Lieferanten. Sie sieht aber nur, *dass* der Zug steht, nicht wie lange: Bis
# jemand etwas meldet, nehmen die Agenten 24 h ± 12 h an, und damit reicht der Bestand — der
# Planer wartet. Um 09:30 meldet der Lieferant seine **Schätzung**: 72 h, plus/minus 24 h (das
# wahre Ende erfahren die Agenten nie). Der Planer plant auf dieser Schätzung neu, berechnet die
# Fehlmenge und listet, was man tun könnte. Wir lassen die Woche einmal mit einem Planer laufen, der *aufschreibt, was er sah*, und
# halten an diesem Moment an: Das ist die Lage, vor der der Planer stand, mit seinen Optionen.

# %%
from sim.agents import Proposal
from sim.agents import TwinPlanner


class Recorder(TwinPlanner):
    """Der eingebaute Planer, der sich jede Lage merkt, nach der er gefragt wurde."""

    def __init__(self):
        self.seen = []

    def decide(self, situation):
        proposal = super().decide(situation)
        self.seen.append((situation, proposal))
        return proposal


recorder = Recorder()
agents = sim.run(SCENARIO, seed=SEED, policies={"planner": recorder})
situation, agent_proposal = next((s, p) for s, p in recorder.seen if "shortfall" in s.details)
print(f"{i18n.when(situation.time)} — {shown(situation.trigger)}")
print(f"der Planer sieht: erwartete Fehlmenge {situation.details['shortfall']:.0f} kg Legierung, "
      f"Bestand {situation.observation.stock['alloy']:.0f} kg")
pd.DataFrame([{"Option": i18n.option_label(o.name), "Details": shown(o.description)}
              for o in situation.candidates]).set_index("Option")

# %% [markdown]
# **Sie sind die Produktionsleitung.** Wählen Sie unten eine Option — *bevor* Sie irgendeine
# Vorhersage ansehen. Führen Sie dann die nächste Zelle aus. (Überlegen Sie: Was kostet jede
# Option, wie viel CO2, und wer bekommt seine Module zu spät?)

# %%
choice = widgets.RadioButtons(
    options=[(f"{i18n.option_label(o.name)} — {shown(o.description)}", o.name)
             for o in situation.candidates],
    value=os.environ.get("WERKHALLE_CHOICE", situation.candidates[0].name),
    layout=widgets.Layout(width="100%"))
display(choice)

# %% [markdown]
# Jetzt spielt der Simulator die Woche ab Montag mit genau denselben Zufallszahlen nach und
# führt zum Zeitpunkt der Planer-Entscheidung (09:30) **Ihre** Wahl aus. Jede andere Frage (etwa die abendliche Überstunden-Prüfung)
# geht weiter an den Planer — „warten“ mit eingeschalteten Agenten ist deshalb nicht ganz die
# Referenz: Der Planer streicht weiterhin Überstunden, die sich nicht lohnen. Führen Sie diese
# Zelle erneut aus, wenn Sie Ihre Wahl ändern.

# %%
class HumanChoice(TwinPlanner):
    """Ihre Entscheidung beim Lieferausfall; jede andere Frage geht an den Twin-Planer."""

    def __init__(self, option):
        self.option = option

    def decide(self, situation):
        pick = next((o for o in situation.candidates if o.name == self.option), None)
        if "shortfall" in situation.details and pick is not None:
            return Proposal(pick, situation.candidates, "im Workshop von einem Menschen gewählt")
        return super().decide(situation)


# Ihr Ja gilt sofort: keine Freigabe-Verzögerung für das, was die Produktionsleitung selbst entscheidet
as_manager = sim.with_overrides(SCENARIO, {"agents.human_reaction_delay": "0 min"})
human = sim.run(as_manager, seed=SEED, policies={"planner": HumanChoice(choice.value)},
                approver=lambda request: True)
RUNS = {i18n.t("who.baseline"): baseline, i18n.t("who.agents"): agents,
        f"{i18n.t('who.human')}: {choice.value}": human}
for name, result in RUNS.items():
    print(f"{name:>34}: {i18n.banner(result.metadata)}")
table = pd.DataFrame({name: r.kpis[SHOW] for name, r in RUNS.items()})
i18n.translate_kpis(table).round(1)

# %%
fig, axes = plt.subplots(1, 3, figsize=(12, 3.4), layout="constrained", sharex=True)
for name, result in RUNS.items():
    ts = result.timeseries
    axes[0].step(ts.time_h, ts.output, where="post", label=name)
    axes[1].step(ts.time_h, ts.stock_alloy, where="post", label=name)
    axes[2].step(ts.time_h, ts.backlog, where="post", label=name)
for ax, key in zip(axes, ["axis.output", "axis.stock", "axis.backlog"]):
    ax.set_title(i18n.t(key) + (": Legierung" if key == "axis.stock" else ""), fontsize=10)
    ax.set_xlabel(i18n.t("axis.time_h"))
    ax.axvspan(rail.at / 60, (rail.at + rail.delay) / 60, color="tab:orange", alpha=0.1)
axes[0].legend(fontsize=8)
stamp(fig, human)

# %% [markdown]
# ## 4 · Das Journal der Optionen: was der Agent abwog, und warum
#
# Der Planer hat jede Option drei Tage im Modell vorausgerechnet und bewertet:
# `Punktzahl = Kosten [EUR] + 0,5 × CO2 [kg] + 20 × Stück-Stunden Verspätung`. Die niedrigste
# mittlere Punktzahl gewinnt.
#
# **Prognose, nicht Hellsehen.** Die Vorausrechnung kennt die Vergangenheit des Werks genau,
# aber nicht seine Zukunft: Sie rechnet **8 gezogene Zukünfte** (neues Zufallsglück ab der
# Entscheidung, keine Störungen, die noch niemand angekündigt hat, das Ende des Ausfalls
# irgendwo in den gemeldeten 72 h ± 24 h — nie das wahre Ende). Alle Optionen sehen dieselben 8
# Zukünfte. Jeder Wert ist daher ein *Mittelwert* mit Streuung (p10–p90, Spalten `_p10`,
# `_p90` im Journal) und einer Wahrscheinlichkeit für Ärger (`p_shortage`: Anteil der Zukünfte
# mit mehr als 2 h Materialmangel). Hier jede Option — auch die, die Sie gewählt haben.

# %%
options = pd.DataFrame([o.as_row(o is agent_proposal.choice) for o in agent_proposal.options])
options["Sie"] = options.option == choice.value
options["Option"] = options.option.map(i18n.option_label)
options.set_index("Option")[["cost", "co2_kg", "lateness_h", "late_units", "shortage_h",
                             "score", "chosen", "Sie"]].round(0).rename(columns={
    "cost": "Kosten", "co2_kg": "CO2 [kg]", "lateness_h": "Verspätung [Stk·h]",
    "late_units": "verspätete Stück", "shortage_h": "Materialmangel [h]",
    "score": "Punktzahl", "chosen": "Agent wählt"})

# %%
print(f"{i18n.t('who.agents')}: {i18n.option_label(agent_proposal.choice.name)} — "
      f"{shown(agent_proposal.reason)}")
journal_for_people(agents.decisions)[["when", "agent", "trigger", "choice", "status",
                                      "approved_by"]].rename(columns={
    "when": "Zeitpunkt", "agent": "Agent", "trigger": "Auslöser", "choice": "Wahl",
    "status": "Stand", "approved_by": "freigegeben durch"})

# %% [markdown]
# Und die Woche als Zeitleiste, mit den Begründungen der Agenten:

# %%
SKIP = {"state", "release", "finish", "scrap", "material_short"}


def timeline(result):
    events = result.events[~result.events.kind.isin(SKIP)]
    lines = [(row["time_h"], i18n.narrate(row["kind"], {k: v for k, v in row.items()
                                                         if k not in ("kind", "time_h") and v == v}))
             for row in events.to_dict("records") if row.get("cause") != "failure"]
    for d in result.decisions.to_dict("records"):
        key = "story.refused" if d["status"] == "refused" else "story.decided"
        lines.append((d["time_h"], f"{i18n.when(d['time_min'])}  "
                      + i18n.t(key, agent=i18n.t(f"who.{d['agent']}"),
                               option=i18n.option_label(d["choice"]), reason=shown(d["reason"]))))
    return [text for _, text in sorted(lines, key=lambda item: item[0])]


print(i18n.synthetic_label())
for line in timeline(agents)[:14]:
    print(line[:160])

# %% [markdown]
# ## 5 · Was die Geschichten behaupten — und was das Spielzeugmodell zeigt
#
# | die Geschichte sagt | was dieser Spielzeuglauf zeigt |
# |---|---|
# | der Agent entscheidet in 0,8 s (oder 9,8 s) | Rechnen ist auch hier billig — siehe unten; schwer ist, die richtigen Optionen und ein richtiges Modell zu haben |
# | ohne Hilfe: 72 h Verzug | so viele Stunden stand die erste Station der Referenz ohne Legierung (unten) |
# | kein Stillstand trotz Störung | mit Agent: siehe Materialmangel unten — für **diesen Seed** |
# | „Produktivität 96,8 %“ | in der Geschichte nicht definiert; unsere OEE des Engpasses steht unten |
# | das CO2 jeder Route wird transparent | ja: die CO2-Spalte des Journals oben |

# %%
claims = pd.DataFrame({
    i18n.t("who.baseline"): [baseline.kpis["material shortage at first station [h]"],
                             baseline.kpis["OEE [%]"], float("nan")],
    i18n.t("who.agents"): [agents.kpis["material shortage at first station [h]"],
                           agents.kpis["OEE [%]"],
                           agents.metadata.get("twin_seconds", float("nan"))],
}, index=["Stillstand mangels Material [h]", "OEE des Engpasses [%]",
          "Rechenzeit aller Zwillings-Simulationen [s]"])
print(i18n.banner(agents.metadata))
claims.round(2)

# %% [markdown]
# Ein Seed ist eine Geschichte. Hätte der Agent in einer Woche mit anderen Ausfällen und anderen
# Bearbeitungszeiten genauso gut abgeschnitten? Notebook 5 (*Glück und Evidenz*)
# beantwortet das mit Replikationen und Konfidenzintervallen.

# %% [markdown]
# ## 5b · Wenn die Schwesterstandorte antworten — und wenn niemand etwas meldet
#
# Oben war die tschechische Legierung ein festes Angebot: immer da, immer alles. In
# `sister_sites` sind die Schwesterstandorte in **Tschechien** und **Portugal** eigene Agenten.
# Jeder führt eigene Bücher: Sein Bestand sinkt, weil seine eigenen Kunden Legierung abnehmen,
# eine Reserve für diese Kunden ist nicht verkäuflich, und was er uns gibt, ist aus seinen
# Büchern verschwunden. Der Planer fragt an und erfährt die Antwort erst, wenn sie eintrifft
# (nach der Antwortzeit des Standorts): eine Zusage, ein Gegenangebot über einen Teil oder eine
# Absage. Er verhandelt in Runden — fragt beim nächsten Standort nach dem Rest — und bewertet
# jedes Angebot im Zwilling wie jede andere Option. Über die Seeds 1–20 (gepaart, `python
# scripts/paired_sisters.py`): Mit den antwortenden Schwesterstandorten wartet die Linie 19,1 h
# auf Legierung statt 26,0 h ganz ohne Schwesterstandort (−6,9 h [−8,5; −5,4]; termintreu
# +17,8 Punkte [+12,9; +22,7]) — aber 17,5 h [16,2; 18,7] *länger* als mit dem festen Angebot
# des ganzen tschechischen Bestands wie oben: Das feste Angebot überschätzt, was der Konzern
# geben kann. *SYNTHETISCH.*

# %%
SISTERS = sim.load_scenario(SCENARIOS / "sister_sites.toml")
talks = sim.run(SISTERS, seed=SEED)
print(i18n.banner(talks.metadata))
d = talks.decisions
rounds = d[d.agent.isin(list(SISTERS.agents.sisters))
           | d.choice.str.startswith(("request_", "accept_", "decline"))]
journal_for_people(rounds)[["when", "agent", "trigger", "observed", "choice"]].rename(columns={
    "when": "Zeitpunkt", "agent": "Agent", "trigger": "Auslöser", "observed": "Lage",
    "choice": "Wahl"})

# %% [markdown]
# **Auch eigene Kapazität.** In `sister_capacity` führt Portugal zusätzlich ein Kapazitätsbuch:
# Es fertigt 40 Servomodule am Tag, die Aufträge seiner eigenen Kunden belegen 30, und was es
# uns zusagt, ist ausgebucht. Neben der Bestandsanfrage bittet der Planer, die Einheiten zu
# fertigen, für die Legierung fehlt (102); drei Stunden später bietet Portugal nur an, was frei
# ist: (40 − 30) × 2,85 Tage = 28. Ein Planer, der jedes Angebot annimmt (unten), verlagert 28
# Einheiten dorthin; der Zwillings-Planer lehnt sie in jedem Seed 1–20 ab (einen Teil des
# Donnerstagsauftrags zu verlagern heißt, ihn früh freizugeben), gegenüber keinem
# Kapazitätsbuch ändert sich also nichts (0 [0; 0]) — ein fester, nie gefragter
# Kapazitätsstandort wird dagegen im Mittel für 1.566 EUR genutzt, ohne Gewinn an Termintreue
# (`python scripts/paired_sister_capacity.py`). *SYNTHETISCH.*

# %%
CAPACITY = sim.load_scenario(SCENARIOS / "sister_capacity.toml")
built = sim.run(sim.with_overrides(CAPACITY, {"agents.planner.policy": "rule"}), seed=SEED)
d = built.decisions
journal_for_people(d[d.trigger.str.contains("capacity") | d.choice.str.contains(
    "capacity|outsource")])[["when", "agent", "trigger", "observed", "choice"]].rename(columns={
        "when": "Zeitpunkt", "agent": "Agent", "trigger": "Auslöser", "observed": "Lage",
        "choice": "Wahl"})

# %% [markdown]
# **Niemand meldet den Engpass eines Meldebestands-Materials.** Leiterplatten (pcb) werden nach
# einer (s, Q)-Regel bestellt: 300 Stück, sobald der Bestand auf 150 fällt; der Lkw braucht
# 20–30 h. Im Tempo der Linie reichen 150 Stück nicht so lange, darum gehen in vielen Wochen am
# Donnerstag die Leiterplatten aus — und kein Lieferant meldet etwas, denn nichts ist verspätet.
# In `reorder_watch` rechnet der Planer die Reichweite selbst hoch, aus dem, was er sieht
# (Bestand, Verbrauch des letzten Tages je Schichtstunde, angekündigte Lieferungen), und bestellt
# früher nach, wenn er eine Lücke sieht. Seed 4 ist eine Woche, in der die Leiterplatten
# ausgehen; über die Seeds 1–20 (gepaart, `python scripts/paired_lever.py reorder_watch
# 'agents.planner.coverage=null,{}'`) beseitigte die Reichweitenprüfung den Mangel (0,96 h → 0 h
# je Woche, Differenz −0,96 h [−1,55; −0,36]) ohne Mehrkosten für Material, weil die frühe
# Bestellung die spätere der Regel ersetzt. *SYNTHETISCH.*

# %%
WATCH = sim.load_scenario(SCENARIOS / "reorder_watch.toml")
watched = sim.run(WATCH, seed=4)
unwatched = sim.run(sim.with_overrides(WATCH, {"agents.planner.coverage": None}), seed=4)
print(i18n.banner(watched.metadata))
cov = journal_for_people(watched.decisions[watched.decisions.trigger.str.contains("pcb")])
print(cov[["when", "observed", "choice"]].to_string(header=False, index=False))
i18n.translate_kpis(pd.DataFrame({"Planer prüft pcb": watched.kpis[SHOW],
                                  "Planer prüft nicht": unwatched.kpis[SHOW]})).round(1)

# %% [markdown]
# Der verlorene Lkw mit Gehäusen in `bad_day` war früher folgenlos (356 auf Lager, 100 gebraucht).
# In dieser Woche kommen die Gehäuse knapp, darum hält der Verlust des Donnerstags-Lkws die
# Linie an: über die Seeds 1–20 ohne Agenten −52 Stück [−64; −41] und +6,9 h [+5,8; +8,0]
# Materialmangel (`python scripts/paired_lever.py bad_day
# 'disruptions.lost_truck.at="Fri 23:00","Wed 12:00"'`, `WERKHALLE_AGENTS=off`). *SYNTHETISCH.*
#
# ## 6 · Ihre Entscheidung abgeben
#
# Tragen Sie unten den Namen Ihres Teams ein und führen Sie die Zelle aus: Sie speichert Ihre
# Wahl und die drei Ergebnisse als kleine CSV-Datei (in JupyterLite: Rechtsklick auf die Datei
# im Dateibrowser → *Download*), die Ihre Dozentin oder Ihr Dozent für den Klassenvergleich
# einsammelt.

# %%
TEAM = os.environ.get("WERKHALLE_TEAM", "mein-team")  # ← Name Ihres Teams


def class_score(kpis):
    """Die Workshop-Punktzahl (niedriger ist besser): Kosten + 0,5 × kg CO2 + 500 × verspätete Stück."""
    return kpis["cost [EUR]"] + 0.5 * kpis["CO2 [kg]"] + 500 * kpis["late units [units]"]


export_dir = Path(os.environ.get("WERKHALLE_EXPORT_DIR", "exports"))
export_dir.mkdir(parents=True, exist_ok=True)
rows = [{"team": TEAM, "notebook": "01", "who": who, "entry": entry, "seed": SEED,
         **result.kpis[SHOW].to_dict(), "score": class_score(result.kpis)}
        for who, entry, result in [("baseline", "wait", baseline),
                                   ("agent", agent_proposal.choice.name, agents),
                                   ("human", choice.value, human)]]
path = export_dir / f"{TEAM}_01_decision.csv"
# a plain CSV: the label and the run fingerprint are its first two columns, on every row
write_labelled_csv(pd.DataFrame(rows), path, i18n.synthetic_label(), human.fingerprint)
print(f"gespeichert: {path}")
WHO = {"baseline": i18n.t("who.baseline"), "agent": i18n.t("who.agents"),
       "human": i18n.t("who.human")}
pd.DataFrame({"wer": [WHO[r["who"]] for r in rows],
              "Wahl": [i18n.option_label(r["entry"]) for r in rows],
              "Punktzahl": [round(r["score"]) for r in rows]})

# %% [markdown]
# ## 7 · Die Fassung von 2026 und die Bilanz um 16:30
#
# Setting A des Magazins: Um 09:30 meldet ein Lieferant eine Verspätung; der Agent stellt die
# Linie auf die andere Produktserie um und plant die Nachtschicht so um, dass keine
# Überstunden nötig sind. Das Szenario `setting_a` hat **drei Schichten** (nachts eine
# reduzierte Besetzung von 3); am Dienstag kommt die Legierung der Servo-Serie zu spät, der
# Servo-Auftrag ist Mittwoch 06:00 fällig. Der Planer darf eine volle Nachtbesetzung einplanen
# (`plan_shift`) — er tut es nur, wenn der Zwilling vorhersagt, dass die eingesparte
# Verspätung die Löhne wert ist. Produktivität steht hier unter einer genannten Definition:
# **Gutteile je bezahlter Personalstunde** (Überstunden und eingeplante Schichten
# eingeschlossen). Die „96,8 %“ der Geschichte haben keine Definition; sie bleiben eine
# Behauptung.

# %%
A = sim.load_scenario(SCENARIOS / "setting_a.toml")
a_agents, a_none = sim.run(A, seed=SEED), sim.run(A, seed=SEED, agents="off")
planner = a_agents.decisions[a_agents.decisions["agent"] == "planner"].iloc[0]
print(i18n.banner(a_agents.metadata))
print(i18n.when(planner["time_min"]), "·", i18n.option_label(planner["choice"]), "·",
      planner["reason"].shown()[:200])


def per_paid_hour(result):
    """Gutteile je bezahlter Personalstunde (die genannte Definition von Produktivität)."""
    eco = A.economics
    return result.kpis["output [units]"] / (result.kpis["cost labour [EUR]"]
                                            / eco.labour_cost_per_staff_hour)


pd.DataFrame({"ohne Agenten": [a_none.kpis["late units [units]"], a_none.kpis["overtime [h]"],
                               per_paid_hour(a_none)],
              "mit Agenten": [a_agents.kpis["late units [units]"], a_agents.kpis["overtime [h]"],
                              per_paid_hour(a_agents)]},
             index=["verspätete Stück", "Überstunden [h]", "Gutteile je bezahlter Personalstunde"]
             ).round(3)

# %% [markdown]
# **Der Bericht um 16:30.** Im Szenario `daily_report` schreibt der Planer jeden Tag um 16:30
# die Bilanz des Tages gegen *denselben Tag ohne Agenten* (derselbe Seed ohne Agenten: eine
# Bilanz der Vergangenheit) und zwei Vorschläge für morgen, jeder in Stichproben-Zukünften
# vorhergesagt — nie mit dem echten Zufall von morgen. `Result.daily` ist die Tagestabelle neben
# den Kennzahlen der Woche.

# %%
D = sim.load_scenario(SCENARIOS / "daily_report.toml")
if QUICK:
    D = sim.with_overrides(D, {"agents.futures": 2})
day = sim.run(D, seed=SEED)
print(i18n.banner(day.metadata))
first = day.decisions[day.decisions["trigger"].str.startswith("daily report")].iloc[0]
print(first["observed"].shown())
print(first["reason"].shown())
table = day.daily.pivot(index="kpi", columns="day", values="difference").round(1)
table.index = [i18n.kpi_label(k) for k in table.index]
table.columns = [f"Tag {d}" for d in table.columns]  # Differenz mit minus ohne Agenten
table

# %% [markdown]
# ## Diskussion
#
# * Haben Sie dieselbe Option gewählt wie der Planer? Wenn nicht: Was war Ihnen wichtig, das in
#   seiner Punktzahl nicht vorkommt (Verlässlichkeit des tschechischen Standorts, der Kunde,
#   die Nacht der Fahrer)?
# * Die Wahl des Planers hängt an seinen Gewichten (0,5 je kg CO2, 20 je Stück-Stunde
#   Verspätung). Bei welchen Gewichten würde er die Legierung einfliegen lassen?
# * Der Agent bemerkte den Ausfall drei Stunden vor dem Anruf des Lieferanten. Ist das das
#   Verdienst des Agenten oder der Daten der Lieferverfolgung?
#
# *Alle Zahlen oben: SYNTHETISCHE Ausgabe eines Spielzeugmodells.*
