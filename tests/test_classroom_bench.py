"""The classroom load test runs for a small class and prints its figures (no timing asserted)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_bench_classroom_small_class_prints_its_checks() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_classroom.py"), "--teams", "3",
         "--browsers", "0", "--port", str(free_port())],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=True,
    ).stdout
    assert out.startswith("# SYNTHETIC")
    for action in ("configure", "run", "choose"):
        assert re.search(rf"^server time per action {action} +n=  3  p50 ", out, re.MULTILINE)
    assert re.search(r"^server time per playthrough \(3 actions\) +p50 ", out, re.MULTILINE)
    assert "session errors: 0\n" in out
    assert "cross-session leak check: 3/3 teams' final KPIs equal their choices run alone " \
           "with sim.run (3 different options, 3 seeds, 1 delays)" in out
    assert re.search(r"^memory: RSS \d+ -> \d+ MiB, -?\d+\.\d MiB per session$", out,
                     re.MULTILINE)
