"""Make the example exports in ``example_exports/`` by running the participants' notebooks.

Three invented teams run notebook 1 (each picks another option at the disruption) and
notebook 4 (each with another planner rule), exactly as participants would; their CSV exports
land in ``example_exports/``. Every file carries the SYNTHETIC label (its first column).

Usage (from the repository root; takes about a minute)::

    python notebooks/lecturer/make_example_exports.py
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
NOTEBOOKS = HERE.parent
OUT = HERE / "example_exports"

TEAMS = {
    "team-amsel": {"choice": "transfer_czech+resequence", "rule": "wait"},
    "team-buche": {"choice": "express_express", "rule": "express"},
    "team-eiche": {"choice": "resequence", "rule": "stock"},
}
"""Invented teams: their pick in notebook 1 and the kind of rule they wrote in notebook 4."""

RULES = {
    "wait": ("always wait", '"wait"'),
    "express": ("fly it in", '"express_express" if "express_express" in options else "wait"'),
    "stock": ("Czech stock first",
              '"transfer_czech" if "transfer_czech" in options else "resequence"'),
}
"""Planner rules of the example teams: a name, and the option name the rule picks."""


def run(notebook: Path, env: dict[str, str], replace: dict[str, str] | None = None) -> None:
    """Execute ``notebook`` with ``env`` set, after replacing cells that start as given."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        for start, source in (replace or {}).items():
            if cell.source.startswith(start):
                cell.source = source
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(notebook.parent)}}).execute()
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def planner_cell(rule: str) -> str:
    """The source of a ``MyPlanner`` cell that follows ``rule``."""
    name, pick = RULES[rule]
    return f'''class MyPlanner:
    """Example team rule: {name}."""

    def decide(self, situation):
        if "shortfall" not in situation.details:
            return None
        options = {{o.name: o for o in situation.candidates}}
        pick = options[{pick}]
        return Proposal(pick, situation.candidates, "{name}")


mine = score_planner("my planner", MyPlanner())
board = pd.concat([reference, mine])
leaderboard = board.groupby("planner")["score"].agg(["mean", "min", "max"]).sort_values("mean")
'''


def main() -> None:
    """Run notebooks 1 and 4 once per example team."""
    OUT.mkdir(exist_ok=True)
    for team, plan in TEAMS.items():
        env = {"WERKHALLE_TEAM": team, "WERKHALLE_EXPORT_DIR": str(OUT),
               "WERKHALLE_CHOICE": plan["choice"]}
        run(NOTEBOOKS / "en" / "01_supply_disruption.ipynb", env)
        name = RULES[plan["rule"]][0]
        run(NOTEBOOKS / "en" / "04_write_your_own_planner.ipynb", env, {
            "class MyPlanner:": planner_cell(plan["rule"]),
            "TEAM = ": f'TEAM = "{team}"\nPLANNER_NAME = "{name}"\n'
                       + _export_tail(NOTEBOOKS / "en" / "04_write_your_own_planner.ipynb"),
        })
        print(f"{team}: done")


def _export_tail(notebook: Path) -> str:
    """The export cell of notebook 4 without its first two lines (team and planner name)."""
    nb = nbformat.read(notebook, as_version=4)
    cell = next(c for c in nb.cells if c.source.startswith("TEAM = "))
    return "\n".join(cell.source.splitlines()[2:])


if __name__ == "__main__":
    main()
