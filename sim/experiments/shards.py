"""Splitting one sweep across many machines without a cluster: ``--shard i/n``.

A class can share one sweep: team ``i`` of ``n`` runs ``werkhalle sweep ... --shard i/n --out
team-i/``, which computes only the tasks with ``index % n == i - 1`` (round robin, so every
shard gets a fair share of cheap and expensive design points). Tasks are independent and seeded
by their index, so the union of the shards is exactly the unsharded task list;
:func:`sim.experiments.merge.merge_shards` (``werkhalle merge team-*/``) puts the finished task
files together and rebuilds the tables, byte for byte the ones of the unsharded sweep.

Each shard's manifest records the whole plan's fingerprint and the sweep's *recipe* (scenario
data, parameters, n, design, seed ...), so the merge needs nothing but the folders.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from sim.errors import ScenarioError
from sim.experiments.tasks import Task

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_shard(text: str | tuple[int, int] | None) -> tuple[int, int] | None:
    """``"7/30"`` -> ``(7, 30)``; checks ``1 <= i <= n``.

    Raises:
        ScenarioError: For anything else.
    """
    if text is None:
        return None
    if isinstance(text, tuple):
        index, count = text
    else:
        match = _SHARD.match(str(text))
        if match is None:
            raise ScenarioError("--shard", "", f"i/n with whole numbers, like 3/30 (got {text!r})")
        index, count = int(match[1]), int(match[2])
    if not (isinstance(index, int) and isinstance(count, int) and 1 <= index <= count):
        raise ScenarioError("--shard", "", f"i/n with 1 <= i <= n (got {index}/{count})")
    return index, count


def select(tasks: Sequence[Task], shard: tuple[int, int] | None) -> list[Task]:
    """The tasks of one shard (all tasks without a shard)."""
    if shard is None:
        return list(tasks)
    index, count = shard
    return [task for task in tasks if task.index % count == index - 1]


def encode_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Sweep parameters as JSON data (a :class:`~sim.experiments.sweep.Range` as a dict)."""
    return {name: ({"range": dict(vars(levels))} if hasattr(levels, "integer") else list(levels))
            for name, levels in params.items()}
