"""Seeds of replications: all spawned from one ``numpy.random.SeedSequence``.

Replication ``i`` of an experiment with base seed ``s`` always gets the same seed, whatever
``n`` is: asking for 20 replications repeats the first 10 of a 10-replication run and adds 10
new ones. Every configuration of a comparison, sweep or stress test uses the same seed for the
same replication (common random numbers), so differences between configurations are not
drowned in luck.
"""

from __future__ import annotations

import numpy as np

from sim.line.streams import Streams


def replication_seeds(seed: int, n: int) -> list[int]:
    """Return the seeds of ``n`` replications spawned from ``SeedSequence(seed)``.

    Args:
        seed: The experiment's base seed (a non-negative integer).
        n: Number of replications.

    Returns:
        ``n`` distinct 63-bit seeds, a prefix-stable sequence in ``n``.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    children = np.random.SeedSequence(int(seed)).spawn(n)
    return [int(child.generate_state(1, np.uint64)[0] >> np.uint64(1)) for child in children]


def side_generator(seed: int, purpose: str) -> np.random.Generator:
    """Return a generator for drawing *about* a run (e.g. its bad day), not inside it.

    It is one more named stream of the run's :class:`~sim.line.streams.Streams` (the names
    used here start with ``experiments:``), so it is independent of every stream the line
    itself draws from, and adding it never changes what the line draws.

    Args:
        seed: The replication's seed.
        purpose: What the draws are for (``"stress:breakdowns"``).
    """
    return Streams(seed).generator(f"experiments:{purpose}")
