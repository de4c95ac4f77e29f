"""The machine's processes as state machines (sim/line/machine.py, sim/line/failures.py).

Hand-computed timelines of one press (10 min per part, a part always at hand: push release)
with deterministic calendar-clock failures every 23 min of up time and 5 min repairs:

* failure at 23 interrupts the third part (begun at 20, 3 min done): repaired at 28, the 7
  min left end at 35; the next failure is due 23 min after the repair, at 51 (fifth part,
  begun at 45, 6 done), repaired at 56, done at 60; then at 79 (seventh part, begun at 70),
  repaired at 84, done at 85;
* with two presses and one repair crew, both fail at 23: the second waits 5 min for the crew.
"""

from __future__ import annotations

import inspect

import simpy

from sim import load_scenario
from sim.line.failures import CalendarFailures, Repair
from sim.line.model import LineModel
from sim.line.steps import Steps


def _press(machines: int = 1, crews: int | None = None, horizon: str = "90 min") -> LineModel:
    data = {
        "name": "steps", "horizon": horizon, "warmup": "0 min", "sample_interval": "0 min",
        "part_log": True, "variants": {"part": {}},
        "stations": {"press": {
            "process_time": "10 min", "buffer": 5, "operators": 0, "machines": machines,
            "failures": {"ttf": "23 min", "ttr": "5 min", "clock": "calendar"}}},
        "release": {"kind": "push"},
    }
    if crews is not None:
        data["repair"] = {"crews": crews}
    model = LineModel(load_scenario(data), seed=1, event_log=False)
    model.run()
    return model


def test_breakdowns_interrupt_processing_and_the_rest_follows_the_repair() -> None:
    model = _press()
    finish = [row[6] for row in model.part_log.rows]
    start = [row[5] for row in model.part_log.rows]
    assert finish[:7] == [10.0, 20.0, 35.0, 45.0, 60.0, 70.0, 85.0]
    assert start[:7] == [0.0, 10.0, 20.0, 35.0, 45.0, 60.0, 70.0]
    press = model.station["press"].machines[0]
    press.flush()
    assert model.breakdowns == 3
    assert press.time["down"] == 15.0  # 23-28, 51-56, 79-84
    assert press.time["busy"] == 75.0  # never starved, never blocked (last station)
    assert press.next_failure == 84.0 + 23.0
    assert press.processed == 7 and press.part is not None  # the eighth, begun at 85


def test_one_crew_repairs_two_breakdowns_one_after_the_other() -> None:
    model = _press(machines=2, crews=1, horizon="41 min")
    first, second = model.station["press"].machines
    first.flush()
    second.flush()
    assert (model.crew_jobs, model.crew_wait, model.crew_busy) == (2, 5.0, 10.0)
    assert first.time["down"] == 5.0  # 23-28
    assert second.time["down"] == 10.0  # 23-33: 5 waiting for the crew, 5 repaired
    assert (first.next_failure, second.next_failure) == (28.0 + 23.0, 33.0 + 23.0)
    assert model.repair_crews.count == 0  # the crew was released after each repair
    # each press finished its third part 7 min after its repair (3 of 10 done at 23)
    assert sorted(row[6] for row in model.part_log.rows) == [10.0] * 2 + [20.0] * 2 + [35.0, 40.0]


def test_the_processes_are_state_machines_not_generators() -> None:
    model = LineModel(load_scenario("failures"), seed=1, event_log=False)
    model.run(until=600.0)
    press = model.station["press"].machines[0]
    assert not inspect.isgenerator(press.process._generator)
    assert press.process._generator is press and isinstance(press, Steps)
    assert isinstance(press.failure_clock._generator, CalendarFailures)
    repair = press.fail(5.0, "scripted")
    assert isinstance(repair, simpy.Process) and isinstance(repair._generator, Repair)
    for machine in model.station["feeder"].machines + model.station["press"].machines:
        assert not inspect.isgenerator(machine.process._generator)
        assert machine.process.name == "Machine"
