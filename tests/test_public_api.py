"""The face of the package is pinned: what ``import sim`` and the curated namespaces offer.

Notebooks, the README and the docs import only from these namespaces; a name that leaves one,
or a new one that arrives, fails here first (and is a decision to write down).
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import sim
from sim.agents import REGISTRY
from sim.scenario.agents_schema import AUTONOMY_LEVELS, POLICY_NAMES, ROLES

PUBLIC = {
    "sim": {
        "Comparison", "MaintenancePolicy", "PlannerPolicy", "Policy", "Result", "SYNTHETIC_LABEL",
        "Scenario", "ScenarioError", "SupplierPolicy", "__version__", "compare",
        "compare_paired", "get_language", "load_scenario", "read_result", "replicate", "run",
        "set_language",
        "start", "stress_test", "sweep", "with_overrides",
    },
    "sim.agents": {
        "REGISTRY", "Action", "ApprovalRequest", "ApproveAll", "MaintenancePolicy", "Option",
        "PlannerPolicy", "Policy", "Proposal", "RefuseAll", "RulePlanner", "Situation",
        "SupplierPolicy", "TwinPlanner", "WaitPlanner", "forecast_check", "registry",
    },
    "sim.plots": {
        "STATE_COLOURS", "SyntheticFigure", "WATERMARK", "comparison_figures", "label_figure",
        "line_figure", "plot_kpi_bars", "plot_kpis", "plot_maintenance_study", "plot_options",
        "plot_paired",
        "plot_station_gantt", "plot_stock_output", "plot_stress", "plot_sweep",
        "plot_sweep_heatmap", "plot_value_of_information", "plot_value_of_time",
        "plot_wip_stock", "save_plots", "save_standard_plots",
        "standard_figures", "state_segments",
    },
    "sim.experiments": {
        "AGENTS", "BASELINE", "Config", "ExecutionOptions", "ExperimentResult",
        "PairedComparison", "Range",
        "Replications", "StressResult", "SweepResult", "bad_day", "compare_paired",
        "is_compensated", "mean_ci", "replicate", "replication_seeds", "resilience",
        "resilience_kpis", "stress_test", "sweep", "t_quantile", "wilson", "Ladder", "ladder",
        "lost_and_rescued", "stress_report", "value_of_information", "value_of_time",
        "HELD_OUT", "RULE_ACTIONS", "RULE_CONDITIONS", "TUNING", "planner_board",
        "format_maintenance_study", "run_maintenance_study",
    },
    "sim.results": {"Labelled", "Result", "collect", "read_labelled_csv", "read_labelled_folder",
                    "read_result", "write_labelled_csv", "write_labelled_xlsx"},
    "sim.scenario": {"SCENARIO_DIR", "Scenario", "load_scenario", "scenario_hash", "to_data",
                     "with_overrides"},
    "sim.line": {"LineControl", "LineModel", "Observation", "Part", "STATES"},
}
"""Each curated namespace and the names it promises."""


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_namespace_is_pinned(name):
    module = importlib.import_module(name)
    assert set(module.__all__) == PUBLIC[name]
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert missing == []


def test_file_format_words_match_the_registry():
    known = REGISTRY
    assert set(known) == set(ROLES)
    assert {role: tuple(names) for role, names in known.items()} == POLICY_NAMES
    assert sim.runner.MODES == AUTONOMY_LEVELS


def test_notebooks_import_only_curated_namespaces():
    curated = set(PUBLIC) | {"sim.dashboard", "sim.i18n"}
    root = Path(__file__).resolve().parents[1] / "notebooks" / "_src"
    for path in root.rglob("*.py"):
        for module in re.findall(r"^\s*(?:from|import) (sim[\w.]*)", path.read_text(), re.M):
            assert module in curated, f"{path.name} imports {module}"
