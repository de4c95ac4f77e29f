"""Commands for single scenarios: ``werkhalle list``, ``validate`` and ``run``.

``FILE`` is a path to a scenario TOML file or the name of a shipped scenario (``baseline``).
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sim.cli.app import EXIT_BAD_INPUT, AllowLarge, app, echo, handle_errors, use_agg
from sim.cli.formats import FormatOption, TableFormat, check_format, write_workbook
from sim.errors import ScenarioError
from sim.labels import SYNTHETIC_LABEL
from sim.scenario.units import format_duration

if TYPE_CHECKING:
    from sim.results.result import Result
    from sim.scenario import Scenario

# The scenario models, pandas and the simulation are imported where a command needs them, so
# that ``werkhalle --help`` stays fast (see docs/benchmarks.md, cold start).

_WIDTH = 78
"""Longest description or problem shown per scenario by ``list``."""


def shipped_scenarios(directory: Path | None = None) -> list[Path]:
    """Return the scenario files shipped in ``directory`` (default: ``scenarios/``), by name."""
    from sim.scenario.loader import SCENARIO_DIR

    folder = SCENARIO_DIR if directory is None else Path(directory)
    return sorted(folder.glob("*.toml"))


def resolve_scenario(file: str) -> Path:
    """Find the scenario file a user means: a path as given, or a shipped scenario's name.

    Args:
        file: A path, or a shipped name such as ``"baseline"`` (with or without ``.toml``).

    Returns:
        The path of an existing file.

    Raises:
        ScenarioError: If there is no such file; for a bare name the message lists the shipped
            scenarios and suggests the closest one.
    """
    from sim.scenario.loader import SCENARIO_DIR

    path = Path(file)
    if path.is_file():
        return path
    if len(path.parts) == 1 and not path.is_absolute():
        for candidate in (SCENARIO_DIR / path, SCENARIO_DIR / f"{file}.toml"):
            if candidate.is_file():
                return candidate
        names = [p.stem for p in shipped_scenarios()]
        close = difflib.get_close_matches(path.stem, names, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ScenarioError(file, "", "an existing scenario file or the name of a shipped "
                            f"scenario ({', '.join(names) or 'none shipped'}){hint}")
    raise ScenarioError(file, "", "an existing scenario file (not found)")


def load_from_cli(file: str, settings: list[str] | None = None) -> Scenario:
    """Load the scenario named on the command line and apply ``--set key=value`` overrides.

    Args:
        file: A path or a shipped scenario's name.
        settings: Overrides such as ``"stations.cnc.machines=3"`` or ``"horizon=2 d"``; the
            value is read as a TOML value when it is one, else as text.

    Returns:
        The validated scenario.

    Raises:
        ScenarioError: For a missing file, invalid contents or an invalid override.
    """
    from sim.scenario import load_scenario, with_overrides

    scenario = load_scenario(resolve_scenario(file))
    if not settings:
        return scenario
    overrides = dict(parse_setting(item) for item in settings)
    try:
        return with_overrides(scenario, overrides)
    except ScenarioError as exc:
        raise ScenarioError("--set", exc.field, exc.expected) from None


def parse_setting(item: str) -> tuple[str, Any]:
    """Split ``"dotted.key=value"``; the value is parsed as TOML (``3``, ``"x"``) or kept as text.

    Raises:
        ScenarioError: If there is no ``=`` or no key.
    """
    key, sep, text = item.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ScenarioError("--set", item, "key=value, like stations.cnc.machines=2")
    try:
        value = tomllib.loads(f"v = {text.strip()}")["v"]
    except (tomllib.TOMLDecodeError, RecursionError):  # (too deeply nested: kept as text)
        value = text.strip()
    return key, value


def _first_line(text: str, width: int = _WIDTH) -> str:
    lines = text.strip().splitlines()
    line = " ".join(lines[0].split()) if lines else ""
    return line if len(line) <= width else line[: width - 1] + "…"


@app.command("list")
@handle_errors
def list_scenarios(
    directory: Annotated[
        Path | None,
        typer.Option("--dir", help="Folder to list (default: the shipped scenarios/)."),
    ] = None,
) -> None:
    """List the shipped scenarios: file, scenario name and the first line of its description."""
    from sim.scenario import load_scenario
    from sim.scenario.loader import SCENARIO_DIR

    files = shipped_scenarios(directory)
    folder = SCENARIO_DIR if directory is None else directory
    if not files:
        echo(f"no scenario files in {folder}")
        return
    rows = []
    for path in files:
        try:
            scn = load_scenario(path)
            rows.append((path.stem, scn.name, _first_line(scn.description) or "-"))
        except ScenarioError as exc:
            where = f"{exc.field}: " if exc.field else ""
            rows.append((path.stem, "-", _first_line(f"invalid: {where}{exc.expected}")))
    w_file = max(len("file"), *(len(r[0]) for r in rows))
    w_name = max(len("name"), *(len(r[1]) for r in rows))
    echo(f"Scenarios in {folder} (invented data; every result is SYNTHETIC)")
    echo(f"{'file':<{w_file}}  {'name':<{w_name}}  description")
    for stem, name, text in rows:
        echo(f"{stem:<{w_file}}  {name:<{w_name}}  {text}")


@app.command()
def validate(
    files: Annotated[list[str], typer.Argument(help="Scenario files or shipped names.")],
) -> None:
    """Check scenario files without running them; exit code 2 if any is invalid."""
    from sim.scenario import scenario_hash
    from sim.scenario.budget import MAX_PARTS, MAX_RUN_EVENTS, estimate

    bad = 0
    for file in files:
        try:
            scn = load_from_cli(file)
        except ScenarioError as exc:
            typer.echo(f"error: {exc}", err=True)
            bad += 1
            continue
        echo(f"ok: {scn.name} (hash {scenario_hash(scn)})")
        echo(f"    {len(scn.stations)} stations, {len(scn.variants)} variants, "
             f"{len(scn.materials)} materials, {len(scn.disruptions)} disruptions, "
             f"horizon {format_duration(scn.horizon)}, release '{scn.release.kind}'")
        work = estimate(scn)
        over = work.events > MAX_RUN_EVENTS or work.parts > MAX_PARTS
        echo(f"    work estimate: about {work.events:,.0f} simulation events, "
             f"{work.parts:,.0f} parts" + (" (above the budget: run needs --allow-large)"
                                           if over else " (within the budget)"))
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)


@app.command()
@handle_errors
def run(
    file: Annotated[str, typer.Argument(help="Scenario file or shipped name (baseline).")],
    seed: Annotated[int, typer.Option(min=0, help="Seed of the random streams.")] = 0,
    out: Annotated[
        Path | None,
        typer.Option(help="Output folder (default: out/<scenario>-seed<N>): new, empty, or "
                     "holding an earlier run result (which is replaced)."),
    ] = None,
    no_plots: Annotated[bool, typer.Option("--no-plots", help="Do not write PNG plots.")] = False,
    settings: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a field, e.g. --set stations.cnc.machines=3 "
                     "or --set 'horizon=2 d' (repeatable)."),
    ] = None,
    allow_large: AllowLarge = False,
    table_format: FormatOption = TableFormat.csv,
) -> None:
    """Run a scenario once: print its KPIs and station table, and save tables and plots."""
    from sim.results.outdir import check_out_dir
    from sim.runner import run as run_scenario

    check_format(table_format)
    scenario = load_from_cli(file, settings)
    target = out if out is not None else Path("out") / f"{scenario.name}-seed{seed}"
    check_out_dir(target, "run")  # before the run: refuse a folder we may not write to
    result = run_scenario(scenario, seed=seed, allow_large=allow_large)
    echo(result.kpi_table())
    echo()
    echo(station_summary(result))
    figures = None
    if not no_plots:
        use_agg()
        from sim.plots import standard_figures

        figures = standard_figures(result)
    result.save(target, figures=figures)
    write_workbook(table_format, target, "result", result.tables(), SYNTHETIC_LABEL,
                   result.fingerprint)
    written = sorted(p.name for p in target.iterdir())
    echo()
    echo(f"wrote {target}/: {', '.join(written)}")


def station_summary(result: Result) -> str:
    """The per-station table as compact text (percent of the observed time), labelled."""
    import pandas as pd

    from sim.line.station import STATES

    st = result.stations
    table = pd.DataFrame(index=st.index)
    table["mach"] = st["machines"].astype(int)
    for state in STATES:
        table[f"{state} %"] = 100 * st[f"share_{state}"]
    for column, label in (("availability", "avail %"), ("performance", "perf %"),
                          ("quality", "qual %"), ("oee", "OEE %")):
        table[label] = 100 * st[column]
    table["good"] = st["good"].astype(int)
    text = table.to_string(float_format=lambda v: f"{v:.1f}", na_rep="n/a")
    title = f"Stations (state shares of observed time) — {SYNTHETIC_LABEL}"
    return f"{title}\n{text}"
