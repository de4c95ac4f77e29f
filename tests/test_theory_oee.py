"""OEE against ISO 22400: performance = ideal cycle time x produced quantity / run time."""

from __future__ import annotations

import pytest
from invariants import run_checked

from sim import load_scenario, with_overrides

SATURATED = {
    "name": "iso-oee", "horizon": "10 h", "sample_interval": "0 min",
    "variants": {"a": {}, "b": {}},
    "stations": {"press": {"process_time": "5 min", "process_time_by_variant": {"b": "7 min"},
                           "buffer": 1, "operators": 0}},
    "release": {"kind": "push", "sequence": "cyclic"},
}
"""A saturated press alternating a (5 min) and b (7 min): 50 pairs in 10 h, no losses."""


def test_without_ideal_cycle_time_performance_is_busy_over_run() -> None:
    _, result = run_checked(SATURATED)
    assert result.stations.loc["press", "performance"] == pytest.approx(1.0)


def test_iso_performance_counts_the_speed_loss() -> None:
    scn = with_overrides(load_scenario(SATURATED), {
        "stations.press.ideal_cycle_time": "4 min",
        "stations.press.ideal_cycle_time_by_variant": {"b": "6 min"}})
    _, result = run_checked(scn)
    row = result.stations.loc["press"]
    # 600 min of run time; 50 a and 49 b done (the 50th b would finish at 600 min, the end):
    # (50 x 4 + 49 x 6) / 600, against 1.0 by busy / run time
    expected = (50 * 4 + 49 * 6) / 600
    assert row["processed"] == 99
    assert row["performance"] == pytest.approx(expected)
    assert row["availability"] == pytest.approx(1.0)
    assert row["oee"] == pytest.approx(expected)
    assert result.kpis["performance [%]"] == pytest.approx(100 * expected)


def test_iso_performance_after_warmup_and_with_downtime() -> None:
    scn = with_overrides(load_scenario(SATURATED), {
        "warmup": "1 h", "stations.press.process_time_by_variant": {},
        "stations.press.ideal_cycle_time": "4 min",
        "disruptions": {"jam": {"kind": "breakdown", "at": "5 h", "station": "press",
                                "duration": "1 h"}}})
    _, result = run_checked(scn)
    row = result.stations.loc["press"]
    # after the warm-up: 9 h planned, 1 h down, 8 h = 480 min run, 96 parts of 5 min
    assert row["availability"] == pytest.approx(8 / 9)
    assert row["processed"] == 96
    assert row["performance"] == pytest.approx(96 * 4 / 480)


def test_ideal_by_variant_needs_the_default() -> None:
    from sim.errors import ScenarioError

    with pytest.raises(ScenarioError, match="ideal_cycle_time"):
        load_scenario(SATURATED | {"stations": {"press": {
            **SATURATED["stations"]["press"], "ideal_cycle_time_by_variant": {"b": "6 min"}}}})
