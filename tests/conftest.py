"""Shared fixtures and the test tiers.

``bash scripts/test.sh`` (and CI) runs everything. ``bash scripts/test.sh --fast`` runs
``-m "not slow"``: everything but the statistical theory checks, the notebooks, the browser,
the JupyterLite build, the benchmark scripts and the killed-sweep resume tests. Mark a single
test with ``@pytest.mark.slow``; whole files that are slow by nature are listed here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sim
from sim.scenario import Scenario, load_scenario, with_overrides

SLOW_FILES = frozenset({
    "test_benchmark_script.py", "test_dashboard_e2e.py", "test_exp_bench.py",
    "test_lite_build.py", "test_notebooks.py", "test_properties.py", "test_theory_conwip.py",
    "test_theory_failures.py", "test_theory_queues.py",
})
"""Files whose every test belongs to the slow tier."""

SLOW_TESTS = frozenset({
    "test_exp_store.py::test_killed_sweep_resumes_to_the_same_table",
    "test_exp_replicate.py::test_ci_coverage_of_a_known_mean",
    "test_cli_subprocess.py::test_run_writes_labelled_results",
    "test_agents_core.py::test_bench_agents_quick_prints_its_figures",
    "test_daily_report.py::test_daily_report_scenario_keeps_the_books_with_and_without_agents",
    "test_maintenance_study.py::test_study_tables_are_paired_differences_of_the_runs",
    "test_sisters.py::test_the_new_scenarios_are_deterministic_per_seed",
    "test_quality_mechanics.py::test_invariants_on_the_new_scenarios",
})
"""Single slow tests (``file::name``, parameters ignored)."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put the slow files and tests into the ``slow`` tier."""
    for item in items:
        name = Path(str(item.fspath)).name
        test = f"{name}::{item.name.split('[')[0]}"
        if name in SLOW_FILES or test in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def baseline() -> Scenario:
    """The shipped baseline scenario."""
    return load_scenario("baseline")


@pytest.fixture(scope="session")
def short_baseline(baseline: Scenario) -> Scenario:
    """The baseline cut to one day (quick runs)."""
    return with_overrides(baseline, {"horizon": "1 d"})


@pytest.fixture(scope="session")
def supply() -> Scenario:
    """The shipped supply-disruption vignette."""
    return load_scenario("supply_disruption")


@pytest.fixture(scope="session")
def baseline_result(baseline: Scenario) -> sim.Result:
    """The baseline run with seed 1 (shared; do not mutate)."""
    return sim.run(baseline, seed=1)
