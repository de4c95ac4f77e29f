"""The look-ahead's fork path (sim.agents.fork) gives exactly the portable replay path's numbers."""

from __future__ import annotations

import os
import threading

import pytest

import sim
from sim.agents import fork
from sim.agents import twin as twin_module
from sim.agents.twin import Branching
from sim.scenario import load_scenario

posix = pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX only")


def _decisions(monkeypatch: pytest.MonkeyPatch, branching: Branching) -> tuple[str, int]:
    calls = []
    original = fork.in_children

    def counting(works, jobs=None):  # noqa: ANN001, ANN202
        calls.extend(works)
        return original(works, jobs)

    monkeypatch.setattr(twin_module, "BRANCHING", branching)
    monkeypatch.setattr(fork, "in_children", counting)
    result = sim.run("supply_disruption", seed=1)
    return result.decisions.to_csv() + result.kpis.to_csv(), len(calls)


@posix
def test_fork_path_equals_replay_path_on_the_vignette(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WERKHALLE_FORK", raising=False)
    # threads left by earlier tests (joblib's, Dask's) would keep the twin off the fork
    monkeypatch.setattr(fork.threading, "active_count", lambda: 1)
    replayed, none = _decisions(monkeypatch, Branching.REPLAY)
    forked, children = _decisions(monkeypatch, Branching.FORK)
    assert none == 0
    assert children > 0  # the fork path really ran: one child per (future, option)
    assert "futures" in forked and forked == replayed  # every predicted figure, to the bit


def test_the_fork_is_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fork.threading, "active_count", lambda: 1)
    scenario = load_scenario("supply_disruption")
    twin = twin_module.Twin(scenario, 1, scenario.agents)
    monkeypatch.delenv("WERKHALLE_FORK", raising=False)
    assert twin._branching() is Branching.SNAPSHOT  # the portable default
    monkeypatch.setenv("WERKHALLE_FORK", "1")
    expected = Branching.FORK if hasattr(os, "fork") else Branching.SNAPSHOT
    assert twin._branching() is expected
    monkeypatch.setattr(fork, "ENABLED", False)
    assert twin._branching() is Branching.SNAPSHOT  # cannot fork: the snapshot instead


@posix
def test_fork_is_off_by_env_var_and_while_other_threads_run(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fork, "ENABLED", True)
    monkeypatch.setenv("WERKHALLE_FORK", "1")
    with monkeypatch.context() as alone:  # as if no thread were left by earlier tests
        alone.setattr(fork.threading, "active_count", lambda: 1)
        assert fork.available()
        monkeypatch.setenv("WERKHALLE_FORK", "0")
        assert not fork.available()
    monkeypatch.setenv("WERKHALLE_FORK", "1")
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not fork.available()  # e.g. the dashboard's worker pool
    finally:
        stop.set()
        worker.join()
    monkeypatch.setattr(fork, "ENABLED", False)
    assert not fork.available()


@posix
def test_child_result_comes_back_and_its_changes_stay_in_the_child() -> None:
    box = {"n": 1}

    def work() -> dict[str, float]:
        box["n"] += 41
        return {"n": float(box["n"]), "third": 1 / 3}

    assert fork.in_child(work) == {"n": 42.0, "third": 1 / 3}
    assert box == {"n": 1}

    def broken() -> dict[str, float]:
        raise RuntimeError("child fails")

    assert fork.in_child(broken) is None  # the caller then takes the portable path


@posix
@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_children_side_by_side_return_in_order_and_share_nothing(jobs: int) -> None:
    box = {"n": 0}

    def work(i: int) -> dict[str, float]:
        box["n"] += i  # each child starts from the parent's state, not a sibling's
        if i == 2:
            raise RuntimeError("child fails")
        return {"n": float(box["n"]), "i": float(i)}

    works = [lambda i=i: work(i) for i in range(5)]
    out = fork.in_children(works, jobs=jobs)
    assert out == [{"n": float(i), "i": float(i)} if i != 2 else None for i in range(5)]
    assert box == {"n": 0}


def test_only_acts_for_its_selected_option() -> None:
    done = []

    class Note:
        def apply(self, control: object) -> str:
            done.append(control)
            return "applied"

    selected = [-1]
    only = fork.Only(selected, 1, Note())  # type: ignore[arg-type]
    assert only.apply("line") is None and done == []
    selected[0] = 0
    assert only.apply("line") is None and done == []
    selected[0] = 1
    assert only.apply("line") == "applied" and done == ["line"]
