# %% [markdown]
# # 3 · Maschinen am Laufen halten: Instandhaltung und Qualitätsdrift
#
# > **SYNTHETISCH** — jede Zahl in diesem Notebook stammt aus einem Spielzeugmodell eines
# > erfundenen Werks („Werkhalle 4“). Es sind keine Daten aus einer realen Fabrik.
#
# *Montag, 11:15. Ein Sensor an Roboterarm **R7** blinkt rot. Früher hieß das: Linie anhalten.
# Der Agent der Geschichte liest das Verhalten, vergleicht es mit gespeicherten Fehlerbildern
# und schließt: jetzt kein Stopp, aber **geplante Wartung in 18 Stunden**. Das Ersatzteil
# bestellt er selbst. Die Entscheidung bleibt beim Menschen.*
#
# Ist das klug oder nur naheliegend? Wir vergleichen drei Arten, R7 instand zu halten:
#
# | Strategie | was sie tut |
# |---|---|
# | **reaktiv** | R7 reparieren, wenn er ausfällt (ein Ersatzteil muss erst beschafft werden: lange Reparaturen) |
# | **vorbeugend** | R7 nach einer festen Zahl von Betriebsstunden warten, nachts |
# | **zustandsorientiert** | ein Zustandssignal beobachten; R7 nachts warten, wenn es „bald“ sagt |
#
# und sehen uns dann die zweite Geschichte des Tages an: die **Qualitätsdrift** um 13:45.

# %% [include] setup de

# %% [markdown]
# ## 1 · Ein voller Monat in der Werkhalle 4
#
# Wir nehmen die normale Woche, erhöhen die Nachfrage um 35 % (damit verlorene Stunden weh tun)
# und wiederholen sie vier Wochen lang. R7 fällt nach einer zufälligen Zahl von
# **Betriebs**stunden aus — und *wie* diese Zahl zufällig ist, macht viel aus:
#
# * **Verschleiß**: Ausfälle häufen sich um 30 Betriebsstunden (Gammaverteilung, VK 0,3): ein
#   alter Roboter fällt eher aus als ein frisch gewarteter;
# * **zufällig**: Ausfälle kommen „aus heiterem Himmel“ (Exponentialverteilung, gleiches
#   Mittel 30 h): der Roboter altert nicht; ein gewarteter fällt genauso leicht aus wie ein alter.
#
# Eine ungeplante Reparatur dauert lange (im Mittel 8 h: das Ersatzteil muss gefunden und
# gebracht werden).

# %%
from sim.line import LineModel
from sim.i18n import shown
from sim.results import collect

WEEKS = 2 if QUICK else 4
SEEDS = [1, 2] if QUICK else [1, 2, 3, 4, 5, 6]
week = sim.load_scenario(SCENARIOS / "baseline.toml")
weekly_orders = sim.scenario.to_data(week)["release"]["orders"]


def r7_scenario(pattern="wear-out", weeks=WEEKS, demand=1.35):
    """Die normale Woche `weeks`-mal, mit mehr Nachfrage und dem Ausfallmuster von R7."""
    orders = {}
    for w in range(weeks):
        for name, order in weekly_orders.items():
            shift = w * 7 * 24 * 60  # Minuten je Woche
            orders[f"w{w + 1}-{name}"] = {
                "variant": order["variant"], "quantity": round(order["quantity"] * demand),
                "release": f"{float(order['release'].split()[0]) + shift} min",
                "due": f"{float(order['due'].split()[0]) + shift} min"}
    ttf = ({"dist": "gamma", "mean": "30 h", "cv": 0.3} if pattern == "wear-out"
           else {"dist": "exponential", "mean": "30 h"})
    return sim.with_overrides(week, {
        "name": f"r7-{pattern}", "horizon": f"{7 * weeks} d", "release.orders": orders,
        "stations.robot_r7.failures": {
            "ttf": ttf, "ttr": {"dist": "lognormal", "mean": "8 h", "cv": 0.5},
            "clock": "operating"}})


rng = np.random.default_rng(0)
fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
ax.hist(rng.gamma(1 / 0.3**2, 30 * 0.3**2, 20_000), bins=60, range=(0, 120), alpha=0.6,
        density=True, label="Verschleiß (Gamma, VK 0,3)")
ax.hist(rng.exponential(30, 20_000), bins=60, range=(0, 120), alpha=0.6, density=True,
        label="zufällig (exponentiell)")
ax.set_xlabel("Betriebsstunden bis zum Ausfall von R7")
ax.set_ylabel(i18n.t("axis.frequency"))
ax.legend()
stamp(fig, "Ausfallzeit-Verteilungen von R7 (Mittel 30 h), 20.000 Ziehungen")

# %% [markdown]
# ## 2 · Drei Instandhaltungsstrategien, jede ein paar Zeilen Python
#
# Eine Strategie ist ein kleiner **SimPy-Prozess**, der neben der Linie läuft: er wacht einmal
# pro Stunde auf, schaut nach R7 und kann über die Steuerschnittstelle der Linie eine Wartung
# einplanen (`model.control.schedule_maintenance`). Eine geplante Wartung dauert 1 h, findet
# nach der Spätschicht (22:00) statt, wenn die Linie ruht, und erneuert den Roboter.
#
# Die zustandsorientierte Strategie liest ein **Zustandssignal**. In diesem Spielzeugmodell
# zeigt sich Verschleiß: das Signal ist R7s *wahre* Restlebensdauer plus Rauschen — eine
# großzügige Annahme, denn reale Zustandsüberwachung sieht nur Symptome (Vibration, Wärme).
# Zufällige Ausfälle haben keine Symptome: dann sagt das Signal nichts über den nächsten Ausfall.

# %%
PLANNED_H = 1.0        # eine geplante Wartung dauert 1 h
PLANNED_EUR = 250.0    # Ersatzteil rechtzeitig bestellt, von der Nachtschicht erledigt
REPAIR_EUR = 900.0     # eine ungeplante Reparatur: Express-Ersatzteil und Einsatz (unsere Annahme)
POLICY_DE = {"reactive": "reaktiv", "preventive": "vorbeugend",
             "predictive": "zustandsorientiert"}


def r7_of(model):
    return model.station["robot_r7"].machines[0]


def operating_hours(machine):
    machine.flush()
    return (machine.time["busy"] + machine.time["setup"]) / 60


def maintain_tonight(model):
    """Plant 1 h Wartung von R7 zur nächsten Ruhezeit ein (sofort, wenn die Linie steht)."""
    now = model.env.now
    night = now // 1440 * 1440 + 22 * 60
    at = now if not model.staffing.is_open else (night if night >= now else night + 1440)
    model.control.schedule_maintenance("robot_r7", 0, at=at, duration=PLANNED_H * 60,
                                       cost=PLANNED_EUR)
    return at + PLANNED_H * 60  # wann R7 wieder läuft


def preventive(model, every_h=20.0):
    """R7 nach je `every_h` Betriebsstunden warten."""
    r7, since = r7_of(model), 0.0
    while True:
        yield model.env.timeout(60)
        if operating_hours(r7) - since >= every_h:
            yield model.env.timeout(maintain_tonight(model) - model.env.now)
            since = operating_hours(r7)


def condition_signal(model, rng, noise_h):
    """Die Schätzung des Sensors für R7s verbleibende Betriebsstunden."""
    if model.scenario.name.endswith("wear-out"):  # Verschleiß zeigt sich: Restlebensdauer + Rauschen
        return r7_of(model).ttf_left / 60 + rng.normal(0, noise_h)
    return rng.exponential(30) + rng.normal(0, noise_h)  # zufällige Ausfälle: keine Vorwarnung


def predictive(model, threshold_h=14.0, noise_h=2.0):
    """R7 warten, wenn das Zustandssignal sagt: weniger als `threshold_h` Stunden übrig."""
    rng = np.random.default_rng(model.seed)
    while True:
        yield model.env.timeout(60)
        if condition_signal(model, rng, noise_h) < threshold_h:
            yield model.env.timeout(maintain_tonight(model) - model.env.now)


POLICIES = {"reactive": None, "preventive": preventive, "predictive": predictive}

# %% [markdown]
# Um eine Strategie zu rechnen, bauen wir das Linienmodell selbst, starten den Prozess der
# Strategie, rechnen und sammeln das übliche `Result` ein. Alle Strategien sehen bei gleichem
# Seed **dieselben Zufallszahlen** (dieselben Ausfälle eines gleich alten Roboters, dieselben
# Bearbeitungszeiten): Unterschiede kommen von der Strategie, nicht vom Glück.

# %%
def run_policy(name, seed, pattern="wear-out", **params):
    model = LineModel(r7_scenario(pattern), seed=seed)
    if POLICIES[name] is not None:
        model.env.process(POLICIES[name](model, **params))
    model.run()
    return collect(model, extra_metadata={"policy": name})


def r7_stops(result):
    """R7s Stopps aus dem Ereignisprotokoll: ungeplant (Ausfall) und geplant (Wartung)."""
    ev = result.events
    ev = ev[(ev.station == "robot_r7") & ev.kind.isin(["breakdown", "repaired"])]
    starts = ev[ev.kind == "breakdown"].time_h.to_numpy()
    ends = ev[ev.kind == "repaired"].time_h.to_numpy()
    ends = np.append(ends, [result.metadata["horizon_h"]] * (len(starts) - len(ends)))
    return pd.DataFrame({"start_h": starts, "end_h": ends,
                         "cause": ev[ev.kind == "breakdown"].cause.to_numpy()})


def score(result):
    stops = r7_stops(result)
    failures = stops[stops.cause == "failure"]
    k = result.kpis
    return {
        "Ausfälle R7": len(failures),
        "R7 ungeplant still [h]": (failures.end_h - failures.start_h).sum(),
        "R7 geplante Wartungen": int((stops.cause == "maintenance").sum()),
        i18n.kpi_label("on-time delivery [%]"): k["on-time delivery [%]"],
        i18n.kpi_label("overtime [h]"): k["overtime [h]"],
        "Kosten rund um die Instandhaltung [EUR]": len(failures) * REPAIR_EUR
        + k["cost maintenance [EUR]"] + k["cost overtime [EUR]"] + k["cost late penalty [EUR]"],
    }


runs = pd.DataFrame([{"Strategie": POLICY_DE[name], "seed": seed,
                      **score(run_policy(name, seed))}
                     for name in POLICIES for seed in SEEDS])
table = runs.drop(columns="seed").groupby("Strategie", sort=False).mean().round(1)
print(f"{i18n.synthetic_label()} | r7-wear-out, {WEEKS} Wochen, Seeds {SEEDS}, Mittel je Lauf")
table

# %% [markdown]
# Wie sieht das auf der Zeitleiste des Roboters aus? Rot: ungeplante Ausfälle (mit der langen
# Reparatur), blau: geplante Wartungen in der Nacht.

# %%
fig, ax = plt.subplots(figsize=(9, 2.6), layout="constrained")
for row, name in enumerate(POLICIES):
    result = run_policy(name, SEEDS[0])
    for stop in r7_stops(result).itertuples():
        colour = "tab:red" if stop.cause == "failure" else "tab:blue"
        ax.barh(row, stop.end_h - stop.start_h, left=stop.start_h, color=colour, height=0.6)
ax.set_yticks(range(len(POLICIES)), [POLICY_DE[p] for p in POLICIES])
ax.set_xlabel(i18n.t("axis.time_h"))
ax.set_xlim(0, 24 * 7 * WEEKS)
ax.set_title("R7: rot = Ausfall und Reparatur, blau = geplante Wartung")
stamp(fig, result)

# %% [markdown]
# **Probieren Sie es aus.** Stellen Sie das Ausfallmuster auf *zufällig* und vergleichen Sie
# erneut. Ändern Sie das Intervall der vorbeugenden Wartung und das Rauschen des Signals.
# Fragen zur Diskussion:
#
# * Warum hilft vorbeugende Wartung kaum, wenn Ausfälle *zufällig* sind?
# * Wie verrauscht darf das Zustandssignal sein, bevor zustandsorientierte Instandhaltung nicht
#   besser ist als vorbeugende?
# * Die Geschichte meldet „Stillstand −37 %“. Was erhalten Sie hier — und was mussten Sie dafür
#   annehmen?

# %%
def compare(pattern="wear-out", every_h=20.0, noise_h=2.0):
    params = {"reactive": {}, "preventive": {"every_h": every_h},
              "predictive": {"noise_h": noise_h}}
    rows = [{"Strategie": POLICY_DE[name], **score(run_policy(name, seed, pattern,
                                                               **params[name]))}
            for name in POLICIES for seed in SEEDS[:2]]
    means = pd.DataFrame(rows).groupby("Strategie", sort=False).mean()
    fig, axes = plt.subplots(1, 2, figsize=(9, 3), layout="constrained")
    means["R7 ungeplant still [h]"].plot.bar(ax=axes[0], color="tab:red", rot=0)
    axes[0].set_title("R7 ungeplant still [h]")
    means["Kosten rund um die Instandhaltung [EUR]"].plot.bar(ax=axes[1], color="tab:grey",
                                                             rot=0)
    axes[1].set_title("Kosten rund um die Instandhaltung [EUR]")
    for ax in axes:
        ax.set_xlabel("")
    stamp(fig, f"r7-{pattern}, {WEEKS} Wochen, Seeds {SEEDS[:2]}, Mittel je Lauf")
    plt.show()


live(compare,
     pattern=widgets.ToggleButtons(options=[("Verschleiß", "wear-out"), ("zufällig", "random")],
                                   value="wear-out"),
     every_h=widgets.FloatSlider(value=20, min=5, max=40, step=5, description="alle [h]"),
     noise_h=widgets.FloatSlider(value=2, min=0, max=20, step=1, description="Rauschen [h]"))

# %% [markdown]
# ### Der eingebaute Instandhaltungsagent
#
# Werkhalle liefert dieselbe Idee als Agent mit (`scenarios/predictive_maintenance.toml`): R7
# verschleißt nach etwa 24 Betriebsstunden, der Agent liest ein verrauschtes
# **Verschleißsignal** (0 = neu, 1 = Ausfall fällig), bestellt das Ersatzteil und schlägt eine
# Wartung vor; ein Mensch gibt frei. Sein Journal sagt in Worten, warum — die Version des
# Spielzeugmodells von „geplante Wartung in 18 Stunden“. (Die Begründungen schreibt der Agent
# aus Textbausteinen des Katalogs; `shown(...)` zeigt sie in der eingestellten Sprache.)

# %%
PM = SCENARIOS / "predictive_maintenance.toml"
pm = {policy: sim.run(PM, seed=SEEDS[0], policies={"maintenance": policy})
      for policy in ("reactive", "predictive")}
print(i18n.banner(pm["predictive"].metadata))
for d in pm["predictive"].decisions.itertuples():
    print(f"{i18n.when(d.time_min)}  {i18n.option_label(d.choice)} — "
          f"Begründung des Agenten: {shown(d.reason)}")
pd.DataFrame({POLICY_DE[p]: r.kpis[["breakdowns [count]", "downtime [h]",
                                    "cost maintenance [EUR]", "on-time delivery [%]"]]
              for p, r in pm.items()}).rename(index=i18n.kpi_label).round(1)

# %% [markdown]
# **Diskutieren Sie:** Der Agent mehr als halbiert hier den Stillstand und kostet trotzdem mehr —
# und die Liefertreue ändert sich nicht. Wem nützt die eingesparte Stillstandszeit in dieser
# Woche? Wann würde sie sich bezahlt machen?
#
# ### Wenn der Ausfall von R7 weh tut: Gesamtkosten
#
# In der mitgelieferten Woche arbeitet R7 etwa die Hälfte seiner Schichtstunden: Die Linie holt
# nach jedem Ausfall auf, jede Strategie liefert alle 540 Einheiten pünktlich, und *reaktive*
# Instandhaltung ist die billigste. Die Lehrbuch-Reihenfolge braucht eine Woche, in der ein
# Ausfall etwas kostet, das ein Kunde merkt. `scenarios/r7_at_risk.toml` ändert nur
# Szenariodaten: Die Auftragslage lastet R7 zu etwa 90 % seiner Schichtstunden aus (Montag bis
# Donnerstag), eine verspätete Einheit kostet 40 EUR, ein überraschender Ausfall kostet
# 1.400 EUR (Einsatz, Express-Ersatzteil) zusätzlich zu seiner ~7 h langen Reparatur, und eine
# geplante Wartung dauert 3 h — in einer Schicht sind das 3 h des Engpasses, im Nachtfenster
# nichts.
#
# **Gesamtkosten** pro Woche = Verspätungsstrafen + Ausfallreparaturen + geplante Wartung
# (gebucht, mit Ersatzteil) + Überstundenzuschlag + **entgangener Deckungsbeitrag** (bestellte,
# aber nicht gebaute Einheiten × Preis minus Material). Die Studie lässt den eingebauten
# Instandhaltungsagenten laufen (er liest den Zustandssensor über die Schnittstelle, nie die
# wahre Restlebensdauer), für jede Strategie mit denselben Replikations-Seeds: Alle
# Unterschiede sind gepaart.

# %%
from types import SimpleNamespace

from sim.experiments import run_maintenance_study
from sim.plots import plot_maintenance_study

N = 2 if QUICK else 8
GRID = {"intervals_h": (8, 12, 16, 24, 32), "noises": (0.0, 0.04, 0.2, 0.3),
        "thresholds": (0.4, 0.7)}
studies = {name: run_maintenance_study(SCENARIOS / f"{name}.toml", n=N, progress=False, backend="serial",
                           **GRID)
           for name in ("predictive_maintenance", "r7_at_risk")}


def with_ci(row):
    def de(v):
        return f"{v:,.0f}".replace(",", ".")
    return f"{de(row['mean'])} [{de(row['ci_low'])}, {de(row['ci_high'])}]"


print(i18n.banner(studies["r7_at_risk"]["policies"].attrs["metadata"]))
print(f"Gesamtkosten pro Woche [EUR], Mittel [95-%-KI] über {N} Replikationen")
pd.DataFrame({name: t["policies"].set_index("policy").apply(with_ci, axis=1)
              for name, t in studies.items()}).rename(index=POLICY_DE)

# %% [markdown]
# Dieselben drei Strategien gepaart (die erste minus die zweite; < 0: die erste ist billiger):

# %%
order = studies["r7_at_risk"]["ordering"].apply(with_ci, axis=1)
order.index = ["zustandsorientiert − bestes Intervall", "bestes Intervall − reaktiv",
               "zustandsorientiert − reaktiv"]
order.to_frame("Unterschied [EUR/Woche]")

# %% [markdown]
# Links: die **U-Kurve** — sehr häufige Wartung verschwendet Engpassstunden in den Schichten;
# seltene Wartung lässt R7 ausfallen. Rechts: was zustandsorientierte Instandhaltung gegenüber
# dem *besten* festen Intervall wert ist (ein großzügiger Vergleich: das beste Intervall wird
# im Nachhinein gewählt), je verrauschter der Sensor ist — für eine frühe Warnung (Schwelle
# 0,4, etwa 14 Betriebsstunden vorher) und eine späte (Schwelle 0,7, etwa 7 h: weniger als die
# 8 h, die das Ersatzteil braucht).

# %%
LABELS_DE = {
    "preventive": "vorbeugend (95-%-KI)", "reactive": "reaktiv (bis zum Ausfall)",
    "interval": "Wartungsintervall [Betriebsstunden]", "cost": "Gesamtkosten pro Woche [EUR]",
    "left": "Gesamtkosten über dem Wartungsintervall",
    "noise": "Sensorrauschen (Std.-Abw. des Verschleißwerts)",
    "value": "Ersparnis gegenüber bestem Intervall [EUR/Woche]",
    "right": "Wert der Zustandsüberwachung je Signalgüte", "threshold": "Schwelle {thr:g}",
}
fig = plot_maintenance_study(studies["r7_at_risk"], LABELS_DE)
stamp(fig, SimpleNamespace(metadata=studies["r7_at_risk"]["interval"].attrs["metadata"]))
fig

# %% [markdown]
# Mit 20 Replikationen (`python scripts/maintenance_study.py`) gilt die Reihenfolge
# zustandsorientiert < vorbeugend < reaktiv in den Gesamtkosten für ein sauberes, frühes Signal,
# mit gepaarten Konfidenzintervallen, die die Null ausschließen; die Kostenkurve über dem
# Wartungsintervall ist U-förmig, mit dem Tiefpunkt bei etwa der halben mittleren Lebensdauer.
# Sie gilt **nicht** überall, und auch das ist eine Lehre: Eine späte Warnung (Schwelle 0,7 oder
# höher: das Ersatzteil kommt zu spät für das Nachtfenster) oder ein verrauschter Sensor
# (Rauschen 0,2–0,3: Fehlalarme, unnötige Stopps) machen die Zustandsüberwachung nicht besser —
# oder schlechter — als ein gut gewähltes festes Intervall. Und in der mitgelieferten Woche mit
# freier Kapazität ist es am billigsten, R7 ausfallen zu lassen.
#
# **Diskutieren Sie:** Welche Zahlen des Szenarios entscheiden die Reihenfolge? Probieren Sie
# eine kürzere geplante Wartung (`agents.maintenance.duration`), einen billigeren Ausfall
# (`stations.robot_r7.failures.repair_cost`) oder weniger Aufträge.
#
# ## 3 · Qualitätsdrift um 13:45
#
# *Um 13:45 meldet eine Werkerin eine vermutete Ungenauigkeit in einer Charge. Der Agent findet
# thermische Drift an der Montagestation, justiert nach und markiert die betroffenen Chargen
# für einen erweiterten Endtest.*
#
# Wie viele Teile „betroffen“ sind, hängt davon ab, **wann die Drift bemerkt wird**. Wir messen
# ein Maß jedes Teils, das die Linie am Montag fertigstellt (Abweichung vom Sollwert in µm,
# Rauschen σ = 5 µm, Toleranz ±20 µm). Ab 11:00 driftet die Station langsam. Drei Wege, es zu
# bemerken:
#
# * **die Werkerin**: um 13:45 (wie in der Geschichte);
# * eine **Shewhart-Karte**: Alarm, wenn ein Teil mehr als 3σ = 15 µm abweicht;
# * eine **EWMA-Karte** (λ = 0,2): Alarm, wenn die geglättete Abweichung ±3σ·√(λ/(2−λ))
#   verlässt.
#
# Die Teile kommen aus der simulierten Linie (ihre Fertigstellungszeiten); die Messwerte werden
# hier mit numpy gezogen — beides ist SYNTHETISCH.

# %%
monday = run_policy("reactive", SEEDS[0])
finish_h = monday.events.query("kind == 'finish' and time_h < 24").time_h.to_numpy()
SIGMA, TOL, START_H, WORKER_H = 5.0, 20.0, 11.0, 13.75


def spc(drift_um_per_h=4.0, seed=7):
    deviation = np.random.default_rng(seed).normal(0, SIGMA, finish_h.size)
    deviation += drift_um_per_h * np.clip(finish_h - START_H, 0, None)
    ewma, lam, smoothed = 0.0, 0.2, []
    for x in deviation:
        ewma = lam * x + (1 - lam) * ewma
        smoothed.append(ewma)
    after = finish_h >= START_H
    limit = 3 * SIGMA * np.sqrt(lam / (2 - lam))
    alarms = {
        "Shewhart (3σ)": finish_h[after & (np.abs(deviation) > 3 * SIGMA)],
        "EWMA": finish_h[after & (np.abs(smoothed) > limit)],
        "Werkerin (13:45)": np.array([WORKER_H]),
    }
    return deviation, np.array(smoothed), {k: (v[0] if v.size else np.nan)
                                           for k, v in alarms.items()}


def drift(drift_um_per_h=4.0):
    deviation, smoothed, alarms = spc(drift_um_per_h)
    fig, ax = plt.subplots(figsize=(9, 3.2), layout="constrained")
    ax.plot(finish_h, deviation, ".", color="tab:grey", label="gemessenes Teil")
    ax.plot(finish_h, smoothed, "-", color="tab:blue", label="EWMA")
    ax.axhspan(-TOL, TOL, color="tab:green", alpha=0.08, label="Toleranz")
    for (name, t), colour in zip(alarms.items(), ["tab:red", "tab:blue", "black"]):
        ax.axvline(t, color=colour, ls="--", label=f"{name}: {i18n.when(60 * t)}")
    ax.set_xlabel(i18n.t("axis.time_h"))
    ax.set_ylabel("Abweichung [µm]")
    ax.legend(fontsize=7, ncols=3, loc="upper left")
    stamp(fig, monday)
    plt.show()
    rows = {name: {"Alarm": i18n.when(60 * t) if t == t else "keiner",
                   "Teile seit Beginn der Drift": int(((finish_h >= START_H)
                                                       & (finish_h <= t)).sum()),
                   "bis dahin außer Toleranz": int(((np.abs(deviation) > TOL)
                                                    & (finish_h <= t)).sum())}
            for name, t in alarms.items()}
    display(pd.DataFrame(rows).T)


live(drift, drift_um_per_h=widgets.FloatSlider(value=4, min=0.5, max=15, step=0.5,
                                               description="µm je h"))

# %% [markdown]
# Das Linienmodell hat eine eigene Drift: in `scenarios/quality_drift.toml` steigt die
# **Ausschussrate** der Montagestation ab Mittwoch 10:00 um 3 Prozentpunkte pro Stunde. Ohne
# Agenten bemerkt es niemand; der Instandhaltungsagent führt eine Regelkarte (p-Karte) des
# Ausschussanteils und kalibriert die Station neu, wenn der Anteil die Grenzen verlässt:

# %%
QD = SCENARIOS / "quality_drift.toml"
drift_runs = {"niemand schaut hin": sim.run(QD, seed=SEEDS[0], agents="off"),
              "Agent mit p-Karte": sim.run(QD, seed=SEEDS[0])}
print(i18n.banner(drift_runs["Agent mit p-Karte"].metadata))
for d in drift_runs["Agent mit p-Karte"].decisions.itertuples():
    print(f"{i18n.when(d.time_min)}  {i18n.option_label(d.choice)} — "
          f"Auslöser: {shown(d.trigger)}")
pd.DataFrame({name: r.kpis[["scrap [units]", "quality [%]", "output [units]"]]
              for name, r in drift_runs.items()}).rename(index=i18n.kpi_label).round(1)

# %% [markdown]
# ### Die Meldung des Werkers und die Eingrenzung der Charge
#
# Ausschuss ist, was die Station *sieht*. Eine driftende Station lässt auch Teile durch, die
# fehlerhaft sind, ohne dass es jemand bemerkt: In `scenarios/quality_containment.toml` (ein
# Abschnitt `[quality]`) kommt auf je zwei zusätzliche Ausschussteile ein **verdeckter
# Fehler**. Fertige Teile warten 8 h im Versand; ein Fehlerteil, das das Werk verlässt, ist
# **Durchschlupf** (400 EUR: Reklamation, Gewährleistung). Um 13:45 meldet ein Werker den
# Verdacht auf eine Ungenauigkeit. Der Instandhaltungsagent prüft die **Charge** (die Teile,
# die die Montage in den letzten 6 h gefertigt hat, oder seit ihrer letzten Kalibrierung) gegen
# seine Eingriffsgrenze; bestätigt sich die Drift, kalibriert er neu, schickt die Charge in die
# **erweiterte Endprüfung** (ein Prüfstand, 6 min je Teil, 90 EUR/h) und schaltet ab dem
# abendlichen Stillstand die **geänderte Kühlung** ein (die Drift kriecht dann mit 30 % ihrer
# Rate). Unten: dieselben Agenten mit und ohne diese beiden Hebel (Startwert 2).

# %%
QC = SCENARIOS / "quality_containment.toml"
eingegrenzt = sim.load_scenario(QC)
ohne_hebel = sim.with_overrides(eingegrenzt, {"quality.retest": None, "quality.cooling": None})
meldung = {"Meldung: nur neu kalibrieren": sim.run(ohne_hebel, seed=2),
           "Meldung: Charge eingrenzen": sim.run(eingegrenzt, seed=2)}
for d in meldung["Meldung: Charge eingrenzen"].decisions.itertuples():
    if "report" in d.trigger:  # (the English text of the trigger; shown in German below)
        print(f"{i18n.when(d.time_min)}  {i18n.option_label(d.choice)} — {shown(d.reason)}")
pd.DataFrame({name: r.kpis[["escapes [units]", "caught defects [units]",
                            "parts re-tested [units]", "scrap [units]", "line quality [%]",
                            "quality [%]", "cost [EUR]"]]
              for name, r in meldung.items()}).rename(index=i18n.kpi_label).round(1)

# %% [markdown]
# Über die Startwerte 1–20 (gepaart: dasselbe Glück mit und ohne; `python
# scripts/quality_effects.py containment`) senken die beiden Hebel den Durchschlupf um
# 3,4 Stück je Woche [1,7; 5,1] und heben die Qualitätsrate der **Linie** (Gutteile hinaus ÷ begonnene Teile)
# um 1,9 [1,1; 2,6] Punkte, während sich die Qualitätsrate der Engpassstation um 1,0 [0,2; 1,8]
# Punkte bewegt: Die beiden Raten beantworten verschiedene Fragen. Die „99,98 %“ der
# Geschichte sind eine *Behauptung*; die Qualitätsrate der Linie ist im Spielzeugmodell hier
# 92,4 % [91,5; 93,3], weil seine Drift erfunden und groß ist.
#
# **Personal in die Qualitätssicherung** (die dritte Alternative der Geschichte von 2035)
# funktioniert in `scenarios/qa_staff.toml` genauso: Solange das Sägen ohne Material steht,
# kann sein Bediener Teile im Versand prüfen. Der digitale Zwilling des Planers wägt das wie
# die anderen Optionen ab; über die Startwerte 1–20 (`python scripts/quality_effects.py qa`) gewinnt sie bei
# 400 EUR je Durchschlupf in 4 Läufen (Durchschlupf −0,75 [−1,52; +0,02] je Woche, Kosten
# −278 EUR [−564; +8]), bei 0 EUR nie und bei 2.000 EUR in 9 Läufen. Leute von einer Station
# abzuziehen, die ohnehin ohne Material steht, ist billig; von einer, die noch arbeiten
# könnte, nicht.

# %% [markdown]
# Bei langsamer Drift reagiert eine Einzelteil-Regel (Shewhart) spät; die EWMA-Karte, die sich
# an die jüngste Vergangenheit erinnert, bemerkt eine kleine, anhaltende Verschiebung viel
# früher. So oder so sind die nachzuprüfenden Teile die, die **zwischen Beginn der Drift und
# Alarm** gefertigt wurden — frühere Erkennung heißt weniger Chargen im erweiterten Test.

# %% [markdown]
# ## 4 · Ein Fenster, zwei Wirkungen: Wartung mit energiesparendem Update
#
# Der Agent der Geschichte „schlägt vor, die Wartung mit einem energiesparenden
# Prozess-Update zu verbinden“. In `energy_maintenance` darf die nächtliche Wartung von R7 ein
# Update mitnehmen (`[energy.updates.robot_r7]`): das Fenster wird 30 min länger, danach zieht
# R7 75 % seiner Leistung. Das Journal zeigt beide Wirkungen. (Zwanzig gepaarte Seeds,
# `bundle` wahr gegen falsch: `python scripts/paired_lever.py energy_maintenance
# energy.updates.robot_r7.bundle` — +0,5 h Stillstand, −2,5 % Energie und CO2 je Einheit,
# keine Einheit weniger.)

# %%
EM = sim.load_scenario(SCENARIOS / "energy_maintenance.toml")
bundled = {b: sim.run(sim.with_overrides(EM, {"energy.updates.robot_r7.bundle": b}),
                      seed=SEEDS[0]) for b in (False, True)}
print(shown(bundled[True].decisions["reason"].iloc[0]))
pd.DataFrame({("mit Update" if b else "ohne Update"): r.kpis[[
    "downtime [h]", "energy [kWh]", "energy per unit [kWh/unit]",
    "CO2 energy per unit [kg/unit]", "cost energy [EUR]", "cost maintenance [EUR]",
    "output [units]"]]
    for b, r in bundled.items()}).rename(index=i18n.kpi_label).round(3)

# %% [markdown]
# **Diskutieren Sie:** Das Update spart Energie erst vom Fenster bis zum Wochenende —
# vergleichen Sie die eingesparten Energiekosten mit den 150 EUR, die es kostet. Wann lohnt es
# sich, und wann wären 30 Minuten mehr Stillstand zu teuer?
#
# ## Was Sie mitnehmen
#
# * Vorbeugende Wartung lohnt sich nur, wenn Maschinen **verschleißen**; bei zufälligen
#   Ausfällen fügt sie Stopps hinzu, ohne welche zu verhindern.
# * Zustandsorientierte Instandhaltung ist so gut wie ihr Signal. Das Signal des
#   Spielzeugmodells ist großzügig; fragen Sie, wie gut ein reales ist, bevor Sie einer
#   Prozentzahl glauben.
# * Instandhaltung lohnt sich nur, wenn Stillstand etwas kostet: In einer Woche mit freier
#   Kapazität ist „bis zum Ausfall laufen lassen“ am billigsten; nahe der Kapazitätsgrenze
#   erscheint die Lehrbuch-Reihenfolge in den **Gesamtkosten** — und nur mit einer frühen,
#   sauberen Warnung schlägt die Zustandsüberwachung das beste feste Intervall.
# * Drift zu erkennen ist ein Statistikproblem (Regelkarten), bevor es ein KI-Problem ist.
#
# *Alle Zahlen oben: SYNTHETISCHE Ausgabe eines Spielzeugmodells.*
