"""Build the teaching notebooks from their plain-text sources in ``notebooks/_src/``.

The notebooks are written as Python files in the "percent" format (``# %%`` starts a code
cell, ``# %% [markdown]`` a Markdown cell whose lines start with ``# ``), which diff and
review well. This script turns each ``_src/<path>.py`` into ``<path>.ipynb`` without outputs,
with stable cell ids, so that the committed notebooks are always clean.

A cell header may carry tags: ``# %% tags=["solution"]``. Cells tagged ``solution`` are
collapsed (source hidden) when opened in JupyterLab, so participants see the exercise first.
``# %% [include] setup de`` inserts ``_src/_include/setup.py`` as a code cell, with
``__LANG__`` replaced by ``de``: the setup cell shared by all notebooks lives in one place.

Usage::

    python notebooks/build_notebooks.py          # (re)write every notebook
    python notebooks/build_notebooks.py --check  # exit 1 if a notebook is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "_src"
INCLUDES = SOURCES / "_include"
HIDDEN_TAGS = {"solution"}


def parse_cells(text: str) -> list[dict]:
    """Split a percent-format source into cells: ``{"kind", "tags", "lines"}``."""
    cells: list[dict] = []
    current: dict | None = None
    for line in text.splitlines():
        if line.startswith("# %% [include]"):
            name, *args = line.removeprefix("# %% [include]").split()
            body = (INCLUDES / f"{name}.py").read_text(encoding="utf-8")
            if args:
                body = body.replace("__LANG__", args[0])
            cells.append({"kind": "code", "tags": [], "lines": body.splitlines()})
            current = None
        elif line.startswith("# %%"):
            header = line[4:].strip()
            kind = "markdown" if header.startswith("[markdown]") else "code"
            header = header.removeprefix("[markdown]").strip()
            tags = json.loads(header.removeprefix("tags=")) if header.startswith("tags=") else []
            current = {"kind": kind, "tags": tags, "lines": []}
            cells.append(current)
        elif current is not None:
            if current["kind"] == "markdown":
                line = line[2:] if line.startswith("# ") else line.removeprefix("#")
            current["lines"].append(line)
    for cell in cells:
        lines = cell["lines"]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
    return [c for c in cells if c["lines"]]


def build(source: Path) -> nbformat.NotebookNode:
    """Return the notebook (no outputs, stable ids) described by one source file."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "werkhalle": {"synthetic": True, "source": source.relative_to(HERE).as_posix()},
    }
    for i, cell in enumerate(parse_cells(source.read_text(encoding="utf-8")), start=1):
        text = "\n".join(cell["lines"])
        if cell["kind"] == "markdown":
            nb_cell = nbformat.v4.new_markdown_cell(text)
        else:
            nb_cell = nbformat.v4.new_code_cell(text)
        nb_cell.id = f"cell-{i:02d}"
        if cell["tags"]:
            nb_cell.metadata["tags"] = cell["tags"]
            if HIDDEN_TAGS & set(cell["tags"]):
                nb_cell.metadata["jupyter"] = {"source_hidden": True}
        nb.cells.append(nb_cell)
    nbformat.validate(nb)
    return nb


def sources() -> list[Path]:
    """Every notebook source (the shared includes are not notebooks)."""
    return sorted(p for p in SOURCES.rglob("*.py") if INCLUDES not in p.parents)


def target_of(source: Path) -> Path:
    """Where the notebook built from ``source`` lives."""
    return HERE / source.relative_to(SOURCES).with_suffix(".ipynb")


def render(source: Path) -> str:
    """The exact file text of the notebook built from ``source``."""
    return nbformat.writes(build(source)) + "\n"


def main(argv: list[str]) -> int:
    """Write (or with ``--check`` compare) every notebook; return the exit status."""
    check = "--check" in argv
    stale = []
    for source in sources():
        target, text = target_of(source), render(source)
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        if check:
            stale.append(target.relative_to(HERE).as_posix())
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(HERE)}")
    if stale:
        print("out of date (run python notebooks/build_notebooks.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
