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
    assert re.search(r"^ratio ours/simpy = \d+\.\d\d \(target <= 0\.6\)$", out, re.MULTILINE)
    assert len(re.findall(r"^\(c\) overloaded, horizon .* us/part", out, re.MULTILINE)) == 2
    assert len(re.findall(r"^\(d\) peak memory, .* MiB$", out, re.MULTILINE)) == 3
    parts = [int(n.replace(",", "")) for n in re.findall(r"min +([\d,]+) parts ", out)]
    assert len(parts) == 2 and all(n > 1000 for n in parts)
    # the two models of the same line finish about the same number of parts
    assert abs(parts[0] - parts[1]) < 0.1 * parts[1]


def _quick(script: str) -> str:
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), "--quick"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=True,
    ).stdout


def test_bench_line_prints_events_and_calls_per_part_side_by_side() -> None:
    out = _quick("bench_line.py")
    rows = re.findall(r"^\((e|f)\) (werkhalle|simpy ref|mesa devs) +(stable|overloaded) +"
                      r"([\d,]+) +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+)$", out, re.MULTILINE)
    assert {(model, line) for _tag, model, line, *_ in rows} == {
        (m, v) for m in ("werkhalle", "simpy ref", "mesa devs") for v in ("stable", "overloaded")}
    events = {(model, line): float(ev) for _t, model, line, _p, _us, _x, ev, _c in rows}
    # the same line: SimPy models need a few events per part more than an event scheduler
    assert events["werkhalle", "stable"] > events["mesa devs", "stable"] > 1
    assert len(re.findall(r"^\(g\) werkhalle .* events/part .* calls/part", out, re.M)) == 2


def test_bench_compare_counts_the_twins_replayed_prefix() -> None:
    out = _quick("bench_compare.py")
    twin = dict(re.findall(r"^twin \[(\w+)\]: (\d+) runs .*, [\d,]+ SimPy events", out, re.M))
    share = {label: float(value) for label, value in
             re.findall(r"^twin \[(\w+)\] replayed prefix: .* = ([\d.]+) %", out, re.M)}
    assert int(twin["replay"]) > 0 and 0 < share["replay"] <= 100
    # the same forward runs, the past simulated once per decision
    assert twin["snapshot"] == twin["replay"] and share["snapshot"] < share["replay"] / 2
    if "fork" in twin:  # POSIX
        assert twin["fork"] == twin["replay"] and share["fork"] == share["snapshot"]
    frozen = re.search(r"^twin \[snapshot\] snapshots: (\d+) pasts frozen .* (\d+) copies", out,
                       re.M)
    assert frozen and 0 < int(frozen[1]) < int(frozen[2]) == int(twin["snapshot"])
    assert re.search(r"^cold compare .* CPU [\d.]+ s", out, re.M)
    assert re.search(r"^warm compare .* \[snapshot\]: CPU median [\d.]+ s", out, re.M)
    assert re.search(r"^load average", out, re.M)


def test_bench_dashboard_times_every_action() -> None:
    out = _quick("bench_dashboard.py")
    for action in ("step 4 h", "run to end", "reset", "run to proposal", "approve + run"):
        assert re.search(rf"^{re.escape(action)} .* [\d.]+ +\d+  \(n=\d+\)$", out, re.M), action
