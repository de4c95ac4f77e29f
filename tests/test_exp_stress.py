"""Stress test: the [stress] section, bad-day draws, 'compensated', shares with CIs."""

import numpy as np
import pytest
from exp_support import order_line

from sim.errors import ScenarioError
from sim.experiments import Config, bad_day, is_compensated, replication_seeds, stress_test
from sim.experiments.bad_days import draw_disruptions
from sim.scenario import load_scenario
from sim.scenario.stress_schema import Compensated

FAST = {"jobs": 1, "progress": False}
CONFIGS = [Config("base", agents="off"), Config("three mills", {"stations.mill.machines": 3})]


def test_stress_section_is_validated():
    data = order_line()
    data["stress"]["breakdowns"]["stations"] = ["saw", "lathe"]
    with pytest.raises(ScenarioError, match=r"stress\.breakdowns\.stations\[1\]: unknown station"):
        load_scenario(data)
    data = order_line()
    data["stress"]["delivery_delays"]["materials"] = ["gold"]
    with pytest.raises(ScenarioError, match="stress.delivery_delays.materials"):
        load_scenario(data)
    data = order_line()
    data["stress"]["breakdowns"]["count"] = {"dist": "poisson", "n": 3}
    with pytest.raises(ScenarioError, match="stress.breakdowns.count"):
        load_scenario(data)
    data = order_line()
    data["stress"]["window_start"] = "45 h"
    with pytest.raises(ScenarioError, match="stress.window_start"):
        load_scenario(data)
    data = order_line()
    data["stress"]["compensated"]["on_time"] = 90
    with pytest.raises(ScenarioError, match="did you mean 'on_time_min'"):
        load_scenario(data)
    shipped = load_scenario("stress_week")
    assert shipped.stress.compensated.max_excess_shortage == 120.0
    assert load_scenario("baseline").stress is None


def test_bad_days_are_reproducible_and_inside_the_window():
    scn = load_scenario(order_line())
    seeds = replication_seeds(0, 30)
    days = [draw_disruptions(scn, s) for s in seeds]
    assert days[3] == draw_disruptions(scn, seeds[3])
    assert len({repr(d) for d in days}) > 20
    for day in days:
        checked = load_scenario(bad_day(scn, 0))  # validates as a scenario
        assert checked.name == scn.name
        for entry in day.values():
            at = float(entry["at"].split()[0])
            assert 60.0 <= at < 40 * 60.0
            if entry["kind"] == "breakdown":
                assert entry["station"] in ("saw", "mill")
                assert 60.0 <= float(entry["duration"].split()[0]) <= 300.0
    day = bad_day(scn, seeds[0])
    assert set(scn.disruptions) <= set(day.disruptions)


def test_each_kind_draws_from_its_own_stream():
    data = order_line()
    plain = draw_disruptions(load_scenario(data), 42)
    data["stress"]["absences"] = {"count": 3, "duration": "2 h"}
    data["stress"]["delivery_delays"]["probability"] = 0.9
    changed = draw_disruptions(load_scenario(data), 42)
    breakdowns = {k: v for k, v in plain.items() if "breakdown" in k}
    assert breakdowns == {k: v for k, v in changed.items() if "breakdown" in k}
    assert sum("absence" in k for k in changed) == 3


def test_counts_follow_their_distributions():
    data = order_line()
    data["stress"]["breakdowns"]["count"] = {"dist": "poisson", "mean": 2.0}
    data["stress"]["delivery_delays"]["probability"] = 0.25
    scn = load_scenario(data)
    seeds = replication_seeds(1, 2000)
    days = [draw_disruptions(scn, s) for s in seeds]
    breakdowns = np.array([sum("breakdown" in k for k in d) for d in days])
    delays = np.array([sum("delay" in k for k in d) for d in days])
    # Poisson(2): mean 2, sd of the mean 0.032; Bernoulli(0.25): sd of the share 0.0097
    assert abs(breakdowns.mean() - 2.0) < 0.13
    assert abs(breakdowns.var() - 2.0) < 0.3
    assert abs(delays.mean() - 0.25) < 0.04
    cancels = np.array([sum("cancel" in k for k in d) for d in days])
    assert set(cancels) == {0, 1} and abs(cancels.mean() - 0.3) < 0.045


def test_compensated_definition():
    criteria = Compensated(on_time_min=95.0, max_shortage="2 h")
    ok = {"on-time delivery [%]": 95.0, "material shortage at first station [h]": 2.0,
          "backlog [units]": 50.0}
    assert is_compensated(ok, criteria)
    assert not is_compensated({**ok, "on-time delivery [%]": 94.9}, criteria)
    assert not is_compensated({**ok, "material shortage at first station [h]": 2.01}, criteria)
    assert is_compensated({**ok, "on-time delivery [%]": float("nan")}, criteria)
    strict = Compensated(on_time_min=95.0, max_shortage="2 h", max_backlog=10)
    assert not is_compensated(ok, strict)
    assert is_compensated({**ok, "backlog [units]": 10.0}, strict)


def test_stress_test_shares_and_paired_difference():
    result = stress_test(order_line(), 24, configs=CONFIGS, seed=2, **FAST)
    runs = result.runs
    assert len(runs) == 48
    base, more = runs[runs["config"] == "base"], runs[runs["config"] == "three mills"]
    # both configurations face the same drawn day (counts and times; a machine index may
    # differ because the mill has 2 vs 3 machines)
    assert (base["bad_day_delays"].to_numpy() == more["bad_day_delays"].to_numpy()).all()
    assert (base["bad_day_breakdowns"].to_numpy() == more["bad_day_breakdowns"].to_numpy()).all()
    criteria = load_scenario(order_line()).stress.compensated
    flags = [is_compensated(row, criteria) for _, row in base.iterrows()]
    assert list(base["compensated"]) == flags
    outcome = result.outcomes.set_index("config")
    k = int(base["compensated"].sum())
    assert outcome.loc["base", "compensated"] == k
    assert outcome.loc["base", "share"] == pytest.approx(k / 24)
    assert outcome.loc["base", "ci_low"] <= k / 24 <= outcome.loc["base", "ci_high"]
    assert 0 < k < 24, "the toy should have both compensated and uncompensated days"
    diff = result.difference.iloc[0]
    d = more["compensated"].to_numpy(int) - base["compensated"].to_numpy(int)
    assert diff["share_difference"] == pytest.approx(d.mean())
    assert diff["rescued"] == (d > 0).sum() and diff["lost"] == (d < 0).sum()
    assert set(outcome["verdict"]) <= {"claim above the interval", "claim below the interval",
                                       "claim inside the interval"}


def test_thresholds_can_be_overridden():
    lax = stress_test(order_line(), 10, configs=CONFIGS[:1], on_time_min=0.0,
                      max_shortage="100 h", **FAST)
    assert lax.outcomes.loc[0, "share"] == 1.0
    impossible = stress_test(order_line(), 10, configs=CONFIGS[:1], max_backlog=0,
                             on_time_min=100.0, max_shortage="0 min", **FAST)
    expected = [(r["on-time delivery [%]"] >= 100 or np.isnan(r["on-time delivery [%]"]))
                and r["material shortage at first station [h]"] == 0
                and r["backlog [units]"] == 0 for _, r in impossible.runs.iterrows()]
    assert list(impossible.runs["compensated"]) == expected
    with pytest.raises(ScenarioError, match="stress.compensated"):
        stress_test(order_line(), 2, configs=CONFIGS[:1], on_time_min=120.0, **FAST)


def test_stress_needs_a_stress_section():
    with pytest.raises(ScenarioError, match="stress"):
        stress_test("baseline", 2, configs=CONFIGS[:1], **FAST)


def test_compensated_relative_to_the_undisturbed_week():
    import sim

    data = order_line()
    data["stress"]["compensated"] = {"relative_to": "undisturbed", "max_excess_shortage": "1 h",
                                     "max_excess_late": 2, "max_excess_backlog": 2}
    result = stress_test(data, 12, configs=CONFIGS[:1], seed=3, calibrate=True, **FAST)
    runs = result.runs
    plain = load_scenario(order_line())  # the same scenario without any drawn trouble
    for _, row in runs.head(4).iterrows():
        ref = sim.run(plain, int(row["seed"]), agents="off").kpis
        short = "material shortage at first station [h]"
        assert row["excess_shortage_h"] == pytest.approx(row[short] - ref[short])
        assert row["excess_late_units"] == pytest.approx(row["late units [units]"]
                                                         - ref["late units [units]"])
        ok = (row["excess_shortage_h"] <= 1.0 + 1e-9 and row["excess_late_units"] <= 2 + 1e-9
              and row["excess_backlog"] <= 2 + 1e-9)
        assert row["compensated"] == ok
    outcome = result.outcomes.set_index("config")
    assert outcome.loc["base (undisturbed)", "share"] == 1.0  # calibrated by construction


def test_shipped_stress_week_uses_the_story_kinds_and_the_relative_definition():
    scn = load_scenario("stress_week")
    assert scn.stress.delivery_delays is None  # late deliveries: opt-in
    assert scn.stress.breakdowns and scn.stress.absences and scn.stress.cancellations
    assert scn.stress.compensated.relative_to == "undisturbed"
    assert scn.stress.compensated.max_excess_shortage == 120.0
