"""Model = code: the production line as SimPy processes in one environment."""

from sim.line.control import LineControl, Observation
from sim.line.model import LineModel, Part
from sim.line.station import STATES

__all__ = ["STATES", "LineControl", "LineModel", "Observation", "Part"]
