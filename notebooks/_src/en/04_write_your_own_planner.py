# %% [markdown]
# # 4 · Write your own planner
#
# > **SYNTHETIC** — every number in this notebook comes from a toy model of an invented plant
# > ("Werkhalle 4"). It is not data from any real factory.
#
# The planner agent of notebook 1 is not magic: it is a **rule** of a dozen lines. In this
# exercise you write your own rule, plug it into the line, and score it against the built-in
# planner and against doing nothing — on a set of supply disruptions, on the same random
# numbers for everybody.
#
# **The task (about 30 minutes):** write a planner whose mean class score is lower (better)
# than the built-in planner's. Or find out why that is hard.

# %% [include] setup en

# %% [markdown]
# ## 1 · What a planner rule looks like
#
# A planner is any object with a method `decide(situation)`. The line calls it when something
# needs deciding and passes a `Situation`:
#
# | field | what it holds |
# |---|---|
# | `situation.time` | clock in minutes since Monday 00:00 (`i18n.when(t)` prints it) |
# | `situation.trigger` | what happened, in words |
# | `situation.observation` | the line as seen now: `.stock`, `.pipeline`, `.open_orders`, `.wip` ... |
# | `situation.candidates` | the options found, each with `.name`, `.description`, `.outlay` (EUR), `.co2_kg` |
# | `situation.details` | for a supply problem: `material`, `shortfall` (kg), `until` (minutes) |
# | `situation.evaluate(options)` | simulates options forward in the twin; fills `option.predicted` |
#
# It returns a `Proposal(choice, options, reason)` — or `None` to do nothing. Here is the
# built-in planner, in full:
#
# ```python
# class TwinPlanner:
#     def decide(self, situation):
#         options = situation.evaluate(situation.candidates)   # simulate every option
#         best = min(options, key=lambda o: o.score)          # cost + 0.5·CO2 + 20·unit-hours late
#         return Proposal(best, options, explain(best, ...))
# ```

# %%
from sim.agents import Proposal
from sim.agents import RulePlanner, TwinPlanner

# %% [markdown]
# ## 2 · The test set: five disruptions
#
# Your rule must cope with more than one story. The test set varies the vignette: more demand,
# little or no alloy in Czechia, a longer outage, and a flu wave on top of a short outage.

# %%
BASE = sim.load_scenario(SCENARIOS / "supply_disruption.toml")
BUSY = {f"release.orders.{name}.quantity": round(order.quantity * 1.3)  # 30 % more demand
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
if QUICK:
    DISRUPTIONS = dict(list(DISRUPTIONS.items())[:3])
SEEDS = [1] if QUICK else [1, 2]
TEST_SET = {name: sim.with_overrides(BASE, changes) for name, changes in DISRUPTIONS.items()}


def class_score(kpis):
    """The workshop's score (lower is better): cost + 0.5 × kg CO2 + 500 × late units."""
    return kpis["cost [EUR]"] + 0.5 * kpis["CO2 [kg]"] + 500 * kpis["late units [units]"]


KEEP = ["on-time delivery [%]", "late units [units]", "material shortage at first station [h]",
        "cost [EUR]", "CO2 [kg]"]


def score_planner(name, planner=None, agents=None):
    """Run `planner` (or an agents mode) on every disruption and seed; one row per run."""
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


reference = pd.concat([score_planner("baseline (wait)", agents="off"),
                       score_planner("built-in (twin)", TwinPlanner()),
                       score_planner("fixed rule", RulePlanner())])
print(f"{i18n.synthetic_label()} | supply_disruption variants, seeds {SEEDS}")
reference.pivot_table(index="disruption", columns="planner", values="score").round(0)

# %% [markdown]
# ## 3 · Your turn
#
# Edit the class below and run the cell. It starts as "always wait". Some ideas:
#
# * transfer from Czechia if its stock covers the shortfall, else something else
#   (`situation.details["shortfall"]`, and `BASE.agents.sites` lists what each site offers);
# * never fly alloy in (CO2!) unless the outage is long;
# * use `situation.evaluate(...)` on a *few* options only, and choose with your own score;
# * look at `option.outlay` — beyond 3000 EUR a person has to approve, which takes 4 hours.

# %%
class MyPlanner:
    """YOUR RULE. The version below always waits — change it!"""

    def decide(self, situation):
        if "shortfall" not in situation.details:  # not a supply problem: do nothing
            return None
        options = {o.name: o for o in situation.candidates}
        shortfall = situation.details["shortfall"]  # kg of alloy missing before `until`
        choice = options["wait"]
        return Proposal(choice, situation.candidates,
                        f"my rule: wait (shortfall {shortfall:.0f} kg)")


mine = score_planner("my planner", MyPlanner())
board = pd.concat([reference, mine])
leaderboard = board.groupby("planner")["score"].agg(["mean", "min", "max"]).sort_values("mean")
leaderboard.round(0)

# %%
fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")
table = board.pivot_table(index="disruption", columns="planner", values="score")
table[leaderboard.index[::-1]].plot.barh(ax=ax, width=0.8)
ax.set_xlabel("class score (lower is better)")
ax.set_ylabel("")
ax.legend(loc="upper left", bbox_to_anchor=(1, 1), reverse=True)
stamp(fig, f"supply_disruption variants, seeds {SEEDS}, class score = cost + 0.5·CO2 + 500·late")

# %% [markdown]
# ### Solutions (open after you tried)
#
# Two possible rules are in the hidden cells below (click the "…" to expand). Run one of them
# to see it on the leaderboard.

# %% tags=["solution"]
class StockFirst:
    """Solution 1: no simulation. Czech stock if it covers the shortfall; else fly the rest."""

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
                        f"stock first: Czech offers {offered:.0f} of {short:.0f} kg")


board = pd.concat([board, score_planner("solution: stock first", StockFirst())])
board.groupby("planner")["score"].mean().sort_values().round(0)

# %% tags=["solution"]
class GreenTwin:
    """Solution 2: simulate, but price CO2 at 5 EUR/kg instead of 0.5 (a greener planner)."""

    def decide(self, situation):
        options = situation.evaluate(situation.candidates)
        def green(o):
            p = o.predicted
            return p["cost"] + 5.0 * p["co2_kg"] + 20.0 * p["lateness_h"]
        best = min(options, key=green)
        return Proposal(best, options, f"green score {green(best):,.0f}")


board = pd.concat([board, score_planner("solution: green twin", GreenTwin())])
board.groupby("planner")["score"].mean().sort_values().round(0)

# %% [markdown]
# ## 4 · Hand in your planner's scores
#
# Give your planner a name, write your team's name, and run the cell. The CSV file goes to your
# lecturer (in JupyterLite: right-click it in the file browser → *Download*).

# %%
TEAM = os.environ.get("WERKHALLE_TEAM", "my-team")  # ← your team's name
PLANNER_NAME = "my planner"                          # ← what your rule does, in 3 words

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
print(f"saved {path}")

# %% [markdown]
# ## No code: a planner as three rules
#
# Not everyone in the room writes Python. The same planner can be written as **data** — in a
# scenario file (`[agents.planner] policy = "rules"`, see `docs/agents.md`) or with the
# dropdowns below: each line is *if … then …*, tried top to bottom; the first line whose
# condition holds and whose action is on offer decides. Conditions: `stock_covers` (the sister
# site's stock covers the shortfall), `outage_longer` (the outage lasts longer than *hours*),
# `shortfall_above`, `always`.

# %%
from sim.experiments import HELD_OUT, RULE_ACTIONS, RULE_CONDITIONS, TUNING, planner_board

DEFAULT = [("stock_covers", "transfer"), ("outage_longer", "express"), ("always", "resequence")]
lines = [(widgets.Dropdown(options=RULE_CONDITIONS, value=c, description=f"{i + 1}. if"),
          widgets.Dropdown(options=RULE_ACTIONS, value=a, description="then"))
         for i, (c, a) in enumerate(DEFAULT)]
hours = widgets.FloatSlider(value=48, min=0, max=120, step=6, description="hours")
display(widgets.VBox([widgets.HBox(list(line)) for line in lines] + [hours]))


def my_rules():
    """The dropdowns as a rule list (the same data a scenario file holds)."""
    return [{"if": c.value, "then": a.value, "hours": hours.value, "quantity": 0.0}
            for c, a in lines]


my_rules()

# %% [markdown]
# **The reveal.** So far every planner was tuned and scored on the same five disruptions. Now
# the held-out set: five other stories (other outage lengths, stock levels, loads) and other
# weeks (seeds). Same class score, tuning beside held-out:

# %%
tuning = dict(list(TUNING.items())[:1]) if QUICK else TUNING
held_out = dict(list(HELD_OUT.items())[:2]) if QUICK else HELD_OUT
reveal = planner_board(BASE, {"no-code rules": my_rules(), "built-in (twin)": TwinPlanner(),
                              "fixed rule": RulePlanner(), "baseline (wait)": "off"},
                       tuning, held_out, seeds=SEEDS, held_out_seeds=[11] if QUICK else [11, 12])
print(f"{i18n.synthetic_label()} | supply_disruption: tuning {len(tuning)} × seeds {SEEDS}, "
      f"held-out {len(held_out)} × other seeds; class score (lower is better)")
reveal.round(0)

# %% [markdown]
# ## Discuss
#
# * Which disruption was hardest for your rule — and for the built-in planner?
* Did the ranking survive the held-out set? Which planner was tuned to the test?
# * The built-in planner optimises *its* score (unit-hours late), the class ranks by *another*
#   (500 per late unit). Which one would your plant manager sign?
# * A rule you can read in ten lines versus a simulation nobody checks: which would you let act
#   alone, and within which guardrails?
#
# *All numbers above: SYNTHETIC toy-model output.*
