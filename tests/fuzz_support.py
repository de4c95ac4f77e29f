"""Fuzzing the scenario input: mutate the shipped scenarios and check every input ends well.

Every input must end in a result or in one :class:`~sim.errors.ScenarioError` -- never in
another exception, a hang or a memory blow-up. :func:`make_case` builds input number ``i`` of
a seeded stream (the same ``seed`` and ``i`` always give the same input) and :func:`run_case`
runs one; ``fuzz_runner.fuzz`` runs many in long-lived child processes, each under an
address-space limit, and kills and replaces a child whose input runs past the time limit (a
*hang*).

Mutations: dropped, duplicated and retyped keys; extreme and non-finite numbers; bad units;
huge strings; unicode and control characters; deep nesting; byte-level damage of the TOML
text. The API path is ``load_scenario`` + ``sim.run`` (+ ``Result.save`` for some); the CLI
path (``fuzz_runner.cli_case``) runs ``werkhalle validate`` and ``werkhalle run`` in a
subprocess.

The normal test suite runs a few hundred inputs (``tests/test_fuzz.py``); the long run is
``python scripts/fuzz.py --n 10000`` (see docs/design.md).
"""

from __future__ import annotations

import copy
import json
import math
import random
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
TIME_LIMIT = 300.0
"""Wall-clock seconds one input may take before it counts as a hang (generous: a busy box)."""
MEMORY_LIMIT = 3 * 2**30
"""Address-space limit of a child process, in bytes."""

NUMBERS: list[Any] = [0, -1, 1, 2**31, 2**63, 10**30, -(10**30), 0.5, 1e-300, 1e308, -1e308,
                      math.inf, -math.inf, math.nan, True, False]
DURATIONS = ["0 s", "-5 min", "1e-300 s", "1e400 min", "1e9 w", "nan min", "inf h", "5",
             "5 parsecs", "min", "5 min min", "5min", "\u0665 min", "1e308 w", "1 d -2 h",
             "9" * 5000 + " s", " 3 h ", "Mon 25:00", "Sun+9999 06:00", "Tue 09:30"]
STRINGS = ["", " ", "\x00", "a\x1b[31mred", "\u202eevil", "\U0001f3ed", "$x$", "$\\frac{",
           "../../etc/passwd", "con", "a" * 100_000, "\ud800", "é" * 1000, "\n\n", "inf",
           "nan", "baseline", "poisson", "orders"]


def shipped() -> list[Path]:
    """The shipped scenario files."""
    return sorted(SCENARIOS.glob("*.toml"))


def base_data() -> dict[str, dict[str, Any]]:
    """Each shipped scenario's validated data (``extends`` resolved), by file stem."""
    from sim.scenario import load_scenario, to_data

    return {p.stem: to_data(load_scenario(p)) for p in shipped()}


# -- mutations of scenario data -------------------------------------------------------------------
def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if len(prefix) > 40:
        return out
    if isinstance(node, dict):
        for k, v in node.items():
            out.append((*prefix, k))
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.append((*prefix, i))
            out += _paths(v, (*prefix, i))
    return out


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def _value(rng: random.Random) -> Any:
    kind = rng.randrange(7)
    if kind == 0:
        return rng.choice(NUMBERS)
    if kind == 1:
        return rng.choice(DURATIONS)
    if kind == 2:
        return rng.choice(STRINGS)
    if kind == 3:
        return [rng.choice(NUMBERS + DURATIONS) for _ in range(rng.randrange(4))]
    if kind == 4:
        return {rng.choice(STRINGS[:8] + ["dist", "mean", "kind"]): rng.choice(DURATIONS)}
    if kind == 5:
        return Deep(rng.choice((3, 30, 300, 3000, 30000)), rng.random() < 0.5)
    return rng.uniform(-1e6, 1e6) * 10 ** rng.randrange(-30, 30)


@dataclass(frozen=True)
class Deep:
    """A deeply nested value, kept flat while the harness works (no recursion on it)."""

    depth: int
    as_list: bool

    def build(self) -> Any:
        """The nested value itself (built without recursion)."""
        node: Any = "5 min"
        for _ in range(self.depth):
            node = [node] if self.as_list else {"a": node}
        return node

    def toml(self) -> str:
        """The nested value as TOML text."""
        if self.as_list:
            return "[" * self.depth + '"5 min"' + "]" * self.depth
        return "{a = " * self.depth + '"5 min"' + "}" * self.depth


def materialise(node: Any) -> Any:
    """Replace every :class:`Deep` placeholder by its nested value."""
    if isinstance(node, Deep):
        return node.build()
    if isinstance(node, dict):
        return {k: materialise(v) for k, v in node.items()}
    if isinstance(node, list):
        return [materialise(v) for v in node]
    return node


def mutate_data(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Apply one to three random mutations to (a deep copy of) scenario data."""
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        paths = _paths(data)
        if not paths:
            break
        path = rng.choice(paths)
        parent, key = _parent(data, path), path[-1]
        op = rng.randrange(8)
        if op >= 6:  # scale a number or a duration: valid-looking, extreme values that run
            parent[key] = _scaled(parent[key], rng)
        elif op == 0:  # drop a key
            del parent[key]
        elif op == 1 and isinstance(parent, dict):  # duplicate a key under a new name
            parent[f"{key}_copy{rng.randrange(99)}"] = copy.deepcopy(parent[key])
        elif op == 2 and isinstance(parent, dict):  # rename a key (unicode / control chars)
            parent[rng.choice(STRINGS[:12])] = parent.pop(key)
        elif op == 3:  # a number at its extremes
            parent[key] = rng.choice(NUMBERS)
        elif op == 4:  # a bad or extreme duration
            parent[key] = rng.choice(DURATIONS)
        else:  # retype: anything
            parent[key] = _value(rng)
    return data


def _scaled(value: Any, rng: random.Random) -> Any:
    factor = 10.0 ** rng.randint(-12, 12)
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return max(0, int(min(value * factor, 2**62)))
    if isinstance(value, float):
        return value * factor
    if isinstance(value, str):
        number, _, unit = value.partition(" ")
        try:
            return f"{float(number) * factor:g} {unit}" if unit else value
        except ValueError:
            return value
    return value


# -- TOML text and byte-level damage ------------------------------------------------------------
def to_toml(data: dict[str, Any]) -> str:
    """Scenario data as TOML text (every table inline; enough for fuzzing)."""
    return "".join(f"{_key(k)} = {_toml(v)}\n" for k, v in data.items())


def _key(key: Any) -> str:
    return json.dumps(str(key))


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Deep):
        return value.toml()
    return json.dumps(str(value))


def shipped_text(path: Path) -> bytes:
    """A shipped file's bytes with ``extends`` made absolute (so it loads from anywhere)."""
    text = path.read_text(encoding="utf-8")
    lines = [f'extends = "{(SCENARIOS / line.split(chr(34))[1]).as_posix()}"'
             if line.startswith("extends = ") else line for line in text.splitlines()]
    return ("\n".join(lines) + "\n").encode()


def damage_bytes(raw: bytes, rng: random.Random) -> bytes:
    """Byte-level damage: flips, insertions, deletions, duplicated or dropped lines, cuts."""
    data = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:
            data[min(pos, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 2:
            del data[pos:pos + rng.randint(1, 40)]
        elif op == 3:
            lines = bytes(data).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])  # a duplicated line: a duplicated key in TOML
            data = bytearray(b"\n".join(lines))
        elif op == 4:
            lines = bytes(data).split(b"\n")
            del lines[rng.randrange(len(lines))]
            data = bytearray(b"\n".join(lines))
        else:
            data = data[:pos]
    return bytes(data)


# -- cases ---------------------------------------------------------------------------------------
@dataclass
class Case:
    """One fuzz input: scenario data (API) or file bytes (loaded from a file)."""

    index: int
    origin: str
    how: str
    data: dict[str, Any] | None = None
    raw: bytes | None = None
    seed: int = 0
    save: bool = False
    flat: dict[str, Any] | None = None
    """``data`` with :class:`Deep` placeholders kept (to write it as TOML without recursion)."""

    def toml_bytes(self) -> bytes:
        """The input as the bytes of a scenario file (for the CLI)."""
        if self.raw is not None:
            return self.raw
        return to_toml(self.flat or {}).encode("utf-8", "surrogatepass")


def make_case(index: int, seed: int, bases: dict[str, dict[str, Any]]) -> Case:
    """Fuzz input number ``index`` of the stream ``seed`` (deterministic)."""
    rng = random.Random(f"{seed}:{index}")
    origin = rng.choice(sorted(bases))
    how = rng.choice(("data", "data", "data", "text", "bytes"))
    case = Case(index, origin, how, seed=rng.randrange(4), save=rng.random() < 0.1)
    if how == "data":
        case.flat = mutate_data(bases[origin], rng)
        case.data = materialise(case.flat)
    elif how == "text":
        case.raw = to_toml(mutate_data(bases[origin], rng)).encode("utf-8", "surrogatepass")
    else:
        case.raw = damage_bytes(shipped_text(SCENARIOS / f"{origin}.toml"), rng)
    return case


def run_case(case: Case, workdir: Path) -> tuple[str, str]:
    """Run one input through the API; return ``(outcome, detail)``.

    Outcomes: ``result``, ``error`` (one ScenarioError), ``other`` (any other exception, with
    its traceback).
    """
    import sim
    from sim.errors import ScenarioError

    try:
        if case.data is not None:
            source: Any = case.data
        else:
            source = workdir / f"case{case.index}.toml"
            source.write_bytes(case.raw or b"")
        result = sim.run(sim.load_scenario(source), seed=case.seed)
        if case.save:
            result.save(workdir / f"out{case.index}")
        return "result", ""
    except ScenarioError as exc:
        return "error", str(exc)[:300]
    except MemoryError:
        return "memory", "MemoryError"
    except Exception:  # noqa: BLE001 - the point: any other exception is a bug
        return "other", traceback.format_exc()[-3000:]
