"""Issue #14, mechanics 3 and 4: staff to QA, a worker's report, quarantine, re-test, cooling.

Hand-computable cases on one or two deterministic stations (``sim.line.inspection``), the
levers through the control port, the off switch (no ``[quality]``: nothing changes), the
scenario checks, and the line's invariants on the two new scenarios with and without agents.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from invariants import check_all, check_result

import sim
from sim import load_scenario
from sim.errors import ScenarioError
from sim.i18n import language
from sim.i18n.message import journal_for_people
from sim.line.commands import Quarantine, ReassignStaff
from sim.line.model import LineModel
from sim.results.collector import collect
from sim.results.names import KPI
from sim.scenario import scenario_hash

TINY = {
    "name": "tiny_quality", "horizon": "600 min", "sample_interval": "0 min",
    "variants": {"part": {}},
    "stations": {"s": {"process_time": "10 min", "buffer": "inf", "operators": 0}},
    "release": {"kind": "deterministic", "interarrival": "10 min"},
    "quality": {"dispatch_hold": "60 min", "escape_cost": 100.0, "repair_cost": 10.0,
                "defects": {"s": 1.0},
                "inspection": {"detection": 1.0, "minutes_per_part": 5.0}},
}


def _tiny(**quality) -> dict:
    return {**TINY, "quality": {**TINY["quality"], **quality}}


def _run(data: dict, setup=None) -> LineModel:  # noqa: ANN001
    model = LineModel(load_scenario(data), seed=1)
    if setup is not None:
        setup(model)
    model.run()
    return model


def test_every_defect_escapes_without_qa() -> None:
    """Arrivals at 10, 20, ..., 590 min (59 started); each takes 10 min at ``s``, so parts
    finish at 20, 30, ..., 590: 58 out (the one finishing at 600 is past the horizon).
    defects = 1: all 58 are defective, nobody checks: 58 escapes, 58 x 100 = 5,800 EUR;
    line quality = (58 - 58) / 59 = 0 %, while the station's own quality factor is 100 %."""
    model = _run(TINY)
    kpis = collect(model).kpis
    assert kpis[KPI.OUTPUT] == 58
    assert kpis[KPI.HIDDEN_DEFECTS] == 58
    assert kpis[KPI.ESCAPES] == 58
    assert kpis[KPI.CAUGHT] == 0
    assert kpis["cost escapes [EUR]"] == 5800.0
    assert kpis[KPI.LINE_QUALITY] == 0.0
    assert kpis[KPI.QUALITY] == 100.0


def test_one_inspector_catches_every_defect() -> None:
    """One operator at QA from t = 0 (no calendar: the line keeps all its staff). A part
    arrives in dispatch every 10 min and waits 60 min; one check takes 5 min, so every part
    is checked (the last, out at 590, is checked by 595 < 650). detection = 1: 58 caught,
    0 escapes; QA time 58 x 5 = 290 min; repairs 58 x 10 = 580 EUR; line quality 58/59."""
    model = _run(TINY, lambda m: m.control.reassign_staff(1))
    kpis = collect(model).kpis
    assert kpis[KPI.INSPECTED] == 58
    assert kpis[KPI.CAUGHT] == 58
    assert kpis[KPI.ESCAPES] == 0
    assert kpis[KPI.QA_HOURS] == pytest.approx(290 / 60)
    assert kpis["cost defect repair [EUR]"] == 580.0
    assert kpis[KPI.LINE_QUALITY] == pytest.approx(100 * 58 / 59)


def test_a_blind_inspector_finds_nothing() -> None:
    """detection = 0: the same 58 checks, no finds: 58 escapes (a check is no guarantee)."""
    model = _run(_tiny(inspection={"detection": 0.0, "minutes_per_part": 5.0}),
                 lambda m: m.control.reassign_staff(1))
    kpis = collect(model).kpis
    assert (kpis[KPI.INSPECTED], kpis[KPI.CAUGHT], kpis[KPI.ESCAPES]) == (58, 0, 58)


def test_staff_to_qa_costs_the_capacity_of_their_station() -> None:
    """Two stations ``a`` (10 min) -> ``b`` (5 min); ``a``'s operator is at QA from 0 to
    200 min. ``a`` is off exactly 200 min; from 200 it works without a break (19 parts wait),
    finishing at 210, ..., 590 (39 parts), each out of ``b`` 5 min later: 39 out against 58
    without the reassignment (a part out of b at 25, ..., 595): 19 lost. Nothing finishes
    while a stands still and the operator is back at ``a`` when parts come again, so QA
    checks nothing: all 39 escape. Staff to QA loses when there is nothing to check."""
    data = {**TINY, "stations": {
        "a": {"process_time": "10 min", "buffer": "inf", "operators": 1},
        "b": {"process_time": "5 min", "buffer": "inf", "operators": 1}},
        "quality": {**TINY["quality"], "defects": {"a": 1.0}}}

    def reassign(model: LineModel) -> None:
        model.control.reassign_staff(1, "a")
        model.control.replay([(200.0, ReassignStaff(0, "a"))])

    base = collect(_run(data)).kpis
    model = _run(data, reassign)
    kpis = collect(model).kpis
    assert base[KPI.OUTPUT] == 58 and kpis[KPI.OUTPUT] == 39
    assert model.station["a"].machines[0].time["off"] == 200.0
    assert model.station["b"].machines[0].time["off"] == 0.0
    assert (kpis[KPI.INSPECTED], kpis[KPI.CAUGHT], kpis[KPI.ESCAPES]) == (0, 0, 39)
    assert base[KPI.ESCAPES] == 58


def test_quarantine_sends_the_batch_through_the_extended_test() -> None:
    """Dispatch hold 600 min (nothing leaves before the end), no QA. At 300 min the parts
    made at ``s`` since 200 min are quarantined: those out at 200, 210, ..., 290 (10 parts;
    the one finishing at 300 is not yet made). One rig, 6 min each, detection 1: tested by
    306, ..., 360, all 10 caught; test time 60 min = 90 EUR at 90 EUR/h. The other 48 out
    are defective and still in dispatch at the end: escapes. Line quality (58 - 48) / 59."""
    data = _tiny(dispatch_hold="600 min", inspection=None,
                 retest={"detection": 1.0, "minutes_per_part": 6.0, "testers": 1,
                         "cost_per_hour": 90.0})
    model = LineModel(load_scenario(data), seed=1)
    model.run(300)
    moved = model.control.quarantine("s", 200.0)
    model.run()
    kpis = collect(model).kpis
    assert moved == 10
    assert kpis[KPI.RETESTED] == 10
    assert kpis[KPI.CAUGHT] == 10
    assert kpis[KPI.ESCAPES] == 48
    assert kpis[KPI.RETEST_HOURS] == 1.0
    assert kpis["cost extended test [EUR]"] == 90.0
    assert kpis[KPI.LINE_QUALITY] == pytest.approx(100 * 10 / 59)
    assert isinstance(model.control.actions[0][1], Quarantine)


def test_cooling_slows_the_drift_from_when_it_is_on() -> None:
    """A drift from 0 at 6 points per hour (nominal scrap 0); cooling at factor 0.5 from 120
    min. The drift updates every 10 min; the last update before 240 is at 230: without
    cooling 0.06 x 230/60 = 0.23, with it 0.06 x (120 + 0.5 x 110)/60 = 0.175."""
    data = _tiny(inspection=None, cooling={"factor": 0.5, "cost_per_hour": 6.0})
    data["disruptions"] = {"drift": {"kind": "quality_drift", "at": "0 min", "station": "s",
                                     "rate": 0.06, "max": 0.9}}
    plain = LineModel(load_scenario(data), seed=1)
    plain.run(240)
    cooled = LineModel(load_scenario(data), seed=1)
    cooled.control.cool("s", 120.0)
    cooled.run(240)
    assert plain.station["s"].scrap_p == pytest.approx(0.23)
    assert cooled.station["s"].scrap_p == pytest.approx(0.175)
    assert collect(cooled).kpis["cost cooling [EUR]"] == pytest.approx(2 * 6.0)


def test_the_levers_need_their_sections() -> None:
    """quarantine and cool raise without ``[quality.retest]`` / ``[quality.cooling]``."""
    model = LineModel(load_scenario(TINY), seed=1)
    with pytest.raises(ValueError, match="quality.retest"):
        model.control.quarantine("s", 0.0)
    with pytest.raises(ValueError, match="quality.cooling"):
        model.control.cool("s", 0.0)


def test_absent_section_changes_nothing() -> None:
    """Without ``[quality]``: no model part, no quality KPIs, no ``quality`` in the
    fingerprint's data; ``reassign_staff`` records as before (no ``station`` field)."""
    data = {k: v for k, v in TINY.items() if k != "quality"}
    scn = load_scenario(data)
    model = _run(data, lambda m: m.control.reassign_staff(0))
    assert model.quality is None
    assert KPI.ESCAPES not in collect(model).kpis.index
    assert model.control.actions[0][1].text() == "reassign_staff(count=0)"
    dump = scn.model_dump(mode="json")
    assert dump.pop("quality") is None
    older = hashlib.sha256(json.dumps(dump, sort_keys=True, separators=(",", ":")).encode())
    assert scenario_hash(scn) == older.hexdigest()[:12]  # the fingerprint before [quality]


def test_bad_quality_input_names_the_field() -> None:
    """An unknown station and a probability above 1 are one ScenarioError each."""
    with pytest.raises(ScenarioError, match="quality.defects.nowhere"):
        load_scenario(_tiny(defects={"nowhere": 0.1}))
    with pytest.raises(ScenarioError, match="detection"):
        load_scenario(_tiny(inspection={"detection": 1.5, "minutes_per_part": 5.0}))
    with pytest.raises(ScenarioError, match="quality.reports.0.station"):
        load_scenario(_tiny(reports=[{"at": "60 min", "station": "x"}]))


def test_a_workers_report_triggers_containment() -> None:
    """A drift from 0 at 30 points/h; the worker reports at 120 min. The maintenance agent
    (no control chart) scans the batch since 60 min (window 1 h): its scrap share is above
    the 3-sigma limit of nominal 0.5 %, so it recalibrates and quarantines the batch, and
    the extended test then re-tests it (journaled in English and German)."""
    data = _tiny(inspection=None, defects={"s": 0.0}, drift_hidden=1.0,
                 retest={"detection": 1.0, "minutes_per_part": 2.0, "window": "1 h"},
                 reports=[{"at": "120 min", "station": "s", "suspicion": "inaccuracy"}])
    data["stations"] = {"s": {**TINY["stations"]["s"], "scrap": 0.005}}
    data["disruptions"] = {"drift": {"kind": "quality_drift", "at": "0 min", "station": "s",
                                     "rate": 0.3, "max": 0.6}}
    data["agents"] = {"autonomy": "off", "decision_interval": "30 min",
                      "maintenance": {"autonomy": "autonomous", "policy": "reactive"}}
    result = sim.run(data, seed=1)
    row = result.decisions[result.decisions["trigger"].str.contains("report")].iloc[0]
    assert row["choice"] == "contain"
    assert "quarantine(station=s, since=60)" in row["action"]
    assert result.kpis[KPI.RETESTED] > 0
    with language("de"):
        german = journal_for_people(result.decisions)
    assert "Charge" in german["reason"].iloc[row.name]
    assert "Meldung" in german["trigger"].iloc[row.name]


@pytest.mark.parametrize("name", ["quality_containment", "qa_staff"])
def test_invariants_on_the_new_scenarios(name: str) -> None:
    """Conservation, state times, 0 <= OEE <= 1, Little's law: without agents (model and
    result checks) and with them (result checks); the same seed gives the same KPIs."""
    scn = load_scenario(name)
    model = LineModel(scn, seed=2, event_log=True)
    model.run()
    check_all(model)
    with_agents = sim.run(scn, seed=2, event_log=True)
    check_result(with_agents)
    again = sim.run(scn, seed=2, event_log=True)
    assert with_agents.kpis.equals(again.kpis)
    assert 0 <= with_agents.kpis[KPI.LINE_QUALITY] <= 100
    if name == "qa_staff":  # the staff-to-QA alternatives are weighed, with their station
        planner = with_agents.decisions[with_agents.decisions["agent"] == "planner"]
        options = {o["option"]: o for opts in planner["options"] for o in opts}
        assert "reassign_staff(count=1, station=cut)" in options["reassign_staff"]["actions"]
        assert "reassign_staff(count=1, station=cut)" in options["transfer_czech+qa"]["actions"]
        assert options["transfer_czech+qa"]["score"] == options["transfer_czech+qa"]["score"]
