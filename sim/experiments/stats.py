"""Confidence intervals for replicated runs.

* Means: Student-t interval ``mean ± t(1 - α/2, n - 1) · s / √n`` over the replications (each
  replication is one independent observation; the KPI of a long run is a sum of many small
  effects, so its mean is close to normal). Missing values (``NaN``, e.g. on-time delivery
  when no order was due) are left out and ``n`` counts the rest.
* Paired differences: the same interval on ``d_i = b_i - a_i`` of replications that share a
  seed (common random numbers).
* Shares (e.g. compensated bad days): Wilson score interval, which stays inside [0, 1] and
  behaves well near 0 % and 100 %.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

SUMMARY_COLUMNS = ["n", "mean", "std", "sem", "half_width", "ci_low", "ci_high"]
"""Columns of every summary table."""


def t_quantile(probability: float, df: int) -> float:
    """Return the Student-t quantile (scipy's ``t.ppf``)."""
    from scipy.stats import t  # local: scipy.stats is slow to import

    return float(t.ppf(probability, df))


def mean_ci(values: Iterable[float], confidence: float = 0.95) -> dict[str, float]:
    """Mean, standard deviation and Student-t confidence interval of replicated values.

    Args:
        values: One value per replication (``NaN`` values are left out).
        confidence: Confidence level of the interval.

    Returns:
        ``n``, ``mean``, ``std`` (sample, ddof=1), ``sem``, ``half_width``, ``ci_low``,
        ``ci_high``. With fewer than two values the spread and interval are ``NaN``.
    """
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    arr = np.asarray(list(values), dtype=float)
    arr = arr[~np.isnan(arr)]
    n = int(arr.size)
    mean = float(arr.mean()) if n else float("nan")
    if n < 2:
        std = sem = half = float("nan")
    else:
        std = float(arr.std(ddof=1))
        sem = std / math.sqrt(n)
        half = t_quantile(0.5 + confidence / 2, n - 1) * sem
    return {"n": n, "mean": mean, "std": std, "sem": sem, "half_width": half,
            "ci_low": mean - half, "ci_high": mean + half}


def summarise(frame: pd.DataFrame, columns: Sequence[str], by: Sequence[str] = (),
              confidence: float = 0.95) -> pd.DataFrame:
    """Summarise value columns of a replication table, optionally per group.

    Args:
        frame: One row per replication (and group).
        columns: The value columns (KPIs) to summarise.
        by: Grouping columns (e.g. a sweep's parameters or a configuration name).
        confidence: Confidence level.

    Returns:
        One row per (group, KPI): the ``by`` columns, ``kpi`` and :data:`SUMMARY_COLUMNS`.
    """
    rows = []
    groups = frame.groupby(list(by), sort=False, dropna=False) if by else [((), frame)]
    for key, group in groups:
        key = key if isinstance(key, tuple) else (key,)
        for column in columns:
            row = dict(zip(by, key, strict=True))
            row["kpi"] = column
            row.update(mean_ci(group[column], confidence))
            rows.append(row)
    out = pd.DataFrame(rows, columns=[*by, "kpi", *SUMMARY_COLUMNS])
    return out.astype({"n": int})


def wilson(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a share ``successes / n``.

    Args:
        successes: Number of successes (e.g. compensated days).
        n: Number of trials.
        confidence: Confidence level.

    Returns:
        ``(low, high)``, both in [0, 1]; ``(nan, nan)`` when ``n`` is 0.
    """
    if n <= 0:
        return float("nan"), float("nan")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high
