"""``werkhalle dashboard [FILE]``: the browser dashboard for workshop participants.

Starts a local web server (Solara) and prints its address; the page works offline and sends
no telemetry (see docs/dashboard.md). Needs the ``dashboard`` extra.
"""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Annotated

import typer

from sim.cli.app import EXIT_BAD_INPUT, EXIT_FAILED, app, echo, fail, handle_errors
from sim.cli.line import resolve_scenario
from sim.dashboard import INSTALL_HINT, dashboard_available
from sim.i18n import get_language
from sim.labels import SYNTHETIC_LABEL


def page_scenario(file: str) -> str:
    """What the page is told to show: a shipped scenario's name, or an absolute file path.

    Raises:
        ScenarioError: If there is no such scenario, it is invalid, or it is above the work
            budget (the dashboard always runs inside it).
    """
    from sim.scenario import load_scenario
    from sim.scenario.budget import check_budget
    from sim.scenario.loader import SCENARIO_DIR

    path = resolve_scenario(file)
    check_budget(load_scenario(path))
    if path.resolve().parent == SCENARIO_DIR.resolve():
        return path.stem
    return str(Path(path).resolve())


def check_port(host: str, port: int) -> None:
    """Fail (exit 1) with a clear message if ``host:port`` cannot be listened on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc})"
            fail(f"port {port} on {host} {reason}; choose another with --port", EXIT_FAILED)


@app.command()
def dashboard(
    file: Annotated[str, typer.Argument(
        help="Scenario shown first: a TOML file or a shipped scenario's name.")] = "baseline",
    port: Annotated[int, typer.Option(help="TCP port of the web page.", min=1,
                                      max=65535)] = 8765,
    host: Annotated[str, typer.Option(
        help="Address to listen on (default: this machine only).")] = "127.0.0.1",
    seed: Annotated[int, typer.Option(help="Seed shown first.")] = 1,
) -> None:
    """Start the browser dashboard on this machine and print its address (Ctrl-C stops it).

    The page lets you pick a scenario, switch the agents off / recommend / autonomous, change
    the few parameters that matter, run, step, play and reset, and compare KPIs with the
    baseline. It needs no internet connection and sends no telemetry. Results are SYNTHETIC.
    The page opens in the language of --lang (en or de; also $WERKHALLE_LANG).
    """
    lang = get_language()  # the command line's --lang (or $WERKHALLE_LANG), see sim.cli.app
    with handle_errors():
        shown = page_scenario(file)
    if not dashboard_available():
        fail(f"the dashboard needs its web framework (Solara), which is not installed; "
             f"install it with: {INSTALL_HINT}", EXIT_BAD_INPUT)
    from sim.dashboard.offline import missing_assets
    from sim.dashboard.server import prepare, serve

    prepare(shown, lang, seed)
    missing = missing_assets()
    if missing:
        fail(f"the page's front-end files are missing for offline use ({', '.join(missing)}); "
             f"install them with: {INSTALL_HINT}", EXIT_BAD_INPUT)
    check_port(host, port)
    echo(SYNTHETIC_LABEL)

    def ready(address: str) -> None:
        echo(f"Werkhalle dashboard running at {address}  (Ctrl-C stops it)")

    serve(shown, host=host, port=port, lang=lang, seed=seed, on_ready=ready)
