"""Build the teaching notebooks from their jupytext sources in ``notebooks/_src/``.

The sources are Python files in jupytext's "percent" format (``# %%`` starts a code cell,
``# %% [markdown]`` a Markdown cell whose lines start with ``# ``), which diff and review well
and open as notebooks in JupyterLab with the jupytext extension. ``jupytext`` parses them; this
script adds only what jupytext cannot know, and writes each ``_src/<path>.py`` to
``<path>.ipynb`` without outputs:

* ``# %% [include] setup de`` becomes the shared setup cell ``_src/_include/setup.py`` with
  ``__LANG__`` replaced by ``de`` (jupytext reads the header as the cell's title);
* cells tagged ``solution`` (``# %% tags=["solution"]``) are collapsed in JupyterLab, so
  participants see the exercise first;
* stable cell ids (``cell-01`` ...) and fixed notebook metadata, so that the committed
  notebooks only change when their sources do.

Usage::

    python notebooks/build_notebooks.py          # (re)write every notebook
    python notebooks/build_notebooks.py --check  # exit 1 if a notebook is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "_src"
INCLUDES = SOURCES / "_include"
HIDDEN_TAGS = {"solution"}
INCLUDE = "[include]"


def build(source: Path) -> nbformat.NotebookNode:
    """Return the notebook (no outputs, stable ids) described by one source file."""
    parsed = jupytext.read(source, fmt="py:percent")
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "werkhalle": {"synthetic": True, "source": source.relative_to(HERE).as_posix()},
    }
    for cell in parsed.cells:
        title = cell.metadata.pop("title", "")
        if title.startswith(INCLUDE):
            name, *args = title.removeprefix(INCLUDE).split()
            body = (INCLUDES / f"{name}.py").read_text(encoding="utf-8")
            cell = nbformat.v4.new_code_cell(body.replace("__LANG__", args[0]) if args else body)
        text = cell.source.strip("\n")
        if not text.strip():
            continue
        new = nbformat.v4.new_markdown_cell if cell.cell_type == "markdown" else \
            nbformat.v4.new_code_cell
        nb_cell = new(text)
        nb_cell.id = f"cell-{len(nb.cells) + 1:02d}"
        tags = cell.metadata.get("tags", [])
        if tags:
            nb_cell.metadata["tags"] = tags
            if HIDDEN_TAGS & set(tags):
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
