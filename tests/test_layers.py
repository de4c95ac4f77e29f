"""The house: every import of a ``sim`` module points down the stack (docs/design.md §0).

``scenario`` < ``i18n`` < ``line`` < ``results`` < ``agents`` < ``runner`` < ``experiments`` <
``plots`` < ``dashboard`` < ``cli`` (``errors``, ``labels`` and ``_version`` lie beneath all).
Module-level and function-level imports count alike; imports under ``TYPE_CHECKING`` are type
references only and may point anywhere.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SIM = Path(__file__).resolve().parents[1] / "sim"

LAYER = {"_version": 0, "errors": 0, "labels": 0, "scenario": 1, "i18n": 1.5, "line": 2,
         "results": 3, "agents": 4, "runner": 5, "experiments": 6, "plots": 7, "dashboard": 8,
         "cli": 9, "__init__": 10, "__main__": 10}
"""Rank of each room of ``sim/``: a module may import only rooms of its rank or lower."""


def _room(parts: tuple[str, ...]) -> str:
    return parts[0] if parts else "__init__"


def sim_imports(path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` for every non-type-only import of a ``sim`` module in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    found = []
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] if node.module != "sim" else [f"sim.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found += [(node.lineno, n) for n in names if n.startswith("sim.")]
    return found


def upward_imports() -> list[str]:
    """Every import that runs from a lower room to a higher one."""
    bad = []
    for path in sorted(SIM.rglob("*.py")):
        rel = path.relative_to(SIM).with_suffix("").parts
        source = _room(rel)
        for line, module in sim_imports(path):
            target = module.split(".")[1]
            if target not in LAYER:
                continue
            if LAYER[target] > LAYER[source]:
                bad.append(f"sim/{'/'.join(rel)}.py:{line} ({source} -> {target})")
    return bad


def test_every_room_is_ranked():
    rooms = {p.relative_to(SIM).with_suffix("").parts[0] for p in SIM.rglob("*.py")}
    assert rooms <= set(LAYER), sorted(rooms - set(LAYER))


def test_no_import_runs_up_the_stack():
    assert upward_imports() == []


def test_the_check_catches_an_upward_import(tmp_path, monkeypatch):
    fake = tmp_path / "sim"
    (fake / "line").mkdir(parents=True)
    (fake / "line" / "x.py").write_text("def f():\n    from sim.runner import run\n")
    (fake / "line" / "y.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sim.runner import run\n")
    monkeypatch.setattr(f"{__name__}.SIM", fake)
    assert upward_imports() == ["sim/line/x.py:2 (line -> runner)"]


@pytest.mark.parametrize("room", ["scenario", "line", "results"])
def test_the_core_never_imports_mesa_or_matplotlib(room):
    for path in (SIM / room).rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import mesa" not in text and "import matplotlib" not in text, path
