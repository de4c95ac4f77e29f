"""CONWIP on a balanced exponential line against Hopp & Spearman's practical worst case.

Four single-machine stations with exponential 1 min processing: bottleneck rate rb = 1/min,
raw process time T0 = 4 min, critical WIP W0 = rb T0 = 4. For this closed line the
practical-worst-case throughput TH(w) = w / (W0 + w - 1) rb is exact (mean value analysis of a
balanced closed Jackson network), and by Little's law the cycle time is CT(w) = w / TH(w) =
T0 + (w - 1) / rb. Tolerances: 99.9 % t intervals over six 7-day replications (~5 700 parts
each, relative standard error ~0.3 %).
"""

from __future__ import annotations

import pytest
from invariants import mean_ci, replicate

SEEDS = range(1, 7)
RB, T0 = 1.0, 4.0
W0 = RB * T0


@pytest.mark.parametrize("w", [1, 4, 10])
def test_conwip_practical_worst_case(w: int) -> None:
    kpis = replicate("conwip", SEEDS, {"release.wip_cap": w})
    th_pwc = w / (W0 + w - 1) * RB  # parts per minute
    th, half = mean_ci(kpis["throughput [units/h]"] / 60.0)
    assert half < 0.03 * th_pwc
    assert abs(th - th_pwc) <= half, (w, th, th_pwc, half)
    # never better than the best case min(w / T0, rb), never worse than the worst w / (w T0)
    assert (kpis["throughput [units/h]"] / 60.0 <= min(w / T0, RB) * 1.02).all()
    assert (kpis["throughput [units/h]"] / 60.0 >= 1 / T0 * 0.98).all()
    ct, ct_half = mean_ci(kpis["cycle time mean [h]"] * 60.0)
    assert abs(ct - (T0 + (w - 1) / RB)) <= ct_half
    # CONWIP holds the WIP at exactly w (a new part enters the instant one leaves)
    assert kpis["WIP mean [units]"].to_numpy() == pytest.approx(w, rel=1e-9)
