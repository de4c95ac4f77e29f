"""The dashboard's plain-Python state: settings, stepping, parameters, proposals (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

import sim
from sim.dashboard.params import apply_parameters, scenario_parameters
from sim.dashboard.session import DashboardSession, NeedsDecision, ScriptedApprover, Settings
from sim.results.result import Result
from sim.runner import start
from sim.scenario import load_scenario
from sim.scenario.loader import SCENARIO_DIR

BASELINE = SCENARIO_DIR / "baseline.toml"
DELAY = "disruptions.rail_storm.delay"


@pytest.fixture
def storm(tmp_path: Path) -> Path:
    """The baseline week with a 24 h delay of the rail-borne alloy from Tuesday 06:00."""
    path = tmp_path / "storm.toml"
    path.write_text(
        f'extends = "{BASELINE.as_posix()}"\nname = "storm"\n'
        "[disruptions.rail_storm]\nkind = \"delivery_delay\"\nat = \"Tue 06:00\"\n"
        "material = \"alloy\"\ndelay = \"24 h\"\nreported_at = \"Tue 09:30\"\n"
    )
    return path


def test_settings_reject_bad_mode_and_step():
    with pytest.raises(ValueError, match="mode"):
        Settings(mode="sometimes")
    with pytest.raises(ValueError, match="step_hours"):
        Settings(step_hours=0)


def test_steps_advance_the_clock_and_stop_at_the_horizon():
    session = DashboardSession(Settings("baseline", seed=3, step_hours=4))
    assert session.now == 0.0
    assert session.step()
    assert session.now == 240.0
    assert session.step(10)
    assert session.now == 840.0
    assert session.run()
    assert session.now == session.horizon == load_scenario("baseline").horizon
    assert session.done
    assert not session.step()
    assert not session.run()


def test_stepping_gives_the_same_result_as_one_run():
    session = DashboardSession(Settings("baseline", seed=5, step_hours=7))
    while session.step():
        pass
    stepped = session.snapshot().result.kpis
    whole = sim.run("baseline", seed=5).kpis
    assert list(stepped.index) == list(whole.index)
    assert stepped.to_numpy() == pytest.approx(whole.to_numpy(), rel=1e-12, nan_ok=True)


def test_reset_replays_the_same_run():
    session = DashboardSession(Settings("baseline", seed=2))
    session.step(30)
    first = session.snapshot().result.kpis
    version = session.version
    session.reset()
    assert session.now == 0.0 and session.version > version
    session.step(30)
    assert session.snapshot().result.kpis.equals(first)


def test_snapshot_is_labelled_and_has_no_baseline_when_agents_are_off():
    session = DashboardSession(Settings("baseline", seed=1))
    session.step(12)
    snap = session.snapshot()
    assert snap.baseline is None and snap.pending is None
    assert snap.result.metadata["synthetic"] is True
    assert snap.result.metadata["seed"] == 1
    assert snap.result.timeseries["time_h"].max() <= 12.0
    assert not snap.done


def test_scenario_parameters_come_from_the_disruptions(storm: Path):
    scn = load_scenario(storm)
    params = scenario_parameters(scn)
    assert [p.path for p in params] == [DELAY]
    delay = params[0]
    assert delay.default == 24.0 and delay.unit == "h"
    assert delay.minimum == 1.0 and delay.maximum == 96.0
    assert delay.label() == "rail_storm: delivery delay [h]"
    changed = apply_parameters(scn, {DELAY: 60})
    assert changed.disruptions["rail_storm"].delay == 60 * 60.0
    assert apply_parameters(scn, {DELAY: 24.0}) is scn
    with pytest.raises(ValueError, match="1.0..96.0"):
        apply_parameters(scn, {DELAY: 500})
    with pytest.raises(KeyError):
        apply_parameters(scn, {"stations.cut.machines": 2})
    assert scenario_parameters(load_scenario("baseline")) == []


def test_a_longer_delay_starves_the_line(storm: Path):
    session = DashboardSession(Settings(str(storm), seed=1))
    session.run()
    short = session.snapshot().result.kpis
    session.set_parameter(DELAY, 72)
    assert session.now == 0.0  # a new value starts afresh
    assert session.scenario.disruptions["rail_storm"].delay == 72 * 60.0
    session.run()
    long = session.snapshot().result.kpis
    shortage = "material shortage at first station [h]"
    assert long[shortage] > short[shortage] + 10
    assert long["output [units]"] < short["output [units]"]
    assert long["on-time delivery [%]"] < short["on-time delivery [%]"]


def test_changing_the_scenario_drops_foreign_parameters(storm: Path):
    session = DashboardSession(Settings(str(storm), params={DELAY: 48}))
    assert session.value(session.parameters[0]) == 48
    session.update(scenario="baseline")
    assert session.settings.params == {} and session.parameters == []


def test_start_refuses_unknown_modes():
    with pytest.raises(ValueError, match="unknown agents mode"):
        start(load_scenario("baseline"), 0, "maybe")


# -- recommend mode: proposals answered by a person, replayed deterministically ---------------
class FakeEngine:
    """A stand-in for the agents' model: proposes at fixed times and counts what was approved.

    Its result's ``output [units]`` is the number of approved proposals, so a test can see
    which decisions reached the run.
    """

    PROPOSALS = (100.0, 300.0)

    def __init__(self, scenario, seed, mode, approver) -> None:
        self.mode, self.approver, self.seed = mode, approver, seed
        self.now = 0.0
        self.approved = 0
        self.built = 1

    def advance(self, until: float) -> None:
        for at in self.PROPOSALS:
            if self.now < at <= until and self.mode == "recommend":
                self.now = at
                self.approved += bool(self.approver({"option": f"act at {at:g}"}))
        self.now = until

    def last_stop_before(self, time: float) -> float:
        return time - 1.0

    def result(self) -> Result:
        real = sim.run("mm1", seed=0)
        real.kpis.loc["output [units]"] = self.approved
        real.metadata["mode"] = self.mode
        return real


def test_scripted_approver_replays_then_asks():
    decisions = [True, False]
    approver = ScriptedApprover(decisions)
    assert approver("a") is True and approver("b") is False
    with pytest.raises(NeedsDecision) as info:
        approver("c")
    assert info.value.index == 2 and info.value.proposal == "c"
    decisions.append(True)  # the list is read live
    fresh = ScriptedApprover(decisions)
    assert [fresh(x) for x in "abc"] == [True, False, True]


def test_recommend_mode_stops_at_a_proposal_and_goes_on_after_a_decision():
    session = DashboardSession(Settings("baseline", mode="recommend"), engine_factory=FakeEngine)
    assert session.baseline is not None and session.baseline.mode == "off"
    assert session.run()
    pending = session.pending
    assert pending is not None and pending.index == 0 and pending.time == 100.0
    assert pending.proposal == {"option": "act at 100"}
    assert session.now == 99.0 and session.baseline.now == session.now
    assert not session.run()  # nothing moves while a proposal waits
    session.decide(True)
    session.run()
    assert session.pending.index == 1 and session.pending.time == 300.0
    session.decide(False)
    session.run()
    assert session.done and session.pending is None
    snap = session.snapshot()
    assert snap.decisions == (True, False)
    assert snap.result.kpis["output [units]"] == 1  # approved one of two
    assert snap.baseline is not None and snap.baseline.metadata["mode"] == "off"
    with pytest.raises(RuntimeError):
        session.decide(True)
    session.reset()
    assert session.decisions == [] and session.now == 0.0


# -- with the real agents layer ---------------------------------------------------------------
def test_autonomous_stepping_equals_one_run_and_the_baseline_runs_in_lockstep():
    session = DashboardSession(Settings("supply_disruption", seed=1, mode="autonomous",
                                        step_hours=5))
    session.step(1.5)
    assert session.now == 120.0  # rounded up to the hourly decision grid
    while session.step():
        assert session.baseline.now == session.now
    snap = session.snapshot()
    alone = sim.run("supply_disruption", seed=1, agents="autonomous")
    assert snap.result.kpis.equals(alone.kpis)
    assert len(snap.result.decisions) == len(alone.decisions) > 0
    assert snap.baseline.kpis.equals(sim.run("supply_disruption", seed=1, agents="off").kpis)


def test_recommend_mode_with_the_real_planner():
    from sim.agents import RefuseAll

    session = DashboardSession(Settings("supply_disruption", seed=1, mode="recommend"))
    session.run()
    pending = session.pending
    assert pending is not None and pending.proposal.agent == "planner"
    assert session.now <= pending.time and session.now == session.baseline.now
    assert pending.proposal.proposal.choice.name.startswith("transfer")
    session.decide(True)
    while session.run() or session.pending is not None:
        if session.pending is not None:
            session.decide(True)
    approved = session.snapshot()
    agreed = sim.run("supply_disruption", seed=1, agents="recommend")  # management agrees
    assert approved.result.kpis.equals(agreed.kpis)
    journal = approved.result.decisions
    assert journal["approved_by"].str.startswith("participant").any()

    session.reset()
    while session.run() or session.pending is not None:
        if session.pending is not None:
            session.decide(False)
    refused = session.snapshot().result
    assert refused.kpis.equals(sim.run("supply_disruption", seed=1, agents="recommend",
                                       approver=RefuseAll()).kpis)
    assert (refused.decisions["status"] == "refused").any()


@pytest.mark.parametrize("name", sorted(p.stem for p in SCENARIO_DIR.glob("*.toml")))
def test_every_shipped_scenario_opens_steps_and_draws(name):
    from sim.dashboard.views import journal_table, kpi_comparison
    from sim.plots.live import line_figure

    mode = "autonomous" if load_scenario(name).disruptions else "off"
    session = DashboardSession(Settings(name, mode=mode))
    assert session.step(24)
    snap = session.snapshot()
    assert snap.now == 24 * 60.0
    assert len(line_figure(snap.result, snap.baseline, snap.now, snap.horizon).axes) == 4
    table = kpi_comparison(snap.result, snap.baseline)
    assert "output [units]" in table.index
    assert journal_table(snap.result) is not None
