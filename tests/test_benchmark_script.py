"""The line benchmark script runs (``--quick``) and prints its figures (no timing asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_line_quick_prints_the_ratio() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_line.py"), "--quick"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=True,
    ).stdout
    assert out.startswith("# SYNTHETIC")
    assert re.search(r"^ratio ours/simpy = \d+\.\d\d \(target <= 1\.3\)$", out, re.MULTILINE)
    assert len(re.findall(r"^\(c\) overloaded, horizon .* us/part", out, re.MULTILINE)) == 2
    assert len(re.findall(r"^\(d\) peak memory, .* MiB$", out, re.MULTILINE)) == 3
    parts = [int(n.replace(",", "")) for n in re.findall(r"min +([\d,]+) parts ", out)]
    assert len(parts) == 2 and all(n > 1000 for n in parts)
    # the two models of the same line finish about the same number of parts
    assert abs(parts[0] - parts[1]) < 0.1 * parts[1]
