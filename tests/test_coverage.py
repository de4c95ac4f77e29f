"""The planner projects coverage of reorder-point materials (issue #14, mechanic 9), by hand.

The tiny line: one station (1 min, deterministic), a part every 4 min from t = 4 min, each
needing one unit of ``m``; 100 units on hand; an (s, Q) rule with s = 50, Q = 100 and a
deterministic lead time of 250 min; no calendar (every minute is open); horizon 480 min.

Without agents: the position (stock + on order - demanded) reaches 50 when part 50 is
demanded at t = 200, so the rule orders then and the 100 units arrive at 200 + 250 = 450.
The stock lasts for parts 1..100 (t = 4..400); part 101 arrives at 404 and waits for the
delivery until 450: 46 min of material shortage at the first station.

With ``[agents.planner.coverage]`` (review 50 min) the planner first looks at t = 50: 12
units issued (parts at 4, 8, ..., 48) in 50 open minutes, rate 12 / 50 = 0.24 units/min,
stock 88, nothing on order. Projection: the rule orders when the stock falls to 50, after
(88 - 50) / 0.24 = 158.33 min, at t = 208.33, arriving 250 min later at 458.33; the stock
runs out after 88 / 0.24 = 366.67 min, at t = 416.67: a gap of 458.33 - 416.67 = 41.67 open
minutes. The rule planner re-orders now: 100 units arrive at 50 + 250 = 300, before the stock
runs out, and the position (88 + 100 = 188) stays above 50 for the rest of the run: no
shortage at all, and still exactly one order of 100 received.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from invariants import check_all

import sim.agents
from sim import load_scenario, with_overrides
from sim.agents.coverage import after_open, open_minutes, project
from sim.agents.setup import agent_levels, make_agent_model
from sim.errors import ScenarioError
from sim.line.model import LineModel

TINY = {
    "name": "coverage-hand",
    "horizon": "480 min",
    "sample_interval": "0 min",
    "variants": {"p": {"bom": {"m": 1}}},
    "stations": {"s": {"process_time": "1 min", "operators": 0}},
    "release": {"kind": "deterministic", "interarrival": "4 min"},
    "materials": {"m": {"initial": 100, "replenishment": {
        "kind": "reorder", "reorder_point": 50, "order_quantity": 100, "lead_time": "250 min"}}},
    "agents": {"autonomy": "autonomous", "decision_interval": "50 min",
               "planner": {"policy": "rule",
                           "coverage": {"review": "50 min", "window": "1 d", "min_gap": "0 min"}}},
}
SHORT = "material shortage at first station [h]"


def _run(coverage: bool) -> tuple[object, object]:
    scn = load_scenario(TINY)
    if not coverage:
        data = dict(TINY, agents={**TINY["agents"], "planner": {"policy": "rule"}})
        scn = load_scenario(data)
    model = make_agent_model(scn, 1, agent_levels(scn, None), None, None, None)
    model.run()
    return model, model.result()


def test_projection_by_hand_with_a_calendar() -> None:
    """Open 06:00-22:00. At Mon 06:00: stock 100, 0.5 units per open minute, s = 50, Q = 300,
    mean lead 1500 min, nothing on order. The rule orders after (100 - 50) / 0.5 = 100 open
    min, Mon 07:40 (460); it arrives at 460 + 1500 = 1960 (Tue 08:40). The stock runs out after
    200 open min, Mon 09:20 (560). Gap: Mon 09:20-22:00 = 760 min plus Tue 06:00-08:40 = 160
    min: 920 open minutes."""
    day = 1440
    segments = tuple(p for d in range(5) for p in ((d * day + 360, 6), (d * day + 1320, 0)))
    assert open_minutes(segments, 560, 1960) == pytest.approx(920)
    assert after_open(segments, 1300, 30) == pytest.approx(day + 370)
    p = project("m", 100, 0.5, [], segments, 360, 4 * day, 50, 300, 1500, 0)
    assert p.reorder_at == pytest.approx(460)
    assert p.arrival == pytest.approx(1960)
    assert p.runs_out == pytest.approx(560)
    assert p.gap == pytest.approx(920)
    # 300 announced for 400: 100 - 0.5 x 40 + 300 = 380 then; the rule orders again at 50,
    # after 660 open min (1060), arriving 2560; the 380 last 760 open min, to 1160: a gap of
    # 1160-1320 (160) + 1800-2560 (760) = 920 open minutes. Within a look-ahead to 1100: covered.
    late = project("m", 100, 0.5, [(400, 300)], segments, 360, 2 * day, 50, 300, 1500, 300)
    assert (late.reorder_at, late.runs_out, late.arrival, late.gap) == pytest.approx(
        (1060, 1160, 2560, 920))
    covered = project("m", 100, 0.5, [(400, 300)], segments, 360, 1100, 50, 300, 1500, 300)
    assert covered.runs_out is None and covered.gap == 0


def test_the_tiny_line_without_coverage_runs_short_for_46_minutes() -> None:
    """See the module docstring: part 101 waits from 404 to 450."""
    model, result = _run(coverage=False)
    assert result.kpis[SHORT] == pytest.approx(46 / 60)
    arrived = [s.arrived for s in model.line.materials.shipments if s.arrived is not None]
    assert arrived == [pytest.approx(450)]
    check_all(model.line)


def test_the_planner_re_orders_before_the_shortage() -> None:
    """See the module docstring: projected gap 41.67 min at t = 50; re-ordered; arrives 300."""
    model, result = _run(coverage=True)
    d = result.decisions
    cov = d[d["trigger"].str.startswith("coverage review")]
    assert list(cov["choice"]) == ["reorder_now"]
    assert cov["time_min"].iloc[0] == pytest.approx(50)
    watch = next(r for r in model.agents if r.role.role == "planner").role.coverage
    p = project("m", 88, 0.24, [], (), 50, 480, 50, 100, 250, 0)
    assert (p.reorder_at, p.arrival, p.runs_out, p.gap) == pytest.approx(
        (208.3333, 458.3333, 416.6667, 41.6667), abs=1e-3)
    assert watch.handled  # the decision was taken once
    arrived = [s.arrived for s in model.line.materials.shipments if s.arrived is not None]
    assert arrived == [pytest.approx(300)]
    assert result.kpis[SHORT] == 0
    check_all(model.line)


def test_coverage_settings_are_validated() -> None:
    bad = dict(TINY, agents={**TINY["agents"], "planner": {
        "policy": "rule", "coverage": {"review": "0 min"}}})
    with pytest.raises(ScenarioError, match="review"):
        load_scenario(bad)


def test_reorder_now_needs_a_reorder_rule() -> None:
    data = with_overrides(load_scenario(TINY), {"materials.m.replenishment": {
        "kind": "schedule", "every": "1 d", "first": "0 min", "quantity": 10}})
    model = LineModel(data, seed=1)
    with pytest.raises(ValueError, match="reorder rule"):
        model.control.reorder_now("m")


def test_the_new_agent_modules_read_no_model_internals() -> None:
    """coverage.py and sisters.py see the line only through the Observation and commands."""
    root = Path(sim.agents.__file__).parent
    for name in ("coverage.py", "sisters.py"):
        text = (root / name).read_text(encoding="utf-8")
        for internal in ("ttf_left", "rt.line", "runtime.line", "self.line", ".materials.stock",
                         "lead_time()", "_lead"):
            assert internal not in text, (name, internal)
