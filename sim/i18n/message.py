"""Texts that remember how they were made: a catalogue key and its data (issue #17).

The agents write their triggers, reasons, observations and option descriptions as
:class:`Msg` objects. A ``Msg`` *is* the English string (a :class:`str` subclass, so result
files, hashes and every string operation stay exactly as before) and also keeps its catalogue
key and its data, so that :meth:`Msg.shown` renders it again in the language in force, at the
moment a person reads it:

>>> from sim.i18n import language
>>> m = Msg("agent.planner.start_order", order="O-3")
>>> str(m)
'start order O-3 now'
>>> with language("de"):
...     m.shown()
'Auftrag O-3 jetzt starten'

The data's values are rendered by kind: :func:`at` (a clock reading, weekday in the
language), :func:`dur` (a duration), :func:`num` (a number with a format spec; German
decimal mark), :func:`name` (a scenario identifier shown by its display name), a nested
``Msg``, or anything else as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sim.i18n import display_name, get_language, keys, language, option_label, t, when
from sim.scenario.units import format_duration

if TYPE_CHECKING:
    import pandas as pd

JOURNAL_TEXTS = ("trigger", "observed", "reason", "approved_by")
"""Columns of the decision journal that hold :class:`Msg` texts."""


@dataclass(frozen=True)
class Field:
    """One typed value of a message's data (see :func:`at`, :func:`dur`, :func:`num`)."""

    kind: str
    value: Any
    spec: str = ""

    def shown(self) -> str:
        """The value for people, in the language in force."""
        if self.kind == "when":
            return when(self.value)
        if self.kind == "name":
            return display_name(self.value)
        if self.kind == "option":
            return option_label(self.value) if get_language() != "en" else self.value
        if self.kind == "label":
            key = self.spec + self.value
            return t(key) if key in _known() else self.value
        text = (format_duration(self.value) if self.kind == "dur"
                else format(self.value, self.spec))
        if get_language() == "de":
            text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text


def at(minutes: float) -> Field:
    """A clock reading (``Tue 06:00`` / ``Di 06:00``)."""
    return Field("when", float(minutes))


def dur(minutes: float) -> Field:
    """A duration (``3.5 h`` / ``3,5 h``)."""
    return Field("dur", float(minutes))


def num(value: float, spec: str = ",.0f") -> Field:
    """A number formatted with ``spec`` (German: decimal comma, dot for thousands)."""
    return Field("num", value, spec)


def name(identifier: str) -> Field:
    """A scenario identifier (``alloy``), shown by its display name in German."""
    return Field("name", str(identifier))


def option_name(identifier: str) -> Field:
    """An option's name (``wait``), shown by its label in German."""
    return Field("option", str(identifier))


def approver_name(identifier: str) -> Field:
    """Who approves (``production management``), translated when the catalogue knows it."""
    return Field("label", str(identifier), "approver.")


def _known() -> set[str]:
    if not _KEYS:
        _KEYS.update(keys())
    return _KEYS


_KEYS: set[str] = set()
"""The catalogue's keys (filled on first use)."""


def _render(key: str, fields: Mapping[str, Any]) -> str:
    return t(key, **{k: shown(v) for k, v in fields.items()})


class Msg(str):
    """An English text that can be shown again in another language (see the module doc).

    Args:
        key: A catalogue key (``agent.*``).
        **fields: The template's data (typed with :func:`at`, :func:`dur` ... or plain).
    """

    key: str
    fields: dict[str, Any]

    def __new__(cls, key: str, **fields: Any) -> Msg:
        """Render the English text once; keep the key and data for later."""
        with language("en"):
            text = _render(key, fields)
        self = super().__new__(cls, text)
        self.key, self.fields = key, fields
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as key and data (worker processes return journals with their messages)."""
        return (_rebuild, (self.key, self.fields))

    def shown(self) -> str:
        """The text in the language in force."""
        return _render(self.key, self.fields)


def _rebuild(key: str, fields: dict[str, Any]) -> Msg:
    return Msg(key, **fields)


def shown(value: Any) -> Any:
    """``value`` for people: a :class:`Msg` or :class:`Field` rendered now, else unchanged."""
    if isinstance(value, Msg | Field):
        return value.shown()
    return value


def journal_for_people(decisions: pd.DataFrame) -> pd.DataFrame:
    """A copy of a decision journal with every text a person reads in the language in force.

    Triggers, observations, reasons and approvers are rendered again (:func:`shown`), the
    chosen option and each weighed option get their label, status values and agent roles their
    catalogue names, option descriptions are rendered, ``when`` gets the language's weekday.
    Identifiers in the result files stay as they are; this is for showing the journal
    (notebooks, dashboard), not for saving it.
    """
    out = decisions.copy()
    for column in JOURNAL_TEXTS:
        if column in out:
            out[column] = [shown(v) for v in out[column]]
    if get_language() == "en":
        return out
    if "when" in out and "time_min" in out:
        out["when"] = [when(m) for m in out["time_min"]]
    if "status" in out:
        out["status"] = [_label("status.", v) for v in out["status"]]
    if "agent" in out:
        out["agent"] = [_label("who.", v) for v in out["agent"]]
    if "choice" in out:
        out["choice"] = [option_label(v) for v in out["choice"]]
    if "options" in out:
        rows: list[Any] = [[{**o, "option": option_label(o["option"]),
                             "description": shown(o.get("description"))} for o in opts]
                           for opts in out["options"]]
        out["options"] = rows
    return out


def _label(prefix: str, value: Any) -> Any:
    key = f"{prefix}{value}"
    return t(key) if key in _known() else value
