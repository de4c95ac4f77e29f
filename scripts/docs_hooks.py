"""MkDocs hooks for the docs site (``mkdocs.yml``): pages that live outside ``docs/``.

* the README becomes the home page (``index.md``), its ``docs/...`` links made relative;
* ``notebooks/README.md`` becomes ``notebooks/index.md`` and the committed notebooks
  (``notebooks/*/*.ipynb``) are added as pages, rendered by mkdocs-jupyter (not executed: they
  are stored without outputs; CI executes them in ``tests/test_notebooks.py``);
* ``reference/cli.md`` is the ``--help`` text of every ``werkhalle`` command.

One copy of every text: nothing is copied into ``docs/`` on disk.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[1]


@event_priority(100)  # before mkdocs-jupyter looks for notebooks among the files
def on_files(files: Files, config) -> Files:
    """Add the README, the notebooks' index and the notebooks as pages."""
    for path in sorted((ROOT / "notebooks").glob("*/*.ipynb")):
        files.append(File(path.relative_to(ROOT).as_posix(), str(ROOT), config["site_dir"],
                          config["use_directory_urls"]))
    files.append(File.generated(config, "index.md", content=_readme()))
    notebooks = (ROOT / "notebooks" / "README.md").read_text(encoding="utf-8")
    files.append(File.generated(config, "notebooks/index.md", content=notebooks))
    files.append(File.generated(config, "reference/cli.md", content=_cli_reference()))
    return files


def _readme() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.sub(r"\]\(docs/", "](", text)


def _cli_reference() -> str:
    from typer.main import get_command
    from typer.testing import CliRunner

    from sim.cli import app

    runner = CliRunner()
    command = get_command(app)
    parts = ["# Command line\n", "Every command's `--help`, as `werkhalle` prints it.\n"]
    for name in ["", *sorted(command.commands)]:  # type: ignore[attr-defined]
        args = [name, "--help"] if name else ["--help"]
        out = runner.invoke(app, args, env={"COLUMNS": "96", "NO_COLOR": "1", "TERM": "dumb"})
        parts.append(f"## `werkhalle {name}`\n\n```text\n{out.output.rstrip()}\n```\n")
    return "\n".join(parts)
