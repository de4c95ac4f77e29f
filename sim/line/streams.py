"""Random streams: one numpy ``Generator`` per component, keyed by name.

Each component (a station's processing times, a machine's failures, the release process ...)
draws from its own generator, derived from the run's seed and a stable hash of the component's
name. Changing one station therefore never reshuffles another station's luck, and two runs of
the same scenario and seed (agents on or off) see the same random numbers per component:
common random numbers.

A forecast (:mod:`sim.line.forecast`) *branches* the streams of a model at a moment:
:meth:`Streams.branch` gives every sampler a fresh generator whose seed is derived from the
run's seed, the component's name and a branch key (the decision time and the future's
index), so a sampled future shares no random numbers with the real run after that moment.
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Iterator
from typing import Any

import numpy as np

from sim.scenario.types import _DistSpec

_BATCH = 512
BRANCH = 0x5EED
"""First element of every branch's spawn key (keeps branches apart from the run's streams)."""


class Streams:
    """Factory for named, independent random generators of one run.

    Args:
        seed: The run's seed (any non-negative integer).
    """

    def __init__(self, seed: int) -> None:
        self.seed = int(seed)
        """The run's seed."""
        self.samplers: list[tuple[str, Sampler]] = []
        """Every sampler handed out, with its stream name (a branch re-seeds them all)."""
        self.branch_key: tuple[int, ...] = ()
        """The spawn key of the current branch (``()``: the run's own streams)."""

    def generator(self, name: str) -> np.random.Generator:
        """Return the generator for component ``name`` (same name, same seed: same numbers)."""
        key = zlib.crc32(name.encode("utf-8"))
        sequence = np.random.SeedSequence(self.seed, spawn_key=(key, *self.branch_key))
        return np.random.Generator(np.random.PCG64(sequence))

    def sampler(self, name: str, spec: _DistSpec | None) -> Sampler:
        """Return a fast sampler of ``spec`` drawing from the stream ``name``."""
        sampler = Sampler(self.generator(name), spec)
        self.samplers.append((name, sampler))
        return sampler

    def uniform(self, name: str) -> Sampler:
        """Return a sampler of U(0, 1) numbers from the stream ``name``."""
        return self.sampler(name, None)

    def branch(self, key: tuple[int, ...]) -> None:
        """Re-seed every sampler from ``(seed, name, *key)``: an independent future from now.

        Args:
            key: Non-negative integers naming the branch (e.g. decision minute, future index).
                The real run's streams have the spawn key ``(name,)`` only, so no branch ever
                repeats them.
        """
        self.branch_key = (BRANCH, *(int(k) for k in key))
        for name, sampler in self.samplers:
            sampler.reset(self.generator(name))


class Sampler:
    """Draws from a distribution in batches (fast, and still deterministic).

    Args:
        rng: The generator to draw from.
        spec: The distribution; ``None`` for U(0, 1).
    """

    __slots__ = ("_batch_now", "_rng", "_draw", "_values", "constant", "next", "spec")

    def __init__(self, rng: np.random.Generator, spec: _DistSpec | None) -> None:
        self.spec = spec
        """The distribution (``None``: U(0, 1))."""
        self.reset(rng)

    def reset(self, rng: np.random.Generator, first: list[float] | None = None) -> None:
        """Draw from ``rng`` from now on (values already batched are dropped).

        Args:
            rng: The generator.
            first: Values to hand out before the first batch from ``rng`` (a restored
                copy's rest of the batch it was drawing from, see :meth:`__reduce__`).
        """
        spec = self.spec
        self._rng = rng
        self.constant: float | None = None
        """The value, when the distribution is deterministic (no draws are made)."""
        self._draw = _batch_function(rng, spec)
        if spec is not None and (spec.dist == "deterministic" or (spec.cv == 0 and spec.mean)):
            self.constant = float(spec.expected)
        self._values: list[float] = first or []
        """The batch being handed out (its rest is what a copy must hand out first)."""
        self._batch_now = iter(self._values)
        """The iterator over :attr:`_values` that ``next`` is drawing from."""
        if self.constant is not None:
            self.next = itertools.repeat(self.constant).__next__
        else:  # batches drawn lazily, one after the other: the same numbers as one by one
            batches = map(self._begin, iter(self._batch, None))
            self.next = itertools.chain.from_iterable(
                itertools.chain((self._batch_now,), batches)).__next__
        """Return the next value: ``sampler.next()`` is the fastest way to draw (no Python
        frame per value); ``sampler()`` does the same."""

    def _batch(self) -> list[float]:
        return self._draw().tolist()

    def _begin(self, values: list[float]) -> Iterator[float]:
        """Start handing out a new batch (remembered, so that a copy knows the rest)."""
        self._values = values
        self._batch_now = batch = iter(values)
        return batch

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as (generator state, distribution, the rest of the current batch).

        ``next`` is a C iterator over lazily drawn batches, which cannot be pickled; the copy
        rebuilds it and hands out the same values in the same order as the original would
        (``tests/test_snapshot.py``). Its generator is rebuilt from the state only when it
        draws its first batch: a look-ahead re-seeds every stream of a copy at once
        (:meth:`Streams.branch`), and then the old state is never needed.
        """
        left = self._batch_now.__length_hint__()
        rest = self._values[len(self._values) - left:] if left else []
        state = self._rng if isinstance(self._rng, dict) else self._rng.bit_generator.state
        return (_restore, (state, self.spec, rest))

    def _thaw(self) -> np.ndarray:
        """The first batch of a restored copy: rebuild its generator from the state, draw."""
        assert isinstance(self._rng, dict)
        bit_generator = getattr(np.random, self._rng["bit_generator"])()
        bit_generator.state = self._rng
        self._rng = rng = np.random.Generator(bit_generator)
        self._draw = _batch_function(rng, self.spec)
        return self._draw()

    def __call__(self) -> float:
        """Return the next value."""
        return self.next()


def _restore(state: dict[str, Any], spec: _DistSpec | None, rest: list[float]) -> Sampler:
    """A :class:`Sampler` from its pickled parts (see :meth:`Sampler.__reduce__`)."""
    sampler = Sampler.__new__(Sampler)
    sampler.spec = spec
    sampler.reset(state, rest)  # type: ignore[arg-type]
    sampler._draw = sampler._thaw  # the generator is rebuilt when it is first needed
    return sampler


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
