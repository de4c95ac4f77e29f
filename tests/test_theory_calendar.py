"""Clocks that freeze outside shifts (``calendar.freeze``), hand-computed on one machine.

One shift Mon-Fri 06:00-14:00. A 60 min part starts Mon 13:30: by default it is finished at
14:30 (a machine busy at the end of a shift finishes its part); with a frozen processing
clock 30 min are left for Tue 06:00, so it leaves at 06:30. A 2 h repair from Mon 12:30 ends
at 14:30 by default (repairs go on); frozen, the last 30 min are left for Tue 06:00 and the
machine is off, not down, overnight.
"""

from __future__ import annotations

import pytest
from invariants import run_checked

from sim import load_scenario, with_overrides

DAY_SHIFT = {
    "name": "frozen-clock", "horizon": "2 d", "sample_interval": "0 min",
    "variants": {"p": {}},
    "stations": {"press": {"process_time": "60 min"}},
    "release": {"kind": "orders", "orders": {"o": {"variant": "p", "quantity": 1,
                                                   "release": "Mon 13:30", "due": "Tue 12:00"}}},
    "calendar": {"shifts": [{"name": "day", "start": "06:00", "end": "14:00", "staff": 1}]},
}


def _cycle_min(scn) -> float:  # noqa: ANN001
    _, result = run_checked(scn)
    assert result.kpis["output [units]"] == 1
    return result.kpis["cycle time mean [h]"] * 60


def test_processing_finishes_after_the_shift_by_default() -> None:
    assert _cycle_min(DAY_SHIFT) == pytest.approx(60.0, rel=0.005)


def test_frozen_processing_waits_for_the_next_shift() -> None:
    scn = with_overrides(load_scenario(DAY_SHIFT), {"calendar.freeze": ["processing"]})
    assert _cycle_min(scn) == pytest.approx(17 * 60.0, rel=0.005)  # Mon 13:30 -> Tue 06:30


def _repair(freeze: list[str]):  # noqa: ANN202
    scn = with_overrides(load_scenario(DAY_SHIFT), {
        "calendar.freeze": freeze, "release.orders.o.release": "Mon 12:00",
        "disruptions": {"jam": {"kind": "breakdown", "at": "Mon 12:30", "station": "press",
                                "duration": "2 h"}}})
    return run_checked(scn)


def test_repair_goes_on_overnight_by_default() -> None:
    model, result = _repair([])
    # part 12:00-12:30, down 12:30-14:30, then the part at hand is finished 14:30-15:00
    assert model.station["press"].machines[0].time["down"] == pytest.approx(120.0)
    assert result.kpis["cycle time mean [h]"] * 60 == pytest.approx(180.0, rel=0.005)


def test_frozen_processing_and_repair() -> None:
    model, result = _repair(["processing", "repair"])
    # 90 min repair on Monday, 30 min on Tuesday from 06:00, the part's last 30 min after it
    assert model.station["press"].machines[0].time["down"] == pytest.approx(120.0)
    assert result.kpis["cycle time mean [h]"] * 60 == pytest.approx(19 * 60, rel=0.005)


def test_frozen_repair_counts_off_overnight_and_resumes() -> None:
    model, result = _repair(["repair"])
    machine = model.station["press"].machines[0]
    # 90 min of repair before 14:00, the last 30 min on Tue 06:00-06:30, then 30 min of work
    assert machine.time["down"] == pytest.approx(120.0)
    assert result.kpis["cycle time mean [h]"] * 60 == pytest.approx(19 * 60, rel=0.005)
