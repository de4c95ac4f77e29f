"""Results = tidy pandas tables plus metadata, labelled and saved atomically.

:func:`collect` turns a finished line model into a :class:`Result`; every container derives
from :class:`Labelled`; :mod:`sim.results.io` writes the files (labelled CSV, xlsx) and
:func:`read_result` reads a saved result folder back. Plots live in :mod:`sim.plots`.
"""

from sim.results.collector import collect
from sim.results.io import (
    read_labelled_csv,
    read_labelled_folder,
    write_labelled_csv,
    write_labelled_xlsx,
)
from sim.results.labelled import Labelled
from sim.results.load import read_result
from sim.results.result import Result

__all__ = ["Labelled", "Result", "collect", "read_labelled_csv", "read_labelled_folder",
           "read_result", "write_labelled_csv", "write_labelled_xlsx"]
