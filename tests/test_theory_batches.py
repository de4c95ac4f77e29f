"""Transfer batches (``transfer_batch = w``): hand-computable deterministic lines.

k parts enter at once; station 1 needs a min per part, station 2 b min (b < a). One-piece
flow: part j leaves station 1 at j a and the line at j a + b, mean cycle time (k+1) a / 2 + b.
With a transfer batch of k at station 1 nothing moves until all k are done (k a); part j then
leaves at k a + j b: mean k a + (k + 1) b / 2 (Hopp & Spearman's wait-to-batch plus
wait-in-batch). A CONWIP loop of k parts with a transfer batch of k behaves like one lot.
"""

from __future__ import annotations

import pytest
from invariants import run_checked

from sim import load_scenario, with_overrides

K, A, B = 4, 2.0, 1.0
TWO = {
    "name": "transfer-batch", "horizon": "2 h", "sample_interval": "0 min",
    "variants": {"p": {}},
    "stations": {"s1": {"process_time": f"{A} min", "operators": 0},
                 "s2": {"process_time": f"{B} min", "operators": 0}},
    "release": {"kind": "orders", "orders": {"lot": {"variant": "p", "quantity": K,
                                                     "due": "1 h"}}},
}


def _mean_cycle(scn) -> float:  # noqa: ANN001
    _, result = run_checked(scn)
    assert result.kpis["output [units]"] == K
    return result.kpis["cycle time mean [h]"] * 60


def test_one_piece_flow() -> None:
    assert _mean_cycle(TWO) == pytest.approx((K + 1) * A / 2 + B)  # 6 min


def test_transfer_batch_of_the_whole_lot() -> None:
    scn = with_overrides(load_scenario(TWO), {"stations.s1.transfer_batch": K})
    assert _mean_cycle(scn) == pytest.approx(K * A + (K + 1) * B / 2)  # 10.5 min


def test_transfer_batch_of_two() -> None:
    # batches {1, 2} move at 2a = 4, {3, 4} at 4a = 8; s2 finishes 5, 6 then 9, 10: mean 7.5
    scn = with_overrides(load_scenario(TWO), {"stations.s1.transfer_batch": 2})
    assert _mean_cycle(scn) == pytest.approx((5 + 6 + 9 + 10) / 4)


def test_last_station_ships_in_batches_and_the_books_hold_midway() -> None:
    scn = with_overrides(load_scenario(TWO), {"stations.s2.transfer_batch": 3,
                                              "horizon": "30 min"})
    model, result = run_checked(scn)
    # parts leave s2 at 3, 5, 7, 9 min (one-piece through s1); the first 3 ship at 7 min,
    # the fourth waits for two more that never come: it is still in the line (WIP)
    assert result.kpis["output [units]"] == 3
    assert result.kpis["cycle time mean [h]"] * 60 == pytest.approx(7.0)
    assert model.wip == 1 and model.station["s2"].held == 1


def test_conwip_loop_with_a_transfer_batch_moves_as_one_lot() -> None:
    # CONWIP with w = k = 2 parts, deterministic 1 min and 1 min, transfer batches of 2 at both
    # stations: the pair is processed at s1 (2 min), moved, processed at s2 (2 min) while s1
    # starves, and leaves together (then two new parts enter), so
    # throughput 2 per 4 min = 0.5 per min (one-piece flow: 1 per min, the bottleneck rate).
    scn = load_scenario({
        "name": "conwip-batch", "horizon": "10 h", "warmup": "1 h", "sample_interval": "0 min",
        "variants": {"p": {}},
        "stations": {"s1": {"process_time": "1 min", "transfer_batch": 2, "operators": 0},
                     "s2": {"process_time": "1 min", "transfer_batch": 2, "operators": 0}},
        "release": {"kind": "conwip", "wip_cap": 2},
    })
    _, result = run_checked(scn)
    assert result.kpis["throughput [units/h]"] == pytest.approx(30.0, rel=0.01)
    one_piece = with_overrides(scn, {"stations.s1.transfer_batch": 1,
                                     "stations.s2.transfer_batch": 1})
    _, result = run_checked(one_piece)
    assert result.kpis["throughput [units/h]"] == pytest.approx(60.0, rel=0.01)
