"""The line's processes written as plain data (:mod:`sim.line.steps`), hand-computed.

One press, one shift Mon-Fri 06:00-14:00 (so Mon 06:00 = 360 min, 14:00 = 840, Tue 06:00 =
1800, 14:00 = 2280), one material ``alloy`` delivered Mon 08:00 (480) by rail. The calendar
opens and closes the line at those minutes; a crew booked Mon 14:00-22:00 keeps it open until
1320; a route hold from Mon 06:00 for 5 h holds the Mon 08:00 delivery until 11:00 (660),
and it is reported at 07:00 (420) with the supplier's 4 h estimate (Mon 10:00 = 600); a staff
absence from Mon 09:00 (540) for 2 h ends at 660; a maintenance window from 900 for 30 min
ends with the ``repaired`` announcement at 930; a replayed lever acts at its time.

And in the line models of rich shipped scenarios (agents as shipped, the twin's models too;
between them every converted process runs)
no process is a generator except the machines' (``sim/line/station.py``,
``sim/line/failures.py``) and the two that run only next to the agents in the real run
(``sim/agents/runtime.py``, ``sim/agents/twin.py``).
"""

from __future__ import annotations

import inspect
import types
from pathlib import Path
from typing import Any

import pytest
import simpy

import sim
from sim import load_scenario
from sim.agents import fork
from sim.line import commands as cmd
from sim.line.model import LineModel
from sim.line.steps import Steps

LINE = {
    "name": "steps", "horizon": "2 d", "sample_interval": "0 min", "event_log": True,
    "variants": {"p": {"bom": {"alloy": 1}}},
    "stations": {"press": {"process_time": "10 min", "operators": 1}},
    "release": {"kind": "orders", "orders": {"o": {"variant": "p", "quantity": 1,
                                                   "release": "Mon 07:00", "due": "Tue 12:00"}}},
    "calendar": {"shifts": [{"name": "day", "start": "06:00", "end": "14:00", "staff": 2}]},
    "suppliers": {"rail": {"transport": "rail"}},
    "materials": {"alloy": {"initial": 0, "supplier": "rail", "replenishment": {
        "kind": "schedule", "every": "7 d", "first": "Mon 08:00", "quantity": 5}}},
    "disruptions": {
        "storm": {"kind": "delivery_delay", "material": "alloy", "at": "Mon 06:00",
                  "delay": "5 h", "reported_at": "Mon 07:00", "estimated_delay": "4 h"},
        "flu": {"kind": "staff_absence", "at": "Mon 09:00", "count": 1, "duration": "2 h"},
    },
}

MACHINE_FILES = {"station.py", "failures.py"}
"""The machine's processes: converted by another change (they may still be generators)."""
REAL_RUN_ONLY = {("runtime.py", "_later"), ("twin.py", "_capture")}
"""Generators that run only in the real run next to the agents, never in a copied model."""


@pytest.fixture
def bodies(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every process body started from now on, in order (``env.process`` records it)."""
    started: list[Any] = []

    def process(env: simpy.Environment, body: Any) -> simpy.Process:
        started.append(body)
        return simpy.Process(env, body)

    monkeypatch.setattr(simpy.Environment, "process", process)
    return started


def _heard(model: LineModel) -> list[tuple[str, float, dict[str, Any]]]:
    out: list[tuple[str, float, dict[str, Any]]] = []
    model.listeners.append(lambda kind, data: out.append((kind, data["time"], data)))
    return out


def _open_at(model: LineModel, times: list[float]) -> list[bool]:
    out = []
    for t in times:
        model.run(until=t)
        out.append(model.staffing.is_open)
    return out


def test_shift_calendar_opens_and_closes_the_line_on_time(bodies: list[Any]) -> None:
    model = LineModel(load_scenario(LINE), seed=1)
    shifts = [b for b in bodies if type(b).__name__ == "ShiftChanges"]
    assert len(shifts) == 1
    assert shifts[0].points == [(0.0, 0), (360.0, 2), (840.0, 0), (1800.0, 2), (2280.0, 0)]
    assert _open_at(model, [359.0, 361.0, 839.0, 841.0, 1799.0, 1801.0, 2281.0]) == [
        False, True, True, False, False, True, False]


def test_a_booked_crew_keeps_the_line_open_until_its_end(bodies: list[Any]) -> None:
    model = LineModel(load_scenario(LINE), seed=1)
    model.control.plan_shift(840.0, 1320.0, 2)
    crews = [b for b in bodies if type(b).__name__ == "CrewChanges"]
    assert [c.times for c in crews] == [(840.0, 1320.0)]
    assert _open_at(model, [839.0, 841.0, 1319.0, 1321.0]) == [True, True, True, False]
    assert model.staffing.scheduled == 0


def test_a_route_hold_delays_the_delivery_to_its_end() -> None:
    model = LineModel(load_scenario(LINE), seed=1)
    heard = _heard(model)
    model.run()
    (shipment,) = model.materials.shipments
    assert (shipment.due, shipment.arrived) == (480.0, 660.0)  # Mon 08:00 held until 11:00
    held = [(t, d["since"]) for kind, t, d in heard if kind == "route_held"]
    reported = [(t, d["estimate"], d["quantity"]) for kind, t, d in heard
                if kind == "delivery_delayed"]
    assert held == [(360.0, 360.0)]
    assert reported == [(420.0, 600.0, 5.0)]  # at 07:00: 4 h from 06:00, the one truck
    # the part (released 07:00) waits for the alloy: it starts at 11:00 and takes 10 min
    assert model.materials.started == {"p": 1}
    assert model.cycle.mean == pytest.approx(660.0 + 10.0 - 420.0)


def test_a_staff_absence_starts_and_ends_on_time() -> None:
    model = LineModel(load_scenario(LINE), seed=1)
    heard = _heard(model)
    model.run(until=539.0)
    assert model.staffing.absent == 0
    model.run(until=541.0)
    assert model.staffing.absent == 1
    model.run(until=661.0)
    assert model.staffing.absent == 0
    assert [(kind, t) for kind, t, _ in heard if kind.startswith("staff_")] == [
        ("staff_absent", 540.0), ("staff_back", 660.0)]


def test_maintenance_and_a_replayed_lever_act_at_their_times(bodies: list[Any]) -> None:
    model = LineModel(load_scenario(LINE), seed=1)
    heard = _heard(model)
    model.control.schedule_maintenance("press", 0, 900.0, 30.0, cost=50.0)
    model.control.schedule_maintenance("press", 0, 1000.0, 30.0, cost=70.0)
    model.control.replay([(950.0, cmd.CancelMaintenance("press", 0)),
                          (960.0, cmd.SetOvertime(45.0))])
    model.run(until=959.0)
    assert model.staffing.overtime_max == 0.0
    model.run()
    assert model.staffing.overtime_max == 45.0
    repaired = [(t, d["cause"]) for kind, t, d in heard if kind == "repaired"]
    assert repaired == [(930.0, "maintenance")]  # the second window was called off at 950
    assert model.maintenance_cost == pytest.approx(50.0)
    names = {type(b).__name__ for b in bodies}
    assert {"Maintenance", "LaterCommand", "Delivery", "Disruption", "DelayReport"} <= names


def _is_plain_data(body: Steps) -> bool:
    """No lambda, local function or generator among its attributes.

    Bound methods and module-level functions (``steps``' own ``send``/``throw`` defaults)
    are fine: they are stored by name.
    """
    for value in vars(body).values():
        if isinstance(value, types.GeneratorType):
            return False
        if isinstance(value, types.FunctionType) and "<" in value.__qualname__:
            return False
    return True


@pytest.mark.parametrize("name", ["quality_containment", "bad_day", "energy_maintenance",
                                  "qa_staff", "sister_capacity", "setting_a", "conwip"])
def test_no_line_process_is_a_generator_but_the_machines(
        name: str, bodies: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fork, "ENABLED", False)  # the twin's models run here, not in children
    sim.run(name, seed=1)
    generators = [b for b in bodies if inspect.isgenerator(b)]
    places = {(Path(g.gi_code.co_filename).name, g.gi_code.co_name) for g in generators}
    assert {p for p in places if p[0] not in MACHINE_FILES} <= REAL_RUN_ONLY
    steps = [b for b in bodies if not inspect.isgenerator(b)]
    assert steps and all(isinstance(b, Steps) and _is_plain_data(b) for b in steps)
    assert len(bodies) == len(generators) + len(steps)
