"""Results = tidy pandas tables plus metadata, labelled and saved atomically.

:func:`collect` turns a finished line model into a :class:`Result`; every container derives
from :class:`Labelled`; :mod:`sim.results.io` writes the files. Plots live in :mod:`sim.plots`.
"""

from sim.results.collector import collect
from sim.results.labelled import Labelled
from sim.results.result import Result

__all__ = ["Labelled", "Result", "collect"]
