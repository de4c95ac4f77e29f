"""Keep the dashboard offline and quiet: no CDN, no telemetry, no version check.

Solara loads its front-end (Vue app, fonts, require.js) through a proxy that serves files from
a local cache and, for a file missing there, fetches it from a public CDN; ``solara-assets``
fills that cache. :func:`quiet_environment` points the fallback CDN at a closed port on this
machine, so a missing file fails visibly instead of leaving the machine, and turns telemetry
off. :func:`missing_assets` lists the front-end packages Solara's page template asks for that
the local cache lacks (an empty list means the page loads offline).
"""

from __future__ import annotations

import os
import re
from collections.abc import MutableMapping
from pathlib import Path

CLOSED_CDN = "http://127.0.0.1:9/no-cdn/"
"""Fallback CDN address: port 9 (discard) on loopback, closed; nothing leaves the machine."""

QUIET = {
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
    "SOLARA_ASSETS_CDN": CLOSED_CDN,
    "SOLARA_THEME_SHOW_BANNER": "False",
    "SOLARA_THEME_TITLE": "Werkhalle (SYNTHETIC)",
}
"""Solara settings (environment variables) for an offline, telemetry-free dashboard."""

_REFERENCE = re.compile(r"\{\{\s*cdn\s*\}\}/((?:@[\w.-]+/)?[\w.-]+@[\w.+-]+)/")


def quiet_environment(environ: MutableMapping[str, str] | None = None) -> None:
    """Write :data:`QUIET` into ``environ`` (default: ``os.environ``) before Solara starts.

    When Solara's server settings are already imported (e.g. in Jupyter), telemetry is
    switched off on the live settings object as well.
    """
    env = os.environ if environ is None else environ
    env.update(QUIET)
    import sys

    settings = sys.modules.get("solara.server.settings")
    if settings is not None:
        settings.telemetry.mixpanel_enable = False


def required_assets(template: Path, vue3: bool) -> list[str]:
    """The ``package@version`` folders a Solara page template loads from the CDN.

    Args:
        template: Solara's ``solara.html.j2``.
        vue3: Whether the Vue-3 front-end is in use (ipyvue 3); else the Vue-2 one.

    Returns:
        Sorted ``package@version`` names (e.g. ``@widgetti/solara-vuetify-app@10.1.1``).
    """
    names = set(_REFERENCE.findall(template.read_text(encoding="utf-8")))
    unwanted = "solara-vuetify-app@" if vue3 else "solara-vuetify3-app@"
    return sorted(n for n in names if unwanted not in n)


def missing_assets() -> list[str]:
    """Front-end packages the page needs that are not in Solara's local asset cache."""
    import ipyvue
    import solara.server
    from solara.server import settings

    template = Path(solara.server.__file__).parent / "templates" / "solara.html.j2"
    cache = Path(settings.assets.proxy_cache_dir)
    vue3 = ipyvue.__version__.startswith("3")
    names = required_assets(template, vue3)
    if settings.assets.fontawesome_enabled:
        names.append(settings.assets.fontawesome_path.strip("/").split("/")[0])
    return [name for name in names if not (cache / name).is_dir()]
