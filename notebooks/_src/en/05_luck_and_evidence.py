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
# 4. how many simulated days a claim like "over 92 %" would need;
# 5. forecast, not foresight: what knowing the future — or just deciding faster — is worth.

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
# The scenario `stress_week` draws a **bad week** per replication, of the story's three kinds:
# extra machine breakdowns, cancelled orders, staff calling in sick (late deliveries are an
# opt-in fourth kind in the scenario file). We give it the agents of the supply-disruption
# scenario — with their **honest** forecast: they do not know on Wednesday who will call in
# sick on Friday.
#
# **Compensated** is judged against the **same seed's undisturbed week** (the plan without the
# trouble, nobody reacting, the same random numbers): a bad week is compensated when its
# *excess* stays small — at most 2 h more standstill for lack of material, at most 5 more late
# units, at most 5 more units undelivered at the end. An undisturbed week therefore counts as
# compensated (the definition is *calibrated*: `calibrate=True` also runs every configuration
# on the undisturbed weeks and reports its share there). Baseline and agents face exactly the
# same bad weeks.

# %%
from sim.experiments import lost_and_rescued, stress_report as report

N_DAYS = 6 if QUICK else 30
STRESS = sim.with_overrides(sim.load_scenario(SCENARIOS / "stress_week.toml"),
                            {"agents": sim.scenario.to_data(SUPPLY)["agents"]})
stress = sim.stress_test(STRESS, n=N_DAYS, claim=0.92, jobs=JOBS, progress=False,
                         calibrate=True)
print(report(stress)[:1500])
stress.outcomes.round(3)

# %%
plot_stress(stress)

# %% [markdown]
# Read the verdict column: is 92 % *inside* the confidence interval (the data cannot tell),
# *above* it (the toy does not support the claim), or *below* it? And always read the claim
# **beside the baseline's share**: on these bad weeks the line without any agent already
# compensates most of them — the slack of an under-loaded week absorbs a lot.
#
# **Weeks lost and rescued.** Where baseline and agents disagree, here is what the agents did
# that week:

# %%
lost_and_rescued(stress)[["seed", "outcome", "bad_day", "decisions"]]

# %% [markdown]
# **Why agents can lose a week.** After a breakdown the planner often answers with
# `pull_forward` (start the next order now): it uses idle capacity and keeps deliveries on time,
# but the line then consumes alloy or PCB *ahead of the fixed delivery schedule*, so the first
# station waits for the next truck later. The planner's score (cost + CO2 + unit-hours late)
# does not contain shortage hours — the judge does. You get what you score (Goodhart). Give
# shortage hours a price in the planner's score and watch the result move:

# %%
aligned = sim.with_overrides(STRESS, {"agents.weights.shortage": 200.0})
stress2 = sim.stress_test(aligned, n=N_DAYS, claim=0.92, jobs=JOBS, progress=False)
pd.DataFrame({"shortage ignored (weight 0)": stress.outcomes.set_index("config")["share"],
              "shortage weighed (200 EUR/h)": stress2.outcomes.set_index("config")["share"]}
             ).round(3)

# %% [markdown]
# **The definition matters.** The same bad weeks, judged with other tolerances — no new
# simulation needed:

# %%
def definition(max_excess_shortage_h=2.0, max_excess_late=5):
    rows = []
    for config, part in stress.runs.groupby("config", sort=False):
        ok = ((part["excess_shortage_h"] <= max_excess_shortage_h + 1e-9)
              & (part["excess_late_units"] <= max_excess_late + 1e-9)
              & (part["excess_backlog"] <= 5 + 1e-9))
        low, high = wilson(int(ok.sum()), len(ok))
        rows.append({"config": config, "compensated": f"{ok.mean():.0%}",
                     "95 % CI": f"[{low:.0%}, {high:.0%}]"})
    print(f"compensated = at most {max_excess_shortage_h:.1f} h more shortage and "
          f"{max_excess_late} more late units than the undisturbed week — "
          f"{i18n.synthetic_label()}")
    display(pd.DataFrame(rows).set_index("config"))


live(definition,
     max_excess_shortage_h=widgets.FloatSlider(value=2, min=0, max=24, step=1),
     max_excess_late=widgets.IntSlider(value=5, min=0, max=50, step=5))

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
# ## 5 · Forecast, not foresight: the value of information and of time
#
# The agents' look-ahead is a **forecast**: sampled futures, not the real one. Werkhalle can
# give it perfect foresight instead (`forecast = "oracle"`: impossible in reality). The paired
# difference oracle − sampled over the same seeds is the **value of information** — what
# knowing the week's luck and the outage's true end would be worth. And the story's real
# counterfactual is not "nobody reacts" but *people who decide later*: the same recommendation,
# approved after 4 h, 24 h, 48 h, 72 h — the **value of time**.

# %%
from sim.experiments import value_of_information, value_of_time
from sim.plots import plot_value_of_information, plot_value_of_time

SEEDS = [1, 2] if QUICK else list(range(1, 9))
voi = value_of_information(SUPPLY, SEEDS)
print(voi.attrs["ladder"].fingerprint)
display(voi.round(2))
plot_value_of_information(voi)

# %%
vot = value_of_time(SUPPLY, SEEDS, ["4 h", "24 h", "48 h"] if QUICK
                    else ["4 h", "24 h", "48 h", "72 h"])
plot_value_of_time(vot)

# %% [markdown]
# In this toy the vignette's decision is robust — once the 72 h are reported, an honest
# forecast picks (almost) the same transfer as the oracle, so perfect foresight is worth
# little here. In the stress test it is different: on 40 bad weeks the oracle agents had 0.2
# late units per week, the honest ones 2.4 (baseline 1.7) — the delivery advantage an oracle
# shows comes from reading Friday's sick notes on Wednesday. Time is worth a lot: a person who approves within a few hours keeps every
# delivery on time; only after about two days does it collapse, because the line runs dry on
# Wednesday morning.

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
