"""Start the dashboard's web server (Solara on Starlette, served by uvicorn) on this machine.

:func:`serve` prepares the environment (offline assets, no telemetry, the page's settings),
then imports Solara's ASGI app and runs it until interrupted. Solara reads its settings when
first imported, so nothing of Solara may be imported before :func:`prepare` ran; this module
imports it only inside :func:`serve`.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable

from sim.dashboard.offline import quiet_environment

APP_MODULE = "sim.dashboard.app"
"""The module whose ``Page`` component Solara serves."""
ENV_SCENARIO = "WERKHALLE_DASHBOARD_SCENARIO"
"""Environment variable: the scenario shown first (a shipped name or a file path)."""
ENV_LANGUAGE = "WERKHALLE_DASHBOARD_LANGUAGE"
"""Environment variable: the initial language of the labels."""
ENV_SEED = "WERKHALLE_DASHBOARD_SEED"
"""Environment variable: the initial seed."""


def prepare(scenario: str, lang: str = "en", seed: int = 1) -> None:
    """Set the environment Solara and the page read: offline, quiet, and what to show first."""
    quiet_environment()
    os.environ.update({
        "SOLARA_APP": APP_MODULE,
        ENV_SCENARIO: scenario,
        ENV_LANGUAGE: lang,
        ENV_SEED: str(int(seed)),
    })


def url(host: str, port: int) -> str:
    """The address to open in a browser."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(scenario: str = "baseline", *, host: str = "127.0.0.1", port: int = 8765,
          lang: str = "en", seed: int = 1,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Run the dashboard server until it is stopped (Ctrl-C).

    Args:
        scenario: The scenario shown first (a shipped name or a file path).
        host: Interface to listen on (default: loopback only).
        port: TCP port.
        lang: Initial language (``"en"`` or ``"de"``).
        seed: Initial seed.
        on_ready: Called with the page's address once the server listens.
    """
    prepare(scenario, lang, seed)
    import uvicorn
    from solara.server.starlette import app

    # Solara warns on every page load when served on 127.0.0.1 over http (not "localhost"):
    # its session cookie falls back to SameSite=lax, which is right for a local page.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none", category=UserWarning)

    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    if on_ready is not None:
        startup = server.startup

        async def announce(sockets=None):  # noqa: ANN001, ANN202 - uvicorn's hook signature
            await startup(sockets=sockets)
            if server.started:
                on_ready(url(host, port))

        server.startup = announce
    server.run()
