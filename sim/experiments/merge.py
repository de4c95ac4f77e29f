"""``werkhalle merge``: join the run directories of a sharded sweep into the whole sweep.

Every shard directory (``werkhalle sweep ... --shard i/n --out DIR``) holds its finished task
files and a manifest with the plan's fingerprint and the sweep's recipe. The merge checks that
all shards belong to the same plan and together cover every task exactly once, copies the task
files into a new run directory and re-runs the recipe there: every task is found on disk, none
is computed again, and the tables are written by the same code as an unsharded sweep — so they
are identical to its tables, byte for byte.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sim._version import __version__
from sim.errors import ScenarioError
from sim.experiments.store import MANIFEST
from sim.experiments.sweep import Range, SweepResult, sweep
from sim.results.outdir import check_out_dir


def _manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise ScenarioError(folder, "", f"a shard's run directory (no {MANIFEST}; made with "
                                        "werkhalle sweep ... --shard i/n --out DIR)")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if "shard" not in manifest or "recipe" not in manifest:
        raise ScenarioError(folder, "shard", "a run directory written with --shard i/n")
    return manifest


def _decode(params: dict[str, Any]) -> dict[str, Any]:
    return {name: Range(**levels["range"]) if isinstance(levels, dict) else levels
            for name, levels in params.items()}


def merge_shards(folders: Sequence[str | Path], out: str | Path, *,
                 progress: bool = False) -> SweepResult:
    """Merge the run directories of all shards of one sweep into ``out``.

    Args:
        folders: The shards' run directories (any order).
        out: A new run directory for the whole sweep.
        progress: Show a progress bar (nothing is computed; it only reads).

    Returns:
        The whole sweep's result, identical to running it unsharded.

    Raises:
        ScenarioError: If a folder is no shard, the shards come from different sweeps, a shard
            is missing or given twice, or a shard is incomplete.
    """
    if not folders:
        raise ScenarioError("merge", "", "at least one shard directory")
    shards = [(Path(f), _manifest(Path(f))) for f in folders]
    first = shards[0][1]
    plan, count = first["shard"]["plan"], first["shard"]["of"]
    seen: dict[int, Path] = {}
    for folder, manifest in shards:
        info = manifest["shard"]
        if info["plan"] != plan or info["of"] != count:
            raise ScenarioError(folder, "shard", f"a shard of the same sweep as {shards[0][0]} "
                                "(scenario, parameters, n, seed or shard count differ)")
        if info["index"] in seen:
            raise ScenarioError(folder, "shard", f"each shard once (shard {info['index']}/"
                                f"{count} is also in {seen[info['index']]})")
        if manifest.get("version") != __version__:
            raise ScenarioError(folder, "version", f"a shard made with werkhalle {__version__}, "
                                f"the version merging (it was made with "
                                f"{manifest.get('version')}; re-run it or merge with that one)")
        if manifest.get("status") != "complete":
            raise ScenarioError(folder, "shard", "a finished shard (this one was interrupted; "
                                "finish it with --resume)")
        seen[info["index"]] = folder
    missing = sorted(set(range(1, count + 1)) - set(seen))
    if missing:
        raise ScenarioError("merge", "shards", f"all {count} shards (missing: "
                            f"{', '.join(f'{i}/{count}' for i in missing)})")
    target = check_out_dir(out, "experiment")
    if (target / MANIFEST).exists():
        raise ScenarioError(target, "--out", "a new or empty directory")
    tasks_dir = target / "tasks"
    tasks_dir.mkdir(parents=True, exist_ok=True)
    for folder, _ in shards:
        for path in sorted((folder / "tasks").glob("task-*.json")):
            shutil.copyfile(path, tasks_dir / path.name)
    recipe = dict(first["recipe"])
    scenario = recipe.pop("scenario")
    params = _decode(recipe.pop("params"))
    result = sweep(scenario, params, recipe.pop("n"), backend="serial", jobs=1, out=target,
                   resume=False, progress=progress, allow_large=True,  # computes nothing
                   **recipe)
    computed = json.loads((target / MANIFEST).read_text(encoding="utf-8"))["computed_total"]
    if computed:  # pragma: no cover - the key check above makes this unreachable
        raise ScenarioError("merge", "tasks", f"finished tasks only ({computed} were missing)")
    return result
