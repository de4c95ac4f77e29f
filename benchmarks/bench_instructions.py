"""Benchmark: machine instructions per part under valgrind, the Werkhalle line vs plain SimPy.

Run from the repository root (needs ``valgrind`` on the PATH; slow: each model runs twice
under callgrind, a few minutes in all)::

    python benchmarks/bench_instructions.py              # stable line, about 2,000 parts
    python benchmarks/bench_instructions.py --mesa       # and Mesa 3's DEVS line too
    python benchmarks/bench_instructions.py --quick      # about 200 parts (smoke run)

Instruction counts do not depend on how busy a shared machine is, so they are the CPU figure
to quote from one. Each model (the functions of ``bench_line.py``: ``ours`` = ``sim.run`` with
state accounting, energy and KPIs; ``reference`` = the lean plain-SimPy program; optionally
``devs`` = Mesa's event scheduler) runs in a fresh Python process under ``valgrind
--tool=callgrind`` at two horizons; the difference of the instructions divided by the
difference of the finished parts is the cost of one more part, without the interpreter's
start-up, the imports and the fixed cost of building and collecting a run. Every figure is a
measurement of this toy model on this machine, not of any real plant.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD = ("import sys; sys.path.insert(0, {here!r}); import bench_line as b; "
         "print('parts', b.{fn}(b.INTERARRIVAL, {horizon}, b.BUFFER, 1))")
"""The child process: one run of a model of ``bench_line.py``; prints its finished parts."""
COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def counted(fn: str, horizon: float) -> tuple[int, int]:
    """Instructions (callgrind's ``Collected``) and finished parts of one child run."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         "-c", CHILD.format(here=str(HERE), fn=fn, horizon=horizon)],
        capture_output=True, text=True, check=True)
    instructions = int(COLLECTED.findall(done.stderr)[-1])
    parts = int(done.stdout.split()[-1])
    return instructions, parts


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="about 200 parts (smoke run)")
    parser.add_argument("--parts", type=int, default=2000, help="extra parts measured")
    parser.add_argument("--mesa", action="store_true", help="Mesa 3's DEVS line as well")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind not found on the PATH: nothing measured")
        return
    sys.path.insert(0, str(HERE))
    import bench_line as b  # the same line functions the timing benchmark uses

    from sim import SYNTHETIC_LABEL, __version__

    parts = 200 if args.quick else args.parts
    short = 250 * b.INTERARRIVAL  # about 250 parts: start-up, imports, build, collect ...
    long = short + parts * b.INTERARRIVAL
    models = {"werkhalle": "ours", "simpy ref": "reference"}
    if args.mesa:
        models["mesa devs"] = "devs"
    print(f"# {SYNTHETIC_LABEL}")
    print(f"# werkhalle {__version__}, python {sys.version.split()[0]}; valgrind "
          f"--tool=callgrind; stable line of bench_line.py; horizons {short:,.0f} and "
          f"{long:,.0f} min; instructions per part = difference / difference of parts")
    print(f"    {'model':<10}  {'parts':>6}  {'instructions/part':>17}  {'x simpy':>7}")
    rows = {}
    for name, fn in models.items():
        i1, p1 = counted(fn, short)
        i2, p2 = counted(fn, long)
        rows[name] = (p2 - p1, (i2 - i1) / max(p2 - p1, 1))
    ref = rows["simpy ref"][1]
    for name, (n, per) in rows.items():
        print(f"    {name:<10}  {n:>6,}  {per:>17,.0f}  {per / ref:>7.2f}")


if __name__ == "__main__":
    main()
