"""The long fuzz run: ``python scripts/fuzz.py --n 10000 [--seed S] [--jobs J] [--cli N]``.

Mutates the shipped scenarios (see ``tests/fuzz_support.py``, ``tests/fuzz_runner.py``) and
runs every input through ``load_scenario`` + ``sim.run`` in child processes with a time and a
memory limit, then a sample of ``--cli`` inputs through ``werkhalle validate`` and
``werkhalle run`` in subprocesses. Prints the inputs tried, the outcomes by class (result /
error = one clean ScenarioError / other = any other exception / hang / memory / crash), the
tracebacks and the peak memory of a child; exits 1 if any input ended in anything but a
result or a clean error. The normal test suite runs a few hundred inputs of another stream
(``tests/test_fuzz.py``).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import fuzz_runner as fr  # noqa: E402 - needs the path above
import fuzz_support as fz  # noqa: E402


def main() -> int:
    """Run the fuzz campaign the arguments describe; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="API inputs (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="stream of inputs (default 1)")
    parser.add_argument("--start", type=int, default=0, help="first input number")
    parser.add_argument("--jobs", type=int, default=2, help="child processes (default 2)")
    parser.add_argument("--cli", type=int, default=50, help="inputs also run via the CLI")
    parser.add_argument("--time-limit", type=float, default=fr.TIME_LIMIT,
                        help="seconds per input before it counts as a hang")
    parser.add_argument("--memory-gib", type=float, default=fr.MEMORY_LIMIT / 2**30,
                        help="address-space limit per child, GiB")
    parser.add_argument("--no-api", action="store_true",
                        help="only the CLI sample (the API inputs were run before)")
    args = parser.parse_args()
    report = fr.Report()
    if not args.no_api:
        report = fr.fuzz(args.n, seed=args.seed, jobs=args.jobs, start=args.start,
                         time_limit=args.time_limit, memory=int(args.memory_gib * 2**30),
                         progress=True)
        print(report.text(), flush=True)
    bases = fz.base_data()
    rng = random.Random(args.seed)
    sample = sorted(rng.sample(range(args.start, args.start + args.n), min(args.cli, args.n)))
    problems = []
    with tempfile.TemporaryDirectory(prefix="werkhalle-fuzz-cli-") as tmp:
        for index in sample:
            found = fr.cli_case(fz.make_case(index, args.seed, bases), Path(tmp),
                                timeout=args.time_limit)
            problems += [f"input {index}: {p}" for p in found]
    print(f"CLI: {len(sample)} inputs through validate + run, {len(problems)} problems")
    for problem in problems[:20]:
        print(problem)
    return 1 if report.bad or problems else 0


if __name__ == "__main__":
    sys.exit(main())
