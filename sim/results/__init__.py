"""Results = tidy pandas tables plus metadata; plots are functions over results."""

from sim.results.io import read_labelled_csv, write_labelled_csv, write_labelled_xlsx
from sim.results.load import read_result
from sim.results.result import Result

__all__ = ["Result", "read_labelled_csv", "read_result", "write_labelled_csv",
           "write_labelled_xlsx"]
