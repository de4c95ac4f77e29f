# %% [markdown]
# # 4 · Schreiben Sie Ihren eigenen Planer
#
# > **SYNTHETISCH** — jede Zahl in diesem Notebook stammt aus einem Spielzeugmodell eines
# > erfundenen Werks („Werkhalle 4“). Es sind keine Daten aus einer realen Fabrik.
#
# Der Planer-Agent aus Notebook 1 ist keine Magie: Er ist eine **Regel** aus einem Dutzend
# Zeilen. In dieser Übung schreiben Sie Ihre eigene Regel, stecken sie in die Linie und bewerten
# sie gegen den eingebauten Planer und gegen Nichtstun — auf einer Reihe von Lieferstörungen,
# mit denselben Zufallszahlen für alle.
#
# **Die Aufgabe (etwa 30 Minuten):** Schreiben Sie einen Planer, dessen mittlere
# Klassen-Punktzahl niedriger (besser) ist als die des eingebauten Planers. Oder finden Sie
# heraus, warum das schwer ist.

# %% [include] setup de

# %% [markdown]
# ## 1 · Wie eine Planer-Regel aussieht
#
# Ein Planer ist jedes Objekt mit einer Methode `decide(situation)`. Die Linie ruft sie auf,
# wenn etwas zu entscheiden ist, und übergibt eine `Situation`:
#
# | Feld | Inhalt |
# |---|---|
# | `situation.time` | Uhrzeit in Minuten seit Montag 00:00 (`i18n.when(t)` zeigt sie an) |
# | `situation.trigger` | was passiert ist, in Worten (`shown(situation.trigger)` zeigt es auf Deutsch) |
# | `situation.observation` | die Linie, wie sie jetzt aussieht: `.stock`, `.pipeline`, `.open_orders`, `.wip` ... |
# | `situation.candidates` | die gefundenen Optionen, jede mit `.name`, `.description`, `.outlay` (EUR), `.co2_kg` |
# | `situation.details` | bei einem Lieferproblem: `material`, `shortfall` (Fehlmenge in kg), `until` (Minuten) |
# | `situation.evaluate(options)` | rechnet Optionen im Zwilling voraus; füllt `option.predicted` |
#
# Sie gibt einen `Proposal(choice, options, reason)` zurück — oder `None`, um nichts zu tun.
# Hier der eingebaute Planer, vollständig:
#
# ```python
# class TwinPlanner:
#     def decide(self, situation):
#         options = situation.evaluate(situation.candidates)   # jede Option simulieren
#         best = min(options, key=lambda o: o.score)          # Kosten + 0,5·CO2 + 20·Stück-Stunden
#         return Proposal(best, options, explain(best, ...))
# ```

# %%
from sim.agents import Proposal
from sim.agents import RulePlanner, TwinPlanner

# %% [markdown]
# ## 2 · Die Testreihe: fünf Störungen
#
# Ihre Regel muss mit mehr als einer Geschichte zurechtkommen. Die Testreihe variiert die
# Vignette: mehr Nachfrage, wenig oder keine Legierung in Tschechien, ein längerer Ausfall und
# eine Grippewelle zusätzlich zu einem kurzen Ausfall. (Die Namen der Störungen und Planer
# bleiben englisch: So passen die Exporte aller Gruppen zusammen.)

# %%
BASE = sim.load_scenario(SCENARIOS / "supply_disruption.toml")
BUSY = {f"release.orders.{name}.quantity": round(order.quantity * 1.3)  # 30 % mehr Nachfrage
        for name, order in BASE.release.orders.items()}
FLU = {"kind": "staff_absence", "at": "Wed 06:00", "count": 3, "duration": "16 h"}
DISRUPTIONS = {
    "rail 72 h (the story)": {},
    "busy week, little Czech stock": {**BUSY, "agents.sites.czech.quantity": 100},
    "rail 96 h, almost no Czech stock": {"agents.sites.czech.quantity": 20,
                                         "disruptions.rail_outage.delay": "96 h"},
    "flu on Wednesday, rail 24 h": {"disruptions.rail_outage.delay": "24 h",
                                    "disruptions.flu": FLU},
    "busy week": BUSY,
}
GERMAN = {"rail 72 h (the story)": "Bahn 72 h (die Geschichte)",
          "busy week, little Czech stock": "volle Woche, wenig Bestand in Tschechien",
          "rail 96 h, almost no Czech stock": "Bahn 96 h, kaum Bestand in Tschechien",
          "flu on Wednesday, rail 24 h": "Grippe am Mittwoch, Bahn 24 h",
          "busy week": "volle Woche",
          "baseline (wait)": "Referenz (abwarten)", "built-in (twin)": "eingebaut (Zwilling)",
          "fixed rule": "feste Regel", "my planner": "mein Planer",
          "solution: stock first": "Lösung: Bestand zuerst",
          "solution: green twin": "Lösung: grüner Zwilling"}
if QUICK:
    DISRUPTIONS = dict(list(DISRUPTIONS.items())[:3])
SEEDS = [1] if QUICK else [1, 2]
TEST_SET = {name: sim.with_overrides(BASE, changes) for name, changes in DISRUPTIONS.items()}


def class_score(kpis):
    """Die Workshop-Punktzahl (niedriger ist besser): Kosten + 0,5 × kg CO2 + 500 × verspätete Stück."""
    return kpis["cost [EUR]"] + 0.5 * kpis["CO2 [kg]"] + 500 * kpis["late units [units]"]


KEEP = ["on-time delivery [%]", "late units [units]", "material shortage at first station [h]",
        "cost [EUR]", "CO2 [kg]"]


def score_planner(name, planner=None, agents=None):
    """`planner` (oder einen Agenten-Modus) auf jeder Störung und jedem Seed laufen lassen."""
    rows = []
    for disruption, scenario in TEST_SET.items():
        for seed in SEEDS:
            if planner is None:
                result = sim.run(scenario, seed=seed, agents=agents)
            else:
                result = sim.run(scenario, seed=seed, policies={"planner": planner})
            rows.append({"planner": name, "disruption": disruption, "seed": seed,
                         **result.kpis[KEEP].to_dict(), "score": class_score(result.kpis)})
    return pd.DataFrame(rows)


def german(table):
    """Zeilen- (und Spalten-)namen einer Tabelle für die Anzeige übersetzen."""
    if isinstance(table, pd.Series):
        return table.rename(index=GERMAN)
    return table.rename(index=GERMAN, columns=GERMAN)


reference = pd.concat([score_planner("baseline (wait)", agents="off"),
                       score_planner("built-in (twin)", TwinPlanner()),
                       score_planner("fixed rule", RulePlanner())])
print(f"{i18n.synthetic_label()} | supply_disruption-Varianten, Seeds {SEEDS}")
german(reference.pivot_table(index="disruption", columns="planner", values="score").round(0))

# %% [markdown]
# ## 3 · Sie sind dran
#
# Ändern Sie die Klasse unten und führen Sie die Zelle aus. Sie beginnt mit „immer warten“.
# Ein paar Ideen:
#
# * Legierung aus Tschechien holen, wenn deren Bestand die Fehlmenge deckt, sonst etwas anderes
#   (`situation.details["shortfall"]`; `BASE.agents.sites` listet, was jeder Standort bietet);
# * nie Legierung einfliegen (CO2!), außer der Ausfall ist lang;
# * `situation.evaluate(...)` nur für *wenige* Optionen aufrufen und mit eigener Punktzahl wählen;
# * auf `option.outlay` achten — über 3000 EUR muss ein Mensch zustimmen, und das dauert 4 Stunden.

# %%
class MyPlanner:
    """IHRE REGEL. Die Fassung unten wartet immer — ändern Sie sie!"""

    def decide(self, situation):
        if "shortfall" not in situation.details:  # kein Lieferproblem: nichts tun
            return None
        options = {o.name: o for o in situation.candidates}
        shortfall = situation.details["shortfall"]  # kg Legierung, die bis `until` fehlen
        choice = options["wait"]
        return Proposal(choice, situation.candidates,
                        f"meine Regel: warten (Fehlmenge {shortfall:.0f} kg)")


mine = score_planner("my planner", MyPlanner())
board = pd.concat([reference, mine])
leaderboard = board.groupby("planner")["score"].agg(["mean", "min", "max"]).sort_values("mean")
german(leaderboard.round(0)).rename(columns={"mean": "Mittel", "min": "Minimum",
                                             "max": "Maximum"})

# %%
fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")
table = board.pivot_table(index="disruption", columns="planner", values="score")
german(table[leaderboard.index[::-1]]).plot.barh(ax=ax, width=0.8)
ax.set_xlabel("Klassen-Punktzahl (niedriger ist besser)")
ax.set_ylabel("")
ax.legend(loc="upper left", bbox_to_anchor=(1, 1), reverse=True)
stamp(fig, f"supply_disruption-Varianten, Seeds {SEEDS}, Punktzahl = Kosten + 0,5·CO2 + 500·verspätet")

# %% [markdown]
# ### Lösungen (erst öffnen, wenn Sie es probiert haben)
#
# Zwei mögliche Regeln stehen in den eingeklappten Zellen unten (auf „…“ klicken). Führen Sie
# eine davon aus, um sie in der Rangliste zu sehen.

# %% tags=["solution"]
class StockFirst:
    """Lösung 1: ohne Simulation. Tschechischer Bestand, wenn er reicht; sonst den Rest einfliegen."""

    def decide(self, situation):
        if "shortfall" not in situation.details:
            return None
        options = {o.name: o for o in situation.candidates}
        short = situation.details["shortfall"]
        transfer = options.get("transfer_czech")
        offered = transfer.actions[0].kwargs["quantity"] if transfer else 0.0
        if transfer is not None and offered >= short:
            pick = transfer
        elif "express_express" in options:
            pick = options["express_express"]
        else:
            pick = options.get("transfer_czech+resequence", options["wait"])
        return Proposal(pick, situation.candidates,
                        f"Bestand zuerst: Tschechien bietet {offered:.0f} von {short:.0f} kg")


board = pd.concat([board, score_planner("solution: stock first", StockFirst())])
german(board.groupby("planner")["score"].mean().sort_values().round(0))

# %% tags=["solution"]
class GreenTwin:
    """Lösung 2: simulieren, aber CO2 mit 5 EUR/kg statt 0,5 bewerten (ein grünerer Planer)."""

    def decide(self, situation):
        options = situation.evaluate(situation.candidates)
        def green(o):
            p = o.predicted
            return p["cost"] + 5.0 * p["co2_kg"] + 20.0 * p["lateness_h"]
        best = min(options, key=green)
        return Proposal(best, options, f"grüne Punktzahl {green(best):,.0f}")


board = pd.concat([board, score_planner("solution: green twin", GreenTwin())])
german(board.groupby("planner")["score"].mean().sort_values().round(0))

# %% [markdown]
# ## 4 · Die Punktzahlen Ihres Planers abgeben
#
# Geben Sie Ihrem Planer einen Namen, tragen Sie den Namen Ihres Teams ein und führen Sie die
# Zelle aus. Die CSV-Datei geht an Ihre Dozentin oder Ihren Dozenten (in JupyterLite:
# Rechtsklick auf die Datei im Dateibrowser → *Download*).

# %%
TEAM = os.environ.get("WERKHALLE_TEAM", "mein-team")  # ← Name Ihres Teams
PLANNER_NAME = "mein Planer"                           # ← was Ihre Regel tut, in 3 Worten

export = board[board.planner.isin(["baseline (wait)", "built-in (twin)", "my planner"])].copy()
export["who"] = export.planner.map({"baseline (wait)": "baseline", "built-in (twin)": "agent",
                                    "my planner": "participant"})
export["entry"] = export.planner.replace({"my planner": PLANNER_NAME})
export.insert(0, "team", TEAM)
export.insert(1, "notebook", "04")
export_dir = Path(os.environ.get("WERKHALLE_EXPORT_DIR", "exports"))
export_dir.mkdir(parents=True, exist_ok=True)
path = export_dir / f"{TEAM}_04_planner.csv"
write_labelled_csv(export.drop(columns="planner"), path, i18n.synthetic_label(),
                   f"supply_disruption variants, seeds {SEEDS}")
print(f"gespeichert: {path}")

# %% [markdown]
# ## Ohne Code: ein Planer aus drei Regeln
#
# Nicht alle im Raum schreiben Python. Derselbe Planer lässt sich als **Daten** schreiben — in
# einer Szenariodatei (`[agents.planner] policy = "rules"`, siehe `docs/agents.md`) oder mit
# den Auswahllisten unten: Jede Zeile heißt *wenn … dann …*, von oben nach unten geprüft; die
# erste Zeile, deren Bedingung zutrifft und deren Maßnahme angeboten wird, entscheidet.
# Bedingungen: `stock_covers` (der Bestand des Schwesterwerks deckt die Unterdeckung),
# `outage_longer` (der Ausfall dauert länger als *Stunden*), `shortfall_above`, `always`
# (immer).

# %%
from sim.experiments import HELD_OUT, RULE_ACTIONS, RULE_CONDITIONS, TUNING, planner_board

DEFAULT = [("stock_covers", "transfer"), ("outage_longer", "express"), ("always", "resequence")]
lines = [(widgets.Dropdown(options=RULE_CONDITIONS, value=c, description=f"{i + 1}. wenn"),
          widgets.Dropdown(options=[(i18n.t(f"agent.rules.then.{a}"), a) for a in RULE_ACTIONS],
                           value=a, description="dann"))
         for i, (c, a) in enumerate(DEFAULT)]
hours = widgets.FloatSlider(value=48, min=0, max=120, step=6, description="Stunden")
display(widgets.VBox([widgets.HBox(list(line)) for line in lines] + [hours]))


def my_rules():
    """Die Auswahllisten als Regelliste (dieselben Daten, die eine Szenariodatei enthält)."""
    return [{"if": c.value, "then": a.value, "hours": hours.value, "quantity": 0.0}
            for c, a in lines]


for number, rule in enumerate(my_rules(), start=1):
    when = i18n.t("agent.rules.if." + rule["if"], hours=f"{rule['hours']:g}", quantity="0")
    print(f"Regel {number}: wenn {when}, dann {i18n.t('agent.rules.then.' + rule['then'])}")

# %% [markdown]
# **Die Auflösung.** Bisher wurde jeder Planer auf denselben fünf Störungen abgestimmt und
# bewertet. Jetzt die zurückgehaltene Testmenge: fünf andere Geschichten (andere
# Ausfalldauern, Bestände, Auslastungen) und andere Wochen (Seeds). Dieselbe Klassenwertung,
# Abstimmungsmenge neben Testmenge:

# %%
tuning = dict(list(TUNING.items())[:1]) if QUICK else TUNING
held_out = dict(list(HELD_OUT.items())[:2]) if QUICK else HELD_OUT
NAMES = {"no-code rules": "Regeln ohne Code", "built-in (twin)": "eingebauter Planer (Zwilling)",
         "fixed rule": "feste Regel", "baseline (wait)": i18n.t("who.baseline")}
reveal = planner_board(BASE, {"no-code rules": my_rules(), "built-in (twin)": TwinPlanner(),
                              "fixed rule": RulePlanner(), "baseline (wait)": "off"},
                       tuning, held_out, seeds=SEEDS, held_out_seeds=[11] if QUICK else [11, 12])
print(f"{i18n.synthetic_label()} | Lieferausfall: Abstimmung {len(tuning)} × Seeds {SEEDS}, "
      f"Testmenge {len(held_out)} × andere Seeds; Klassenwertung (niedriger ist besser)")
reveal.rename(index=NAMES).rename_axis("Planer").rename(columns={
    "tuning": "Abstimmungsmenge", "held_out": "Testmenge", "rank_tuning": "Rang (Abstimmung)",
    "rank_held_out": "Rang (Test)"}).round(0)

# %% [markdown]
# ## Diskussion
#
# * Welche Störung war für Ihre Regel am schwersten — und für den eingebauten Planer?
# * Hat die Rangfolge die Testmenge überstanden? Welcher Planer war auf den Test abgestimmt?
# * Der eingebaute Planer optimiert *seine* Punktzahl (Stück-Stunden Verspätung), die Klasse
#   bewertet mit *einer anderen* (500 je verspätetem Stück). Welche würde Ihre Werksleitung
#   unterschreiben?
# * Eine Regel, die man in zehn Zeilen lesen kann, gegen eine Simulation, die niemand prüft:
#   Welche würden Sie allein handeln lassen, und innerhalb welcher Leitplanken?
#
# *Alle Zahlen oben: SYNTHETISCHE Ausgabe eines Spielzeugmodells.*
