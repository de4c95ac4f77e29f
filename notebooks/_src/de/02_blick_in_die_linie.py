# %% [markdown]
# # 2 · Blick in die Linie: ereignisdiskrete Simulation und Factory Physics
#
# > **SYNTHETISCH** — jede Zahl in diesem Notebook stammt aus einem Spielzeugmodell eines
# > erfundenen Werks („Werkhalle 4“). Es sind keine Daten aus einer realen Fabrik.
#
# Die Werksleitung der Werkhalle 4 hat ein Rätsel: *„Am Montag war die Linie halb leer, und die
# Aufträge flogen nur so durch. Am Donnerstag haben wir nur ein bisschen mehr Arbeit
# freigegeben — und plötzlich dauerte alles dreimal so lange. Kaputt war nichts. Was ist
# passiert?“*
#
# In diesem Notebook schauen Sie in den Simulator hinein und lernen Gesetze der **Factory
# Physics** kennen, jedes Mal im Vergleich: was die Simulation misst und was eine Formel
# vorhersagt:
#
# 1. wie eine ereignisdiskrete Simulation von Ereignis zu Ereignis springt;
# 2. **Streuung und Auslastung**: eine Maschine, M/M/1 gegen M/D/1 (Pollaczek–Khinchine);
# 3. **Littles Gesetz**: Umlaufbestand = Durchsatz × Durchlaufzeit;
# 4. **der Engpass** bestimmt den Takt der Linie;
# 5. **CONWIP-Kurven**: wie viel Umlaufbestand eine Linie braucht;
# 6. **drei Puffer** gegen Streuung: Bestand, Kapazität, Zeit — die Brücke zum Lieferausfall.
#
# Führen Sie die Zellen von oben nach unten aus (Umschalt+Eingabe). Schieberegler rechnen das
# Modell sofort neu.

# %% [include] setup de

# %% [markdown]
# ## 1 · Wie der Simulator denkt: Ereignisse statt Zeitschritte
#
# Eine ereignisdiskrete Simulation tickt nicht wie eine Uhr. Sie führt eine Liste *künftiger
# Ereignisse* („Teil 3 kommt um 00:12 an“, „Maschine `drill` ist um 00:15 fertig“), springt zum
# frühesten, ändert den Zustand der Linie und plant neue Ereignisse ein. Zwischen zwei
# Ereignissen ändert sich nichts.
#
# Hier die kleinste Linie, die wir bauen können: alle 4 Minuten kommt ein Teil an einer Säge
# (`saw`) an und geht dann zur Bohrmaschine (`drill`). Ein Szenario sind nur Daten — dieselben
# Schlüssel, die Sie in eine TOML-Datei schreiben würden.

# %%
tiny = sim.load_scenario({
    "name": "two-stations",
    "horizon": "1 h",
    "event_log": True,
    "variants": {"part": {}},
    "stations": {
        "saw": {"process_time": {"dist": "uniform", "low": "2 min", "high": "5 min"}},
        "drill": {"process_time": {"dist": "exponential", "mean": "3 min"}},
    },
    "release": {"kind": "deterministic", "interarrival": "4 min"},
})
first = sim.run(tiny, seed=1)
print(i18n.banner(first.metadata))
events = first.events.assign(minute=lambda e: (e.time_h * 60).round(2))
KINDS = {"release": "Freigabe", "state": "Zustandswechsel", "finish": "fertig"}
MACHINES = {"saw": "Säge", "drill": "Bohren"}
shown = events[events.minute <= 12][["minute", "kind", "part", "station", "state"]]
shown.assign(kind=shown.kind.map(lambda k: KINDS.get(k, k)),
             station=shown.station.map(lambda m: MACHINES.get(m, m)),
             state=shown.state.map(lambda s: i18n.state_label(s) if isinstance(s, str) else s)
             ).rename(columns={"minute": "Minute", "kind": "Ereignis", "part": "Teil",
                               "station": "Station", "state": "Zustand"}).fillna("")

# %% [markdown]
# Jede Zeile ist ein Ereignis. Maschinen wechseln zwischen Zuständen (in Bearbeitung, wartet
# auf Teile, blockiert = der nächste Puffer ist voll, …). Über der Zeit gezeichnet:

# %%
colours = {"busy": "tab:green", "starved": "lightgrey", "blocked": "tab:orange",
           "setup": "tab:blue", "down": "tab:red", "off": "black", "material": "tab:purple"}
state_rows = events[events.kind == "state"]
fig, ax = plt.subplots(figsize=(9, 2.2), layout="constrained")
for row, station in enumerate(["saw", "drill"]):
    rows = state_rows[state_rows.station == station]
    starts = rows.minute.to_numpy()
    ends = np.append(starts[1:], 60.0)
    for start, end, state in zip(starts, ends, rows.state):
        ax.barh(row, end - start, left=start, color=colours[state], edgecolor="white")
ax.set_yticks([0, 1], ["Säge", "Bohren"])
ax.set_xlabel(i18n.t("axis.time_min"))
present = [s for s in colours if s in set(state_rows.state)]
handles = [plt.Rectangle((0, 0), 1, 1, color=colours[s]) for s in present]
ax.legend(handles, [i18n.state_label(s) for s in present], ncols=len(present), fontsize=8,
          loc="upper center", bbox_to_anchor=(0.5, -0.3))
stamp(fig, first)

# %% [markdown]
# ## 2 · Eine Maschine: Auslastung und Streuung
#
# Teile kommen zufällig (ein Poisson-Strom) an einer Maschine an, deren Bearbeitungszeit den
# Mittelwert $t_e = 6$ min und den Variationskoeffizienten $c_e$ (Standardabweichung /
# Mittelwert) hat. Bei der Auslastung $\rho = t_e / t_a$ ist die mittlere Wartezeit in der
# Schlange genau (Pollaczek–Khinchine)
#
# $$ W_q = \frac{1 + c_e^2}{2}\,\frac{\rho}{1-\rho}\,t_e , \qquad
#    \text{Durchlaufzeit } CT = W_q + t_e . $$
#
# * $c_e = 1$ (exponentielle Zeiten): die klassische **M/M/1**-Warteschlange;
# * $c_e = 0$ (immer genau 6 min): **M/D/1** — halb so viel Warten wie bei M/M/1.

# %%
SERVICE = 6.0  # Minuten
PARTS = 8_000 if QUICK else 40_000


def single_machine(rho, cv, parts=PARTS):
    """Eine Maschine mit Poisson-Zugängen bei Auslastung rho und Variationskoeffizient cv."""
    hours = parts * SERVICE / rho / 60
    process = {"dist": "gamma", "mean": f"{SERVICE} min", "cv": cv} if cv > 0 else "6 min"
    return sim.load_scenario({
        "name": f"one-machine-rho{rho:g}-cv{cv:g}",
        "horizon": f"{hours:.2f} h", "warmup": f"{hours / 10:.2f} h", "sample_interval": "0 min",
        "variants": {"part": {}},
        "stations": {"machine": {"process_time": process}},
        "release": {"kind": "poisson", "interarrival": f"{SERVICE / rho:.6f} min"},
    })


def pk_cycle_time(rho, cv):
    """Durchlaufzeit von M/G/1 nach Pollaczek–Khinchine, in Minuten."""
    return (1 + cv**2) / 2 * rho / (1 - rho) * SERVICE + SERVICE


rows = []
for label, cv in [("M/M/1", 1.0), ("M/D/1", 0.0)]:
    result = sim.run(single_machine(0.8, cv), seed=1)
    print(i18n.banner(result.metadata))
    rows.append({"Warteschlange": label,
                 "Durchlaufzeit simuliert [min]": 60 * result.kpis["cycle time mean [h]"],
                 "Durchlaufzeit Formel [min]": pk_cycle_time(0.8, cv),
                 "Teile": int(result.kpis["output [units]"])})
pd.DataFrame(rows).round(2)

# %% [markdown]
# Dieselbe Maschine, dieselbe mittlere Geschwindigkeit, dieselbe Last — aber bei der
# streuenden Maschine warten die Teile etwa doppelt so lange. **Streuung kostet Kapazität oder
# Zeit.** Jetzt der Hockeyschläger: wie die Durchlaufzeit wächst, je voller die Maschine ist.

# %%
rhos = [0.5, 0.7, 0.8, 0.9] if QUICK else [0.5, 0.6, 0.7, 0.8, 0.85, 0.9]
grid = np.linspace(0.3, 0.93, 100)
fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
for cv, colour, name in [(1.0, "tab:red", "M/M/1"), (0.0, "tab:blue", "M/D/1")]:
    ax.plot(grid, pk_cycle_time(grid, cv), color=colour,
            label=f"{name} {i18n.t('curve.formula')}")
    simulated = [60 * sim.run(single_machine(r, cv), seed=2).kpis["cycle time mean [h]"]
                 for r in rhos]
    ax.plot(rhos, simulated, "o", color=colour, label=f"{name} {i18n.t('curve.simulated')}")
ax.set_xlabel(i18n.t("axis.rho"))
ax.set_ylabel(i18n.t("axis.cycle_time_min"))
ax.legend()
stamp(fig, f"eine Maschine, t_e = 6 min, {PARTS} Teile je Punkt, Seed 2")

# %% [markdown]
# **Probieren Sie es aus.** Bewegen Sie die Regler: Auslastung $\rho$ und Streuung $c_e$ der
# Maschine. Wo weichen Formel und Simulation am stärksten voneinander ab, und warum? (Tipp:
# nahe $\rho = 1$ ist ein endlicher Lauf nie lang genug.)

# %%
def explore(rho=0.85, cv=1.0):
    result = sim.run(single_machine(rho, cv, parts=PARTS // 2), seed=3)
    simulated = 60 * result.kpis["cycle time mean [h]"]
    fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
    ax.bar([i18n.t("curve.simulated"), i18n.t("curve.formula")],
           [simulated, pk_cycle_time(rho, cv)], color=["tab:grey", "tab:green"])
    ax.set_ylabel(i18n.t("axis.cycle_time_min"))
    ax.set_title(f"ρ = {i18n.number(rho, 2)}, c_e = {i18n.number(cv, 2)}")
    stamp(fig, result)
    plt.show()


live(explore, rho=widgets.FloatSlider(value=0.85, min=0.3, max=0.95, step=0.05),
     cv=widgets.FloatSlider(value=1.0, min=0.0, max=2.0, step=0.25))

# %% [markdown]
# ## 3 · Littles Gesetz: Umlaufbestand = Durchsatz × Durchlaufzeit
#
# Littles Gesetz gilt für *jedes* System auf lange Sicht, gleich welche Zufälle, Prioritäten
# oder Störungen. Prüfen wir es an einer ganzen Woche der Werkhalle 4 (Szenario `baseline`:
# sechs Stationen, zwei Schichten, zwei Produkte, Störungen und Nacharbeit).

# %%
week = sim.run(SCENARIOS / "baseline.toml", seed=1)
k = week.kpis
print(i18n.banner(week.metadata))
little = pd.Series({
    i18n.kpi_label("WIP mean [units]"): k["WIP mean [units]"],
    "Durchsatz × Durchlaufzeit [Stk]": k["throughput [units/h]"] * k["cycle time mean [h]"],
})
little.round(2)

# %% [markdown]
# Die beiden Zahlen stimmen bis auf wenige Prozent überein; die kleine Lücke kommt von den
# Teilen, die am Ende der Woche noch in der Linie sind. Littles Gesetz ist der Grund, warum
# **weniger Umlaufbestand dasselbe ist wie kürzere Durchlaufzeit** — bei gleichem Durchsatz.
#
# ## 4 · Der Engpass bestimmt den Takt
#
# Vier Stationen mit mittleren Zeiten von 5, 7, 6 und 4 Minuten, kleine Puffer dazwischen und
# vorne unbegrenzt Arbeit. Die langsamste Station (7 min) schafft höchstens
# $r_b = 60/7 \approx 8{,}6$ Teile pro Stunde — das ist die **Engpassrate**.

# %%
def four_stations(buffer=3, hours=200 if QUICK else 1000):
    times = {"cut": 5, "mill": 7, "weld": 6, "paint": 4}
    return sim.load_scenario({
        "name": f"four-stations-buffer{buffer}",
        "horizon": f"{hours} h", "warmup": f"{hours // 10} h", "sample_interval": "0 min",
        "variants": {"part": {}},
        "stations": {name: {"process_time": {"dist": "gamma", "mean": f"{t} min", "cv": 0.7},
                            "buffer": buffer} for name, t in times.items()},
        "release": {"kind": "push"},
    })


STATIONS_DE = {"cut": "Zuschnitt", "mill": "Fräsen", "weld": "Schweißen", "paint": "Lackieren"}
line = sim.run(four_stations(), seed=1)
print(i18n.banner(line.metadata))
print(f"Durchsatz {i18n.number(line.kpis['throughput [units/h]'], 2)} Teile/h; "
      f"Engpassrate {i18n.number(60 / 7, 2)}")
shares = line.stations[["share_busy", "share_blocked", "share_starved"]] * 100
ax = (shares.rename(index=STATIONS_DE)
      .rename(columns=lambda c: i18n.state_label(c.removeprefix("share_")))
      .plot.bar(stacked=True, color=["tab:green", "tab:orange", "lightgrey"], figsize=(6, 3.5),
                rot=0))
ax.set_ylabel(i18n.t("axis.share"))
ax.set_xlabel(i18n.t("axis.station"))
ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
ax.figure.set_layout_engine("constrained")
stamp(ax.figure, line)

# %% [markdown]
# Die Fräse arbeitet fast ununterbrochen; Stationen **vor** ihr sind oft *blockiert* (ihre
# Teile können nirgendwohin), Stationen **nach** ihr warten oft auf Teile. Trotzdem schafft
# die Linie weniger als 8,6 Teile pro Stunde: bei kleinen Puffern blockiert oder verhungert
# durch die Streuung manchmal auch der Engpass. Bewegen Sie den Regler: wie groß müssen die
# Puffer sein, damit die Linie nahe an die Engpassrate kommt — und was kostet das an
# Umlaufbestand?

# %%
def buffers(buffer=3):
    result = sim.run(four_stations(buffer, hours=150 if QUICK else 400), seed=4)
    k = result.kpis
    print(f"Puffer {buffer}: Durchsatz {i18n.number(k['throughput [units/h]'], 2)} Teile/h "
          f"(Engpassrate {i18n.number(60 / 7, 2)}), Umlaufbestand "
          f"{i18n.number(k['WIP mean [units]'], 1)} Teile, Durchlaufzeit "
          f"{i18n.number(60 * k['cycle time mean [h]'], 0)} min — {i18n.synthetic_label()}")


live(buffers, buffer=widgets.IntSlider(value=3, min=1, max=30))

# %% [markdown]
# ## 5 · CONWIP-Kurven: wie viel Umlaufbestand braucht eine Linie?
#
# Bei CONWIP kommt ein neues Teil erst hinein, wenn eines die Linie verlässt; der
# Umlaufbestand ist also fest $w$. Nehmen Sie eine ausgeglichene Linie aus $n = 4$ Stationen
# mit je 10 min im Mittel: Rohdurchlaufzeit $T_0 = 40$ min, Engpassrate $r_b = 6$/h, kritischer
# Umlaufbestand $W_0 = r_b T_0 = 4$. Die drei Referenzkurven nach Hopp & Spearman:
#
# * bester Fall (keine Streuung): $TH = \min(w / T_0,\; r_b)$
# * schlechtester Fall: $TH = 1 / T_0$
# * praktisch schlechtester Fall (exponentielle Zeiten): $TH = \dfrac{w}{W_0 + w - 1}\, r_b$
#
# Der Regler stellt die Streuung $c_e$ jeder Station ein: bei $c_e = 1$ sollten die Punkte auf
# dem praktisch schlechtesten Fall liegen, bei $c_e = 0$ nahe am besten Fall.

# %%
N, T = 4, 10.0
R_B, T_0 = 60 / T, N * T / 60
W_0 = R_B * T_0


def conwip_line(wip, cv, hours=150 if QUICK else 600):
    process = {"dist": "gamma", "mean": f"{T} min", "cv": cv} if cv > 0 else f"{T} min"
    return sim.load_scenario({
        "name": f"conwip-w{wip}-cv{cv:g}",
        "horizon": f"{hours} h", "warmup": f"{hours // 10} h", "sample_interval": "0 min",
        "variants": {"part": {}},
        "stations": {f"s{i + 1}": {"process_time": process} for i in range(N)},
        "release": {"kind": "conwip", "wip_cap": wip},
    })


def conwip_curve(cv=1.0):
    ws = np.arange(1, 13)
    simulated = [sim.run(conwip_line(int(w), cv), seed=5).kpis["throughput [units/h]"]
                 for w in ws]
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    ax.plot(ws, np.minimum(ws / T_0, R_B), "k-", label=i18n.t("curve.best_case"))
    ax.plot(ws, np.full(len(ws), 1 / T_0), "k:", label=i18n.t("curve.worst_case"))
    ax.plot(ws, ws / (W_0 + ws - 1) * R_B, "k--", label=i18n.t("curve.practical_worst_case"))
    ax.plot(ws, simulated, "o", color="tab:red",
            label=f"{i18n.t('curve.simulated')}, c_e = {i18n.number(cv, 2)}")
    ax.set_xlabel(i18n.t("axis.wip_cap"))
    ax.set_ylabel(i18n.t("axis.throughput"))
    ax.legend()
    stamp(fig, f"CONWIP-Linie, 4 Stationen × 10 min, Seed 5, c_e = {i18n.number(cv, 2)}")
    plt.show()


live(conwip_curve, cv=widgets.FloatSlider(value=1.0, min=0.0, max=1.5, step=0.25))

# %% [markdown]
# In einer CONWIP-Linie ist der Umlaufbestand genau $w$; Littles Gesetz liefert die
# Durchlaufzeit also gratis: $CT = w / TH$. Jenseits des kritischen Umlaufbestands $W_0$ kauft
# mehr Arbeit in der Linie kaum noch Durchsatz, nur längere Durchlaufzeiten.
#
# ## 7 · Energie nach Stunden: einen Auftrag vorziehen, wenn Ökostrom günstig ist
#
# `energy_orders` bepreist jede kWh mit ihrer Stunde (ein SYNTHETISCHES, deutsch anmutendes
# Werktagsprofil für Strompreis und Netz-CO2: mittags günstig und grün, abends teuer). Die
# Linie arbeitet ein Auftragsbuch ab: jeden Tag ein Tagesauftrag, ein Eilauftrag (12:00, fällig
# 15:00) und ein flexibler Abendauftrag, geplant für 17:00, mitten in der Abendspitze. Das
# Profil ist ein veröffentlichter Day-ahead-Fahrplan, der Planer darf es also kennen: mit
# `energy.timing.enabled = true` zieht er den Abendauftrag in die günstigen, grünen
# Mittagsstunden vor — aber nur, wenn seine Terminprüfung sagt, dass kein Auftrag zu spät
# kommt. Lesen Sie das Journal: um 10:00 hält er zurück (der Eilauftrag wäre gefährdet), um
# 13:00 zieht er vor. (Zwanzig gepaarte Seeds: `python scripts/paired_lever.py energy_orders
# energy.timing.enabled` — gleiche kWh, etwa −8 % CO2 und −9 % Energiekosten je Einheit,
# nichts verspätet, +2 % Durchlaufzeit.)

# %%
book = sim.load_scenario("energy_orders")
timed = {lever: sim.run(sim.with_overrides(book, {"energy.timing.enabled": lever}), seed=1)
         for lever in (False, True)}
for d in timed[True].decisions.head(2).itertuples():
    print(f"{i18n.when(d.time_min)}  {i18n.option_label(d.choice)} — "
          f"Begründung des Planers: {i18n.shown(d.reason)}")
timing_kpis = ["energy per unit [kWh/unit]", "CO2 energy per unit [kg/unit]",
               "energy cost per unit [EUR/unit]", "late units [units]", "cycle time mean [h]"]
print(pd.DataFrame({"ohne Hebel": timed[False].kpis[timing_kpis],
                    "mit Hebel": timed[True].kpis[timing_kpis]})
      .rename(index=i18n.kpi_label).round(4).to_string())
print("SYNTHETISCH")

# %% [markdown]
# **Diskutieren Sie:** Die Linie braucht genau so viel Energie wie vorher — was hat sie dann
# gespart? Wer zahlt, wenn die Terminschätzung falsch ist (sie kennt nur mittlere Zeiten,
# keine Ausfälle)?
#
# ## 6 · Drei Puffer: von den Gesetzen der Factory Physics zum Sturm in Norditalien
#
# Das *Gesetz der Streuungspufferung* (Hopp & Spearman): Streuung in einem Produktionssystem
# wird immer durch eine Kombination aus **Bestand**, **Kapazität** und **Zeit** abgepuffert.
# Man kann wählen, welcher Puffer — nicht, ob. Der Lieferausfall aus Notebook 1 ist ein großes,
# plötzliches Stück Streuung (72 h ohne Legierung), und die drei Alternativen der Geschichte
# sind genau die drei Puffer:
#
# | Puffer | in der Geschichte | in diesem Modelllauf |
# |---|---|---|
# | Bestand | Legierung am tschechischen Standort des Verbunds | der Planer holt immer den tschechischen Bestand |
# | Kapazität | das portugiesische Schwesterwerk baut Servomodule | der Planer gibt Servo-Arbeit immer nach Portugal |
# | Zeit | niemand handelt: die Kunden warten | der Planer handelt nie; die Streuung landet als Verspätung beim Kunden |
#
# Die Zelle rechnet die Geschichte mit jedem Puffer als feste Regel (ohne Vorausrechnung), mit
# denselben Seeds: die Unterschiede kommen vom Puffer, nicht vom Glück.

# %%
from sim.agents import RulePlanner, WaitPlanner

BUFFERS = {"Zeit (Kunden warten)": WaitPlanner(),
           "Bestand (Tschechien)": RulePlanner(order=("transfer",)),
           "Kapazität (Portugal baut Servomodule)": RulePlanner(order=("outsource",))}
SEEDS = [1, 2] if QUICK else [1, 2, 3, 4, 5]
BUFFER_KPIS = ["late units [units]", "on-time delivery [%]",
               "material shortage at first station [h]", "output [units]", "cost [EUR]",
               "CO2 [kg]", "CO2 transport [kg]"]
buffer_runs = {name: [sim.run("supply_disruption", seed=s, policies={"planner": rule})
                      for s in SEEDS] for name, rule in BUFFERS.items()}
buffer_table = pd.DataFrame({name: pd.concat([r.kpis for r in runs], axis=1).mean(axis=1)
                             for name, runs in buffer_runs.items()}).loc[BUFFER_KPIS]
print(f"Mittel der Seeds {SEEDS} — {i18n.banner(buffer_runs['Zeit (Kunden warten)'][0].metadata)}")
buffer_table.rename(index=i18n.kpi_label).round(1)

# %% [markdown]
# Lesen Sie die Tabelle als Preisliste. **Zeit** kostet in den Büchern des Werks nur die
# Vertragsstrafen, aber die Kunden bekommen ihre Servomodule Tage zu spät. **Bestand** ist
# *hier* billig, weil der tschechische Bestand schon da ist — jemand hat dafür bezahlt,
# 300 kg Legierung das ganze Jahr zu lagern, damit sie an diesem Dienstag bereitliegen.
# **Kapazität** hält jeden Kunden termintreu, kostet aber je Stück am meisten und verursacht
# am meisten CO2, und unsere eigene Linie baut weniger. Der Planer-Agent aus Notebook 1 entkommt
# dem Gesetz nicht: er *wählt nur den Puffer*, mit seinen Gewichten für Kosten, CO2 und
# Verspätung.
#
# **Diskutieren Sie:** Die Geschichte sagt „kein Stillstand trotz der Störung“. Welcher Puffer
# hat das bezahlt, und wer trug seine Kosten schon vor dem Sturm?
#
# ## Was Sie mitnehmen
#
# * Warteschlangen wachsen wie $\rho / (1-\rho)$: die letzten Prozent Auslastung sind die
#   teuersten an Wartezeit — die Antwort auf das Rätsel der Werksleitung.
# * Streuung (Störungen, ungleichmäßige Bearbeitungszeiten) vervielfacht das Warten um
#   $(1 + c^2)/2$.
# * Littles Gesetz verbindet Umlaufbestand, Durchsatz und Durchlaufzeit; keine der drei lässt
#   sich allein ändern.
# * Der Engpass bestimmt den Takt; Puffer schützen ihn, um den Preis von Umlaufbestand.
# * Streuung wird durch Bestand, Kapazität oder Zeit abgepuffert — ein Agent wählt nur, womit
#   (tschechischer Bestand, portugiesische Kapazität oder verspätete Kunden).
#
# **Diskutieren Sie:** Die Geschichten versprechen KI-Agenten, die „die Linie bei 96,8 %
# Produktivität halten“. Liest man die 96,8 % als Auslastung (eine mögliche Lesart): was
# bedeutete das nach diesen Gesetzen für die Wartezeiten?
#
# *Alle Zahlen oben: SYNTHETISCHE Ausgabe eines Spielzeugmodells.*
