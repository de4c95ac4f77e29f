"""The work budget: every runaway input of issue #12 is refused before anything runs, with a
message naming the field and the bound; the estimate follows its formulas; allow_large works."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import sim
import sim.runner as runner
from sim.cli import app
from sim.errors import ScenarioError
from sim.scenario import budget, to_data
from sim.scenario.units import _PART, DAY, parse_duration


def _data(name: str) -> dict:
    return to_data(sim.load_scenario(name))


def _first(d: dict) -> dict:
    return next(iter(d["stations"].values()))


def _order(d: dict) -> dict:
    return next(iter(d["release"]["orders"].values()))


def _set(d: dict, **kv) -> None:
    d.update(kv)


RUNAWAY = {
    "horizon inf": ("baseline", lambda d: _set(d, horizon="1e400 min"),
                    "horizon", "finite duration"),
    "horizon 1e9 w": ("baseline", lambda d: _set(d, horizon="1e9 w"),
                      "horizon", "at most one year"),
    "process time 1e-300 s": ("conwip", lambda d: _first(d).update(process_time="1e-300 s"),
                              "stations.", "at least 1 ms"),
    "1 s samples": ("baseline", lambda d: _set(d, horizon="52 w", sample_interval="1 s"),
                    "sample_interval", "at most 200,000 samples"),
    "event log 10**12": ("baseline", lambda d: _set(d, event_log_limit=10**12),
                         "event_log_limit", "1000000"),
    "order 10**9": ("baseline", lambda d: _order(d).update(quantity=10**9),
                    ".quantity", "100000"),
    "wip cap 10**7": ("conwip", lambda d: d["release"].update(wip_cap=10**7),
                      "release.wip_cap", "10000"),
    "decisions every second": ("supply_disruption",
                               lambda d: d["agents"].update(decision_interval="1 s"),
                               "agents.decision_interval", "at least 1 min"),
    "stress poisson 1e9": ("stress_week", lambda d: d["stress"]["breakdowns"].update(
        count={"dist": "poisson", "mean": 1e9}), "stress.breakdowns.count.mean", "1000"),
    "8000-digit duration": ("baseline", lambda d: _set(d, horizon="9" * 8000 + " min"),
                            "horizon", "at most 200 characters"),
    "a year at one part per second": ("mm1", lambda d: (_set(d, horizon="52 w"),
                                                        d["release"].update(interarrival="1 s")),
                                      "release", "allow_large=True"),
    "a breakdown every second": ("failures", lambda d: (_set(d, horizon="52 w"), [
        s["failures"]["ttf"].update(mean="1 s") for s in d["stations"].values()
        if "failures" in s]), "stations.*.failures", "--allow-large"),
}


@pytest.fixture
def no_model(monkeypatch):
    """Fail the test if a line model is built: refusals must come before any simulation."""
    def refuse(*args, **kwargs):
        raise AssertionError("a model was built although the input should be refused")

    monkeypatch.setattr(runner, "LineModel", refuse)
    monkeypatch.setattr("sim.agents.setup.make_agent_model", refuse)


@pytest.mark.parametrize("case", list(RUNAWAY))
def test_runaway_input_is_refused_before_running(case, no_model):
    name, change, field, words = RUNAWAY[case]
    data = _data(name)
    change(data)
    with pytest.raises(ScenarioError) as info:
        sim.run(data, seed=1)
    assert field in info.value.field or field in str(info.value)
    assert words in str(info.value)
    assert len(str(info.value)) < 400  # one readable line, not an 8,000-digit echo


def test_estimate_refusal_says_the_estimate_and_how_to_allow_it(no_model):
    data = _data("mm1")
    data["horizon"], data["release"]["interarrival"] = "52 w", "1 s"
    with pytest.raises(ScenarioError, match=r"31\.4 million parts.*allow_large=True"):
        sim.run(data)


def test_allow_large_runs_what_the_ceiling_refuses(monkeypatch):
    monkeypatch.setattr(budget, "MAX_PARTS", 10)
    with pytest.raises(ScenarioError, match="at most 10 parts"):
        sim.run("mm1")
    result = sim.run(sim.with_overrides(sim.load_scenario("mm1"), {"horizon": "1 d"}),
                     allow_large=True)
    assert result.kpis["output [units]"] > 10


def test_experiments_check_the_budget_at_their_entry(monkeypatch):
    monkeypatch.setattr(budget, "MAX_EXPERIMENT_EVENTS", 1_000)
    with pytest.raises(ScenarioError, match="experiment of at most 1,000") as info:
        sim.experiments.replicate("mm1", 5, jobs=1, progress=False)
    assert info.value.field == "n"
    with pytest.raises(ScenarioError, match="whole number of replications"):
        sim.experiments.replicate("mm1", budget.MAX_REPLICATIONS + 1, jobs=1, progress=False)


def test_sweep_checks_every_point():
    with pytest.raises(ScenarioError, match="parts"):
        sim.experiments.sweep("mm1", {"release.interarrival": ["2 min", "0.1 s"]}, n=1,
                              jobs=1, progress=False, warmup="0 min")


def test_cli_allow_large_flag_reaches_the_run(monkeypatch, tmp_path):
    monkeypatch.setattr(budget, "MAX_PARTS", 10)
    res = CliRunner().invoke(app, ["run", "mm1", "--set", "horizon=1 d", "--no-plots",
                                   "--out", str(tmp_path / "a")])
    assert res.exit_code == 2 and "--allow-large" in res.output
    res = CliRunner().invoke(app, ["run", "mm1", "--set", "horizon=1 d", "--no-plots",
                                   "--allow-large", "--out", str(tmp_path / "b")])
    assert res.exit_code == 0, res.output


def test_estimate_formulas_for_mm1():
    scn = sim.load_scenario("mm1")  # 10 d, Poisson arrivals every 2 min, one station
    est = budget.estimate(scn)
    arrivals = 10 * DAY / 2
    assert est.parts == pytest.approx(arrivals)
    assert est.terms["arrivals"] == pytest.approx(2 * arrivals)
    # the line's capacity (1 part/min) is above the arrival rate: every part is processed
    assert est.terms["parts"] == pytest.approx(budget.EVENTS_PER_OPERATION * arrivals)
    assert "samples" not in est.terms  # sample_interval = 0


def test_estimate_is_above_the_real_event_count_for_every_shipped_scenario():
    from sim.line.model import LineModel

    for path in sorted(sim.scenario.loader.SCENARIO_DIR.glob("*.toml")):
        scn = sim.load_scenario(path)
        model = LineModel(scn, seed=1)
        model.run()
        real = next(model.env._eid)  # SimPy's event counter
        est = budget.estimate(scn, agents_on=False)
        assert real <= est.events <= 10 * real, path.name
        assert est.events < budget.MAX_RUN_EVENTS, path.name


def test_parse_duration_is_linear_on_long_digit_runs():
    digits = "9" * 200_000
    assert _PART.match(digits + " min").group(1) == digits  # (was quadratic in the length)
    assert _PART.match(digits + "!") is None
    with pytest.raises(ValueError, match="finite"):
        parse_duration("1e400 min")
    with pytest.raises(ValueError, match="finite"):
        parse_duration("1e308 w")  # finite number, infinite minutes
    assert parse_duration("1.5 h") == 90.0 and parse_duration(".5 h") == 30.0


@pytest.mark.parametrize(("option", "field"), [
    (["--max-shortage", "abc"], "stress.compensated.max_shortage"),
    (["--max-shortage", "1e400 h"], "stress.compensated.max_shortage"),
    (["--on-time-min", "nan"], "stress.compensated.on_time_min"),
    (["--claim", "nan"], "claim"),
])
def test_bad_stress_options_give_one_error_line_naming_the_field(option, field):
    res = CliRunner().invoke(app, ["stress", "stress_week", "-n", "1", "-j", "1", "-q",
                                   *option])
    assert res.exit_code == 2
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: <scenario>: {field}: ")
    assert "pydantic.dev" not in res.output
