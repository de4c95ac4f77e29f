"""The page served by ``werkhalle dashboard`` (Solara looks up :func:`Page` in this module).

The server passes its settings through environment variables, set by
:func:`sim.dashboard.server.serve` before Solara starts: :data:`~sim.dashboard.server.ENV_SCENARIO`
(the scenario shown first), ``ENV_LANGUAGE`` (``en``/``de``) and ``ENV_SEED``.
"""

from __future__ import annotations

import os

import solara

from sim.dashboard.components import Dashboard
from sim.dashboard.server import ENV_LANGUAGE, ENV_SCENARIO, ENV_SEED


@solara.component
def Page() -> None:
    """The dashboard page, configured from the server's environment."""
    Dashboard(
        scenario=os.environ.get(ENV_SCENARIO, "baseline"),
        lang=os.environ.get(ENV_LANGUAGE, "en"),
        seed=int(os.environ.get(ENV_SEED, "1")),
    )
