"""Experiments: replications, paired comparisons, sweeps, stress tests, resilience KPIs.

They run serially, on all local cores or on a Dask cluster (see docs/experiments.md). Every
table carries the SYNTHETIC label and a fingerprint; results are identical for every backend
and worker count.
"""

from sim.experiments.ladder import Ladder, ladder, value_of_information, value_of_time
from sim.experiments.maintenance_study import format_maintenance_study, run_maintenance_study
from sim.experiments.paired import AGENTS, BASELINE, Config, PairedComparison, compare_paired
from sim.experiments.plan import ExecutionOptions
from sim.experiments.planner_board import (
    HELD_OUT,
    RULE_ACTIONS,
    RULE_CONDITIONS,
    TUNING,
    planner_board,
)
from sim.experiments.replicate import Replications, replicate
from sim.experiments.resilience import resilience, resilience_kpis
from sim.experiments.results import ExperimentResult
from sim.experiments.seeds import replication_seeds
from sim.experiments.stats import mean_ci, t_quantile, wilson
from sim.experiments.stress import StressResult, bad_day, is_compensated, stress_test
from sim.experiments.stress_report import lost_and_rescued
from sim.experiments.stress_report import report as stress_report
from sim.experiments.sweep import Range, SweepResult, sweep

__all__ = [
    "AGENTS",
    "BASELINE",
    "HELD_OUT",
    "RULE_ACTIONS",
    "RULE_CONDITIONS",
    "TUNING",
    "Config",
    "ExecutionOptions",
    "ExperimentResult",
    "Ladder",
    "PairedComparison",
    "Range",
    "Replications",
    "StressResult",
    "SweepResult",
    "bad_day",
    "compare_paired",
    "is_compensated",
    "format_maintenance_study",
    "ladder",
    "lost_and_rescued",
    "mean_ci",
    "planner_board",
    "replicate",
    "replication_seeds",
    "resilience",
    "resilience_kpis",
    "run_maintenance_study",
    "stress_report",
    "stress_test",
    "sweep",
    "t_quantile",
    "value_of_information",
    "value_of_time",
    "wilson",
]
