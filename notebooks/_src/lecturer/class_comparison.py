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

# %%
summary = leaderboard.reset_index()
out = Path(os.environ.get("WERKHALLE_EXPORT_DIR", ".")) / "class_summary.csv"
write_labelled_csv(summary, out, i18n.synthetic_label(),
                   f"class comparison of {data.team.nunique()} teams")
print(f"saved {out}")
