"""The no-code planner (issue #17): rules written as scenario data, no Python.

A rule list in the TOML file is validated with clear errors, run by the registered ``rules``
policy, explained in the journal in both languages, and scored with the coded planners on a
tuning set and a held-out set side by side.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sim
from sim import i18n
from sim.agents import TwinPlanner
from sim.agents.rule_builder import RulesPlanner
from sim.errors import ScenarioError
from sim.experiments.planner_board import HELD_OUT, TUNING, class_score, planner_board, variant
from sim.i18n.message import journal_for_people

SHIPPED = Path(sim.__file__).resolve().parents[1] / "scenarios" / "supply_disruption.toml"
RULES = '''policy = "rules"
rules = [
  { if = "stock_covers", then = "transfer" },
  { if = "outage_longer", hours = 48, then = "express" },
  { if = "always", then = "resequence" },
]
'''
"""What a mixed group writes: three lines, no Python."""


def scenario_with(tmp_path: Path, planner_section: str) -> Path:
    """A team's own file: the shipped vignette, with the planner section replaced."""
    text = f'extends = "{SHIPPED.as_posix()}"\n\n[agents.planner]\n{planner_section}'
    path = tmp_path / "my_rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_rule_list_in_the_file_runs_and_explains_itself(tmp_path):
    scenario = sim.load_scenario(scenario_with(tmp_path, RULES))
    assert [r.then for r in scenario.agents.planner.rules] == ["transfer", "express",
                                                               "resequence"]
    result = sim.run(scenario, seed=1)
    planner = result.decisions[result.decisions.agent == "planner"]
    supply = planner[planner.choice.str.startswith("transfer_")].iloc[0]
    assert supply["reason"] == ("rule 1: if the sister site's stock covers the shortfall then "
                                "transfer stock (nothing was simulated)")
    assert supply["forecast"] == "-"  # nothing simulated
    with i18n.language("de"):
        shown = journal_for_people(planner)
    assert shown.loc[supply.name, "reason"].startswith(
        "Regel 1: wenn der Bestand des Schwesterwerks die Unterdeckung deckt, dann Bestand holen")


def test_the_order_of_the_rules_decides(tmp_path):
    express_first = RULES.replace('{ if = "stock_covers", then = "transfer" },\n', "")
    result = sim.run(sim.load_scenario(scenario_with(tmp_path, express_first)), seed=1)
    chosen = set(result.decisions.loc[result.decisions.agent == "planner", "choice"])
    assert "express_express" in chosen and not any(c.startswith("transfer") for c in chosen)


@pytest.mark.parametrize(("section", "field", "words"), [
    ('policy = "rules"\n', "agents.planner.rules", "at least one rule"),
    ('policy = "rules"\nrules = [{ if = "outage_longer", then = "express" }]\n',
     "agents.planner.rules", "needs 'hours'"),
    ('policy = "rules"\nrules = [{ if = "sunny", then = "express" }]\n',
     "agents.planner.rules", "stock_covers"),
    ('policy = "rules"\nrules = [{ if = "always", then = "pray" }]\n',
     "agents.planner.rules", "transfer"),
])
def test_bad_rules_are_one_clear_error(tmp_path, section, field, words):
    with pytest.raises(ScenarioError) as err:
        sim.load_scenario(scenario_with(tmp_path, section))
    assert err.value.field.startswith(field), err.value
    assert words in str(err.value)


def test_rules_and_coded_planners_on_one_board_tuning_beside_held_out():
    base = sim.load_scenario("supply_disruption")
    rules = [{"if": "stock_covers", "then": "transfer"},
             {"if": "always", "then": "express"}]
    tuning = dict(list(TUNING.items())[:1])
    held_out = dict(list(HELD_OUT.items())[3:4])  # Czech stock 5: the first rule cannot fire
    board = planner_board(base, {"no-code rules": rules, "built-in (twin)": TwinPlanner(),
                                 "nobody reacts": "off"}, tuning, held_out, seeds=(1,),
                          held_out_seeds=(11,))
    assert list(board.columns) == ["tuning", "held_out", "rank_tuning", "rank_held_out"]
    runs = board.attrs["runs"]
    assert len(runs) == 3 * 2
    again = sim.run(variant(base, held_out["Czech stock 5, rail 72 h"]), seed=11,
                    policies={"planner": RulesPlanner(
                        sim.with_overrides(base, {"agents.planner.policy": "rules",
                                                  "agents.planner.rules": rules})
                        .agents.planner)})
    assert board.loc["no-code rules", "held_out"] == pytest.approx(class_score(again.kpis))
    assert board.loc["no-code rules", "tuning"] < board.loc["nobody reacts", "tuning"]
