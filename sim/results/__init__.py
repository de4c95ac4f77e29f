"""Results = tidy pandas tables plus metadata; plots are functions over results."""

from sim.results.result import Result

__all__ = ["Result"]
