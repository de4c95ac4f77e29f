"""``werkhalle classroom [SCENARIO...]``: serve the page to a class from the lecturer's laptop.

Prints a join address and a short join code (nobody gets in without it) and the lecturer's
board address with its own token; listens on this machine only unless ``--host`` is given
(see docs/workshop.md, "Classroom set-up"). Needs the ``dashboard`` extra.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Annotated

import typer

from sim.cli.app import EXIT_BAD_INPUT, app, echo, fail, handle_errors
from sim.cli.dashboard import check_port
from sim.cli.line import resolve_scenario
from sim.dashboard import INSTALL_HINT, dashboard_available
from sim.dashboard.codes import CODE_ALPHABET
from sim.labels import SYNTHETIC_LABEL


def offered(files: list[str]) -> dict[str, str]:
    """The lecturer's list as ``{name: file}`` (names are the files' stems).

    Raises:
        ScenarioError: If a scenario does not exist or is invalid.
        typer.Exit: If two scenarios have the same name.
    """
    from sim.scenario import load_scenario

    out: dict[str, str] = {}
    for file in files:
        path = resolve_scenario(file)
        load_scenario(path)
        if path.stem in out:
            fail(f"two scenarios are called {path.stem!r}; rename one file", EXIT_BAD_INPUT)
        out[path.stem] = str(path.resolve())
    return out


def room_address(host: str) -> str:
    """The address others reach this machine at.

    ``host`` itself, or for ``0.0.0.0`` the address of the interface with the default route
    (found without sending a packet).
    """
    if host not in ("0.0.0.0", "::"):
        return host
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@app.command()
def classroom(
    scenarios: Annotated[list[str] | None, typer.Argument(
        help="Scenarios offered to the teams (shipped names or TOML files).")] = None,
    port: Annotated[int, typer.Option(help="TCP port of the page.", min=1,
                                      max=65535)] = 8766,
    host: Annotated[str, typer.Option(
        help="Address to listen on (default: this machine only; 0.0.0.0: the room's "
             "network).")] = "127.0.0.1",
    code: Annotated[str | None, typer.Option(
        help="Join code to use (default: a new random one).")] = None,
    workers: Annotated[int, typer.Option(help="Worker threads for the runs.", min=1,
                                         max=8)] = 2,
    max_teams: Annotated[int, typer.Option(help="How many teams may join.", min=1,
                                           max=200)] = 40,
) -> None:
    """Serve the supply-disruption vignette to a class; print the join code and the board.

    Each team gets its own session (own runs and decisions); the lecturer's board shows every
    team's choice and KPIs, a leaderboard and the debrief questions with the class's numbers,
    and exports the results (CSV, xlsx). Results are SYNTHETIC.
    """
    with handle_errors():
        files = offered(scenarios or ["supply_disruption"])
    if code is not None and (len(code) < 4 or any(c not in CODE_ALPHABET for c in code.upper())):
        fail(f"--code: expected at least 4 of {CODE_ALPHABET}", EXIT_BAD_INPUT)
    if not dashboard_available():
        fail(f"classroom mode needs the dashboard's web framework (Solara), which is not "
             f"installed; install it with: {INSTALL_HINT}", EXIT_BAD_INPUT)
    from sim.dashboard.classroom import Classroom, Limits
    from sim.dashboard.classroom_server import board_url, join_url, prepare, serve
    from sim.dashboard.offline import missing_assets
    from sim.dashboard.server import url

    prepare()
    missing = missing_assets()
    if missing:
        fail(f"the page's front-end files are missing for offline use ({', '.join(missing)}); "
             f"install them with: {INSTALL_HINT}", EXIT_BAD_INPUT)
    check_port(host, port)
    with handle_errors():
        room = Classroom(files, workers=workers, limits=Limits(max_teams=max_teams),
                         join_code=code.upper() if code else None)
    shown = room_address(host)
    room.address = url(shown, port)
    echo(SYNTHETIC_LABEL)

    def ready() -> None:
        echo(f"Werkhalle classroom: {', '.join(room.names)}")
        echo(f"Join code: {room.join_code}")
        echo(f"Participants open: {room.address}  and type the code "
             f"(or open {join_url(shown, port, room.join_code)})")
        echo(f"Lecturer's board (keep this link to yourself): "
             f"{board_url(shown, port, room.lecturer_token)}")
        if is_loopback(host):
            echo(f"Listening on {host} only: this machine. For the room's network, start "
                 "with --host 0.0.0.0.")
        else:
            echo(f"Listening on {host}: anyone on this network who has the code can join "
                 "(allow it in the firewall prompt). Ctrl-C stops it.")

    serve(room, host=host, port=port, on_ready=ready)
