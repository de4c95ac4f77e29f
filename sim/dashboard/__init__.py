"""The browser dashboard for workshop participants (``werkhalle dashboard``).

Plain-Python parts (importable without the web framework):

* :mod:`sim.dashboard.session`: :class:`DashboardSession`, the state behind one page
  (settings, stepping, the baseline in lockstep, open proposals in ``recommend`` mode);
* :mod:`sim.dashboard.params`, :mod:`sim.dashboard.views`, :mod:`sim.plots.live`,
  :mod:`sim.i18n` (``ui.*`` keys): parameters, tables, the live figure, the page's words.

Parts that need the ``dashboard`` extra (``pip install "werkhalle[dashboard]"``, Solara):
:mod:`sim.dashboard.components` (the Solara components, also usable in Jupyter through
:func:`show`), :mod:`sim.dashboard.app` (the served page) and :mod:`sim.dashboard.server`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.dashboard.session import DashboardSession, Settings

INSTALL_HINT = 'pip install "werkhalle[dashboard]"'
"""How to install what the dashboard needs."""

__all__ = ["INSTALL_HINT", "DashboardSession", "Settings", "dashboard_available", "show"]


def __getattr__(name: str) -> Any:
    """Import the session's names on first use (the command line's help does not need them)."""
    if name in ("DashboardSession", "Settings"):
        value = getattr(import_module("sim.dashboard.session"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sim.dashboard' has no attribute {name!r}")


def dashboard_available() -> bool:
    """Whether the web framework of the dashboard (Solara) is installed."""
    from importlib.util import find_spec

    return find_spec("solara") is not None


def show(scenario: str = "baseline", lang: str = "en", seed: int = 1) -> Any:
    """Return the dashboard as a widget to display in Jupyter (last line of a cell).

    Telemetry of the web framework is switched off first. The widget is rendered directly
    (not through Solara's notebook wrapper, which contacts a web service on first use).

    Args:
        scenario: The scenario shown first (a shipped name or a file path).
        lang: Initial language (``"en"`` or ``"de"``).
        seed: Initial seed.

    Returns:
        An ipywidget.

    Raises:
        ModuleNotFoundError: If the ``dashboard`` extra is not installed.
    """
    from sim.dashboard.offline import quiet_environment

    quiet_environment()
    if not dashboard_available():
        raise ModuleNotFoundError(f"the dashboard needs Solara: {INSTALL_HINT}")
    import reacton

    from sim.dashboard.components import Dashboard

    widget, _context = reacton.render_fixed(Dashboard(scenario=scenario, lang=lang, seed=seed))
    return widget
