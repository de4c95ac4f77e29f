"""How the twin's forward runs get the line's past, and one forward run from a copy of it.

The twin (:mod:`sim.agents.twin`) simulates the past of a decision once and lets every
(future, option) continue a copy of it: a restored :class:`~sim.line.snapshot.Snapshot`
(portable, the default) or a forked child (:mod:`sim.agents.fork`, POSIX, opt-in);
:attr:`Branching.REPLAY` is the reference that simulates the past again in every run.
:func:`window_run` is what each copy does: select its option, branch its random streams
into its future, run the window and return the window's figures and score.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from sim.agents.window import figures, score
from sim.line.forecast import branch

if TYPE_CHECKING:
    from sim.line.model import LineModel
    from sim.line.snapshot import Snapshot
    from sim.scenario.agents_schema import AgentsConfig

__all__ = ["Branching", "restored_window", "window_run", "with_extra"]


class Branching(enum.Enum):
    """How the forward runs of one decision get the line's past (``Twin.branching``)."""

    SNAPSHOT = "snapshot"
    """The past simulated once per decision, frozen (:class:`~sim.line.snapshot.Snapshot`);
    every forward run continues its own restored copy. Portable; the default."""
    FORK = "fork"
    """The past simulated once per decision; every forward run in a forked child
    (:mod:`sim.agents.fork`). POSIX only, opt-in (``WERKHALLE_FORK=1``); else a snapshot."""
    REPLAY = "replay"
    """Every forward run simulates the past again from t = 0 (``Twin.simulate``): the
    reference the others are tested against, and slowest."""


def restored_window(past: Snapshot, index: int, key: tuple[int, ...] | None,
                    held: dict[str, float], end: float, config: AgentsConfig,
                    extra: Any = None) -> dict[str, float]:
    """:func:`window_run` in a copy of the frozen shared past (model and selection restored)."""
    model, selected = past.restore()
    return window_run(model, selected, index, key, held, end, config, extra)


def window_run(model: LineModel, selected: list[int], index: int,
               key: tuple[int, ...] | None, held: dict[str, float], end: float,
               config: AgentsConfig, extra: Any = None) -> dict[str, float]:
    """In a copy of the shared past: select option ``index``, branch, run the window.

    The copy is a restored snapshot or a forked child. ``key`` ``None``: no branch (the
    oracle continues the real run's streams). ``extra`` is the twin's optional ``model ->
    {name: cumulative figure}`` (see :attr:`Twin.extra <sim.agents.twin.Twin.extra>`),
    measured besides the standard figures.
    """
    selected[0] = index
    if key is not None:
        branch(model, key, held)
    before = with_extra(figures(model), model, extra)
    model.run(end)
    after = with_extra(figures(model), model, extra)
    out = {k: after[k] - before[k] for k in after}
    out["score"] = score(out, config)
    return out


def with_extra(out: dict[str, float], model: LineModel, extra: Any) -> dict[str, float]:
    """``out`` updated with ``extra(model)`` (when there is an ``extra``)."""
    if extra is not None:
        out.update(extra(model))
    return out
