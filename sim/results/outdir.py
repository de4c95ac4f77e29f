"""Where results may be written: the ``--out`` rule, and what Werkhalle itself writes.

Every save path (``Result.save``, ``Comparison.save``, an experiment's run directory,
``ExperimentResult.save``) and every CLI command that writes calls :func:`check_out_dir`
first. A target is accepted only if it is

* missing (it will be created), or an empty folder, or
* a folder that holds a previous Werkhalle result **of the same kind**: recognised by its
  ``metadata.json`` (or ``manifest.json``) carrying the SYNTHETIC label, and holding nothing
  but files Werkhalle writes for that kind.

Anything else (a regular file, a folder with files Werkhalle did not write, a result of
another kind such as an experiment's run directory for ``run``) is refused with a
:class:`~sim.errors.ScenarioError` saying what is there. Nothing here ever deletes a file or
folder the project did not write: :func:`install` moves the finished files from a staging
folder into the target one by one (each with an atomic ``os.replace``) and removes only
known files of the previous result that the new one no longer has (e.g. its plots).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sim.errors import ScenarioError
from sim.labels import SYNTHETIC_LABEL

KINDS = ("run", "compare", "experiment", "tables")
"""Kinds of result folder: one run (``Result.save``), a comparison (``Comparison.save``), an
experiment's run directory (``--out`` of replicate/sweep/stress), an experiment's tables
(``ExperimentResult.save``)."""

STAGING_PREFIX = ".werkhalle-"
"""Prefix of Werkhalle's own hidden staging folders (ignored by the rule, never foreign)."""
STAGING_MARKER = ".werkhalle-staging.json"
"""The file in each staging shell that says it is Werkhalle's, with host and process id."""

_RUN_FILES = frozenset({
    "kpis.csv", "timeseries.csv", "stations.csv", "events.csv", "decisions.csv",
    "metadata.json", "station_states.png", "wip_stock.png", "kpis.png", "result.xlsx",
})
_COMPARE_FILES = frozenset({
    "balance.csv", "kpis_compared.csv", "options.csv", "timeline.txt", "metadata.json",
    "compare_stock_output.png", "compare_options.png", "comparison.xlsx", "ladder.csv",
})
_COMPARE_DIRS = ("baseline", "agents")
_EXPERIMENT_FILES = frozenset({
    "manifest.json", "kpis.png", "paired.png", "stress.png", "sweep.png", "sweep_heatmap.png",
})
_EXPERIMENT_TABLES = ("runs", "summary", "differences", "paired", "outcomes", "difference",
                      "design", "tidy")
_TABLES_FILES = frozenset({"metadata.json", *(f"{stem}.csv" for stem in _EXPERIMENT_TABLES),
                           *(_EXPERIMENT_FILES - {"manifest.json"})})
_TASK_FILE = re.compile(r"^(task-\d{6}\.json|\.task-\d{6}\.json\..*\.tmp)$")
_ATOMIC_TMP = re.compile(r"^\.[^/]+\.tmp$")
"""A file ``atomic_write_text`` was writing when its run was killed."""
_SHOWN = 4
"""How many foreign names a refusal lists."""


WALL_CLOCK_KEYS = frozenset({"seconds", "baseline_seconds", "agents_seconds", "twin_seconds"})
"""Metadata that measures wall-clock time: kept in memory, printed, never saved (so that the
same scenario and seed give byte-identical result folders)."""


def saved_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """``metadata`` as saved to ``metadata.json``: without the wall-clock timings."""
    return {k: v for k, v in metadata.items() if k not in WALL_CLOCK_KEYS}


def known_files(kind: str) -> frozenset[str]:
    """The file names Werkhalle writes at the top of a result folder of ``kind``."""
    return {"run": _RUN_FILES, "compare": _COMPARE_FILES, "experiment": _EXPERIMENT_FILES,
            "tables": _TABLES_FILES}[kind]


def result_kind(folder: Path) -> str | None:
    """The kind of Werkhalle result ``folder`` holds (by its labelled metadata), or ``None``."""
    manifest = _labelled_json(folder / "manifest.json")
    if manifest is not None or _only_task_files(folder):
        return "experiment"
    meta = _labelled_json(folder / "metadata.json")
    if meta is None:
        return None
    if (folder / "balance.csv").is_file() or (folder / "baseline").is_dir():
        return "compare"
    if meta.get("kind") is not None and (folder / "summary.csv").is_file():
        return "tables"
    return "run"


def check_out_dir(path: str | Path, kind: str) -> Path:
    """Check that a result of ``kind`` may be written to ``path`` (see the module docstring).

    Args:
        path: The target folder.
        kind: One of :data:`KINDS`.

    Returns:
        The target as a :class:`~pathlib.Path`.

    Raises:
        ScenarioError: If the target is a file, holds files Werkhalle did not write, or holds
            a result of another kind; the message says what is there.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown result kind {kind!r}; expected one of {KINDS}")
    target = Path(path)
    want = f"an empty folder or one holding an earlier Werkhalle {_NAMES[kind]}"
    if not target.exists() and not target.is_symlink():
        return target
    if not target.is_dir():
        raise ScenarioError(target, "--out", f"{want} (it is a file, not a folder; choose "
                                             "a folder name)")
    entries = _visible(target)
    if not entries:
        return target
    found = result_kind(target)
    if found is None:
        raise ScenarioError(target, "--out", f"{want} (it holds {_list(entries)}, which "
                                             "Werkhalle did not write; choose another folder)")
    if found != kind:
        raise ScenarioError(target, "--out", f"{want} (it holds a Werkhalle {_NAMES[found]}; "
                                             "choose another folder)")
    foreign = foreign_entries(target, kind)
    if foreign:
        raise ScenarioError(target, "--out", f"{want} (beside an earlier result it holds "
                                             f"{_list(foreign)}, which Werkhalle did not "
                                             "write; choose another folder)")
    return target


def foreign_entries(folder: Path, kind: str) -> list[str]:
    """Names in ``folder`` (recursively, as ``sub/name``) that Werkhalle does not write there."""
    known = known_files(kind) | _listed_tables(folder, kind)
    foreign = []
    for entry in _visible(folder):
        name = entry.name
        if kind == "compare" and entry.is_dir() and (
                name in _COMPARE_DIRS or name.startswith("person_")):
            foreign += [f"{name}/{sub}" for sub in foreign_entries(entry, "run")]
        elif kind == "experiment" and name == "tasks" and entry.is_dir():
            foreign += [f"tasks/{p.name}" for p in entry.iterdir()
                        if not _TASK_FILE.match(p.name) or not p.is_file()]
        elif kind == "experiment" and _ATOMIC_TMP.match(name) and entry.is_file():
            continue
        elif name not in known or not entry.is_file() or entry.is_symlink():
            foreign.append(name)
    return sorted(foreign)


def staging_dir(target: Path) -> Path:
    """A new hidden staging folder beside (for a new target) or inside ``target``.

    The folder is ``out/`` inside a hidden shell ``.werkhalle-<name>.<random>/`` that also holds
    :data:`STAGING_MARKER` (this host and process). :func:`install` and :func:`discard_staging`
    remove the shell; one left behind by a killed process is removed by the next save to the
    same place (:func:`clean_stale_staging`).
    """
    base = target if target.is_dir() else target.parent
    base.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(base)
    shell = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target.name or 'out'}.", dir=base))
    marker = {"werkhalle_staging": True, "host": socket.gethostname(), "pid": os.getpid()}
    (shell / STAGING_MARKER).write_text(json.dumps(marker), encoding="utf-8")
    tmp = shell / "out"
    tmp.mkdir()
    tmp.chmod(0o777 & ~umask())  # results are for everyone to read
    return tmp


def discard_staging(tmp: Path) -> None:
    """Remove a staging folder and its marked shell (after a failure, or once installed)."""
    shell = tmp.parent
    if tmp.name == "out" and _staging_owner(shell) is not None:
        shutil.rmtree(shell, ignore_errors=True)
    else:
        shutil.rmtree(tmp, ignore_errors=True)


def clean_stale_staging(base: Path) -> list[str]:
    """Remove staging shells in ``base`` left by a Werkhalle process that no longer runs.

    Only a folder named ``.werkhalle-*`` that carries Werkhalle's own :data:`STAGING_MARKER`
    with this host's name and the id of a process that has ended is removed: a folder without
    the marker (someone else's, or one from an older version) and a save still running
    (in this or another process) are left alone. On Windows nothing is removed (no safe way to
    ask whether a process runs without an extra dependency).

    Returns:
        The names removed.
    """
    if os.name == "nt" or not base.is_dir():
        return []
    removed = []
    for entry in sorted(base.iterdir()):
        if not entry.name.startswith(STAGING_PREFIX) or entry.is_symlink() or not entry.is_dir():
            continue
        owner = _staging_owner(entry)
        if owner is None or owner["host"] != socket.gethostname() or _runs(owner["pid"]):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry.name)
    return removed


def _staging_owner(shell: Path) -> dict[str, Any] | None:
    """The marker of a staging shell, if it carries a well-formed one."""
    try:
        data = json.loads((shell / STAGING_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (isinstance(data, dict) and data.get("werkhalle_staging") is True
            and isinstance(data.get("host"), str) and isinstance(data.get("pid"), int)):
        return data
    return None


def _runs(pid: int) -> bool:
    """Whether process ``pid`` exists (POSIX signal 0: nothing is sent)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. another user's process: it exists
        return True
    return True


def install(tmp: Path, target: Path, kind: str = "run") -> None:
    """Move the finished staging folder ``tmp`` to ``target``.

    A missing target appears at once (one ``os.replace`` of the folder). An existing target
    (checked by :func:`check_out_dir`) keeps its identity: each new file replaces its old
    version atomically, ``metadata.json`` last, and known files of the earlier result that
    the new one does not have are removed. Files Werkhalle did not write are never touched.
    The staging shell (with its marker) is removed afterwards.
    """
    if not target.exists():
        os.replace(tmp, target)
    else:
        _merge(tmp, target, kind)
    discard_staging(tmp)


def _merge(src: Path, dst: Path, kind: str) -> None:
    new = sorted(src.iterdir(), key=lambda p: p.name == "metadata.json")
    for entry in new:
        there = dst / entry.name
        if entry.is_dir() and there.is_dir():
            _merge(entry, there, "run")
            entry.rmdir()
        else:
            os.replace(entry, there)
    names = {entry.name for entry in new}
    for stale in known_files(kind) - names:
        path = dst / stale
        if path.is_file() and not path.is_symlink():
            path.unlink()


def try_plots(draw: Callable[[], Any], folder: Path) -> str | None:
    """Run ``draw`` (which writes PNG files into ``folder``); on failure remove its PNGs.

    Drawing must never lose the computed tables: the caller saves them whatever happens here
    and reports the returned problem (a :class:`~sim.errors.PlotError` after saving).

    Returns:
        ``None`` if every plot was written, else what went wrong, in one line.
    """
    before = set(folder.rglob("*.png"))
    try:
        draw()
    except Exception as exc:  # noqa: BLE001 - any drawing failure: keep the tables, report it
        for png in set(folder.rglob("*.png")) - before:
            png.unlink(missing_ok=True)
        text = " ".join(str(exc).split()) or type(exc).__name__
        return f"{type(exc).__name__}: {text[:300]}"
    return None


_NAMES = {"run": "run result (werkhalle run / Result.save)",
          "compare": "comparison (werkhalle compare)",
          "experiment": "experiment run directory (replicate/sweep/stress --out)",
          "tables": "experiment's tables (ExperimentResult.save)"}


def _visible(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if not p.name.startswith(STAGING_PREFIX)),
                  key=lambda p: p.name)


def _list(entries: list[Path] | list[str]) -> str:
    names = [e.name + ("/" if e.is_dir() else "") if isinstance(e, Path) else e
             for e in entries]
    shown = ", ".join(names[:_SHOWN])
    more = f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
    return f"{len(names)} item{'s' if len(names) != 1 else ''}: {shown}{more}"


def _only_task_files(folder: Path) -> bool:
    """A run directory being assembled (``werkhalle merge``): only ``tasks/`` of task files."""
    entries = _visible(folder)
    tasks = folder / "tasks"
    return ([e.name for e in entries] == ["tasks"] and tasks.is_dir()
            and all(_TASK_FILE.match(p.name) and p.is_file() for p in tasks.iterdir()))


def _labelled_json(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and data.get("synthetic") is True \
            and data.get("label") == SYNTHETIC_LABEL:
        return data
    return None


def _listed_tables(folder: Path, kind: str) -> set[str]:
    """CSV files an earlier experiment's manifest lists (its tables)."""
    if kind != "experiment":
        return set()
    manifest = _labelled_json(folder / "manifest.json") or {}
    files = manifest.get("files", [])
    return {f for f in files if isinstance(f, str) and f.endswith(".csv") and "/" not in f}


def umask() -> int:
    """The process's file-creation mask (read without changing it, where the OS allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022
