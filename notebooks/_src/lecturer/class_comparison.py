# %% [markdown]
# # Lecturer: class comparison
#
# > **SYNTHETIC** — every number here comes from a toy model of an invented plant. The
# > example files in `example_exports/` are invented teams, not a real class.
#
# Participants hand in small CSV files from notebook 1 (*their decision at the supply
# disruption*) and notebook 4 (*their planner's scores*). Put all files into one folder — no
# server needed, e-mail or a USB stick will do — and point `FOLDER` at it. This notebook
# collects them into a class comparison for the debrief.

# %% [include] setup en

# %%
FOLDER = Path(os.environ.get("WERKHALLE_CLASS_DIR", "example_exports"))  # ← your folder

# every file is a plain CSV whose first two columns are the label and the run fingerprint;
# files without the SYNTHETIC label are skipped (and named below)
data, problems = read_labelled_folder(FOLDER)
if len(data):
    data["notebook"] = data.notebook.astype(str).str.zfill(2)
print(f"{data.file.nunique() if len(data) else 0} files from "
      f"{data.team.nunique() if len(data) else 0} teams in {FOLDER} — {i18n.synthetic_label()}")
for problem in problems:
    print("skipped:", problem)

# %% [markdown]
# ## 1 · The supply disruption: what did the teams decide?
#
# Each team saw the same situation at Tuesday 06:30 and picked one option. The planner agent
# and waiting are shown once (they are the same for every team on the same version).

# %%
decisions = data[data.notebook == "01"]
humans = decisions[decisions.who == "human"]
fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
humans.entry.map(i18n.option_label).value_counts().plot.barh(ax=ax, color="tab:blue")
agent_pick = decisions[decisions.who == "agent"].entry.iloc[0]
ax.set_title(f"options chosen by the teams (the agent chose: {i18n.option_label(agent_pick)})",
             fontsize=10)
ax.set_xlabel("teams")
stamp(fig, "class exports of notebook 1, seed 1")

# %%
SHOW = ["entry", "on-time delivery [%]", "late units [units]", "cost [EUR]", "CO2 [kg]", "score"]
reference = decisions[decisions.who != "human"].drop_duplicates("who").set_index("who")[SHOW]
teams = humans.set_index("team")[SHOW]
pd.concat([reference, teams]).sort_values("score").round(1)

# %%
fig, ax = plt.subplots(figsize=(6.5, 4), layout="constrained")
for who, marker in [("baseline", "s"), ("agent", "D"), ("human", "o")]:
    part = decisions[decisions.who == who].drop_duplicates(["who", "entry"])
    ax.scatter(part["cost [EUR]"], part["late units [units]"], marker=marker, s=60, label=who)
    if who == "human":
        for _, row in part.iterrows():
            ax.annotate(row["team"], (row["cost [EUR]"], row["late units [units]"]),
                        fontsize=7, xytext=(4, 4), textcoords="offset points")
ax.set_xlabel(i18n.kpi_label("cost [EUR]"))
ax.set_ylabel(i18n.kpi_label("late units [units]"))
ax.legend()
stamp(fig, "class exports of notebook 1, seed 1")

# %% [markdown]
# ## 2 · Write your own planner: the leaderboard
#
# Mean class score (cost + 0.5 × kg CO2 + 500 × late units; lower is better) of each team's
# planner over the test set, next to the built-in planner and waiting.

# %%
planners = data[data.notebook == "04"]
check = planners[planners.who != "participant"].groupby(["who", "disruption", "seed"]).score
if (check.nunique() > 1).any():
    print("warning: the built-in planner or the baseline differ between teams — "
          "different Werkhalle versions or test sets?")
board = pd.concat([
    planners[planners.who == "participant"].assign(name=lambda d: d.team + ": " + d.entry),
    planners[planners.who != "participant"].drop_duplicates(["who", "disruption", "seed"])
    .assign(name=lambda d: d.entry),
])
leaderboard = board.groupby("name").score.agg(["mean", "min", "max", "count"]).sort_values("mean")
print(i18n.synthetic_label())
leaderboard.round(0)

# %%
fig, ax = plt.subplots(figsize=(8, 0.45 * len(leaderboard) + 1.2), layout="constrained")
colours = ["tab:grey" if ":" not in name else "tab:blue" for name in leaderboard.index]
ax.barh(leaderboard.index[::-1], leaderboard["mean"][::-1], color=colours[::-1])
ax.set_xlabel("mean class score (lower is better)")
stamp(fig, "class exports of notebook 4")

# %%
board.pivot_table(index="name", columns="disruption", values="score").round(0)

# %% [markdown]
# ## For the debrief
#
# * Which team beat the built-in planner — and on which disruptions did it lose?
# * Were the winning rules *simulating* (twin) or *simple* (a few `if`s)? What does that say
#   about the stories' "AI in 0.8 seconds"?
# * Would the ranking change with another class score? (Change the 500 per late unit in
#   notebook 4 and let the teams re-run.)
#
# ## 3 · The debrief slide: the five questions with this class's numbers
#
# Put this on the projector for the last 25 minutes (the facilitator script is
# `docs/facilitator.md`). The cell fills in the class's own numbers; the human-delay ladder
# is computed here with the model (same scenario and seed as notebook 1, a person approving
# the planner's proposal after 0 … 72 h).

# %%
import textwrap

agent_row = decisions[decisions.who == "agent"].iloc[0]  # the planner agent, notebook 1
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
    {"approval after [h]": h, **sim.run(
        sim.with_overrides(sim.load_scenario("supply_disruption"),
                           {"agents.human_reaction_delay": f"{h} h"}), seed=1,
        agents="recommend")
     .kpis[["late units [units]", "material shortage at first station [h]"]].to_dict()}
    for h in delays]).set_index("approval after [h]")
late_ok = ladder[ladder["late units [units]"] == 0].index.max()
journal = sim.compare("supply_disruption", seed=1)
planner_lines = [x for x in journal.timeline if "planner" in x and "weighs" in x]
line = next((x for x in planner_lines if "simulated in the twin" in x), planner_lines[0])
worst = humans.sort_values("cost [EUR]").iloc[-1]

def say(*paragraphs):
    """Print each paragraph wrapped to the projector's width (tables as they are)."""
    for text in paragraphs:
        print(text if "\n" in text else textwrap.fill(text, 95, subsequent_indent="    "))
        print()


agent_settings = sim.load_scenario("supply_disruption").agents
FORESIGHT = (
    "The agent's look-ahead ran on the week's own random numbers (forecast = \"oracle\", a "
    "teaching mode): it knew when the rail line would reopen. Which of its predictions could a "
    "real plant have made on Tuesday at 06:30?"
    if agent_settings.forecast == "oracle" else
    f"The agent did not know when the rail line would reopen: its look-ahead simulated "
    f"{agent_settings.futures} sampled futures from what was known on Tuesday at 06:30 (the "
    "supplier's estimate of the outage, give or take its spread). Which assumption in it would "
    "you challenge, and what would perfect foresight have been worth (forecast = \"oracle\")?")

print(i18n.synthetic_label(), end="\n\n")
say(f"1 · Foresight or forecast? {same} of {teams_n} teams chose exactly what the agent chose "
    f"({i18n.option_label(agent_row.entry)}), {partly} more combined it with something else. "
    f"Best team: {best.team} (class score {best.score:,.0f}; agent {agent_row.score:,.0f}). "
    + FORESIGHT,
    "2 · How late may a person decide? The model's ladder (a person approves the planner's "
    "proposal after h hours):",
    ladder.round(1).to_string(),
    f"Up to {late_ok} h the week is still saved; the story's old process took 72 h.",
    "3 · Whose definition of \"compensated\" was wrong? Share of test disruptions each team's "
    "planner \"compensates\" (on-time >= 95 % and <= 2 h shortage) next to its mean class "
    "score:",
    pd.DataFrame({"compensated": compensated.round(2),
                  "mean class score": cheap.round(0)}).to_string(),
    f"The built-in twin planner: mean class score {twin:,.0f}. Same ranking?",
    "4 · Which journal line would a supervisor challenge? The agent's own line of this week: "
    + line,
    f"5 · Who is accountable? The costliest choice: {worst.team}, "
    f"{i18n.option_label(worst.entry)} — {worst['cost [EUR]']:,.0f} EUR and "
    f"{worst['CO2 [kg]']:,.0f} kg CO2 (the agent: {agent_row['cost [EUR]']:,.0f} EUR and "
    f"{agent_row['CO2 [kg]']:,.0f} kg CO2). Had an agent done this alone \"within guardrails\", "
    "who would answer for it: the vendor, the person who set the weights, or the plant manager "
    "who switched it on?")

# %% [markdown]
# ## 4 · The claims ledger
#
# Every figure of the stories next to the toy's estimate (n ≥ 20 replications, 95 % interval,
# stated definition), from `docs/claims.md` (regenerate with
# `python scripts/claims_ledger.py`).

# %%
ledger_file = SCENARIOS.parent / "docs" / "claims.md"  # not in the browser (JupyterLite) copy
text = (ledger_file.read_text(encoding="utf-8") if ledger_file.is_file() else
        "\n\n> no docs/claims.md here: open it in the repository or on the docs site\n"
        "| # | figure | where | checkable | estimate | differs |\n")
rows = [[c.strip() for c in x.split("|")[1:-1]] for x in text.splitlines() if x.startswith("| ")]
ledger = pd.DataFrame(rows[1:], columns=rows[0]).set_index(rows[0][1])
print(text.splitlines()[2].replace("*", "").strip("> "), end="\n\n")
for figure, estimate in ledger.iloc[:, 3].items():  # the toy's estimate (95 % CI) · definition
    for part in estimate.replace("**", "").split("<br>"):
        print(textwrap.fill(f"{figure:>10} → {part}", 100, subsequent_indent=" " * 13))

# %%
summary = leaderboard.reset_index()
out = Path(os.environ.get("WERKHALLE_EXPORT_DIR", ".")) / "class_summary.csv"
write_labelled_csv(summary, out, i18n.synthetic_label(),
                   f"class comparison of {data.team.nunique()} teams")
print(f"saved {out}")
