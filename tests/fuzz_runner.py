"""Running fuzz inputs (``fuzz_support``) in child processes with time and memory limits.

:func:`fuzz` runs inputs ``start .. start + n - 1`` of a stream in ``jobs`` long-lived child
processes (forked, each under an address-space limit); a child whose input runs past the
time limit is killed and replaced (a *hang*), one that dies is a *crash*. :func:`cli_case`
runs one input through ``werkhalle validate`` and ``werkhalle run`` in subprocesses.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fuzz_support as fs

TIME_LIMIT = fs.TIME_LIMIT
MEMORY_LIMIT = fs.MEMORY_LIMIT


# -- children with limits -------------------------------------------------------------------------
def _child(conn: Any, seed: int, memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    bases = fs.base_data()
    with tempfile.TemporaryDirectory(prefix="werkhalle-fuzz-") as tmp:
        while True:
            index = conn.recv()
            if index is None:
                return
            started = time.perf_counter()
            outcome, detail = fs.run_case(fs.make_case(index, seed, bases), Path(tmp))
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            conn.send((index, outcome, detail, time.perf_counter() - started, rss))


@dataclass
class Report:
    """What a fuzz run found."""

    tried: int = 0
    outcomes: Counter = field(default_factory=Counter)
    failures: list[tuple[int, str, str]] = field(default_factory=list)
    peak_rss: int = 0
    slowest: float = 0.0
    seconds: float = 0.0

    @property
    def bad(self) -> list[tuple[int, str, str]]:
        """Inputs that ended in anything but a result or a clean error."""
        return [f for f in self.failures if f[1] not in ("result", "error")]

    def text(self) -> str:
        """A short summary."""
        lines = [f"inputs tried: {self.tried}",
                 "outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items())),
                 f"peak memory of a child: {self.peak_rss / 2**20:.0f} MiB; slowest input "
                 f"{self.slowest:.1f} s; total {self.seconds:.0f} s"]
        kinds = Counter(f"{outcome}: {detail.strip().splitlines()[-1][:160] if detail else ''}"
                        for _, outcome, detail in self.bad)
        for kind, count in kinds.most_common():
            first = next(i for i, o, d in self.bad
                         if f"{o}: {d.strip().splitlines()[-1][:160] if d else ''}" == kind)
            lines.append(f"--- {count} x {kind} (first: input {first})")
        if self.bad:
            lines.append(f"first traceback (input {self.bad[0][0]}):\n{self.bad[0][2][-1500:]}")
        return "\n".join(lines)


def fuzz(n: int, seed: int = 0, jobs: int = 2, start: int = 0, time_limit: float = TIME_LIMIT,
         memory: int = MEMORY_LIMIT, progress: bool = False) -> Report:
    """Run inputs ``start .. start + n - 1`` of stream ``seed`` in ``jobs`` child processes."""
    ctx = mp.get_context("fork")
    report, began = Report(), time.perf_counter()
    todo = list(range(start, start + n))
    workers: dict[Any, tuple[Any, Any, int | None, float]] = {}

    def spawn() -> None:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_child, args=(child, seed, memory), daemon=True)
        proc.start()
        workers[parent] = (proc, parent, None, 0.0)

    def feed(conn: Any) -> None:
        proc = workers[conn][0]
        if todo:
            index = todo.pop(0)
            conn.send(index)
            workers[conn] = (proc, conn, index, time.perf_counter())
        else:
            conn.send(None)
            proc.join(10)
            del workers[conn]

    shown = 0
    for _ in range(max(1, min(jobs, n))):
        spawn()
    for conn in list(workers):
        feed(conn)
    while workers:
        ready = mp.connection.wait(list(workers), timeout=1.0)
        for conn in ready:
            proc, _, index, _ = workers[conn]
            try:
                got, outcome, detail, seconds, rss = conn.recv()
            except EOFError:  # the child died (killed by the memory limit or a signal)
                proc.join(5)
                _record(report, index, "crash", f"child exit code {proc.exitcode}", 0.0, 0)
                del workers[conn]
                spawn()
                feed(next(reversed(workers)))
                continue
            _record(report, got, outcome, detail, seconds, rss)
            feed(conn)
        now = time.perf_counter()
        for conn, (proc, _, index, since) in list(workers.items()):
            if index is not None and now - since > time_limit:
                proc.kill()
                proc.join(5)
                _record(report, index, "hang", f"over {time_limit:.0f} s", now - since, 0)
                del workers[conn]
                spawn()
                feed(next(reversed(workers)))
        if progress and report.tried // 500 > shown:
            shown = report.tried // 500
            print(f"... {report.tried} inputs: {dict(report.outcomes)}", flush=True)
    report.seconds = time.perf_counter() - began
    return report


def _record(report: Report, index: int | None, outcome: str, detail: str, seconds: float,
            rss: int) -> None:
    report.tried += 1
    report.outcomes[outcome] += 1
    report.peak_rss = max(report.peak_rss, rss)
    report.slowest = max(report.slowest, seconds)
    if outcome not in ("result", "error"):
        report.failures.append((-1 if index is None else index, outcome, detail))


# -- the CLI -------------------------------------------------------------------------------------
def cli_case(case: fs.Case, workdir: Path, timeout: float = TIME_LIMIT) -> list[str]:
    """Run ``werkhalle validate`` and ``run`` on one input in subprocesses; return problems."""
    path = workdir / f"cli{case.index}.toml"
    path.write_bytes(case.toml_bytes())
    problems = []
    env = dict(os.environ, MPLBACKEND="Agg")
    for args in (["validate", str(path)],
                 ["run", str(path), "--no-plots", "--out", str(workdir / f"o{case.index}")]):
        try:
            res = subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True,
                                 text=True, errors="replace", timeout=timeout, env=env,
                                 check=False)
        except subprocess.TimeoutExpired:
            problems.append(f"{args[0]}: hang (over {timeout:.0f} s)")
            continue
        errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
        if "Traceback" in res.stderr or res.returncode not in (0, 2):
            problems.append(f"{args[0]}: exit {res.returncode}\n{res.stderr[-2000:]}")
        elif res.returncode == 2 and len(errors) != 1:
            problems.append(f"{args[0]}: exit 2 with {len(errors)} error lines")
    return problems
