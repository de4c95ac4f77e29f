"""The model's record-keeping processes: the timeseries sampler and the end of the warm-up.

Both are SimPy process bodies written as plain data (:class:`~sim.line.steps.Steps`), so a
running model can be copied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.line.steps import Steps

if TYPE_CHECKING:
    from sim.line.model import LineModel


class Timeseries(Steps):
    """The timeseries: a row now and every ``interval`` minutes.

    It replaces ``while True: samples.append(sample()); yield env.timeout(interval)``.
    """

    def __init__(self, model: LineModel, interval: float) -> None:
        self.model = model
        self.interval = interval

    def start(self, _: Any) -> Any:
        """Take a row, then wait ``interval``."""
        model = self.model
        model.samples.append(model._sample())
        return self.wait(model.env.timeout(self.interval), self.start)


class Warmup(Steps):
    """The end of the warm-up: wait ``warmup`` minutes, then note every counter."""

    def __init__(self, model: LineModel, warmup: float) -> None:
        self.model = model
        self.warmup = warmup

    def start(self, _: Any) -> Any:
        """Wait for the warm-up to pass."""
        return self.wait(self.model.env.timeout(self.warmup), self.over)

    def over(self, _: Any) -> Any:
        """Bring the accumulators up to now and keep the counters as the baseline."""
        model = self.model
        model.flush()
        model.baseline = model.counters()
        return self.done()
