"""German and English texts for people: KPI names, station states, plot labels, narrative.

Identifiers (KPI index names, column names, scenario keys) stay English everywhere; only what
a person reads is translated, at the moment it is shown. The language is chosen with
:func:`set_language` (process-wide default, what a notebook user wants) or temporarily with
the :func:`language` context manager (a context variable, safe for threads and async tasks).

>>> set_language("de")
>>> kpi_label("throughput [units/h]")
'Durchsatz [Stk/h]'
>>> set_language("en")

The catalogue is a plain dict of ``key -> (English, German)``; :func:`t` looks a key up and
formats it with keyword arguments. Unknown keys raise :class:`KeyError` so that typos fail in
tests; :func:`kpi_label` instead falls back to the English name for KPIs it does not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from sim.i18n.catalogue import CATALOGUE
from sim.i18n.catalogue_agents import AGENT_TEXTS
from sim.i18n.catalogue_tables import TABLES
from sim.labels import fingerprint
from sim.scenario.units import WEEKDAYS, format_duration, format_when

if TYPE_CHECKING:
    import pandas as pd

LANGUAGES = ("en", "de")
"""Supported languages, in the order of the catalogue's tuples."""


@dataclass
class _Settings:
    """The process-wide default language (the only mutable state of this module)."""

    language: str = "en"


_CATALOGUE: dict[str, tuple[str, str]] = {**CATALOGUE, **TABLES, **AGENT_TEXTS}
_SETTINGS = _Settings()
_OVERRIDE: ContextVar[str | None] = ContextVar("werkhalle_language", default=None)

_DAYS_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
_KPI_NAME = re.compile(r"^(?P<stem>.*?)\s*\[(?P<unit>[^\[\]]+)\]$")
_PREFIXES = ("output", "throughput", "cost")
"""KPI stems followed by a variant name (``output servo``), which stays as it is."""
_NAME_FIELDS = frozenset(("station", "material", "source", "variant", "site", "disruption"))
_DURATION_FIELDS = frozenset(("delay", "duration", "minutes", "repair_minutes"))
_TIME_FIELDS = frozenset(("until", "start", "time", "at"))

T = TypeVar("T", "pd.Series", "pd.DataFrame")


def set_language(lang: str) -> None:
    """Set the default language for everything shown to people (``"en"`` or ``"de"``).

    Args:
        lang: A language code from :data:`LANGUAGES`.

    Raises:
        ValueError: For an unsupported language.
    """
    _SETTINGS.language = _check(lang)


def get_language() -> str:
    """Return the language in force: a :func:`language` block's, else the default."""
    override = _OVERRIDE.get()
    return override if override is not None else _SETTINGS.language


@contextmanager
def language(lang: str) -> Iterator[str]:
    """Use ``lang`` inside a ``with`` block only (this thread or task; the default stays).

    Args:
        lang: A language code from :data:`LANGUAGES`.

    Yields:
        The language code.
    """
    token = _OVERRIDE.set(_check(lang))
    try:
        yield lang
    finally:
        _OVERRIDE.reset(token)


def _check(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


def keys() -> list[str]:
    """Return every catalogue key (for tests and for translators)."""
    return sorted(_CATALOGUE)


def t(key: str, **fmt: Any) -> str:
    """Return the text of ``key`` in the current language, formatted with ``fmt``.

    Args:
        key: A catalogue key such as ``"axis.time_h"`` or ``"state.busy"``.
        **fmt: Values for the text's ``{placeholders}``.

    Returns:
        The translated, formatted text.

    Raises:
        KeyError: If ``key`` is not in the catalogue.
    """
    text = _CATALOGUE[key][LANGUAGES.index(get_language())]
    return text.format(**fmt) if fmt else text


def synthetic_label() -> str:
    """Return the SYNTHETIC label in the current language."""
    return t("label.synthetic")


def banner(metadata: Mapping[str, Any]) -> str:
    """Return the SYNTHETIC label and the run fingerprint, the label in the current language."""
    return f"{synthetic_label()} | {fingerprint(metadata)}"


def _unit(unit: str) -> str:
    parts = unit.split("/")
    return "/".join(t(f"unit.{p}") if f"unit.{p}" in _CATALOGUE else p for p in parts)


def kpi_label(name: str) -> str:
    """Translate a KPI name such as ``"cycle time mean [h]"`` for people.

    Stems and units are translated separately; a variant name after ``output``, ``throughput``
    or ``cost`` is kept (``"output servo [units]"`` -> ``"Ausbringung servo [Stk]"``). A name
    the catalogue does not know is returned unchanged (English), never an error.

    Args:
        name: A KPI index name of :attr:`Result.kpis`.

    Returns:
        The name in the current language.
    """
    if get_language() == "en":
        return name
    match = _KPI_NAME.match(name)
    stem, unit = (match["stem"], match["unit"]) if match else (name, None)
    key = f"kpi.{stem}"
    if key in _CATALOGUE:
        label = t(key)
    else:
        head, _, rest = stem.partition(" ")
        if head not in _PREFIXES or not rest:
            return name
        label = f"{t(f'kpi.{head}')} {rest}"
    return f"{label} [{_unit(unit)}]" if unit is not None else label


def translate_kpis(table: T) -> T:
    """Return a copy of a KPI Series/DataFrame whose index names are translated.

    Column names stay as they are; the table's ``attrs`` (SYNTHETIC label, fingerprint) are
    kept.
    """
    out = table.rename(index=kpi_label)
    out.attrs.update(table.attrs)
    return out


def option_label(name: str) -> str:
    """Translate a planner option name such as ``transfer_czech+resequence``.

    Each ``+``-joined part is ``<kind>`` or ``<kind>_<site>``; the kind is translated and the
    site shown by its display name (:func:`display_name`; ``"Bestand von einem
    Schwesterstandort holen (Werk Tschechien) + umplanen: ..."``). Unknown kinds stay as they
    are.
    """
    parts = []
    for part in name.split("+"):
        if f"option.{part}" in _CATALOGUE:
            parts.append(t(f"option.{part}"))
            continue
        kind, _, site = part.partition("_")
        key = f"option.{kind}"
        parts.append(f"{t(key)} ({display_name(site)})" if key in _CATALOGUE and site else part)
    return " + ".join(parts)


def display_name(identifier: str) -> str:
    """Return the display name of a scenario identifier (``alloy``, ``cut``, ``czech`` ...).

    In English the identifier itself; in German the catalogue's name (``"Leichtbaulegierung"``).
    An identifier without a catalogue entry (e.g. of a user's own scenario) is returned as it is.
    """
    key = f"name.{identifier}"
    return t(key) if key in _CATALOGUE else str(identifier)


def state_label(state: str) -> str:
    """Translate a machine state (``busy``, ``setup``, ``starved`` ...); unknown ones unchanged."""
    key = f"state.{state}"
    return t(key) if key in _CATALOGUE else state


def when(minutes: float) -> str:
    """Format a clock reading like ``"Tue 09:30"`` with the weekday in the current language."""
    text = format_when(minutes)
    if get_language() == "de":
        day, rest = text[:3], text[3:]
        text = _DAYS_DE[WEEKDAYS.index(day)] + rest
    return text


def number(value: float, digits: int = 1) -> str:
    """Format a number with a thousands separator and the language's decimal mark."""
    text = f"{value:,.{digits}f}"
    if get_language() == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def narrate(kind: str, data: Mapping[str, Any]) -> str:
    """Describe an announcement of the line model (``kind``, ``data``) as one timeline line.

    Times (``until``, ``start`` ...) become weekday and clock, durations (``delay``,
    ``minutes`` ...) become ``"45 min"``/``"3.5 h"``, breakdown causes are translated. A
    kind without a catalogue phrase, or data missing a placeholder, gives ``kind: data``.

    Args:
        kind: The announcement kind, e.g. ``"delivery_delayed"``.
        data: Its data; ``time`` (minutes) prefixes the line when present.

    Returns:
        ``"Tue 09:30  <phrase>"`` in the current language.
    """
    parts: dict[str, Any] = {}
    for field, value in data.items():
        if field in _DURATION_FIELDS and isinstance(value, int | float):
            parts[field] = format_duration(float(value))
        elif field in _TIME_FIELDS and isinstance(value, int | float):
            parts[field] = when(float(value))
        elif field in _NAME_FIELDS and isinstance(value, str):
            parts[field] = display_name(value)
        elif field == "cause" and f"cause.{value}" in _CATALOGUE:
            parts[field] = t(f"cause.{value}")
        elif field == "action" and f"lever.{value}" in _CATALOGUE:
            parts[field] = t(f"lever.{value}")
        elif isinstance(value, float):
            parts[field] = number(value, 0 if value.is_integer() else 1)
        else:
            parts[field] = value
    key = f"event.{kind}"
    try:
        phrase = t(key, **parts) if key in _CATALOGUE else None
    except (KeyError, IndexError):
        phrase = None
    if phrase is None:
        details = ", ".join(f"{k}={v}" for k, v in parts.items() if k != "time")
        phrase = f"{kind}: {details}" if details else kind
    time = data.get("time")
    return f"{when(float(time))}  {phrase}" if isinstance(time, int | float) else phrase


def ui(key: str, **fmt: Any) -> str:
    """Return the dashboard page's text ``key`` (catalogue key ``ui.<key>``), formatted.

    Args:
        key: A key of the page's words, e.g. ``"run"`` (looked up as ``"ui.run"``).
        **fmt: Values for the text's ``{placeholders}``.

    Returns:
        The text in the language in force.

    Raises:
        KeyError: For an unknown key (typos fail in tests, not on the page).
    """
    return t(f"ui.{key}", **fmt)


def ui_keys() -> list[str]:
    """Return every key of the dashboard page's words (without the ``ui.`` prefix)."""
    return sorted(k[3:] for k in _CATALOGUE if k.startswith("ui."))


# The agents' texts (catalogue templates that keep their data) build on the functions above.
from sim.i18n.message import Msg as Msg  # noqa: E402
from sim.i18n.message import journal_for_people as journal_for_people  # noqa: E402
from sim.i18n.message import shown as shown  # noqa: E402
