"""Random streams: one numpy ``Generator`` per component, keyed by name.

Each component (a station's processing times, a machine's failures, the release process ...)
draws from its own generator, derived from the run's seed and a stable hash of the component's
name. Changing one station therefore never reshuffles another station's luck, and two runs of
the same scenario and seed (agents on or off) see the same random numbers per component:
common random numbers.
"""

from __future__ import annotations

import itertools
import math
import zlib

import numpy as np

from sim.scenario.types import _DistSpec

_BATCH = 512


class Streams:
    """Factory for named, independent random generators of one run.

    Args:
        seed: The run's seed (any non-negative integer).
    """

    def __init__(self, seed: int) -> None:
        self.seed = int(seed)
        """The run's seed."""

    def generator(self, name: str) -> np.random.Generator:
        """Return the generator for component ``name`` (same name, same seed: same numbers)."""
        key = zlib.crc32(name.encode("utf-8"))
        sequence = np.random.SeedSequence(self.seed, spawn_key=(key,))
        return np.random.Generator(np.random.PCG64(sequence))

    def sampler(self, name: str, spec: _DistSpec | None) -> Sampler:
        """Return a fast sampler of ``spec`` drawing from the stream ``name``."""
        return Sampler(self.generator(name), spec)

    def uniform(self, name: str) -> Sampler:
        """Return a sampler of U(0, 1) numbers from the stream ``name``."""
        return Sampler(self.generator(name), None)


class Sampler:
    """Draws from a distribution in batches (fast, and still deterministic).

    Args:
        rng: The generator to draw from.
        spec: The distribution; ``None`` for U(0, 1).
    """

    __slots__ = ("_rng", "_draw", "constant", "next")

    def __init__(self, rng: np.random.Generator, spec: _DistSpec | None) -> None:
        self._rng = rng
        self.constant: float | None = None
        """The value, when the distribution is deterministic (no draws are made)."""
        self._draw = _batch_function(rng, spec)
        if spec is not None and (spec.dist == "deterministic" or (spec.cv == 0 and spec.mean)):
            self.constant = float(spec.expected)
        if self.constant is not None:
            self.next = itertools.repeat(self.constant).__next__
        else:  # batches drawn lazily, one after the other: the same numbers as one by one
            batches = iter(self._batch, None)
            self.next = itertools.chain.from_iterable(batches).__next__
        """Return the next value: ``sampler.next()`` is the fastest way to draw (no Python
        frame per value); ``sampler()`` does the same."""

    def _batch(self) -> list[float]:
        return self._draw().tolist()

    def __call__(self) -> float:
        """Return the next value."""
        return self.next()


def _batch_function(rng: np.random.Generator, spec: _DistSpec | None):  # noqa: ANN202
    if spec is None:
        return lambda: rng.random(_BATCH)
    d = spec.dist
    if d == "deterministic":
        value = float(spec.mean)
        return lambda: np.full(_BATCH, value)
    if d == "exponential":
        return lambda: rng.exponential(spec.mean, _BATCH)
    if d == "uniform":
        return lambda: rng.uniform(spec.low, spec.high, _BATCH)
    if d == "triangular":
        if spec.low == spec.high:
            return lambda: np.full(_BATCH, float(spec.low))
        return lambda: rng.triangular(spec.low, spec.mode, spec.high, _BATCH)
    mean, cv = float(spec.mean), float(spec.cv)
    if cv == 0:
        return lambda: np.full(_BATCH, mean)
    if d == "normal":
        def normal() -> np.ndarray:
            out = rng.normal(mean, mean * cv, _BATCH)
            return out[out >= 0] if (out >= 0).any() else np.full(1, 0.0)
        return normal
    if d == "lognormal":
        sigma2 = math.log1p(cv * cv)
        mu = math.log(mean) - sigma2 / 2
        return lambda: rng.lognormal(mu, math.sqrt(sigma2), _BATCH)
    if d == "gamma":
        shape = 1 / (cv * cv)
        return lambda: rng.gamma(shape, mean / shape, _BATCH)
    raise ValueError(f"unknown distribution {d!r}")  # pragma: no cover - schema prevents it
