# %% [markdown]
# # 5 · Glück und Evidenz
#
# > **SYNTHETISCH** — jede Zahl in diesem Notebook stammt aus einem Spielzeugmodell eines
# > erfundenen Werks („Werkhalle 4“). Es sind keine Daten aus einer realen Fabrik.
#
# *„Im Training wird der Agent durch simulierte schlechte Tage geschickt — Maschinen fallen
# aus, Aufträge werden storniert, Fachkräfte melden sich krank — und über **92 %** der
# Simulationen werden ausgeglichen.“*
#
# Ein solcher Satz vermischt drei Dinge: ein **Modell** schlechter Tage, eine **Definition**
# von „ausgeglichen“ und **Glück** (welche schlechten Tage zufällig gezogen wurden). In diesem
# Notebook trennen Sie sie:
#
# 1. ein Lauf ist eine Geschichte — Replikationen und **Konfidenzintervalle**;
# 2. zwei Arbeitsweisen fair vergleichen — **gepaarte Vergleiche** mit gemeinsamen Zufallszahlen;
# 3. der **Stresstest**: welchen Anteil schlechter Tage gleichen unsere Agenten aus, und wie
#    sicher sind wir?
# 4. wie viele simulierte Tage eine Aussage wie „über 92 %“ bräuchte;
# 5. Vorhersage statt Voraussicht: was es wert ist, die Zukunft zu kennen — oder nur schneller
#    zu entscheiden.

# %% [include] setup de

# %%
from sim.plots import plot_paired, plot_stress
from sim.experiments import mean_ci, t_quantile, wilson

JOBS = 1 if QUICK or sys.platform == "emscripten" else -1  # Worker-Prozesse (keine im Browser)
SUPPLY = sim.load_scenario(SCENARIOS / "supply_disruption.toml")
KPI = "on-time delivery [%]"
CONFIG = {"baseline": i18n.t("who.baseline"), "agents": i18n.t("who.agents"),
          "baseline (undisturbed)": f"{i18n.t('who.baseline')}, ungestörte Woche",
          "agents (undisturbed)": f"{i18n.t('who.agents')}, ungestörte Woche"}
VERDICT = {"claim inside the interval": "Aussage im Intervall",
           "claim above the interval": "Aussage über dem Intervall",
           "claim below the interval": "Aussage unter dem Intervall"}

# %% [markdown]
# ## 1 · Ein Lauf ist eine Geschichte
#
# Dasselbe Szenario, verschiedene **Seeds** (andere Ausfälle, Bearbeitungszeiten,
# Lieferzeiten). Wie stark schwankt von Woche zu Woche die Zahl der Stück, die die Referenz
# (ohne Agenten) zu spät liefert?

# %%
N_REPS = 8 if QUICK else 40
reps = sim.replicate(SUPPLY, n=N_REPS, agents="off", jobs=JOBS, progress=False)
print(f"{i18n.synthetic_label()} | {reps.fingerprint}")
LATE = "late units [units]"
values = reps.runs[LATE]
fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
ax.hist(values, bins=15, color="tab:grey")
ci = mean_ci(values)
ax.axvline(ci["mean"], color="black", label=f"{i18n.t('axis.mean')} {i18n.number(ci['mean'])}")
ax.axvspan(ci["ci_low"], ci["ci_high"], color="tab:blue", alpha=0.25,
           label=f"{i18n.t('axis.ci95')} [{i18n.number(ci['ci_low'])}, "
                 f"{i18n.number(ci['ci_high'])}]")
ax.set_xlabel(i18n.kpi_label(LATE))
ax.set_ylabel(i18n.t("axis.frequency"))
ax.legend(fontsize=8)
stamp(fig, reps)

# %% [markdown]
# Die **Streuung** einzelner Wochen ist groß; das **Konfidenzintervall** des Mittelwerts ist
# schmal — und es schrumpft wie $1/\sqrt{n}$. Bewegen Sie den Schieber: Wie viele
# Replikationen brauchen Sie, um den Mittelwert auf ±10 verspätete Stück genau zu kennen?

# %%
def ci_width(n=10):
    widths = [mean_ci(values[:k])["half_width"] for k in range(2, len(values) + 1)]
    fig, ax = plt.subplots(figsize=(6, 3), layout="constrained")
    ax.plot(range(2, len(values) + 1), widths, "o-", ms=3)
    k = min(n, len(values))
    ax.axvline(k, color="tab:red")
    ax.set_title(f"n = {k}: Mittelwert {i18n.number(values[:k].mean())} ± "
                 f"{i18n.number(mean_ci(values[:k])['half_width'])}")
    ax.set_xlabel(i18n.t("axis.replication"))
    ax.set_ylabel("halbe Breite des 95-%-KI")
    stamp(fig, reps)
    plt.show()


live(ci_width, n=widgets.IntSlider(value=10, min=2, max=N_REPS))

# %% [markdown]
# ## 2 · Ein fairer Vergleich: gepaart, mit gemeinsamen Zufallszahlen
#
# Verbessern die Agenten die Liefertreue? Lassen Sie beide — Referenz und Agenten — mit
# **denselben** Seeds laufen: In Replikation *i* sehen beide Linien dieselben Ausfälle und
# Bearbeitungszeiten. Betrachten Sie dann die Differenzen $d_i$ = Agenten − Referenz. Das Glück
# hebt sich in $d_i$ auf; übrig bleibt die Wirkung der Agenten.

# %%
N_PAIRS = 4 if QUICK else 12
paired = sim.compare_paired(SUPPLY, n=N_PAIRS, jobs=JOBS, progress=False)
print(f"{i18n.synthetic_label()} | {paired.fingerprint}")
cols = {"baseline": i18n.t("who.baseline"), "agents": i18n.t("who.agents"),
        "difference": "Differenz", "ci_low": "KI unten", "ci_high": "KI oben",
        "significant": "signifikant"}
table = paired.table.set_index("kpi").loc[[KPI, "late units [units]", "cost [EUR]", "CO2 [kg]",
                                           "material shortage at first station [h]"],
                                          list(cols)].round(2)
i18n.translate_kpis(table).rename(columns=cols)

# %%
plot_paired(paired)

# %% [markdown]
# Hier verändern die Agenten die Woche so stark, dass das Paaren wenig gewinnt. Es lohnt sich,
# wenn die Änderung **klein** ist — und die meisten echten Verbesserungsideen sind klein.
# Beispiel: Lohnt sich eine Prüfstation, die 3,4 statt 3,8 min braucht? Dieselben Wochenpaare,
# einmal gepaart ausgewertet und einmal — fälschlich — als zwei unabhängige Stichproben:

# %%
from sim.experiments import Config

BASE_WEEK = sim.load_scenario(SCENARIOS / "baseline.toml")
faster = {"stations.test.process_time": {"dist": "lognormal", "mean": "3.4 min", "cv": 0.2}}
small = sim.compare_paired(BASE_WEEK, n=N_PAIRS, baseline=Config("as is", agents="off"),
                           alternative=Config("faster test", faster, agents="off"),
                           jobs=JOBS, progress=False)
runs = small.runs
t = t_quantile(0.975, N_PAIRS - 1)
rows = {}
for kpi in ["WIP mean [units]", "cycle time mean [h]", "energy [kWh]", "cost [EUR]"]:
    a = runs.loc[runs.config == "faster test", kpi].to_numpy()
    b = runs.loc[runs.config == "as is", kpi].to_numpy()
    rows[i18n.kpi_label(kpi)] = {
        "mittlere Differenz": np.mean(a - b),
        "± gepaart": mean_ci(a - b)["half_width"],
        "± ungepaart": t * np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))}
print(f"{i18n.synthetic_label()} | {small.fingerprint}")
print("95-%-Konfidenzintervalle von „schnellere Prüfung“ − „wie bisher“")
pd.DataFrame(rows).T.round(3)

# %% [markdown]
# Ungepaart geht die kleine Verbesserung im Glück von Woche zu Woche unter (das Intervall
# enthält die Null); gepaart wird sie genau gemessen — mit derselben Zahl simulierter Wochen.

# %% [markdown]
# ## 3 · Der Stresstest: „über 92 % ausgeglichen“?
#
# Das Szenario `stress_week` zieht je Replikation eine **schlechte Woche** der drei Arten der
# Geschichte: zusätzliche Maschinenausfälle, stornierte Aufträge, Krankmeldungen (verspätete
# Lieferungen sind eine vierte Art, die man in der Szenariodatei einschalten kann). Wir geben
# ihm die Agenten des Lieferausfall-Szenarios — mit ihrer **ehrlichen** Vorhersage: Sie wissen
# am Mittwoch nicht, wer sich am Freitag krank meldet.
#
# **Ausgeglichen** wird gegen die **ungestörte Woche desselben Seeds** beurteilt (der Plan ohne
# die Störungen, niemand reagiert, dieselben Zufallszahlen): Eine schlechte Woche gilt als
# ausgeglichen, wenn ihr *Mehr* klein bleibt — höchstens 2 h mehr Stillstand aus
# Materialmangel, höchstens 5 verspätete Stück mehr, höchstens 5 Stück mehr am Ende
# unausgeliefert. Eine ungestörte Woche zählt daher als ausgeglichen (die Definition ist
# *kalibriert*: `calibrate=True` lässt jede Konfiguration auch auf den ungestörten Wochen laufen
# und nennt ihren Anteil dort). Referenz und Agenten erleben genau dieselben schlechten Wochen.

# %%
from sim.experiments import lost_and_rescued

N_DAYS = 6 if QUICK else 30
STRESS = sim.with_overrides(sim.load_scenario(SCENARIOS / "stress_week.toml"),
                            {"agents": sim.scenario.to_data(SUPPLY)["agents"]})
stress = sim.stress_test(STRESS, n=N_DAYS, claim=0.92, jobs=JOBS, progress=False,
                         calibrate=True)


def outcomes(result):
    """Die Anteile je Konfiguration, mit 95-%-Wilson-Intervall, auf Deutsch."""
    out = result.outcomes.assign(config=result.outcomes.config.map(lambda c: CONFIG.get(c, c)),
                                 verdict=result.outcomes.verdict.map(lambda v: VERDICT.get(v, v)))
    return out.set_index("config").rename(columns={
        "n": "Wochen", "compensated": "ausgeglichen", "share": "Anteil", "ci_low": "KI unten",
        "ci_high": "KI oben", "claim": "Aussage", "verdict": "Urteil"}).rename_axis("")


print(f"{i18n.synthetic_label()} — {N_DAYS} schlechte Wochen; ausgeglichen = höchstens 2 h "
      "mehr Materialmangel, 5 verspätete und 5 unausgelieferte Stück mehr als in der "
      "ungestörten Woche")
outcomes(stress).round(3)

# %%
plot_stress(stress)

# %% [markdown]
# Lesen Sie die Spalte „Urteil“: Liegen 92 % *im* Konfidenzintervall (die Daten können es nicht
# entscheiden), *darüber* (das Spielzeugmodell stützt die Aussage nicht) oder *darunter*? Und
# lesen Sie die Aussage immer **neben dem Anteil der Referenz**: Auf diesen schlechten Wochen
# gleicht die Linie ganz ohne Agenten die meisten schon aus — der Puffer einer nicht voll
# ausgelasteten Woche fängt viel ab.
#
# **Verlorene und gerettete Wochen.** Wo Referenz und Agenten verschieden urteilen, hier, was
# die Agenten in dieser Woche taten:

# %%
import re

DAYS = dict(zip(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
                ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]))


def decisions_de(text):
    """``Tue 06:30 planner pull_forward; …`` in German (Wochentag, Rolle, Option)."""
    parts = []
    for part in filter(None, str(text).split("; ")):
        match = re.match(r"(\w{3})(\S*) (\d\d:\d\d) (\w+) (\S+)$", part)
        if match is None:
            parts.append(part)
            continue
        day, week, clock, agent, option = match.groups()
        parts.append(f"{DAYS.get(day, day)}{week} {clock} {i18n.t(f'who.{agent}')}: "
                     f"{i18n.option_label(option)}")
    return "; ".join(parts) or "(keine)"


lost = lost_and_rescued(stress)
pd.DataFrame({"Seed": lost.seed,
              "Ergebnis": lost.outcome.map({"lost": "verloren", "rescued": "gerettet"}),
              "Entscheidungen der Agenten": lost.decisions.map(decisions_de)})

# %% [markdown]
# **Warum Agenten eine Woche verlieren können.** Nach einem Ausfall antwortet der Planer oft mit
# „Auftrag vorziehen“ (den nächsten Auftrag jetzt starten): Das nutzt freie Kapazität und hält
# Liefertermine, aber die Linie verbraucht Leichtbaulegierung oder Leiterplatten *vor dem
# festen Lieferplan*, sodass die erste Station später auf den nächsten Lkw wartet. Die
# Bewertung des Planers (Kosten + CO2 + Stück-Stunden Verspätung) enthält keine Stunden
# Materialmangel — das Urteil schon. Man bekommt, was man bewertet (Goodhart). Geben Sie den
# Stunden Materialmangel einen Preis in der Bewertung des Planers und sehen Sie, wie sich das
# Ergebnis bewegt:

# %%
aligned = sim.with_overrides(STRESS, {"agents.weights.shortage": 200.0})
stress2 = sim.stress_test(aligned, n=N_DAYS, claim=0.92, jobs=JOBS, progress=False)
pd.DataFrame({"Materialmangel ohne Gewicht (0)": outcomes(stress)["Anteil"],
              "Materialmangel gewichtet (200 EUR/h)": outcomes(stress2)["Anteil"]}).round(3)

# %% [markdown]
# **Die Definition zählt.** Dieselben schlechten Wochen, mit anderen Toleranzen beurteilt —
# ohne neue Simulation:

# %%
def definition(max_mehr_mangel_h=2.0, max_mehr_verspaetet=5):
    rows = []
    for config, part in stress.runs.groupby("config", sort=False):
        ok = ((part["excess_shortage_h"] <= max_mehr_mangel_h + 1e-9)
              & (part["excess_late_units"] <= max_mehr_verspaetet + 1e-9)
              & (part["excess_backlog"] <= 5 + 1e-9))
        low, high = wilson(int(ok.sum()), len(ok))
        rows.append({"": CONFIG.get(config, config), "ausgeglichen": f"{ok.mean():.0%}",
                     "95-%-KI": f"[{low:.0%}, {high:.0%}]"})
    print(f"ausgeglichen = höchstens {i18n.number(max_mehr_mangel_h)} h mehr Materialmangel "
          f"und {max_mehr_verspaetet} verspätete Stück mehr als in der ungestörten Woche — "
          f"{i18n.synthetic_label()}")
    display(pd.DataFrame(rows).set_index(""))


live(definition,
     max_mehr_mangel_h=widgets.FloatSlider(value=2, min=0, max=24, step=1),
     max_mehr_verspaetet=widgets.IntSlider(value=5, min=0, max=50, step=5))

# %% [markdown]
# ## 4 · Wie viele schlechte Tage bräuchte eine Aussage?
#
# Angenommen, ein System gleicht wirklich 95 % der schlechten Tage aus. Mit wie vielen
# simulierten Tagen läge das untere Ende des 95-%-Intervalls über 92 %? (Wilson-Intervall,
# keine Simulation nötig.)

# %%
ns = np.arange(10, 1001, 10)
lows = [wilson(round(0.95 * n), n)[0] for n in ns]
needed = next((n for n, low in zip(ns, lows) if low > 0.92), None)
fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
ax.plot(ns, lows, label="unteres Ende des 95-%-KI bei beobachteten 95 %")
ax.axhline(0.92, color="tab:red", ls="--", label="Aussage: 92 %")
ax.set_xlabel("simulierte schlechte Tage")
ax.set_ylabel("Anteil ausgeglichen")
ax.legend(fontsize=8)
stamp(fig, f"Wilson-Intervall, beobachteter Anteil 95 %; etwa {needed} Tage nötig")
print(f"etwa {needed} simulierte schlechte Tage — {i18n.synthetic_label()}")

# %% [markdown]
# ## 5 · Vorhersage statt Voraussicht: der Wert von Information und von Zeit
#
# Die Vorausschau der Agenten ist eine **Vorhersage**: gezogene Zukünfte, nicht die wirkliche.
# Werkhalle kann ihr stattdessen vollkommene Voraussicht geben (`forecast = "oracle"`: in der
# Wirklichkeit unmöglich). Die gepaarte Differenz Orakel − Vorhersage über dieselben Seeds ist
# der **Wert der Information** — was es wert wäre, das Glück der Woche und das wahre Ende des
# Ausfalls zu kennen. Und der eigentliche Vergleich der Geschichte ist nicht „niemand reagiert“,
# sondern *Menschen, die später entscheiden*: dieselbe Empfehlung, freigegeben nach 4 h, 24 h,
# 48 h, 72 h — der **Wert der Zeit**.

# %%
from sim.experiments import value_of_information, value_of_time
from sim.plots import plot_value_of_information, plot_value_of_time

SEEDS = [1, 2] if QUICK else list(range(1, 9))
voi = value_of_information(SUPPLY, SEEDS)
print(f"{i18n.synthetic_label()} — {voi.attrs['ladder'].fingerprint}")
display(i18n.translate_kpis(voi.set_index("kpi")).rename_axis("").rename(columns={
    "sampled": "Vorhersage", "oracle": "Orakel", "difference": "Differenz",
    "ci_low": "KI unten", "ci_high": "KI oben"}).round(2))
plot_value_of_information(voi)

# %%
vot = value_of_time(SUPPLY, SEEDS, ["4 h", "24 h", "48 h"] if QUICK
                    else ["4 h", "24 h", "48 h", "72 h"])
plot_value_of_time(vot)

# %% [markdown]
# In diesem Spielzeugmodell ist die Entscheidung der Vignette robust — sobald die 72 h
# gemeldet sind, wählt eine ehrliche Vorhersage (fast) denselben Transfer wie das Orakel;
# vollkommene Voraussicht ist hier also wenig wert. Im Stresstest ist es anders: Auf 40
# schlechten Wochen hatten die Orakel-Agenten 0,2 verspätete Stück je Woche, die ehrlichen 2,4
# (Referenz 1,7) — der Liefervorteil eines Orakels kommt daher, dass es am Mittwoch die
# Krankmeldungen vom Freitag liest. Zeit ist viel wert: Wer innerhalb weniger Stunden freigibt,
# hält jede Lieferung; erst nach etwa zwei Tagen bricht es ein, weil die Linie am
# Mittwochmorgen leerläuft.

# %% [markdown]
# ## Was Sie mitnehmen sollten
#
# * Ein einzelner Lauf ist eine Anekdote. Berichten Sie Mittelwerte **mit
#   Konfidenzintervallen** und sagen Sie, auf wie vielen Replikationen sie beruhen.
# * Vergleichen Sie Alternativen mit **gemeinsamen Zufallszahlen** und betrachten Sie gepaarte
#   Differenzen.
# * „92 % ausgeglichen“ ist ohne das Modell eines schlechten Tages, die Definition von
#   *ausgeglichen*, die Zahl der simulierten Tage — und das Intervall — bedeutungslos.
#
# **Diskussion:** Welche dieser vier Angaben würden Sie von einem Anbieter zuerst verlangen?
#
# *Alle Zahlen oben: SYNTHETISCHE Ausgabe eines Spielzeugmodells.*
