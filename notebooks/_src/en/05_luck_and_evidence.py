# %% [markdown]
# # 5 · Luck and evidence
#
# > **SYNTHETIC** — every number in this notebook comes from a toy model of an invented plant
# > ("Werkhalle 4"). It is not data from any real factory.
#
# *"In training, the agent is run through simulated bad days — machines fail, orders are
# cancelled, skilled workers call in sick — and over **92 %** of the simulations are
# compensated."*
#
# A sentence like this mixes three things: a **model** of bad days, a **definition** of
# "compensated", and **luck** (which bad days happened to be drawn). In this notebook you
# separate them:
#
# 1. one run is one story — replications and **confidence intervals**;
# 2. comparing two ways of working fairly — **paired comparisons** on common random numbers;
# 3. the **stress test**: what share of bad days do our agents compensate, and how sure are we?
# 4. how many simulated days a claim like "over 92 %" would need.

# %% [include] setup en

# %%
from sim.plots import plot_paired, plot_stress
from sim.experiments import mean_ci, t_quantile, wilson

JOBS = 1 if QUICK or sys.platform == "emscripten" else -1  # worker processes (none in a browser)
SUPPLY = sim.load_scenario(SCENARIOS / "supply_disruption.toml")
KPI = "on-time delivery [%]"

# %% [markdown]
# ## 1 · One run is one story
#
# Same scenario, different **seeds** (different breakdowns, process times, lead times). How
# much does the number of units the baseline delivers late move from week to week?

# %%
N_REPS = 8 if QUICK else 40
reps = sim.replicate(SUPPLY, n=N_REPS, agents="off", jobs=JOBS, progress=False)
print(reps.banner)
LATE = "late units [units]"
values = reps.runs[LATE]
fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
ax.hist(values, bins=15, color="tab:grey")
ci = mean_ci(values)
ax.axvline(ci["mean"], color="black", label=f"{i18n.t('axis.mean')} {ci['mean']:.1f}")
ax.axvspan(ci["ci_low"], ci["ci_high"], color="tab:blue", alpha=0.25,
           label=f"{i18n.t('axis.ci95')} [{ci['ci_low']:.1f}, {ci['ci_high']:.1f}]")
ax.set_xlabel(i18n.kpi_label(LATE))
ax.set_ylabel(i18n.t("axis.frequency"))
ax.legend(fontsize=8)
stamp(fig, reps)

# %% [markdown]
# The **spread** of single weeks is wide; the **confidence interval** of the mean is narrow —
# and it shrinks like $1/\sqrt{n}$. Move the slider: how many replications do you need to know
# the mean to within ±10 late units?

# %%
def ci_width(n=10):
    widths = [mean_ci(values[:k])["half_width"] for k in range(2, len(values) + 1)]
    fig, ax = plt.subplots(figsize=(6, 3), layout="constrained")
    ax.plot(range(2, len(values) + 1), widths, "o-", ms=3)
    k = min(n, len(values))
    ax.axvline(k, color="tab:red")
    ax.set_title(f"n = {k}: mean {values[:k].mean():.1f} ± {mean_ci(values[:k])['half_width']:.1f}")
    ax.set_xlabel(i18n.t("axis.replication"))
    ax.set_ylabel("half-width of the 95 % CI")
    stamp(fig, reps)
    plt.show()


live(ci_width, n=widgets.IntSlider(value=10, min=2, max=N_REPS))

# %% [markdown]
# ## 2 · A fair comparison: paired, on common random numbers
#
# Do the agents improve on-time delivery? Run both — baseline and agents — with the **same**
# seeds: in replication *i* both lines see the same breakdowns and process times. Then look at
# the differences $d_i$ = agents − baseline. Luck cancels out in $d_i$; what remains is the
# effect of the agents.

# %%
N_PAIRS = 4 if QUICK else 12
paired = sim.compare_paired(SUPPLY, n=N_PAIRS, jobs=JOBS, progress=False)
print(paired.banner)
cols = ["baseline", "agents", "difference", "ci_low", "ci_high", "significant"]
paired.table.set_index("kpi").loc[[KPI, "late units [units]", "cost [EUR]", "CO2 [kg]",
                                   "material shortage at first station [h]"], cols].round(2)

# %%
plot_paired(paired)

# %% [markdown]
# Here the agents change the week so much that pairing gains little. Pairing pays off when
# the change is **small** — and most real improvement ideas are small. Example: is a test station
# that takes 3.4 min instead of 3.8 min worth it? The same pairs of weeks, analysed paired and —
# wrongly — as two independent samples:

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
        "mean difference": np.mean(a - b),
        "± paired": mean_ci(a - b)["half_width"],
        "± unpaired": t * np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))}
print(f"95 % confidence intervals of faster test − as is — {small.banner}")
pd.DataFrame(rows).T.round(3)

# %% [markdown]
# Unpaired, the small improvement drowns in week-to-week luck (the interval includes zero);
# paired, it is measured precisely — with the same number of simulated weeks.

# %% [markdown]
# ## 3 · The stress test: "over 92 % compensated"?
#
# The scenario `stress_week` draws a **bad week** per replication: extra breakdowns, staff
# calling in sick, cancelled orders, late alloy or PCB deliveries. We give it the agents of the
# supply-disruption scenario and count the bad weeks that were **compensated**:
# on-time delivery ≥ 95 % *and* at most 2 h of standstill for lack of material.
# Baseline and agents face exactly the same bad weeks.

# %%
N_DAYS = 6 if QUICK else 30
STRESS = sim.with_overrides(sim.load_scenario(SCENARIOS / "stress_week.toml"),
                            {"agents": sim.scenario.to_data(SUPPLY)["agents"]})
stress = sim.stress_test(STRESS, n=N_DAYS, claim=0.92, jobs=JOBS, progress=False)
print(stress.banner)
stress.outcomes.round(3)

# %%
plot_stress(stress)

# %% [markdown]
# Read the verdict column: is 92 % *inside* the confidence interval (the data cannot tell),
# *above* it (the toy does not support the claim), or *below* it?
#
# **The definition matters.** The same bad weeks, judged by a different threshold for on-time
# delivery — no new simulation needed:

# %%
def definition(on_time_min=95.0, max_shortage_h=2.0):
    rows = []
    for config, part in stress.runs.groupby("config", sort=False):
        ok = ((part[KPI].fillna(100) >= on_time_min)
              & (part["material shortage at first station [h]"] <= max_shortage_h))
        low, high = wilson(int(ok.sum()), len(ok))
        rows.append({"config": config, "compensated": f"{ok.mean():.0%}",
                     "95 % CI": f"[{low:.0%}, {high:.0%}]"})
    print(f"compensated = on-time ≥ {on_time_min:.0f} % and shortage ≤ {max_shortage_h:.1f} h"
          f" — {i18n.synthetic_label()}")
    display(pd.DataFrame(rows).set_index("config"))


live(definition,
     on_time_min=widgets.FloatSlider(value=95, min=50, max=100, step=5),
     max_shortage_h=widgets.FloatSlider(value=2, min=0, max=24, step=1))

# %% [markdown]
# ## 4 · How many bad days would a claim need?
#
# Suppose a system really compensates 95 % of bad days. With how many simulated days would the
# lower end of the 95 % interval clear 92 %? (Wilson score interval, no simulation needed.)

# %%
ns = np.arange(10, 1001, 10)
lows = [wilson(round(0.95 * n), n)[0] for n in ns]
needed = next((n for n, low in zip(ns, lows) if low > 0.92), None)
fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
ax.plot(ns, lows, label="lower end of the 95 % CI for an observed 95 %")
ax.axhline(0.92, color="tab:red", ls="--", label="claim: 92 %")
ax.set_xlabel("simulated bad days")
ax.set_ylabel("share compensated")
ax.legend(fontsize=8)
stamp(fig, f"Wilson interval, observed share 95 %; about {needed} days needed")
print(f"about {needed} simulated bad days — {i18n.synthetic_label()}")

# %% [markdown]
# ## What to take away
#
# * A single run is an anecdote. Report means **with confidence intervals**, and say how many
#   replications they rest on.
# * Compare alternatives on **common random numbers** and look at paired differences.
# * "92 % compensated" is meaningless without the model of a bad day, the definition of
#   *compensated*, the number of simulated days — and the interval.
#
# **Discuss:** which of these four would you ask a vendor for first?
#
# *All numbers above: SYNTHETIC toy-model output.*
