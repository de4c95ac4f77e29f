# %% [markdown]
# # 3 · Keeping machines running: maintenance and quality drift
#
# > **SYNTHETIC** — every number in this notebook comes from a toy model of an invented plant
# > ("Werkhalle 4"). It is not data from any real factory.
#
# *Monday, 11:15. A sensor on robot arm **R7** flashes red. In the old days that meant: stop the
# line. The agent in the story reads the behaviour, compares it with stored failure patterns
# and concludes: no stop now, but **planned maintenance in 18 hours**. It orders the spare part
# itself. The decision stays with a person.*
#
# Is that clever, or just obvious? We compare three ways of looking after R7:
#
# | policy | what it does |
# |---|---|
# | **reactive** | repair R7 when it breaks (a spare part has to be found: long repairs) |
# | **preventive** | service R7 after a fixed number of operating hours, at night |
# | **predictive** | watch a condition signal; service R7 at night when it says "soon" |
#
# and then look at the second story of the day: **quality drift** at 13:45.

# %% [include] setup en

# %% [markdown]
# ## 1 · A busy month in Werkhalle 4
#
# We take the baseline week, make demand 35 % higher (so that lost hours hurt) and repeat it for
# four weeks. R7 fails after a random number of **operating** hours — and *how* that number is
# random matters a lot:
#
# * **wear-out**: failures cluster around 30 h of operation (gamma distribution, CV 0.3): an
#   old robot is more likely to fail than a freshly serviced one;
# * **random**: failures come "out of the blue" (exponential distribution, same mean 30 h): the
#   robot does not age; a serviced robot is as likely to fail as an old one.
#
# An unplanned repair takes long (mean 8 h: the spare part must be found and brought in).

# %%
from sim.line import LineModel
from sim.results import collect

WEEKS = 2 if QUICK else 4
SEEDS = [1, 2] if QUICK else [1, 2, 3, 4, 5, 6]
week = sim.load_scenario(SCENARIOS / "baseline.toml")
weekly_orders = sim.scenario.to_data(week)["release"]["orders"]


def r7_scenario(pattern="wear-out", weeks=WEEKS, demand=1.35):
    """The baseline week repeated `weeks` times, with more demand and R7's failure pattern."""
    orders = {}
    for w in range(weeks):
        for name, order in weekly_orders.items():
            shift = w * 7 * 24 * 60  # minutes per week
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
        density=True, label="wear-out (gamma, CV 0.3)")
ax.hist(rng.exponential(30, 20_000), bins=60, range=(0, 120), alpha=0.6, density=True,
        label="random (exponential)")
ax.set_xlabel("operating hours until R7 fails")
ax.set_ylabel(i18n.t("axis.frequency"))
ax.legend()
stamp(fig, "failure-time distributions of R7 (mean 30 h), 20 000 draws")

# %% [markdown]
# ## 2 · Three maintenance policies, each a few lines of Python
#
# A policy is a small **SimPy process** that runs alongside the line: it wakes up once an hour,
# looks at R7 and may book maintenance through the line's control interface
# (`model.control.schedule_maintenance`). Planned maintenance takes 1 h, happens after the late
# shift (22:00) when the line is idle, and renews the robot.
#
# The predictive policy reads a **condition signal**. In this toy, wear-out shows: the signal
# is R7's *true* remaining operating life plus noise — a generous assumption, since real
# condition monitoring sees only symptoms (vibration, heat). Random failures have no symptoms:
# then the signal tells nothing about the next failure.

# %%
PLANNED_H = 1.0        # a planned maintenance takes 1 h
PLANNED_EUR = 250.0    # spare part ordered in time, done by the night crew
REPAIR_EUR = 900.0     # an unplanned repair: express spare part and call-out (our assumption)


def r7_of(model):
    return model.station["robot_r7"].machines[0]


def operating_hours(machine):
    machine.flush()
    return (machine.time["busy"] + machine.time["setup"]) / 60


def maintain_tonight(model):
    """Book 1 h of maintenance of R7 at the next idle time (now, if the line is closed)."""
    now = model.env.now
    night = now // 1440 * 1440 + 22 * 60
    at = now if not model.staffing.is_open else (night if night >= now else night + 1440)
    model.control.schedule_maintenance("robot_r7", 0, at=at, duration=PLANNED_H * 60,
                                       cost=PLANNED_EUR)
    return at + PLANNED_H * 60  # when R7 is back


def preventive(model, every_h=20.0):
    """Service R7 after every `every_h` operating hours."""
    r7, since = r7_of(model), 0.0
    while True:
        yield model.env.timeout(60)
        if operating_hours(r7) - since >= every_h:
            yield model.env.timeout(maintain_tonight(model) - model.env.now)
            since = operating_hours(r7)


def condition_signal(model, rng, noise_h):
    """The sensor's estimate of R7's remaining operating hours."""
    if model.scenario.name.endswith("wear-out"):  # wear shows: true remaining life + noise
        return r7_of(model).ttf_left / 60 + rng.normal(0, noise_h)
    return rng.exponential(30) + rng.normal(0, noise_h)  # random failures: no warning at all


def predictive(model, threshold_h=14.0, noise_h=2.0):
    """Service R7 when the condition signal says: fewer than `threshold_h` hours left."""
    rng = np.random.default_rng(model.seed)
    while True:
        yield model.env.timeout(60)
        if condition_signal(model, rng, noise_h) < threshold_h:
            yield model.env.timeout(maintain_tonight(model) - model.env.now)


POLICIES = {"reactive": None, "preventive": preventive, "predictive": predictive}

# %% [markdown]
# To run a policy we build the line model ourselves, start the policy's process, run, and
# collect the usual `Result`. All policies see **the same random numbers** for the same seed
# (same failures of a robot of the same age, same process times): differences come from the
# policy, not from luck.

# %%
def run_policy(name, seed, pattern="wear-out", **params):
    model = LineModel(r7_scenario(pattern), seed=seed)
    if POLICIES[name] is not None:
        model.env.process(POLICIES[name](model, **params))
    model.run()
    return collect(model, extra_metadata={"policy": name})


def r7_stops(result):
    """R7's stops from the event log: unplanned (failure) and planned (maintenance)."""
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
        "R7 failures": len(failures),
        "R7 unplanned down [h]": (failures.end_h - failures.start_h).sum(),
        "R7 planned services": int((stops.cause == "maintenance").sum()),
        "on-time delivery [%]": k["on-time delivery [%]"],
        "overtime [h]": k["overtime [h]"],
        "maintenance-related cost [EUR]": len(failures) * REPAIR_EUR
        + k["cost maintenance [EUR]"] + k["cost overtime [EUR]"] + k["cost late penalty [EUR]"],
    }


runs = pd.DataFrame([{"policy": name, "seed": seed, **score(run_policy(name, seed))}
                     for name in POLICIES for seed in SEEDS])
table = runs.drop(columns="seed").groupby("policy", sort=False).mean().round(1)
print(f"{i18n.synthetic_label()} | r7-wear-out, {WEEKS} weeks, seeds {SEEDS}, mean per run")
table

# %% [markdown]
# How does that look on the robot's timeline? Red: unplanned failures (with the long repair),
# blue: planned services at night.

# %%
fig, ax = plt.subplots(figsize=(9, 2.6), layout="constrained")
for row, name in enumerate(POLICIES):
    result = run_policy(name, SEEDS[0])
    for stop in r7_stops(result).itertuples():
        colour = "tab:red" if stop.cause == "failure" else "tab:blue"
        ax.barh(row, stop.end_h - stop.start_h, left=stop.start_h, color=colour, height=0.6)
ax.set_yticks(range(len(POLICIES)), list(POLICIES))
ax.set_xlabel(i18n.t("axis.time_h"))
ax.set_xlim(0, 24 * 7 * WEEKS)
ax.set_title("R7: red = failure and repair, blue = planned service")
stamp(fig, result)

# %% [markdown]
# **Try it.** Switch the failure pattern to *random* and compare again. Change the preventive
# interval and the noise of the predictive signal. Questions to discuss:
#
# * Why does preventive maintenance hardly help when failures are *random*?
# * How noisy may the condition signal be before predictive maintenance is no better than
#   preventive?
# * The story reports "downtime −37 %". What do you get here — and what did you have to assume
#   for it?

# %%
def compare(pattern="wear-out", every_h=20.0, noise_h=2.0):
    params = {"reactive": {}, "preventive": {"every_h": every_h},
              "predictive": {"noise_h": noise_h}}
    rows = [{"policy": name, **score(run_policy(name, seed, pattern, **params[name]))}
            for name in POLICIES for seed in SEEDS[:2]]
    means = pd.DataFrame(rows).groupby("policy", sort=False).mean()
    fig, axes = plt.subplots(1, 2, figsize=(9, 3), layout="constrained")
    means["R7 unplanned down [h]"].plot.bar(ax=axes[0], color="tab:red", rot=0)
    axes[0].set_title("R7 unplanned down [h]")
    means["maintenance-related cost [EUR]"].plot.bar(ax=axes[1], color="tab:grey", rot=0)
    axes[1].set_title("maintenance-related cost [EUR]")
    for ax in axes:
        ax.set_xlabel("")
    stamp(fig, f"r7-{pattern}, {WEEKS} weeks, seeds {SEEDS[:2]}, mean per run")
    plt.show()


live(compare,
     pattern=widgets.ToggleButtons(options=["wear-out", "random"], value="wear-out"),
     every_h=widgets.FloatSlider(value=20, min=5, max=40, step=5, description="every [h]"),
     noise_h=widgets.FloatSlider(value=2, min=0, max=20, step=1, description="noise [h]"))

# %% [markdown]
# ### The built-in maintenance agent
#
# Werkhalle ships the same idea as an agent (`scenarios/predictive_maintenance.toml`): R7 wears
# out after about 24 operating hours, the agent reads a noisy **wear signal** (0 = new,
# 1 = failure due), orders the spare part and proposes maintenance; a person approves. Its
# journal says, in words, why — the toy's version of "planned maintenance in 18 hours":

# %%
PM = SCENARIOS / "predictive_maintenance.toml"
pm = {policy: sim.run(PM, seed=SEEDS[0], policies={"maintenance": policy})
      for policy in ("reactive", "predictive")}
print(pm["predictive"].banner)
for d in pm["predictive"].decisions.itertuples():
    print(f"{d.when}  {d.choice}: {d.reason}")
pd.DataFrame({p: r.kpis[["breakdowns [count]", "downtime [h]", "cost maintenance [EUR]",
                         "on-time delivery [%]"]] for p, r in pm.items()}).round(1)

# %% [markdown]
# **Discuss:** here the agent more than halves the downtime and still costs more — and on-time
# delivery does not change. Who gains from the saved downtime in this week? When would it
# pay?
#
# ### When R7's failure bites: total cost
#
# In the shipped week R7 works about half of its shift hours: the line catches up after every
# failure, every policy delivers all 540 units on time, and *reactive* maintenance is the
# cheapest. The textbook ordering needs a week in which a failure costs something a customer
# notices. `scenarios/r7_at_risk.toml` changes only scenario data: the order book fills R7 to
# about 90 % of its shift hours (Monday to Thursday), a late unit costs 40 EUR, a surprise
# failure costs 1,400 EUR (call-out, express part) on top of its ~7 h repair, and a planned
# maintenance takes 3 h — in a shift that is 3 h of the bottleneck lost, in the night window
# nothing.
#
# **Total cost** per week = late penalty + failure repairs + planned maintenance (booked, with
# the part) + overtime premium + **lost margin** (units ordered but not built × price minus
# material). The study runs the shipped maintenance agent (it reads the condition sensor
# through the port, never the true remaining life) with the same replication seeds for every
# policy, so all differences are paired.

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
    return f"{row['mean']:,.0f} [{row['ci_low']:,.0f}, {row['ci_high']:,.0f}]"


print(i18n.banner(studies["r7_at_risk"]["policies"].attrs["metadata"]))
print(f"total cost per week [EUR], mean [95 % CI] over {N} replications")
pd.DataFrame({name: t["policies"].set_index("policy").apply(with_ci, axis=1)
              for name, t in studies.items()})

# %% [markdown]
# The same three policies, paired (the first minus the second, < 0: the first is cheaper):

# %%
order = studies["r7_at_risk"]["ordering"].set_index("comparison")
order.apply(with_ci, axis=1).to_frame("difference [EUR/week]")

# %% [markdown]
# Left: the **U-curve** — maintaining very often wastes hours of the bottleneck in the shifts;
# maintaining rarely lets R7 fail. Right: what predictive is worth against the *best*
# preventive interval (a generous comparison: the best interval is picked after the fact)
# as the sensor gets noisier, for an early warning (threshold 0.4, about 14 operating hours
# ahead) and a late one (threshold 0.7, about 7 h: less than the 8 h the spare part needs).

# %%
fig = plot_maintenance_study(studies["r7_at_risk"])
stamp(fig, SimpleNamespace(metadata=studies["r7_at_risk"]["interval"].attrs["metadata"]))
fig

# %% [markdown]
# With 20 replications (`python scripts/maintenance_study.py`) the ordering predictive <
# preventive < reactive holds in total cost for a clean, early signal, with paired CIs that
# exclude zero; the cost curve over the preventive interval is U-shaped with its bottom near
# half the mean life. It does **not** hold everywhere, and that is a lesson too: a late warning
# (threshold 0.7 or more: the part comes too late for the night window) or a noisy sensor
# (noise 0.2–0.3: false alarms, needless stops) makes predictive no better than — or worse
# than — a well-chosen fixed interval. And in the shipped week, with slack capacity, the
# cheapest policy is to let R7 fail.
#
# **Discuss:** Which of the scenario's numbers decide the ordering? Try a shorter planned
# maintenance (`agents.maintenance.duration`), a cheaper failure
# (`stations.robot_r7.failures.repair_cost`) or a lighter order book.
#
# ## 3 · Quality drift at 13:45
#
# *At 13:45 a worker reports a suspected inaccuracy in a batch. The agent finds thermal drift
# at the assembly station, re-adjusts it, and marks the affected batches for an extended
# end-of-line test.*
#
# How many parts are "affected" depends on **when the drift is noticed**. We measure one
# dimension of every part the line finishes on Monday (deviation from nominal, in µm, noise
# σ = 5 µm, tolerance ±20 µm). From 11:00 on, the station drifts slowly. Three ways to notice:
#
# * **the worker**: at 13:45 (as in the story);
# * a **Shewhart chart**: alarm when one part deviates more than 3σ = 15 µm;
# * an **EWMA chart** (λ = 0.2): alarm when the smoothed deviation leaves ±3σ·√(λ/(2−λ)).
#
# The parts come from the simulated line (their finishing times); the measurements are drawn
# here with numpy — both are SYNTHETIC.

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
        "worker (13:45)": np.array([WORKER_H]),
    }
    return deviation, np.array(smoothed), {k: (v[0] if v.size else np.nan)
                                           for k, v in alarms.items()}


def drift(drift_um_per_h=4.0):
    deviation, smoothed, alarms = spc(drift_um_per_h)
    fig, ax = plt.subplots(figsize=(9, 3.2), layout="constrained")
    ax.plot(finish_h, deviation, ".", color="tab:grey", label="measured part")
    ax.plot(finish_h, smoothed, "-", color="tab:blue", label="EWMA")
    ax.axhspan(-TOL, TOL, color="tab:green", alpha=0.08, label="tolerance")
    for (name, t), colour in zip(alarms.items(), ["tab:red", "tab:blue", "black"]):
        ax.axvline(t, color=colour, ls="--", label=f"{name}: {i18n.when(60 * t)}")
    ax.set_xlabel(i18n.t("axis.time_h"))
    ax.set_ylabel("deviation [µm]")
    ax.legend(fontsize=7, ncols=3, loc="upper left")
    stamp(fig, monday)
    plt.show()
    rows = {name: {"alarm": i18n.when(60 * t) if t == t else "none",
                   "parts made since the drift began": int(((finish_h >= START_H)
                                                            & (finish_h <= t)).sum()),
                   "out of tolerance by then": int(((np.abs(deviation) > TOL)
                                                    & (finish_h <= t)).sum())}
            for name, t in alarms.items()}
    display(pd.DataFrame(rows).T)


live(drift, drift_um_per_h=widgets.FloatSlider(value=4, min=0.5, max=15, step=0.5,
                                               description="µm per h"))

# %% [markdown]
# The line model has a drift of its own: in `scenarios/quality_drift.toml` the assembly
# station's **scrap rate** climbs by 3 points per hour from Wednesday 10:00. Without agents
# nobody notices; the maintenance agent watches a control chart (p-chart) of the scrap share
# and recalibrates the station when it leaves its limits:

# %%
QD = SCENARIOS / "quality_drift.toml"
drift_runs = {"nobody watches": sim.run(QD, seed=SEEDS[0], agents="off"),
              "agent with p-chart": sim.run(QD, seed=SEEDS[0])}
print(drift_runs["agent with p-chart"].banner)
print(drift_runs["agent with p-chart"].decisions[["when", "trigger", "choice"]].to_string())
pd.DataFrame({name: r.kpis[["scrap [units]", "quality [%]", "output [units]"]]
              for name, r in drift_runs.items()}).round(1)

# %% [markdown]
# ### The worker's report, and containing the batch
#
# Scrap is what the station *sees*. A drifting station also lets parts through that are
# defective without anybody noticing: in `scenarios/quality_containment.toml` (a `[quality]`
# section) every two extra scraps come with one **hidden defect**. Finished parts wait 8 h in
# dispatch; a defective part that leaves is an **escape** (400 EUR: complaint, warranty).
# At 13:45 a worker reports a suspected inaccuracy. The maintenance agent scans the **batch**
# (the parts assembly made in the last 6 h, or since its last recalibration) against its
# control limit; if the drift is confirmed it recalibrates, sends the batch through the
# **extended end-of-line test** (one rig, 6 min a part, 90 EUR/h) and switches on the
# **changed cooling** from the evening stop (the drift then creeps at 30 % of its rate).
# Below: the same agents with and without those two levers (seed 2).

# %%
QC = SCENARIOS / "quality_containment.toml"
contained = sim.load_scenario(QC)
no_levers = sim.with_overrides(contained, {"quality.retest": None, "quality.cooling": None})
report_runs = {"report: recalibrate only": sim.run(no_levers, seed=2),
               "report: contain the batch": sim.run(contained, seed=2)}
journal = report_runs["report: contain the batch"].decisions
print(journal[journal["trigger"].str.contains("report")][["when", "choice", "reason"]]
      .to_string())
pd.DataFrame({name: r.kpis[["escapes [units]", "caught defects [units]",
                            "parts re-tested [units]", "scrap [units]", "line quality [%]",
                            "quality [%]", "cost [EUR]"]]
              for name, r in report_runs.items()}).round(1)

# %% [markdown]
# Over seeds 1–20 (paired: the same luck with and without; `python
# scripts/quality_effects.py containment`) the two levers cut escapes by 3.4 units a week [1.7, 5.1] and
# raise the **line's** quality rate (good units out ÷ parts started) by 1.9 [1.1, 2.6]
# points, while the bottleneck station's own quality factor moves by 1.0 [0.2, 1.8] points:
# the two rates answer different questions. The story's "99.98 %" is a *claim*; the toy's
# line quality rate here is 92.4 % [91.5, 93.3], because its drift is invented and large.
#
# **Staff to quality assurance** (the 2035 story's third alternative) works the same way in
# `scenarios/qa_staff.toml`: while cutting is starved, its operator can check parts in
# dispatch. The planner's twin weighs it like the other options; over seeds 1–20 (`python scripts/quality_effects.py qa`) it wins in 4 seeds at
# 400 EUR per escape (escapes −0.75 [−1.52, +0.02] a week, cost −278 EUR [−564, +8]), never at
# 0 EUR, and in 9 seeds at 2,000 EUR. Taking people off a station that is starved anyway is
# cheap; taking them off a station that could still work is not.

# %% [markdown]
# With slow drift a single-part rule (Shewhart) reacts late; the EWMA chart, which remembers
# the recent past, notices a small persistent shift much earlier. Either way the parts to
# re-test are those made **between the start of the drift and the alarm** — earlier detection
# means fewer batches in the extended test.

# %% [markdown]
# ## 4 · One window, two effects: maintenance with an energy-saving update
#
# The story's agent "proposes to combine the maintenance with an energy-saving process
# update". In `energy_maintenance` R7's night maintenance may carry an update
# (`[energy.updates.robot_r7]`): the window grows by 30 min, and afterwards R7 draws 75 % of
# its power. The journal shows both effects. (Twenty paired seeds, `bundle` true vs false:
# `python scripts/paired_lever.py energy_maintenance energy.updates.robot_r7.bundle` —
# +0.5 h downtime, −2.5 % energy and CO2 per unit, no unit lost.)

# %%
EM = sim.load_scenario(SCENARIOS / "energy_maintenance.toml")
bundled = {b: sim.run(sim.with_overrides(EM, {"energy.updates.robot_r7.bundle": b}),
                      seed=SEEDS[0]) for b in (False, True)}
print(bundled[True].decisions["reason"].iloc[0])
pd.DataFrame({f"bundle={b}": r.kpis[["downtime [h]", "energy [kWh]",
                                      "energy per unit [kWh/unit]",
                                      "CO2 energy per unit [kg/unit]", "cost energy [EUR]",
                                      "cost maintenance [EUR]", "output [units]"]]
              for b, r in bundled.items()}).round(3)

# %% [markdown]
# **Discuss:** the update saves energy only from the window to the end of the week — compare
# the energy cost it saves with the 150 EUR it costs. When does it pay, and when would 30 more
# minutes of downtime be too dear?
#
# ## What to take away
#
# * Preventive maintenance pays only when machines **wear out**; for random failures it adds
#   stops without removing any.
# * Predictive maintenance is as good as its signal. The toy's signal is generous; ask how good
#   a real one is before believing a percentage.
# * Maintenance pays only when downtime costs something: in a week with slack, running R7 to
#   failure is the cheapest; near capacity the textbook order appears in **total cost** —
#   and only with an early, clean warning does predictive beat the best fixed interval.
# * Detecting drift is a statistics problem (control charts) before it is an AI problem.
#
# *All numbers above: SYNTHETIC toy-model output.*
