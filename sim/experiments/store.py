"""The run directory of an experiment: nothing computed is ever lost.

Layout of ``--out DIR``::

    DIR/manifest.json         SYNTHETIC label, kind, scenario name and hash, base seed, all
                              seeds, version, plan fingerprint, sessions (computed / reused)
    DIR/tasks/task-000017.json  one file per finished task (its key, seed, row)
    DIR/*.csv                 the final tables, with the label and fingerprint columns

Every file is written atomically (a temporary file in the same directory, then
``os.replace``), so a crash or kill leaves either the whole file or none of it. On resume,
tasks whose file exists with the expected key are read back instead of run again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from sim._version import __version__
from sim.errors import ScenarioError
from sim.experiments.tasks import Task
from sim.labels import SYNTHETIC_LABEL
from sim.results.io import atomic_write_text, json_text, labelled_csv_text
from sim.results.outdir import check_out_dir

MANIFEST = "manifest.json"
"""Name of the manifest file."""


def plan_fingerprint(tasks: Sequence[Task]) -> str:
    """A fingerprint of a whole task list (what would be computed, in which order)."""
    digest = hashlib.sha256()
    for task in tasks:
        digest.update(f"{task.index}:{task.key()};".encode())
    return digest.hexdigest()[:16]


class RunStore:
    """A run directory that streams finished results to disk and supports resuming.

    Args:
        directory: The run directory (created if needed).
        tasks: The experiment's tasks.
        metadata: Experiment metadata for the manifest (kind, scenario, hash, seeds ...).
        resume: Continue an interrupted run in ``directory``. Without it, a directory that
            already holds a run is refused rather than mixed with a new one.

    Raises:
        ScenarioError: If the directory holds a run and ``resume`` is false, holds a
            different experiment, or holds anything Werkhalle did not write (see
            :func:`sim.results.outdir.check_out_dir`).
    """

    def __init__(self, directory: str | Path, tasks: Sequence[Task],
                 metadata: Mapping[str, Any], resume: bool = False) -> None:
        self.directory = check_out_dir(directory, "experiment")
        """The run directory."""
        self.task_dir = self.directory / "tasks"
        self.plan = plan_fingerprint(tasks)
        """Fingerprint of the task list."""
        path = self.directory / MANIFEST
        if path.exists():
            old = json.loads(path.read_text(encoding="utf-8"))
            if not resume:
                raise ScenarioError(self.directory, "--out", "a new or empty directory (it "
                                    "holds an earlier run; pass --resume to continue it)")
            if old.get("plan") != self.plan:
                raise ScenarioError(self.directory, "--resume", "the same experiment as the "
                                    "one in this directory (scenario, seeds, parameters or n "
                                    "differ; use a new --out)")
            self.manifest = old
            for stale in self.task_dir.glob(".*.tmp"):  # left by a killed run
                stale.unlink(missing_ok=True)
        else:
            self.manifest = {
                "synthetic": True, "label": SYNTHETIC_LABEL, **dict(metadata),
                "version": __version__, "plan": self.plan, "tasks": len(tasks),
                "created": _now(), "sessions": [],
            }
        self.manifest["status"] = "running"
        self.manifest["sessions"].append({"started": _now()})
        self._write_manifest()

    def _task_path(self, index: int) -> Path:
        return self.task_dir / f"task-{index:06d}.json"

    def finished(self, tasks: Sequence[Task]) -> dict[int, Any]:
        """Results of tasks already in the directory (file present, key matching)."""
        found: dict[int, Any] = {}
        for task in tasks:
            path = self._task_path(task.index)
            if not path.exists():
                continue
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):  # pragma: no cover - atomic writes
                continue
            if record.get("key") == task.key():
                found[task.index] = record["result"]
        self.manifest["sessions"][-1]["reused"] = len(found)
        return found

    def save(self, task: Task, result: Any) -> None:
        """Write one finished task's result atomically."""
        record = {"label": SYNTHETIC_LABEL, "synthetic": True, "index": task.index,
                  "key": task.key(), "seed": task.seed, "agents": task.agents,
                  "overrides": dict(task.overrides), "job": task.job, "result": result}
        atomic_write_text(self._task_path(task.index), json.dumps(record, default=str) + "\n")

    def end_session(self, computed: int, complete: bool) -> None:
        """Record how many tasks this session computed, and whether the run is complete."""
        session = self.manifest["sessions"][-1]
        session.update({"ended": _now(), "computed": computed})
        self.manifest["computed_total"] = sum(s.get("computed", 0)
                                              for s in self.manifest["sessions"])
        self.manifest["status"] = "complete" if complete else "interrupted"
        self._write_manifest()

    def write_tables(self, tables: Mapping[str, pd.DataFrame], fingerprint: str,
                     metadata: Mapping[str, Any] | None = None) -> None:
        """Write the final tables as labelled CSV files and note them in the manifest."""
        for stem, table in tables.items():
            text = labelled_csv_text(table, SYNTHETIC_LABEL, fingerprint)
            atomic_write_text(self.directory / f"{stem}.csv", text)
        self.manifest["files"] = sorted(f"{stem}.csv" for stem in tables)
        if metadata:
            self.manifest["result"] = dict(metadata)
        self._write_manifest()

    def _write_manifest(self) -> None:
        atomic_write_text(self.directory / MANIFEST, json_text(self.manifest))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
