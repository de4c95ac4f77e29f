"""Loading scenarios: TOML files, ``extends`` inheritance, overrides, hashing, clear errors.

A scenario file may start with ``extends = "baseline.toml"`` (relative to itself); the parent is
loaded first and the child's tables are merged into it key by key, so a variant changes one
line. Every problem is reported as one :class:`~sim.errors.ScenarioError` naming the file, the
field and what was expected.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import importlib.resources
import json
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sim.errors import ScenarioError
from sim.scenario import types as field_types
from sim.scenario.budget import MAX_FILE_BYTES, MAX_NESTING
from sim.scenario.schema import Scenario
from sim.scenario.types import ReferenceError_


def _shipped_dir() -> Path:
    """Where the shipped scenarios are: the ``sim._scenarios`` package, else the source tree.

    The repository's top-level ``scenarios/`` folder is installed as the package
    ``sim._scenarios`` (setuptools ``package-dir``, see ``setup.py``), both in a wheel and in an
    editable install, so a bare name like ``"baseline"`` works from any directory. A checkout
    used without installing (``PYTHONPATH=.``) falls back to the folder itself.
    """
    try:
        return Path(str(importlib.resources.files("sim._scenarios")))
    except ModuleNotFoundError:  # pragma: no cover - a source tree that was never installed
        return Path(__file__).resolve().parents[2] / "scenarios"


SCENARIO_DIR = _shipped_dir()
"""The shipped scenarios (used when a bare name is given); edit them in ``scenarios/``."""


def deep_merge(base: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``child`` into ``base``: tables merge key by key, everything else is replaced."""
    merged = copy.deepcopy(dict(base))
    for key, value in child.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def resolve_path(name: str | Path) -> Path:
    """Find a scenario file: a path as given, else a name in the shipped ``scenarios/`` folder."""
    path = Path(name)
    if path.exists() or path.is_absolute() or len(path.parts) > 1:
        return path
    for candidate in (SCENARIO_DIR / path, SCENARIO_DIR / f"{path}.toml"):
        if candidate.exists():
            return candidate
    return path


def read_toml(path: Path, _chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """Read a scenario TOML file and resolve its ``extends`` chain into one plain dict."""
    path = path.resolve() if path.exists() else path
    if path in _chain:
        cycle = " -> ".join(p.name for p in (*_chain, path))
        raise ScenarioError(path, "extends", f"a chain without cycles (found {cycle})")
    if not path.is_file():
        raise ScenarioError(path, "", "an existing scenario file (not found)")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ScenarioError(path, "", f"a scenario file of at most {MAX_FILE_BYTES:,} bytes")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(path, "", f"valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise ScenarioError(path, "", "a UTF-8 text file") from None
    except RecursionError:  # tomllib recurses once per level of nested arrays/tables
        raise ScenarioError(path, "", f"TOML nested at most {MAX_NESTING} levels deep") from None
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ScenarioError(path, "extends", "the name of another scenario file, as a string")
    parent_path = path.parent / parent
    if not parent_path.is_file():
        raise ScenarioError(path, "extends", f"an existing file ({parent_path} not found)")
    return deep_merge(read_toml(parent_path, (*_chain, path)), data)


def load_scenario(source: str | Path | Mapping[str, Any] | Scenario) -> Scenario:
    """Load and validate a scenario.

    Args:
        source: A :class:`Scenario`, a dict of scenario data, a path to a TOML file, or the name
            of a shipped scenario (``"baseline"``).

    Returns:
        The validated scenario.

    Raises:
        ScenarioError: With file, field and expectation, for any problem at all.
    """
    if isinstance(source, Scenario):
        return source
    if isinstance(source, Mapping):
        return validate(dict(source), None)
    path = resolve_path(source)
    return validate(read_toml(path), path)


def validate(data: dict[str, Any], file: Path | None) -> Scenario:
    """Validate plain scenario data, turning pydantic's errors into one :class:`ScenarioError`."""
    if nesting_depth(data) > MAX_NESTING:
        raise ScenarioError(file, "", f"scenario data nested at most {MAX_NESTING} levels deep")
    if (where := _unencodable(data)) is not None:
        raise ScenarioError(file, where, "text that is valid Unicode (it holds a lone "
                            "surrogate, which no file can store)")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise _as_scenario_error(exc, data, file) from None


def with_overrides(scenario: Scenario, overrides: Mapping[str, Any]) -> Scenario:
    """Return a copy of ``scenario`` with dotted fields replaced and re-validated.

    Args:
        scenario: The base scenario.
        overrides: ``{"stations.saw.machines": 2, "horizon": "3 d"}``; values are written as in
            a TOML file (durations with units).

    Returns:
        The new, validated scenario.
    """
    data = to_data(scenario)
    for dotted, value in overrides.items():
        node = data
        keys = dotted.split(".")
        for key in keys[:-1]:
            if not isinstance(node.get(key), dict):
                raise ScenarioError(None, dotted, f"an existing table at '{key}'")
            node = node[key]
        node[keys[-1]] = value
    return validate(data, None)


def to_data(scenario: Scenario) -> dict[str, Any]:
    """Return scenario data that re-validates to an equal scenario (durations as ``"X min"``)."""
    return _minutes_to_text(scenario.model_dump(mode="python", exclude_none=True), scenario)


def _minutes_to_text(data: Any, model: Any) -> Any:
    if isinstance(model, BaseModel):
        out = {}
        for name, value in data.items():
            field = type(model).model_fields[name]
            sub = getattr(model, name)
            kind = _time_kind(field)
            if kind == "clock" and isinstance(value, float):
                out[name] = f"{int(value) // 60:02d}:{int(value) % 60:02d}"
            elif kind == "minutes" and isinstance(value, float):
                out[name] = f"{value!r} min"
            else:
                out[name] = _minutes_to_text(value, sub)
        return out
    if isinstance(model, dict):
        return {k: _minutes_to_text(data[k], model[k]) for k in data}
    if isinstance(model, list):
        return [_minutes_to_text(d, m) for d, m in zip(data, model, strict=True)]
    return data


def _time_kind(field: Any) -> str | None:
    """``"minutes"`` for duration/when fields, ``"clock"`` for clock times (also optional ones)."""
    metadata = list(field.metadata)
    for arg in typing.get_args(field.annotation):  # ``Duration | None`` and the like
        metadata += getattr(arg, "__metadata__", ())
    funcs = {getattr(m, "func", None) for m in metadata}
    if funcs & {field_types._duration, field_types._when}:
        return "minutes"
    return "clock" if field_types._clock in funcs else None


def scenario_hash(scenario: Scenario) -> str:
    """Return a 12-hex-digit hash of the fully resolved scenario (its fingerprint)."""
    data = scenario.model_dump(mode="json")
    if data.get("quality") is None:  # (added later: absent keeps the older fingerprints)
        data.pop("quality", None)
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def nesting_depth(data: Any) -> int:
    """How deeply tables and lists nest in ``data`` (counted without recursion)."""
    deepest, todo = 0, [(data, 0)]
    while todo:
        node, depth = todo.pop()
        deepest = max(deepest, depth)
        if depth > MAX_NESTING:
            break
        if isinstance(node, Mapping):
            todo += [(v, depth + 1) for v in node.values()]
        elif isinstance(node, list | tuple):
            todo += [(v, depth + 1) for v in node]
    return deepest


def _unencodable(data: Any, where: str = "") -> str | None:
    """The dotted path of the first text (key or value) that UTF-8 cannot encode, if any."""
    items = (data.items() if isinstance(data, Mapping) else
             enumerate(data) if isinstance(data, list | tuple) else ())
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            return where or "<value>"
    for key, value in items:
        here = f"{where}.{key}" if where and isinstance(key, str) else (
            f"{where}[{key}]" if where else str(key))
        if isinstance(key, str):
            try:
                key.encode("utf-8")
            except UnicodeEncodeError:
                return here.encode("utf-8", "backslashreplace").decode()
        found = _unencodable(value, here)
        if found is not None:
            return found.encode("utf-8", "backslashreplace").decode()
    return None


def _as_scenario_error(exc: ValidationError, data: Any, file: Path | None) -> ScenarioError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    original = (first.get("ctx") or {}).get("error")
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    if isinstance(original, ReferenceError_):
        prefix = _field_path(first["loc"], data)
        field = f"{prefix}.{original.field}" if prefix else original.field
        return ScenarioError(file, field, original.expected + more)
    field = _field_path(first["loc"], data)
    return ScenarioError(file, field, _expectation(first, field) + more)


def _field_path(loc: tuple[Any, ...], data: Any) -> str:
    parts, node = [], data
    for key in loc:
        if isinstance(node, Mapping) and key not in node and node.get("kind") == key:
            continue  # a discriminated-union tag pydantic adds to the location
        if isinstance(key, int):
            parts.append(f"[{key}]")
        else:
            parts.append(("." if parts else "") + str(key))
        node = node.get(key) if isinstance(node, Mapping) else (
            node[key] if isinstance(node, list) and isinstance(key, int) and key < len(node)
            else None
        )
    return "".join(parts)


def _expectation(error: Mapping[str, Any], field: str) -> str:
    kind, msg = error["type"], error["msg"]
    got = error.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(error["loc"][:-1])
        close = difflib.get_close_matches(str(error["loc"][-1]), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        listing = f" (allowed here: {', '.join(allowed)})" if allowed else ""
        return f"unknown key{hint}{listing}"
    if kind == "missing":
        return "a value is required here (missing)"
    msg = msg.removeprefix("Value error, ")
    if not msg.startswith("expected"):
        msg = f"expected: {msg[0].lower()}{msg[1:]}"
    if got is not None and not isinstance(got, Mapping | list) and repr(got) not in msg:
        text = repr(got)  # shortened: a fuzzed or pasted value may be megabytes long
        msg += f" (got {text if len(text) <= 80 else text[:77] + '...'})"
    return msg


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    tp: Any = Scenario
    for key in loc:
        tp = _unwrap(tp, key)
        if tp is None:
            return []
    tp = _unwrap(tp, None)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return list(tp.model_fields)
    return []


def _unwrap(tp: Any, key: Any) -> Any:
    """Follow one step of a location through type annotations (best effort)."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
            tagged = [m for m in models if key in _kind_values(m)]
            if tagged:
                return tagged[0]
            tp = models[0] if models else members[0]
        else:
            break
    if key is None:
        return tp
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        field = tp.model_fields.get(key)
        return field.annotation if field is not None else None
    if typing.get_origin(tp) in (dict, list):
        return typing.get_args(tp)[-1]
    return None


def _kind_values(model: type[BaseModel]) -> tuple[Any, ...]:
    field = model.model_fields.get("kind")
    return typing.get_args(field.annotation) if field is not None else ()
