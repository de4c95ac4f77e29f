# %% [markdown]
# # Für Lehrende: Klassenvergleich
#
# > **SYNTHETISCH** — jede Zahl hier stammt aus einem Spielzeugmodell eines erfundenen Werks.
# > Die Beispieldateien in `example_exports/` sind erfundene Teams, keine echte Klasse.
#
# Die Teilnehmenden geben kleine CSV-Dateien ab: aus Notebook 1 (*ihre Entscheidung beim
# Lieferausfall*) und aus Notebook 4 (*die Punktzahlen ihres Planers*). Legen Sie alle Dateien
# in einen Ordner — ohne Server, E-Mail oder USB-Stick genügen — und setzen Sie `FOLDER` darauf.
# Dieses Notebook fasst sie für die Nachbesprechung zu einem Klassenvergleich zusammen.

# %% [include] setup de

# %%
FOLDER = Path(os.environ.get("WERKHALLE_CLASS_DIR", "example_exports"))  # ← Ihr Ordner
WHO = {"baseline": i18n.t("who.baseline"), "agent": "eingebauter Planer (Zwilling)"}

data, problems = read_labelled_folder(FOLDER)  # Dateien ohne SYNTHETIC-Vermerk: übersprungen
if len(data):
    data["notebook"] = data.notebook.astype(str).str.zfill(2)
print(f"{data.file.nunique() if len(data) else 0} Dateien von "
      f"{data.team.nunique() if len(data) else 0} Teams in {FOLDER} — {i18n.synthetic_label()}")
for problem in problems:
    print("übersprungen:", problem)

# %% [markdown]
# ## 1 · Der Lieferausfall: wie haben die Teams entschieden?
#
# Jedes Team sah dieselbe Lage am Dienstag um 06:30 und wählte eine Option. Planer-Agent und
# Abwarten erscheinen je einmal (bei gleicher Version sind sie für alle Teams gleich).

# %%
decisions = data[data.notebook == "01"]
humans = decisions[decisions.who == "human"]
fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
humans.entry.map(i18n.option_label).value_counts().plot.barh(ax=ax, color="tab:blue")
agent_pick = decisions[decisions.who == "agent"].entry.iloc[0]
ax.set_title(f"von den Teams gewählte Optionen (der Agent wählte: "
             f"{i18n.option_label(agent_pick)})", fontsize=10)
ax.set_xlabel("Teams")
stamp(fig, "Klassen-Exporte aus Notebook 1, Seed 1")

# %%
SHOW = ["entry", "on-time delivery [%]", "late units [units]", "cost [EUR]", "CO2 [kg]", "score"]
reference = (decisions[decisions.who != "human"].drop_duplicates("who")
             .assign(who=lambda d: d.who.map(lambda w: WHO.get(w, w))).set_index("who")[SHOW])
teams = humans.set_index("team")[SHOW]
shown = pd.concat([reference, teams]).sort_values("score").round(1)
shown.assign(entry=shown.entry.map(i18n.option_label)).rename(
    columns={"entry": "Option", "score": "Klassenpunktzahl", **{
        k: i18n.kpi_label(k) for k in SHOW[1:-1]}}).rename_axis("wer")

# %%
fig, ax = plt.subplots(figsize=(6.5, 4), layout="constrained")
for who, marker in [("baseline", "s"), ("agent", "D"), ("human", "o")]:
    part = decisions[decisions.who == who].drop_duplicates(["who", "entry"])
    ax.scatter(part["cost [EUR]"], part["late units [units]"], marker=marker, s=60,
               label=WHO.get(who, "Teams"))
    if who == "human":
        for _, row in part.iterrows():
            ax.annotate(row["team"], (row["cost [EUR]"], row["late units [units]"]),
                        fontsize=7, xytext=(4, 4), textcoords="offset points")
ax.set_xlabel(i18n.kpi_label("cost [EUR]"))
ax.set_ylabel(i18n.kpi_label("late units [units]"))
ax.legend()
stamp(fig, "Klassen-Exporte aus Notebook 1, Seed 1")

# %% [markdown]
# ## 2 · Der eigene Planer: die Rangliste
#
# Mittlere Klassenpunktzahl (Kosten + 0,5 × kg CO2 + 500 × verspätete Stück; niedriger ist
# besser) des Planers jedes Teams über die Testfälle, neben dem eingebauten Planer und dem
# Abwarten.

# %%
planners = data[data.notebook == "04"]
check = planners[planners.who != "participant"].groupby(["who", "disruption", "seed"]).score
if (check.nunique() > 1).any():
    print("Warnung: eingebauter Planer oder Referenz unterscheiden sich zwischen den Teams — "
          "verschiedene Werkhalle-Versionen oder Testfälle?")
board = pd.concat([
    planners[planners.who == "participant"].assign(name=lambda d: d.team + ": " + d.entry),
    planners[planners.who != "participant"].drop_duplicates(["who", "disruption", "seed"])
    .assign(name=lambda d: d.who.map(lambda w: WHO.get(w, w))),
])
leaderboard = board.groupby("name").score.agg(["mean", "min", "max", "count"]).sort_values("mean")
print(i18n.synthetic_label())
leaderboard.rename(columns={"mean": "Mittel", "min": "Minimum", "max": "Maximum",
                            "count": "Anzahl"}).rename_axis("Planer").round(0)

# %%
fig, ax = plt.subplots(figsize=(8, 0.45 * len(leaderboard) + 1.2), layout="constrained")
colours = ["tab:grey" if ":" not in name else "tab:blue" for name in leaderboard.index]
ax.barh(leaderboard.index[::-1], leaderboard["mean"][::-1], color=colours[::-1])
ax.set_xlabel("mittlere Klassenpunktzahl (niedriger ist besser)")
stamp(fig, "Klassen-Exporte aus Notebook 4")

# %%
board.pivot_table(index="name", columns="disruption", values="score").round(0).rename_axis(
    index="Planer", columns="Störung")

# %% [markdown]
# ## Für die Nachbesprechung
#
# * Welches Team hat den eingebauten Planer geschlagen — und bei welchen Störungen verloren?
# * Haben die siegreichen Regeln *simuliert* (Zwilling) oder waren sie *einfach* (ein paar
#   `if`s)? Was sagt das über die „KI in 0,8 Sekunden“ der Geschichten?
# * Würde sich die Rangfolge mit einer anderen Klassenpunktzahl ändern? (Ändern Sie die 500 je
#   verspätetem Stück in Notebook 4 und lassen Sie die Teams neu rechnen.)
#
# ## 3 · Die Folie für die Nachbesprechung: fünf Fragen mit den Zahlen dieser Klasse
#
# Für die letzten 25 Minuten an den Projektor (der Leitfaden für die Moderation ist
# `docs/facilitator.md`). Die Zelle setzt die Zahlen der Klasse ein; die Leiter der
# menschlichen Verzögerung rechnet sie hier mit dem Modell (Szenario und Seed wie in Notebook 1,
# ein Mensch gibt den Vorschlag des Planers nach 0 … 72 h frei).

# %%
import textwrap

from sim.i18n import shown as in_language

agent_row = decisions[decisions.who == "agent"].iloc[0]  # der Planer-Agent, Notebook 1
teams_n = humans.team.nunique()
same = int((humans.entry == agent_row.entry).sum())
partly = int(humans.entry.str.contains(agent_row.entry, regex=False).sum()) - same
best = humans.sort_values("score").iloc[0]
cheap = planners[planners.who == "participant"].groupby("team").score.mean().sort_values()
twin = planners[planners.who == "agent"].drop_duplicates(["disruption", "seed"]).score.mean()
ok = (planners["on-time delivery [%]"] >= 95) & (planners["material shortage at first station [h]"] <= 2)
compensated = (planners.assign(ok=ok)[planners.who == "participant"].groupby("team").ok.mean())
delays = [0, 4, 12, 24, 48, 72] if not QUICK else [0, 72]
ladder = pd.DataFrame([
    {"Freigabe nach [h]": h, **sim.run(
        sim.with_overrides(sim.load_scenario("supply_disruption"),
                           {"agents.human_reaction_delay": f"{h} h"}), seed=1,
        agents="recommend")
     .kpis[["late units [units]", "material shortage at first station [h]"]].to_dict()}
    for h in delays]).set_index("Freigabe nach [h]")
late_ok = ladder[ladder["late units [units]"] == 0].index.max()
journal = sim.run("supply_disruption", seed=1).decisions
planned = journal[(journal.agent == "planner") & journal.score.notna()].iloc[0]
worst = humans.sort_values("cost [EUR]").iloc[-1]
n0 = functools.partial(i18n.number, digits=0)

def say(*paragraphs):
    """Jeden Absatz auf Projektorbreite umbrochen ausgeben (Tabellen unverändert)."""
    for text in paragraphs:
        print(text if "\n" in text else textwrap.fill(text, 95, subsequent_indent="    "))
        print()


agent_settings = sim.load_scenario("supply_disruption").agents
VORAUSSICHT = (
    "Die Vorausschau des Agenten lief auf den Zufallszahlen der Woche selbst (forecast = "
    "\"oracle\", ein Lehrmodus): er wusste, wann die Bahnstrecke wieder frei ist. Welche seiner "
    "Vorhersagen hätte ein reales Werk am Dienstag um 06:30 treffen können?"
    if agent_settings.forecast == "oracle" else
    "Der Agent wusste nicht, wann die Bahnstrecke wieder frei ist: seine Vorausschau simulierte "
    f"{agent_settings.futures} gezogene Zukünfte aus dem, was am Dienstag um 06:30 bekannt war "
    "(die Schätzung des Lieferanten zur Dauer des Ausfalls, mit ihrer Streuung). Welche Annahme "
    "darin würden Sie hinterfragen, und was wäre perfekte Voraussicht wert gewesen (forecast = "
    "\"oracle\")?")

print(i18n.synthetic_label(), end="\n\n")
say(f"1 · Voraussicht oder Vorhersage? {same} von {teams_n} Teams wählten genau, was der Agent "
    f"wählte ({i18n.option_label(agent_row.entry)}), {partly} weitere kombinierten es mit "
    f"etwas anderem. Bestes Team: {best.team} (Klassenpunktzahl {n0(best.score)}; Agent "
    f"{n0(agent_row.score)}). " + VORAUSSICHT,
    "2 · Wie spät darf ein Mensch entscheiden? Die Leiter des Modells (ein Mensch gibt den "
    "Vorschlag des Planers nach h Stunden frei):",
    ladder.rename(columns=i18n.kpi_label).round(1).to_string(),
    f"Bis {late_ok} h ist die Woche noch zu retten; der alte Ablauf der Geschichte brauchte "
    "72 h.",
    "3 · Wessen Definition von „kompensiert“ war falsch? Anteil der Testfälle, die der Planer "
    "jedes Teams „kompensiert“ (Liefertreue >= 95 % und <= 2 h Materialmangel), neben seiner "
    "mittleren Klassenpunktzahl:",
    pd.DataFrame({"kompensiert": compensated.round(2),
                  "Klassenpunktzahl": cheap.round(0)}).to_string(),
    f"Der eingebaute Zwillings-Planer: mittlere Klassenpunktzahl {n0(twin)}. Gleiche "
    "Rangfolge?",
    "4 · Welche Journalzeile würde eine KI-Supervisorin hinterfragen? Die Entscheidung des "
    f"Agenten in dieser Woche: {i18n.when(planned.time_min)}, Planer, wählt "
    f"„{i18n.option_label(planned.choice)}“ aus {planned.n_options} Optionen. "
    f"Begründung des Agenten: {in_language(planned.reason)}",
    f"5 · Wer trägt die Verantwortung? Die teuerste Wahl: {worst.team}, "
    f"{i18n.option_label(worst.entry)} — {n0(worst['cost [EUR]'])} EUR und "
    f"{n0(worst['CO2 [kg]'])} kg CO2 (der Agent: {n0(agent_row['cost [EUR]'])} EUR und "
    f"{n0(agent_row['CO2 [kg]'])} kg CO2). Hätte ein Agent das allein „innerhalb der "
    "Leitplanken“ getan: wer stünde dafür ein — der Anbieter, wer die Gewichte gesetzt hat, "
    "oder die Werksleitung, die ihn eingeschaltet hat?")

# %% [markdown]
# ## 4 · Das Register der Behauptungen
#
# Jede Zahl der Geschichten neben dem Schätzwert des Spielzeugmodells (n ≥ 20 Replikationen,
# 95-%-Intervall, genannte Definition), aus `docs/claims.de.md` (neu erzeugen mit
# `python scripts/claims_ledger.py`).

# %%
ledger_file = SCENARIOS.parent / "docs" / "claims.de.md"  # nicht in der Browser-Kopie
text = (ledger_file.read_text(encoding="utf-8") if ledger_file.is_file() else
        "\n\n> kein docs/claims.de.md hier: im Repository oder auf der Doku-Seite öffnen\n"
        "| # | Zahl | wo | prüfbar | Schätzwert | Abweichung |\n")
rows = [[c.strip() for c in x.split("|")[1:-1]] for x in text.splitlines() if x.startswith("| ")]
ledger = pd.DataFrame(rows[1:], columns=rows[0]).set_index(rows[0][1])
print(text.splitlines()[2].replace("*", "").strip("> "), end="\n\n")
for figure, estimate in ledger.iloc[:, 3].items():  # Schätzwert (95-%-KI) · Definition
    for part in estimate.replace("**", "").split("<br>"):
        print(textwrap.fill(f"{figure:>10} → {part}", 100, subsequent_indent=" " * 13))

# %%
summary = leaderboard.reset_index()
out = Path(os.environ.get("WERKHALLE_EXPORT_DIR", ".")) / "klassenvergleich.csv"
with open(out, "w", encoding="utf-8") as fh:
    fh.write(f"# {i18n.synthetic_label()} | Klassenvergleich von {data.team.nunique()} Teams\n")
    summary.to_csv(fh, index=False)
print(f"gespeichert: {out}")
