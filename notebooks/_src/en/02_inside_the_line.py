# %% [markdown]
# # 2 · Inside the line: discrete-event simulation and factory physics
#
# > **SYNTHETIC** — every number in this notebook comes from a toy model of an invented plant
# > ("Werkhalle 4"). It is not data from any real factory.
#
# The plant manager of Werkhalle 4 has a puzzle: *"On Monday the line was half empty and orders
# flew through. On Thursday we released just a bit more work — and suddenly everything took
# three times as long. Nothing broke. What happened?"*
#
# In this notebook you look inside the simulator and meet four laws of **factory physics**,
# each time comparing what the simulation measures with what a formula predicts:
#
# 1. how a discrete-event simulation moves from event to event;
# 2. **variability and utilisation**: one machine, M/M/1 vs M/D/1 (Pollaczek–Khinchine);
# 3. **Little's law**: WIP = throughput × cycle time;
# 4. **the bottleneck** sets the pace of the line;
# 5. **CONWIP curves**: how much work in process a line needs;
# 6. **energy by the hour**: slowing a station that has slack, never the bottleneck.
#
# Run the cells from top to bottom (Shift+Enter). Sliders re-run the model live.

# %% [include] setup en

# %% [markdown]
# ## 1 · How the simulator thinks: events, not time steps
#
# A discrete-event simulation does not tick like a clock. It keeps a list of *future events*
# ("part 3 arrives at 00:12", "machine `drill` finishes at 00:15"), jumps to the earliest one,
# changes the state of the line, and schedules new events. Between events nothing changes.
#
# Here is the smallest line we can build: parts arrive every 4 minutes at a `saw` and then go
# to a `drill`. A scenario is just data — the same keys you would write in a TOML file.

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
print(first.banner)
events = first.events.assign(minute=lambda e: (e.time_h * 60).round(2))
events[events.minute <= 12][["minute", "kind", "part", "station", "state"]]

# %% [markdown]
# Every row is one event. Machines switch between states (`busy`, `starved` = waiting for a
# part, `blocked` = the next buffer is full, ...). Drawn over time:

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
ax.set_yticks([0, 1], ["saw", "drill"])
ax.set_xlabel(i18n.t("axis.time_min"))
present = [s for s in colours if s in set(state_rows.state)]
handles = [plt.Rectangle((0, 0), 1, 1, color=colours[s]) for s in present]
ax.legend(handles, [i18n.state_label(s) for s in present], ncols=len(present), fontsize=8,
          loc="upper center", bbox_to_anchor=(0.5, -0.3))
stamp(fig, first)

# %% [markdown]
# ## 2 · One machine: utilisation and variability
#
# Parts arrive at random (a Poisson stream) at one machine whose processing time has mean
# $t_e = 6$ min and coefficient of variation $c_e$ (standard deviation / mean). With utilisation
# $\rho = t_e / t_a$ the mean waiting time in the queue is exactly (Pollaczek–Khinchine)
#
# $$ W_q = \frac{1 + c_e^2}{2}\,\frac{\rho}{1-\rho}\,t_e , \qquad
#    \text{cycle time } CT = W_q + t_e . $$
#
# * $c_e = 1$ (exponential times): the classic **M/M/1** queue;
# * $c_e = 0$ (always exactly 6 min): **M/D/1** — half the waiting of M/M/1.

# %%
SERVICE = 6.0  # minutes
PARTS = 8_000 if QUICK else 40_000


def single_machine(rho, cv, parts=PARTS):
    """One machine fed by Poisson arrivals at utilisation rho, processing-time CV cv."""
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
    """Pollaczek–Khinchine cycle time of M/G/1, in minutes."""
    return (1 + cv**2) / 2 * rho / (1 - rho) * SERVICE + SERVICE


rows = []
for label, cv in [("M/M/1", 1.0), ("M/D/1", 0.0)]:
    result = sim.run(single_machine(0.8, cv), seed=1)
    print(result.banner)
    rows.append({"queue": label,
                 "cycle time simulated [min]": 60 * result.kpis["cycle time mean [h]"],
                 "cycle time formula [min]": pk_cycle_time(0.8, cv),
                 "parts": int(result.kpis["output [units]"])})
pd.DataFrame(rows).round(2)

# %% [markdown]
# Same machine, same average speed, same load — but the variable machine makes parts wait
# about twice as long. **Variability costs capacity or time.** Now the hockey stick: how the
# cycle time grows as the machine gets busier.

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
stamp(fig, f"one machine, t_e = 6 min, {PARTS} parts per point, seed 2")

# %% [markdown]
# **Try it.** Move the sliders: utilisation $\rho$ and the variability $c_e$ of the machine.
# Where does the formula and the simulation disagree most, and why? (Hint: near $\rho = 1$ a
# finite run is never long enough.)

# %%
def explore(rho=0.85, cv=1.0):
    result = sim.run(single_machine(rho, cv, parts=PARTS // 2), seed=3)
    simulated = 60 * result.kpis["cycle time mean [h]"]
    fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
    ax.bar([i18n.t("curve.simulated"), i18n.t("curve.formula")],
           [simulated, pk_cycle_time(rho, cv)], color=["tab:grey", "tab:green"])
    ax.set_ylabel(i18n.t("axis.cycle_time_min"))
    ax.set_title(f"ρ = {rho:.2f}, c_e = {cv:.2f}")
    stamp(fig, result)
    plt.show()


live(explore, rho=widgets.FloatSlider(value=0.85, min=0.3, max=0.95, step=0.05),
     cv=widgets.FloatSlider(value=1.0, min=0.0, max=2.0, step=0.25))

# %% [markdown]
# ## 3 · Little's law: WIP = throughput × cycle time
#
# Little's law holds for *any* system in the long run, whatever the randomness, priorities or
# breakdowns. Let's check it on a full week of Werkhalle 4 (the `baseline` scenario: six
# stations, two shifts, two products, breakdowns and rework).

# %%
week = sim.run(SCENARIOS / "baseline.toml", seed=1)
k = week.kpis
print(week.banner)
little = pd.Series({
    i18n.kpi_label("WIP mean [units]"): k["WIP mean [units]"],
    "throughput × cycle time [units]": k["throughput [units/h]"] * k["cycle time mean [h]"],
})
little.round(2)

# %% [markdown]
# The two numbers agree to within a few per cent; the small gap comes from the parts still in
# the line when the week ends. Little's law is why **reducing WIP is the same thing as
# reducing cycle time** at the same throughput.
#
# ## 4 · The bottleneck sets the pace
#
# Four stations with mean times 5, 7, 6 and 4 minutes, small buffers between them, and an
# endless supply of work at the front. The slowest station (7 min) can make at most
# $r_b = 60/7 \approx 8.6$ parts per hour — that is the **bottleneck rate**.

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


line = sim.run(four_stations(), seed=1)
print(line.banner)
print(f"throughput {line.kpis['throughput [units/h]']:.2f} parts/h; bottleneck rate {60 / 7:.2f}")
shares = line.stations[["share_busy", "share_blocked", "share_starved"]] * 100
ax = shares.rename(columns=lambda c: i18n.state_label(c.removeprefix("share_"))).plot.bar(
    stacked=True, color=["tab:green", "tab:orange", "lightgrey"], figsize=(6, 3.5), rot=0)
ax.set_ylabel(i18n.t("axis.share"))
ax.set_xlabel(i18n.t("axis.station"))
ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
ax.figure.set_layout_engine("constrained")
stamp(ax.figure, line)

# %% [markdown]
# The mill is busy almost all the time; stations **before** it are often *blocked* (their
# output has nowhere to go), stations **after** it are often *starved*. Even so, the line
# makes less than 8.6 parts per hour: with small buffers, variability sometimes blocks or
# starves the bottleneck too. Move the slider: how big must the buffers be to get close to the
# bottleneck rate — and what does that cost in WIP?

# %%
def buffers(buffer=3):
    result = sim.run(four_stations(buffer, hours=150 if QUICK else 400), seed=4)
    k = result.kpis
    print(f"buffer {buffer}: throughput {k['throughput [units/h]']:.2f} parts/h "
          f"(bottleneck rate {60 / 7:.2f}), WIP {k['WIP mean [units]']:.1f} parts, "
          f"cycle time {60 * k['cycle time mean [h]']:.0f} min — {i18n.synthetic_label()}")


live(buffers, buffer=widgets.IntSlider(value=3, min=1, max=30))

# %% [markdown]
# ## 5 · CONWIP curves: how much WIP does a line need?
#
# With CONWIP a new part enters only when one leaves, so the WIP is fixed at $w$. Take a
# balanced line of $n = 4$ stations, each 10 min on average: raw process time $T_0 = 40$ min,
# bottleneck rate $r_b = 6$/h, critical WIP $W_0 = r_b T_0 = 4$. Hopp & Spearman's three
# reference curves:
#
# * best case (no variability): $TH = \min(w / T_0,\; r_b)$
# * worst case: $TH = 1 / T_0$
# * practical worst case (exponential times): $TH = \dfrac{w}{W_0 + w - 1}\, r_b$
#
# The slider sets the variability $c_e$ of every station: $c_e = 1$ should sit on the
# practical worst case, $c_e = 0$ close to the best case.

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
    ax.plot(ws, simulated, "o", color="tab:red", label=f"{i18n.t('curve.simulated')}, c_e = {cv}")
    ax.set_xlabel(i18n.t("axis.wip_cap"))
    ax.set_ylabel(i18n.t("axis.throughput"))
    ax.legend()
    stamp(fig, f"CONWIP line, 4 stations × 10 min, seed 5, c_e = {cv}")
    plt.show()


live(conwip_curve, cv=widgets.FloatSlider(value=1.0, min=0.0, max=1.5, step=0.25))

# %% [markdown]
# In a CONWIP line the WIP is exactly $w$, so Little's law gives the cycle time for free:
# $CT = w / TH$. Past the critical WIP $W_0$ more work in the line buys almost no throughput,
# only longer cycle times.

# %% [markdown]
# ## 7 · Energy by the hour: slower where there is slack
#
# `energy_day` prices every kWh at its hour (a SYNTHETIC German-looking weekday tariff and
# grid-CO2 profile: cheap and green around midday, dear in the evening peak). Press and wash
# have slack; weld is the bottleneck. With `energy.adaptive = true` the planner runs the
# non-bottlenecks slower: a part takes `time / s`, a busy machine draws
# `idle + (busy − idle) · s³`. Below: one seed with and without the lever. (Twenty paired
# seeds: `python scripts/paired_lever.py energy_day energy.adaptive` — about −21 % energy
# per unit here, with +20 % cycle time; on `energy_bottleneck` the review slows nothing.)

# %%
energy_kpis = ["energy per unit [kWh/unit]", "CO2 energy per unit [kg/unit]",
               "energy cost per unit [EUR/unit]", "output [units]", "cycle time mean [h]"]
day = sim.load_scenario("energy_day")
pair = {lever: sim.run(sim.with_overrides(day, {"energy.adaptive": lever}), seed=1).kpis
        for lever in (False, True)}
print(pd.DataFrame({"without lever": pair[False][energy_kpis],
                    "with lever": pair[True][energy_kpis]}).round(4).to_string())
print("SYNTHETIC")

# %% [markdown]
# **Discuss:** why must the bottleneck never be slowed? What does the line pay for the saved
# energy (look at the cycle time), and when would that price be too high?

# %% [markdown]
# ### Pull an order forward when renewable power is cheap
#
# `energy_orders` runs the same line on an order book: each day a day order, a rush order
# (12:00, due 15:00) and a flexible evening order planned for 17:00, the evening peak. The
# tariff is a published day-ahead schedule, so the planner may use it: with
# `energy.timing.enabled = true` it pulls the evening order into the cheap/green midday hours,
# but only if its due-date check says no order runs late. Read the journal: at 10:00 it holds
# (the rush order would be at risk), at 13:00 it pulls. (Twenty paired seeds:
# `python scripts/paired_lever.py energy_orders energy.timing.enabled` — the same kWh, about
# −8 % CO2 and −9 % energy cost per unit, nothing late, +2 % cycle time.)

# %%
book = sim.load_scenario("energy_orders")
timed = {lever: sim.run(sim.with_overrides(book, {"energy.timing.enabled": lever}), seed=1)
         for lever in (False, True)}
for d in timed[True].decisions.head(2).itertuples():
    print(f"{d.when}  {d.choice}: {d.reason}")
timing_kpis = ["energy per unit [kWh/unit]", "CO2 energy per unit [kg/unit]",
               "energy cost per unit [EUR/unit]", "late units [units]", "cycle time mean [h]"]
print(pd.DataFrame({"without lever": timed[False].kpis[timing_kpis],
                    "with lever": timed[True].kpis[timing_kpis]}).round(4).to_string())
print("SYNTHETIC")

# %% [markdown]
# **Discuss:** the line uses exactly as much energy as before — so what did it save? Who pays
# when the due-date estimate is wrong (it knows mean times only, no breakdowns)?

# %% [markdown]
# ## 6 · Three buffers: from the factory-physics laws to the storm in northern Italy
#
# Hopp and Spearman's *variability buffering law*: variability in a production system is
# always buffered by some combination of **inventory**, **capacity** and **time**. You can
# choose which buffer, not whether. The supply disruption of notebook 1 is a large, sudden
# piece of variability (72 h without alloy), and the story's three alternatives are exactly
# the three buffers:
#
# | buffer | in the vignette | in this model run |
# |---|---|---|
# | inventory | alloy held at the group's Czech site | the planner always transfers the Czech stock |
# | capacity | the Portuguese sister plant builds servo modules | the planner always moves servo work to Portugal |
# | time | nobody acts: customers wait | the planner never acts; the variability ends up as lateness |
#
# The cell runs the vignette with each buffer as a fixed rule (no forward simulation), on the
# same seeds, so the differences come from the buffer, not from luck.

# %%
from sim.agents import RulePlanner, WaitPlanner

BUFFERS = {"time (customers wait)": WaitPlanner(),
           "inventory (Czech stock)": RulePlanner(order=("transfer",)),
           "capacity (Portugal builds servo)": RulePlanner(order=("outsource",))}
SEEDS = [1, 2] if QUICK else [1, 2, 3, 4, 5]
BUFFER_KPIS = ["late units [units]", "on-time delivery [%]",
               "material shortage at first station [h]", "output [units]", "cost [EUR]",
               "CO2 [kg]", "CO2 transport [kg]"]
buffer_runs = {name: [sim.run("supply_disruption", seed=s, policies={"planner": rule})
                      for s in SEEDS] for name, rule in BUFFERS.items()}
buffer_table = pd.DataFrame({name: pd.concat([r.kpis for r in runs], axis=1).mean(axis=1)
                             for name, runs in buffer_runs.items()}).loc[BUFFER_KPIS]
print(f"mean of seeds {SEEDS} — {buffer_runs['time (customers wait)'][0].banner}")
buffer_table.rename(index=i18n.kpi_label).round(1)

# %% [markdown]
# Read the table as a price list. **Time** costs nothing on the plant's books except the
# penalties, but customers get their servo modules days late. **Inventory** is cheap *here*
# because the Czech stock already exists — someone paid for holding 300 kg of alloy all year
# so that it could be there on this Tuesday. **Capacity** keeps every customer on time but
# costs the most per unit and the most CO2, and our own line builds less. The planner agent
# of notebook 1 does not escape the law: it only *chooses the buffer*, with its weights on
# cost, CO2 and lateness.
#
# **Discuss:** the story says "no standstill despite the disruption". Which buffer paid for
# that, and who carried its cost before the storm?
#
# ## What to take away
#
# * Queues grow like $\rho / (1-\rho)$: the last few per cent of utilisation are the most
#   expensive in waiting time — the answer to the plant manager's puzzle.
# * Variability (breakdowns, uneven process times) multiplies waiting by $(1 + c^2)/2$.
# * Little's law ties WIP, throughput and cycle time together; you cannot change one alone.
# * The bottleneck sets the pace; buffers protect it, at the price of WIP.
# * Variability is buffered by inventory, capacity or time — an agent only chooses which
#   (the Czech stock, the Portuguese capacity, or late customers).
#
# **Discuss:** the stories promise AI agents that "keep the line at 96.8 % productivity".
# Read as utilisation (one possible reading — the story does not define it), what would that
# mean for waiting times, according to these laws?
#
# *All numbers above: SYNTHETIC toy-model output.*
