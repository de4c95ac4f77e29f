"""Setting A (issue #14 mechanic 7): the late shift's overtime and a re-planned night shift.

Hand-computed case: one station needing 2 operators, 10 min per part (deterministic), Mon only:
early 06-14 and late 14-22 with 2 staff, a night 22-06 with 1 (the station is off at night).
One order of 100 units, due Mon 23:00; overtime up to 60 min extends the *late* shift
(``overtime.after = "late"``) when more than 0 units are due within a day.

* Without a re-plan: 06:00-22:00 makes 16 h x 6/h = 96 parts; at 22:00 4 are due, so the
  late shift's leaver (2 scheduled - 1 at night = 1 person) stays 60 min: parts 97-100 end at
  22:10 ... 22:40. Overtime 1 h, its cost 1 person x 1 h x 62 = 62 EUR; paid staff time
  2 x 16 h + 2 x 1 h (overtime) + 1 x 1 h (23:00-24:00) = 35 h; productivity 100 / 35.
* With ``plan_shift(Mon 22:00, Tue 06:00, 1)`` booked at the start: at 22:00 1 (night) + 1
  (booked) = 2 = those scheduled, nobody leaves, no overtime; parts 97-100 are made by the
  night crew at regular pay: paid 2 x 16 h + 2 x 2 h = 36 h; productivity 100 / 36.
"""

from __future__ import annotations

import pytest
from invariants import check_all, run_checked

import sim
from sim import load_scenario, with_overrides
from sim.agents.setup import agent_levels, make_agent_model
from sim.errors import ScenarioError
from sim.line.model import LineModel
from sim.scenario.units import DAY

HOUR = 60.0
NIGHT = {
    "name": "night-by-hand", "horizon": "1 d", "sample_interval": "0 min",
    "variants": {"p": {}},
    "stations": {"s": {"process_time": "10 min", "operators": 2}},
    "release": {"kind": "orders", "orders": {"o": {"variant": "p", "quantity": 100,
                                                   "release": "Mon 00:00", "due": "Mon 23:00"}}},
    "calendar": {"days": ["Mon"], "shifts": [
        {"name": "early", "start": "06:00", "end": "14:00", "staff": 2},
        {"name": "late", "start": "14:00", "end": "22:00", "staff": 2},
        {"name": "night", "start": "22:00", "end": "06:00", "staff": 1}],
        "overtime": {"max": "60 min", "backlog_threshold": 0, "cost_per_staff_hour": 62.0,
                     "after": "late"}},
    "economics": {"labour_cost_per_staff_hour": 45.0},
}


def test_overtime_extends_the_late_shift_by_hand() -> None:
    model, result = run_checked(NIGHT)
    k = result.kpis
    assert k["output [units]"] == 100
    assert k["overtime [h]"] == pytest.approx(1.0)
    assert k["cost overtime [EUR]"] == pytest.approx(62.0)
    assert model.staffing.staff_minutes / HOUR == pytest.approx(35.0)
    assert model.release.orders["o"].finished_at == pytest.approx(22 * HOUR + 40)


def test_a_booked_night_crew_replaces_the_overtime_by_hand() -> None:
    model = LineModel(load_scenario(NIGHT), seed=0)
    model.control.plan_shift(22 * HOUR, DAY + 6 * HOUR, 1)
    model.run()
    k = check_all(model).kpis
    assert k["output [units]"] == 100
    assert k["overtime [h]"] == 0.0 and k["cost overtime [EUR]"] == 0.0
    assert model.staffing.staff_minutes / HOUR == pytest.approx(36.0)
    assert k["cost labour [EUR]"] == pytest.approx(36 * 45.0)
    assert model.release.orders["o"].finished_at == pytest.approx(22 * HOUR + 40)
    assert model.control.observe().shift_plans == ((22 * HOUR, DAY + 6 * HOUR, 1),)
    assert model.control.actions[0][1].text() == "plan_shift(start=1320, end=1800, staff=1)"


def test_without_after_the_day_ends_when_the_line_closes() -> None:
    """Two shifts only (no night): the old rule, overtime when the line closes at 22:00."""
    two = {**NIGHT, "calendar": {**NIGHT["calendar"], "shifts": NIGHT["calendar"]["shifts"][:2],
                                 "overtime": {**NIGHT["calendar"]["overtime"], "after": None}}}
    model, result = run_checked(two)
    assert result.kpis["overtime [h]"] == pytest.approx(1.0)
    assert result.kpis["cost overtime [EUR]"] == pytest.approx(2 * 62.0)  # both stay
    assert model.staffing.staff_minutes / HOUR == pytest.approx(34.0)


def test_bad_night_references_are_scenario_errors() -> None:
    with pytest.raises(ScenarioError, match="overtime"):
        with_overrides(load_scenario(NIGHT), {"calendar.overtime.after": "lunch"})
    with pytest.raises(ScenarioError, match="agents.planner.night.shift"):
        with_overrides(load_scenario(NIGHT), {"agents.planner.night": {"shift": "weekend",
                                                                        "staff": 1}})


def test_setting_a_keeps_the_books_with_and_without_agents() -> None:
    run_checked("setting_a", seed=2)
    scenario = load_scenario("setting_a")
    factory = make_agent_model(scenario, 2, agent_levels(scenario, None), None, None, False)
    factory.run()
    result = check_all(factory.line, factory.result())
    chosen = result.decisions[result.decisions["agent"] == "planner"]
    assert len(chosen) == 1
    options = {o["option"] for o in chosen.iloc[0]["options"]}
    assert {"wait", "resequence", "night_shift", "resequence+night_shift"} <= options
    assert chosen.iloc[0]["choice"] in ("night_shift", "resequence+night_shift")
    assert result.kpis["overtime [h]"] == 0.0  # the night crew, not the late one, catches up


def test_setting_a_is_deterministic_per_seed() -> None:
    a, b = (sim.run("setting_a", seed=3) for _ in range(2))
    assert a.kpis.equals(b.kpis)
    assert a.decisions[["time_min", "choice"]].equals(b.decisions[["time_min", "choice"]])
