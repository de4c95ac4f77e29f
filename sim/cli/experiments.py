"""Experiment commands: ``werkhalle replicate``, ``sweep`` and ``stress``.

All three take ``-n``, ``--seed``, ``--jobs`` (local worker processes, ``-1``: all cores),
``--dask ADDRESS`` (run on a Dask cluster instead), ``--out DIR`` (stream every finished run
to a run directory) and ``--resume`` (continue an interrupted run in ``DIR`` without
recomputing finished runs). Bad input exits with code 2; Ctrl-C exits with 130 and says how
to resume.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sim.cli.app import AllowLarge, app, echo, handle_errors, use_agg
from sim.cli.line import load_from_cli
from sim.errors import PlotError, ScenarioError

if TYPE_CHECKING:
    from sim.experiments.results import ExperimentResult

# pandas and the experiments are imported where a command needs them (fast ``--help``).

EXIT_INTERRUPTED = 130
"""Exit code after Ctrl-C (128 + SIGINT)."""


N = Annotated[int, typer.Option("-n", "--n", min=1, help="Replications (bad days for stress).")]
Seed = Annotated[int, typer.Option(min=0, help="Base seed (replication seeds are spawned).")]
Jobs = Annotated[int, typer.Option("--jobs", "-j", help="Local worker processes (-1: all cores).")]
Out = Annotated[Path | None, typer.Option(help="Run directory: stream each finished run there.")]
Resume = Annotated[bool, typer.Option("--resume", help="Continue the interrupted run in --out.")]
Dask = Annotated[str | None, typer.Option("--dask", help="Dask scheduler address (tcp://...).")]
Agents = Annotated[str | None, typer.Option(help="Agents mode: off, recommend or autonomous "
                                            "(default: as the scenario says).")]
Settings = Annotated[list[str] | None, typer.Option("--set", help="Override a field "
                                                    "(repeatable), e.g. stations.cnc.machines=3.")]
NoPlots = Annotated[bool, typer.Option("--no-plots", help="Do not write PNG plots to --out.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
File = Annotated[str, typer.Argument(help="Scenario file or shipped name.")]


def _execution(jobs: int, out: Path | None, resume: bool, dask: str | None,
               quiet: bool, allow_large: bool = False) -> dict[str, Any]:
    if jobs == 0 or jobs < -1:
        raise ScenarioError("--jobs", "", "a positive number of workers, or -1 for all cores")
    if resume and out is None:
        raise ScenarioError("--resume", "", "--out DIR naming the run directory to resume")
    if out is not None:
        from sim.results.outdir import check_out_dir

        check_out_dir(out, "experiment")
    return {"jobs": jobs, "out": out, "resume": resume, "client": dask, "progress": not quiet,
            "allow_large": allow_large}


def _run(make: Callable[[], ExperimentResult], out: Path | None, plots: bool) -> ExperimentResult:
    try:
        result = make()
    except KeyboardInterrupt:
        where = f"; finished runs are saved in {out}, continue with --resume" if out else ""
        typer.echo(f"interrupted{where}", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if out is not None and plots:
        use_agg()
        from sim.plots.experiments import save_plots
        from sim.results.outdir import try_plots

        problem = try_plots(lambda: save_plots(result, out), out)
        if problem:
            raise PlotError(out, problem)
    return result


def _written(out: Path | None) -> None:
    if out is not None:
        echo()
        echo(f"wrote {out}/: {', '.join(sorted(p.name for p in out.iterdir()))}")


def _check_agents(agents: str | None) -> None:
    from sim.scenario.agents_schema import AUTONOMY_LEVELS

    if agents is not None and agents not in AUTONOMY_LEVELS:
        raise ScenarioError("--agents", "", f"off, recommend or autonomous (got {agents!r})")


@app.command()
@handle_errors
def replicate(file: File, n: N = 10, seed: Seed = 0, jobs: Jobs = -1, out: Out = None,
              resume: Resume = False, dask: Dask = None, agents: Agents = None,
              warmup: Annotated[str | None, typer.Option(help="Warm-up to delete, e.g. '8 h'.")]
              = None, settings: Settings = None, no_plots: NoPlots = False,
              quiet: Quiet = False, allow_large: AllowLarge = False) -> None:
    """Run n seeded replications; print every KPI's mean and 95 % confidence interval."""
    from sim.experiments import replicate as replicate_

    _check_agents(agents)
    scenario = load_from_cli(file, settings)
    run = _execution(jobs, out, resume, dask, quiet, allow_large)
    result = _run(lambda: replicate_(scenario, n, seed=seed, warmup=warmup, agents=agents,
                                     **run), out, not no_plots)
    echo(result.summary_text())
    _written(out)


def parse_param(item: str) -> tuple[str, Any]:
    """Parse ``--param field=v1,v2,...`` (levels) or ``field=low..high`` (a range, for --lhs).

    Values are read as TOML (``3``, ``0.5``) or kept as text (``"3 min"``). A range's ends are
    numbers, optionally with the same unit (``"7 min..10 min"``); whole numbers give a
    whole-number range.

    Raises:
        ScenarioError: If the text has no ``=``, no field or no value.
    """
    from sim.experiments.sweep import Range

    key, sep, text = item.partition("=")
    key, text = key.strip(), text.strip()
    if not sep or not key or not text:
        raise ScenarioError("--param", item, "field=v1,v2,... or field=low..high")
    if ".." in text:
        low, high = (_number_unit(part, item) for part in text.split("..", 1))
        if low[1] != high[1]:
            raise ScenarioError("--param", key, "both ends of a range in the same unit")
        integer = isinstance(low[0], int) and isinstance(high[0], int) and not low[1]
        if low[0] > high[0]:
            raise ScenarioError("--param", key, "a range low..high with low <= high")
        return key, Range(low[0], high[0], low[1], integer)
    return key, [_value(v.strip()) for v in text.split(",") if v.strip()]


def _value(text: str) -> Any:
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except (tomllib.TOMLDecodeError, RecursionError):  # (too deeply nested: kept as text)
        return text


def _number_unit(text: str, item: str) -> tuple[int | float, str]:
    parts = text.strip().split(maxsplit=1)
    value = _value(parts[0]) if parts else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError("--param", item, "a range of numbers, like 1..3 or '7 min..10 min'")
    return value, parts[1].strip() if len(parts) > 1 else ""


@app.command()
@handle_errors
def sweep(file: File,
          params: Annotated[list[str], typer.Option("--param", "-p", help="field=v1,v2,... "
                            "(repeatable; with --lhs also field=low..high).")],
          n: N = 5, seed: Seed = 0, jobs: Jobs = -1, out: Out = None, resume: Resume = False,
          dask: Dask = None, agents: Agents = None,
          lhs: Annotated[int | None, typer.Option(min=1, help="Latin hypercube with this many "
                                                  "points instead of the full grid.")] = None,
          shard: Annotated[str | None, typer.Option(help="Run only share i of n (e.g. 3/30; "
                           "needs --out); join the shares with werkhalle merge.")] = None,
          settings: Settings = None, no_plots: NoPlots = False, quiet: Quiet = False,
          allow_large: AllowLarge = False) -> None:
    """Run n replications at every point of a parameter grid (or a Latin hypercube)."""
    from sim.experiments import sweep as sweep_
    from sim.experiments.sweep import Range

    _check_agents(agents)
    parsed = dict(parse_param(p) for p in params)
    if lhs is None:
        ranges = [k for k, v in parsed.items() if isinstance(v, Range)]
        if ranges:
            raise ScenarioError("--param", ranges[0], "a list of levels (ranges need --lhs)")
    if shard is not None and out is None:
        raise ScenarioError("--shard", "", "--out DIR: the folder to hand in for werkhalle merge")
    scenario = load_from_cli(file, settings)
    run = _execution(jobs, out, resume, dask, quiet, allow_large)
    result = _run(lambda: sweep_(scenario, parsed, n, design="lhs" if lhs else "grid",
                                 samples=lhs, seed=seed, agents=agents, shard=shard, **run),
                  out, not no_plots and shard is None)
    echo(result.banner)
    echo(sweep_table(result))
    _written(out)


def sweep_table(result: Any) -> str:
    """Mean ± CI half-width of the main KPIs, one row per design point."""
    import pandas as pd

    from sim.results.names import KPI, SUMMARY

    shown = (*SUMMARY, KPI.OUTPUT)
    summary = result.summary[result.summary["kpi"].isin(shown)]
    cells = summary.assign(cell=[f"{m:,.2f} ± {h:,.2f}" if pd.notna(h) else f"{m:,.2f}"
                                 for m, h in zip(summary["mean"], summary["half_width"],
                                                 strict=True)])
    table = cells.pivot(index=["point", *result.params], columns="kpi", values="cell")
    table = table[[k for k in shown if k in table.columns]]
    with pd.option_context("display.width", 250, "display.max_columns", 50,
                           "display.max_rows", 1000):
        return table.to_string()


@app.command()
@handle_errors
def stress(file: File, n: N = 100, seed: Seed = 0, jobs: Jobs = -1, out: Out = None,
           resume: Resume = False, dask: Dask = None,
           on_time_min: Annotated[float | None, typer.Option(help="Compensated by absolute "
                                  "thresholds (instead of against the undisturbed week): "
                                  "on-time delivery at least this many percent.")] = None,
           max_shortage: Annotated[str | None, typer.Option(help="Compensated: material "
                                   "shortage at most this long, e.g. '2 h'.")] = None,
           max_backlog: Annotated[int | None, typer.Option(help="Compensated: at most this "
                                  "many units undelivered at the end.")] = None,
           claim: Annotated[float, typer.Option(help="Claimed compensated share to check.")]
           = 0.92,
           baseline_only: Annotated[bool, typer.Option("--baseline-only", help="Run only the "
                                    "baseline (agents off).")] = False,
           settings: Settings = None, no_plots: NoPlots = False, quiet: Quiet = False,
           allow_large: AllowLarge = False) -> None:
    """Run n random bad days, baseline vs agents, and report the share compensated."""
    from sim.experiments import AGENTS, BASELINE, stress_test

    scenario = load_from_cli(file, settings)
    run = _execution(jobs, out, resume, dask, quiet, allow_large)
    configs = (BASELINE,) if baseline_only else (BASELINE, AGENTS)
    result = _run(lambda: stress_test(scenario, n, configs=configs, on_time_min=on_time_min,
                                      max_shortage=max_shortage, max_backlog=max_backlog,
                                      claim=claim, seed=seed, **run), out, not no_plots)
    from sim.experiments.stress_report import report

    echo(report(result))
    _written(out)
