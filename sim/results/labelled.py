"""The one labelled base of every result container: fingerprint, banner, tables, stamping.

:class:`~sim.results.Result`, :class:`~sim.experiments.compare.Comparison` and
:class:`~sim.experiments.ExperimentResult` all derive from :class:`Labelled`: each names its
``metadata`` and its ``tables()``; the base stamps every table with the SYNTHETIC label and the
run fingerprint and gives the shared :attr:`~Labelled.fingerprint` and :attr:`~Labelled.banner`.
Writing files goes through :mod:`sim.results.io`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from sim.labels import SYNTHETIC_LABEL, fingerprint, mark_synthetic

__all__ = ["Labelled"]


class Labelled:
    """Base of the labelled result containers (dataclasses with a ``metadata`` field)."""

    metadata: dict[str, Any]
    """Scenario name and hash, seed, version, ``synthetic: True`` and the label, ..."""

    def __post_init__(self) -> None:
        mark_synthetic(self.tables().values(), self.fingerprint)

    def tables(self) -> Mapping[str, pd.DataFrame | pd.Series]:
        """The container's tables by file stem (every one carries the label)."""
        raise NotImplementedError

    @property
    def fingerprint(self) -> str:
        """``scenario#hash · seed N · werkhalle X``."""
        return fingerprint(self.metadata)

    @property
    def banner(self) -> str:
        """The SYNTHETIC label with the fingerprint, for every printed table."""
        return f"{SYNTHETIC_LABEL} | {self.fingerprint}"
