"""Serve a :class:`~sim.dashboard.classroom.Classroom` to a room (uvicorn, Solara, the gate).

:func:`serve` prepares the same offline, telemetry-free environment as the single-user
dashboard (:func:`sim.dashboard.offline.quiet_environment`), installs the classroom for the
pages, tunes the garbage collector (:func:`tune_gc`), wraps Solara's
ASGI app in the :class:`~sim.dashboard.gate.TokenGate` and runs it
until interrupted. Solara reads its settings when first imported, so it is imported only
inside :func:`serve`.
"""

from __future__ import annotations

import gc
import os
import warnings
from collections.abc import Callable

from sim.dashboard.classroom import Classroom
from sim.dashboard.gate import TokenGate
from sim.dashboard.offline import quiet_environment
from sim.dashboard.server import url

APP_MODULE = "sim.dashboard.classroom_app"
"""The module whose ``routes`` Solara serves."""

GC_THRESHOLDS = (2_000, 10, 1_000)
"""The garbage collector's thresholds while serving a class (Python's default: 700, 10, 10)."""


def tune_gc() -> None:
    """Short pauses of the garbage collector while a class plays.

    Thirty sessions hold a few hundred MiB of small objects (simulation events, logs). With
    Python's default thresholds (700, 10, 10) a full collection ran every few seconds and
    stopped every thread, the web server's event loop included, for up to a second; large
    young generations (50,000, 20, 100) moved the pause into one 1.7 s collection of
    generation 1 (both measured by ``benchmarks/bench_classroom.py``). So: what is alive at
    start-up is frozen (never scanned again), the young generations stay small, and a full
    collection waits for 1,000 collections of generation 1 (it did not come during a class
    of 30).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def prepare() -> None:
    """Set the environment Solara reads: offline, quiet, the classroom's app."""
    quiet_environment()
    os.environ["SOLARA_APP"] = APP_MODULE


def join_url(host: str, port: int, code: str) -> str:
    """The address participants open (with the join code)."""
    return f"{url(host, port)}?code={code}"


def board_url(host: str, port: int, token: str) -> str:
    """The lecturer's board (with the lecturer's token)."""
    return f"{url(host, port)}board?key={token}"


def serve(classroom: Classroom, *, host: str = "127.0.0.1", port: int = 8766,
          on_ready: Callable[[], None] | None = None) -> None:
    """Run the classroom server until it is stopped (Ctrl-C).

    Args:
        classroom: The class (codes, scenarios, teams).
        host: Interface to listen on (default: this machine only).
        port: TCP port.
        on_ready: Called once the server listens.
    """
    prepare()
    import uvicorn
    from solara.server.starlette import app

    from sim.dashboard.classroom_pages import install

    install(classroom)
    tune_gc()
    warnings.filterwarnings("ignore", message="Cookies with samesite=none", category=UserWarning)
    config = uvicorn.Config(TokenGate(app, classroom), host=host, port=port,
                            log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    startup = server.startup

    async def announce(sockets=None):  # noqa: ANN001, ANN202 - uvicorn's hook signature
        await startup(sockets=sockets)
        if server.started and on_ready is not None:
            on_ready()

    server.startup = announce
    try:
        server.run()
    finally:
        classroom.close()
