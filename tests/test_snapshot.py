"""Snapshots of a running line (sim.line.snapshot): a restored copy continues to the bit.

And the look-ahead's three ways to get the past (sim.agents.twin.Branching) give the same
numbers, with the snapshot simulating the past once per decision.
"""

from __future__ import annotations

import os
import pickle

import pytest
import simpy

import sim
from sim.agents import fork
from sim.agents import twin as twin_module
from sim.agents.twin import Branching
from sim.line.model import LineModel
from sim.line.snapshot import Snapshot, SnapshotError
from sim.line.states import STATES
from sim.line.streams import Streams
from sim.results.collector import collect_kpis
from sim.scenario import load_scenario, with_overrides

RICH = ["supply_disruption", "bad_day", "quality_containment", "energy_maintenance",
        "sister_capacity", "setting_a", "r7_at_risk", "predictive_maintenance"]
"""Shipped scenarios that together start every kind of line process (calendar, failures,
crews, material, disruptions, energy, quality, maintenance)."""


def _model(name: str, seed: int = 2) -> LineModel:
    return LineModel(load_scenario(name), seed=seed, event_log=False)


def _kpis(model: LineModel) -> str:
    model.run()
    return collect_kpis(model).to_csv()


@pytest.mark.parametrize("name", RICH)
def test_a_restored_copy_continues_exactly_as_the_original(name: str) -> None:
    whole = _kpis(_model(name))  # one run from start to end, never copied
    model = _model(name)
    model.run(model.scenario.horizon * 0.4)
    frozen = Snapshot(model)
    first, second = frozen.restore(), frozen.restore()
    assert first is not model and first.env is not model.env
    assert first.scenario is model.scenario  # scenario data is shared, not copied
    assert _kpis(first) == whole  # a copy goes on to the same end, to the bit
    assert model.env.now == model.scenario.horizon * 0.4  # ... without moving the original
    assert _kpis(second) == whole  # ... or its sibling
    assert _kpis(model) == whole


def test_copies_are_independent_and_keep_the_state_words() -> None:
    model = _model("bad_day", seed=1)
    model.run(2000.0)
    released, queue = model.released, len(model.env._queue)
    copy = Snapshot(model).restore()
    machine = copy.stations[0].machines[0]
    assert any(machine.state is word for word in STATES)  # identity, as the hot path needs
    assert machine.station is copy.stations[0] and machine.env is copy.env
    assert len(copy.env._queue) == queue
    assert [t for t, *_ in copy.env._queue] == [t for t, *_ in model.env._queue]
    copy.run(4000.0)
    assert copy.released > released and model.released == released
    assert model.env.now == 2000.0


def test_a_generator_process_cannot_be_frozen_and_says_which() -> None:
    model = _model("baseline")

    def ticker(env: simpy.Environment):  # noqa: ANN202 - a lecturer's own generator process
        while True:
            yield env.timeout(60)

    model.env.process(ticker(model.env))
    model.run(100.0)
    with pytest.raises(SnapshotError, match="ticker.*Steps"):
        Snapshot(model)


def test_a_sampler_copy_hands_out_the_rest_of_its_batch_then_the_same_draws() -> None:
    for taken in (0, 1, 511, 512, 700):
        sampler = Streams(3).uniform("x")
        for _ in range(taken):
            sampler.next()
        copy = pickle.loads(pickle.dumps(sampler))  # noqa: S301 - our own object
        assert [copy.next() for _ in range(1100)] == [sampler.next() for _ in range(1100)]


def _journal(monkeypatch: pytest.MonkeyPatch, branching: Branching, name: str,
             overrides: dict | None = None) -> tuple[str, int]:
    pasts = []
    original = twin_module.Twin._from_past

    def counting(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        before = self.pasts
        out = original(self, *args, **kwargs)
        pasts.append(self.pasts - before)
        return out

    monkeypatch.setattr(twin_module, "BRANCHING", branching)
    monkeypatch.setattr(twin_module.Twin, "_from_past", counting)
    scenario = load_scenario(name)
    if overrides:
        scenario = with_overrides(scenario, overrides)
    result = sim.run(scenario, seed=1)
    return result.decisions.to_csv() + result.kpis.to_csv(), sum(pasts)


@pytest.mark.parametrize(("name", "overrides"), [
    ("supply_disruption", None),
    ("supply_disruption", {"agents.forecast": "oracle"}),
])
def test_the_three_branchings_give_the_same_decisions(monkeypatch: pytest.MonkeyPatch,
                                                      name: str, overrides: dict | None) -> None:
    monkeypatch.delenv("WERKHALLE_FORK", raising=False)
    replayed, none = _journal(monkeypatch, Branching.REPLAY, name, overrides)
    frozen, pasts = _journal(monkeypatch, Branching.SNAPSHOT, name, overrides)
    assert none == 0  # the replay path never simulates a shared past
    assert pasts > 0  # the snapshot path did, once per decision (and known scenario)
    assert "score" in frozen and frozen == replayed  # every predicted figure, to the bit
    if hasattr(os, "fork"):
        monkeypatch.setattr(fork.threading, "active_count", lambda: 1)
        forked, _ = _journal(monkeypatch, Branching.FORK, name, overrides)
        assert forked == replayed


def test_a_twin_that_cannot_freeze_the_past_replays_it_and_says_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def unfreezable(obj: object) -> None:
        raise SnapshotError("cannot copy the running line: the process 'ticker' is a generator")

    monkeypatch.setattr(twin_module, "Snapshot", unfreezable)
    monkeypatch.setattr(twin_module, "BRANCHING", Branching.SNAPSHOT)
    monkeypatch.delenv("WERKHALLE_FORK", raising=False)
    with pytest.warns(RuntimeWarning, match="ticker.*simulates the past again"):
        fallback = sim.run("supply_disruption", seed=1)
    monkeypatch.setattr(twin_module, "BRANCHING", Branching.REPLAY)
    assert fallback.decisions.to_csv() == sim.run("supply_disruption", seed=1).decisions.to_csv()
