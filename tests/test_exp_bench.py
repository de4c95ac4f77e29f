"""The experiments benchmark script runs (figures are printed, never asserted as timings)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_quick_mode_prints_its_figures():
    proc = subprocess.run([sys.executable, "benchmarks/bench_experiments.py", "--quick"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("# SYNTHETIC")
    for key in ("serial:", "parallel efficiency on", "dask round trip", "replications/s"):
        assert key in out
    efficiency = float(out.split("parallel efficiency on")[1].split(":")[1].split()[0])
    assert 0 < efficiency < 1.5  # a ratio, not a timing target
