"""Small scenarios shared by the experiments tests (tests/test_exp_*.py)."""

from __future__ import annotations

from typing import Any


def queue(horizon: str = "60 h", warmup: str = "5 h", interarrival: str = "10 min",
          service: str = "6 min", machines: int = 1) -> dict[str, Any]:
    """An M/M/c station: Poisson arrivals, exponential service; throughput = arrival rate."""
    return {
        "name": "queue", "horizon": horizon, "warmup": warmup, "sample_interval": "0 min",
        "variants": {"part": {}},
        "stations": {"server": {"machines": machines, "operators": 0,
                                "process_time": {"dist": "exponential", "mean": service}}},
        "release": {"kind": "poisson", "interarrival": interarrival},
    }


def order_line(horizon: str = "2 d") -> dict[str, Any]:
    """A two-station line with an order book, material and failures (for stress/resilience)."""
    return {
        "name": "order_line", "horizon": horizon, "sample_interval": "30 min",
        "variants": {"a": {"bom": {"steel": 1.0}}},
        "stations": {
            "saw": {"process_time": {"dist": "exponential", "mean": "4 min"}, "buffer": 10,
                    "failures": {"ttf": {"dist": "exponential", "mean": "10 h"},
                                 "ttr": {"dist": "exponential", "mean": "30 min"}}},
            "mill": {"machines": 2, "process_time": {"dist": "gamma", "mean": "8 min",
                                                     "cv": 0.3}, "buffer": 10},
        },
        "release": {"kind": "orders", "wip_cap": 20, "orders": {
            "o1": {"variant": "a", "quantity": 120, "release": "0 h", "due": "11 h"},
            "o2": {"variant": "a", "quantity": 120, "release": "12 h", "due": "23 h"},
            "o3": {"variant": "a", "quantity": 100, "release": "24 h", "due": "34 h"},
        }},
        "materials": {"steel": {"initial": 150, "replenishment": {
            "kind": "schedule", "every": "8 h", "first": "6 h", "quantity": 110}}},
        "economics": {"late_penalty_per_unit": 10.0},
        "stress": {
            "window_start": "1 h", "window_end": "40 h",
            "breakdowns": {"count": {"dist": "poisson", "mean": 1.0},
                           "duration": {"dist": "uniform", "low": "1 h", "high": "5 h"}},
            "absences": {"count": {"dist": "integers", "low": 0, "high": 1},
                         "duration": "4 h"},
            "cancellations": {"count": {"dist": "binomial", "n": 1, "p": 0.3}},
            "delivery_delays": {"probability": 0.4, "delay": {"dist": "uniform",
                                                              "low": "4 h", "high": "16 h"}},
            "compensated": {"relative_to": "none", "on_time_min": 90.0, "max_shortage": "1 h"},
        },
    }
