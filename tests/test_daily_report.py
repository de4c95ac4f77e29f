"""The planner's 16:30 report (issue #14 mechanic 5), against a hand-computed day.

One station, 10 min per part (deterministic), 6 kW busy and 0 kW otherwise (1 kWh per part),
no calendar (no labour cost), energy 0.20 EUR/kWh, late penalty 1 EUR/unit. Order o1: 60 units
from Mon 00:00, due Mon 12:00; order o2: 60 units from Tue 00:00, due Tue 08:00. Report at
16:30.

* Mon 16:30, day Mon 00:00-16:30: o1 is made 00:00-10:00: output 60, energy 60 kWh, cost
  60 x 0.20 = 12 EUR, on time 100 % (o1 due 12:00) -- with and without agents alike.
* The proposals: carrying on, o2 runs Tue 00:00-10:00 and its units 49..60 finish 08:10 ...
  10:00, late by 10, 20, ..., 120 min: 10 x (1 + ... + 12) = 780 min = 13 unit-hours in the
  next 24 h. ``pull_forward(o2)`` at Mon 16:30 finishes it Tue 02:30: 0 unit-hours. Energy per
  unit is 1 kWh in both, so the only pick is pull_forward, for delivery reliability, -13.0.
* With ``daily_adopt``, it is carried out; Tue 16:30, day Mon 16:30-Tue 16:30: output 60 and
  60 kWh in both; on time 100 % with agents (o2 done 02:30) vs 0 % without (done 10:00);
  cost 12 vs 12 + 12 late units x 1 EUR = 24 EUR.
"""

from __future__ import annotations

import pytest
from invariants import check_all

import sim
from sim import load_scenario, with_overrides
from sim.agents.daily import rank
from sim.agents.journal import Option
from sim.agents.setup import agent_levels, make_agent_model
from sim.results.names import KPI

TWO_DAYS = {
    "name": "daily-by-hand", "horizon": "2 d", "sample_interval": "0 min",
    "variants": {"p": {}},
    "stations": {"s": {"process_time": "10 min",
                       "power_kw": {"busy": 6.0, "idle": 0.0, "setup": 0.0, "down": 0.0,
                                    "off": 0.0}}},
    "release": {"kind": "orders", "orders": {
        "o1": {"variant": "p", "quantity": 60, "release": "Mon 00:00", "due": "Mon 12:00"},
        "o2": {"variant": "p", "quantity": 60, "release": "Tue 00:00", "due": "Tue 08:00"}}},
    "economics": {"energy_price_per_kwh": 0.20, "late_penalty_per_unit": 1.0},
    "agents": {"autonomy": "autonomous", "futures": 2,
               "planner": {"policy": "twin", "daily_report": "16:30", "daily_adopt": True}},
}


def _balance(result, day: int) -> dict[str, tuple[float, float]]:  # noqa: ANN001
    rows = result.daily[result.daily["day"] == day]
    return {r["kpi"]: (r["with agents"], r["without agents"]) for _, r in rows.iterrows()}


def test_the_day_balance_and_the_proposal_by_hand() -> None:
    scenario = load_scenario(TWO_DAYS)
    factory = make_agent_model(scenario, 0, agent_levels(scenario, None), None, None, False)
    factory.run()
    result = check_all(factory.line, factory.result())
    day1, day2 = _balance(result, 1), _balance(result, 2)
    assert day1[KPI.OUTPUT] == (60, 60)
    assert day1[KPI.ENERGY] == pytest.approx((60.0, 60.0))
    assert day1[KPI.cost("EUR")] == pytest.approx((12.0, 12.0))
    assert day1[KPI.ON_TIME] == (100.0, 100.0)
    assert day2[KPI.OUTPUT] == (60, 60)
    assert day2[KPI.ENERGY] == pytest.approx((60.0, 60.0))
    assert day2[KPI.ON_TIME] == (100.0, 0.0)
    assert day2[KPI.cost("EUR")] == pytest.approx((12.0, 24.0))
    monday = result.decisions.iloc[0]
    assert monday["trigger"] == "daily report Mon 16:30"
    assert monday["choice"] == "pull_forward" and monday["status"] == "executed"
    options = {o["option"]: o for o in monday["options"]}
    assert options["as_planned"]["lateness_h"] == pytest.approx(13.0)
    assert options["pull_forward"]["lateness_h"] == pytest.approx(0.0)
    assert "1. pull_forward for delivery reliability" in monday["reason"]
    assert "-13.0 unit-h late, +0.00 kWh per unit" in monday["reason"]
    assert result.daily.attrs["fingerprint"] == result.fingerprint
    assert result.kpis[KPI.ON_TIME] == 100.0


def test_reporting_only_changes_nothing_on_the_line() -> None:
    only = with_overrides(load_scenario(TWO_DAYS), {"agents.planner.daily_adopt": False})
    with_report = sim.run(only, seed=0)
    assert with_report.decisions.iloc[0]["status"] == "noted"
    assert with_report.decisions.iloc[0]["choice"] == "report"
    off = sim.run(only, seed=0, agents="off")
    assert with_report.kpis.equals(off.kpis)
    assert set(with_report.daily["difference"].fillna(0)) == {0.0}
    assert off.daily is None and "daily" not in off.tables()


def test_the_proposals_do_not_see_unannounced_shocks() -> None:
    """A breakdown on Tue 01:00 nobody announced leaves Monday's forecast as it was."""
    shocked = with_overrides(load_scenario(TWO_DAYS), {"disruptions": {"jam": {
        "kind": "breakdown", "at": "Tue 01:00", "station": "s", "duration": "5 h"}}})
    plain, hit = (sim.run(s, seed=0).decisions.iloc[0]["options"]
                  for s in (load_scenario(TWO_DAYS), shocked))
    assert plain == hit


def test_rank_puts_reliability_before_energy() -> None:
    def option(name: str, late: float, kwh: float, out: float = 100.0) -> Option:
        o = Option(name, name)
        o.predicted = {"lateness_h": late, "p_late": 1.0 if late else 0.0,
                       "energy_kwh": kwh, "output": out}
        return o
    ref = option("as_planned", 5.0, 200.0)
    less = option("less_output", 5.0, 150.0, out=70.0)  # 2.14 kWh/unit: worse, not a saving
    picks = rank([option("overtime", 1.0, 230.0), option("slow", 5.0, 180.0), less], ref)
    assert [(o.name, why) for o, why in picks] == [("overtime", "reliability"),
                                                   ("slow", "energy")]
    assert rank([option("same", 5.0, 200.0)], ref) == []


def test_the_report_speaks_german() -> None:
    from sim.i18n import language

    reason = sim.run(TWO_DAYS, seed=0).decisions.iloc[0]["reason"]
    with language("de"):
        text = reason.shown()
    assert "für Liefertreue" in text and "-13,0 Stück-h" in text


def test_the_daily_table_is_saved_labelled_and_read_back(tmp_path) -> None:  # noqa: ANN001
    result = sim.run(TWO_DAYS, seed=0)
    result.save(tmp_path / "run")
    text = (tmp_path / "run" / "daily.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("label,fingerprint,day,from_h,to_h,kpi")
    back = sim.read_result(tmp_path / "run")
    assert back.daily["with agents"].tolist() == pytest.approx(
        result.daily["with agents"].tolist(), nan_ok=True)


def test_daily_report_scenario_keeps_the_books_with_and_without_agents() -> None:
    from invariants import run_checked

    run_checked("daily_report", seed=2)
    scenario = with_overrides(load_scenario("daily_report"), {"agents.futures": 2})
    factory = make_agent_model(scenario, 2, agent_levels(scenario, None), None, None, False)
    factory.run()
    result = check_all(factory.line, factory.result())
    reports = result.decisions[result.decisions["trigger"].str.startswith("daily report")]
    assert list(reports["when"]) == ["Mon 16:30", "Tue 16:30", "Wed 16:30", "Thu 16:30",
                                     "Fri 16:30"]
    assert sorted(set(result.daily["day"])) == [1, 2, 3, 4, 5]
    week = result.daily.groupby("kpi")["with agents"].sum()
    assert week[KPI.OUTPUT] <= result.kpis[KPI.OUTPUT]  # the days end at 16:30, the week later
    assert week[KPI.ENERGY] < result.kpis[KPI.ENERGY]


def test_the_daily_table_is_deterministic_per_seed() -> None:
    noisy = with_overrides(load_scenario(TWO_DAYS), {
        "stations.s.process_time": {"dist": "exponential", "mean": "10 min"}})
    a, b, c = (sim.run(noisy, seed=s) for s in (4, 4, 5))
    assert a.daily.equals(b.daily) and a.decisions["reason"].equals(b.decisions["reason"])
    assert not a.daily.equals(c.daily)
