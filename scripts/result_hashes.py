"""Fingerprint every shipped scenario's result tables (seeds 1-3, agents as shipped and off).

Prints one JSON object: ``{"<scenario>/<agents>/<seed>/<table>": sha256}`` for the
``kpis``, ``stations`` and ``decisions`` tables. Used before and after a refactoring to show
that results stay byte-identical::

    python scripts/result_hashes.py > before.json
    ...change the code...
    python scripts/result_hashes.py > after.json
    python scripts/result_hashes.py --compare before.json after.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

SEEDS = (1, 2, 3)
TABLES = ("kpis", "stations", "decisions")


def _digest(frame) -> str:
    return hashlib.sha256(frame.to_csv().encode("utf-8")).hexdigest()


def fingerprints(seeds=SEEDS) -> dict[str, str]:
    """Hash the result tables of every shipped scenario, agents as shipped and off."""
    import sim

    root = Path(__file__).resolve().parent.parent / "scenarios"
    out: dict[str, str] = {}
    for path in sorted(root.glob("*.toml")):
        for agents in (None, "off"):
            for seed in seeds:
                result = sim.run(path, seed=seed, agents=agents)
                for table in TABLES:
                    key = f"{path.stem}/{agents or 'shipped'}/{seed}/{table}"
                    out[key] = _digest(getattr(result, table))
    return out


def main(argv=None) -> int:
    """Print the fingerprints, or compare two saved sets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(Path(p).read_text()) for p in args.compare)
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        for key in changed:
            print("changed:", key)
        print(f"{len(before)} before, {len(after)} after, {len(changed)} differ")
        return 1 if changed else 0
    json.dump(fingerprints(), sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
