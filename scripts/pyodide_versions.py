"""A CPython venv with the browser's package versions: Pyodide's lock plus the site's bundle.

The JupyterLite site runs Werkhalle on the package versions of one Pyodide release (the one
``jupyterlite-pyodide-kernel`` loads) and on the pure wheels that ``scripts/build-lite.sh``
bundles. CI runs on whatever pip picks today. This script closes that gap on CPython:

1. read ``pyodide-lock.json`` of that Pyodide release (``--lock FILE``, else
   ``$WERKHALLE_PYODIDE_DIR/pyodide-lock.json``, else the npm package ``pyodide@VERSION`` via
   ``npm pack``; the npm package carries the lock, not the compiled wheels);
2. find the packages Werkhalle and the notebooks import in the browser (werkhalle, ipywidgets,
   ipython, matplotlib-inline and everything they require) and pin each one Pyodide ships to
   the lock's version, and each one the site bundles (``scripts/lite-bundle.txt``) to the
   version the bundle resolves for the browser's Python;
3. check per pin that this CPython can install it from a wheel; where not, take the nearest
   version that it can (newer first, then older) and say so in the table;
4. create the venv (``--venv DIR``), install the Werkhalle wheel, the pins and the kernel
   machinery for running notebooks (ipykernel, nbclient, nbformat: not part of the browser),
   and check that every pin is what got installed.

Usage::

    python scripts/pyodide_versions.py --venv /tmp/pyo-venv [--report table.json]

prints the versions table (Markdown). pip's cache is used as usual (``PIP_CACHE_DIR``).
tests/test_pyodide_versions.py runs it and then every notebook (en, de) in that venv.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parents[1]
BROWSER_ROOTS = ("ipywidgets", "ipython", "matplotlib-inline")
"""Besides Werkhalle itself: what the notebooks use in the browser's kernel."""
RUNNER = ("ipykernel", "nbclient", "nbformat")
"""What CPython needs to execute notebooks (the browser has its own kernel): not pinned."""
NO_LOCK = 3
"""Exit status when no lock file can be had (no npm, no registry): the test skips then."""
CEILING = 1800
"""Seconds one pip call may take before it counts as hung (a cold cache is slow, not hung)."""


def norm(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pyodide_version() -> str:
    """The Pyodide release that the site's kernel (jupyterlite-pyodide-kernel) loads."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    return str(PYODIDE_VERSION)


def read_lock(given: str | None, version: str, tmp: Path) -> dict:
    """The lock file: given, from WERKHALLE_PYODIDE_DIR, or from the npm package."""
    if given:
        return json.loads(Path(given).read_text())
    dist = os.environ.get("WERKHALLE_PYODIDE_DIR")
    if dist and (Path(dist) / "pyodide-lock.json").is_file():
        return json.loads((Path(dist) / "pyodide-lock.json").read_text())
    try:
        subprocess.run(["npm", "pack", f"pyodide@{version}", "--pack-destination", str(tmp)],
                       check=True, capture_output=True, text=True, timeout=CEILING)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"error: no pyodide-lock.json: npm pack pyodide@{version} failed "
              f"({getattr(exc, 'stderr', None) or exc}); give --lock FILE", file=sys.stderr)
        raise SystemExit(NO_LOCK) from None
    with tarfile.open(next(tmp.glob("pyodide-*.tgz"))) as tgz:
        member = tgz.extractfile("package/pyodide-lock.json")
        assert member is not None
        return json.loads(member.read())


def lock_versions(lock: dict) -> dict[str, str]:
    """Normalised name -> version of every Python package in the lock."""
    return {norm(e["name"]): e["version"] for e in lock["packages"].values()
            if e.get("package_type", "package") == "package"}


def pip(python: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run pip of ``python`` (no deadline below the hang ceiling)."""
    return subprocess.run([str(python), "-m", "pip", *args], capture_output=True, text=True,
                          check=check, timeout=CEILING)


def resolve(python: Path, reqs: list[str], *extra: str) -> dict[str, str]:
    """What pip would install for ``reqs`` (name -> version), without installing."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        pip(python, "install", "-q", "--dry-run", "--ignore-installed", "--report", str(report),
            *extra, *reqs)
        data = json.loads(report.read_text())
    return {norm(i["metadata"]["name"]): i["metadata"]["version"] for i in data["install"]}


def bundle_versions(python: Path) -> dict[str, str]:
    """The versions build-lite.sh bundles for the browser: the same ``pip download`` call."""
    with tempfile.TemporaryDirectory() as tmp:
        pip(python, "download", "-q", "--no-deps", "--only-binary=:all:", "--platform", "any",
            "--python-version", "3.13", "--implementation", "py", "-d", tmp,
            "-r", str(ROOT / "scripts" / "lite-bundle.txt"))
        return {norm(p.name.split("-")[0]): p.name.split("-")[1]
                for p in Path(tmp).glob("*.whl")}


def installable(python: Path, name: str, version: str, *extra: str) -> bool:
    """Whether this interpreter can install ``name==version`` from a wheel."""
    done = pip(python, "install", "-q", "--dry-run", "--ignore-installed", "--no-deps",
               "--only-binary=:all:", *extra, f"{name}=={version}", check=False)
    return done.returncode == 0


def nearest(python: Path, name: str, version: str) -> str | None:
    """The nearest version this interpreter can install from a wheel (newer first)."""
    out = pip(python, "index", "versions", name, check=False).stdout
    found = re.search(r"Available versions: (.*)", out)
    if not found:
        return None
    want = Version(version)
    known = []
    for text in found.group(1).split(", "):
        try:
            known.append(Version(text))
        except InvalidVersion:
            continue
    known = [v for v in known if not v.is_prerelease]
    newer = sorted(v for v in known if v > want)
    older = sorted((v for v in known if v < want), reverse=True)
    for candidate in [*newer[:6], *older[:10]]:
        if installable(python, name, str(candidate)):
            return str(candidate)
    return None


def plan(python: Path, name: str, in_lock: dict[str, str], bundled: dict[str, str]) -> dict:
    """One row of the table: where the browser's version comes from and what is pinned here."""
    source = "Pyodide lock" if name in in_lock else "site bundle"
    target = in_lock.get(name) or bundled[name]
    row = {"name": name, "source": source, "browser": target, "pinned": target, "note": ""}
    if not installable(python, name, target):
        why = ("its Requires-Python excludes this Python"
               if installable(python, name, target, "--ignore-requires-python")
               else "no wheel for this Python")
        found = nearest(python, name, target)
        row["pinned"] = found
        row["note"] = f"{target}: {why}; " + (f"nearest: {found}" if found else "unpinned")
    return row


def build_wheel(out: Path) -> Path:
    """The Werkhalle wheel, built from this checkout."""
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=CEILING)
    return next(out.glob("werkhalle-*.whl"))


def main(argv: list[str] | None = None) -> int:
    """Build the venv and print the versions table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", required=True, type=Path, help="the venv to create")
    parser.add_argument("--lock", help="a pyodide-lock.json (default: see module docstring)")
    parser.add_argument("--report", type=Path, help="also write the table as JSON here")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the venv")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        version = pyodide_version()
        lock = read_lock(args.lock, version, tmp)
        in_lock = lock_versions(lock)
        subprocess.run([args.python, "-m", "venv", str(args.venv)], check=True, timeout=CEILING)
        python = args.venv / "bin" / "python"
        wheel = build_wheel(tmp / "dist")
        bundled = bundle_versions(python)
        constraints = tmp / "constraints.txt"
        constraints.write_text("")
        rows: list[dict] = []
        planned: dict[str, dict] = {}
        for _ in range(4):  # older pins can need fewer (or other) packages: until it settles
            needed = resolve(python, ["-c", str(constraints), str(wheel), *BROWSER_ROOTS])
            if {r["name"] for r in rows} == set(needed) & (set(in_lock) | set(bundled)):
                break
            for name in needed.keys() - planned.keys():
                if name != "werkhalle" and (name in in_lock or name in bundled):
                    planned[name] = plan(python, name, in_lock, bundled)
            rows = [planned[name] for name in sorted(needed) if name in planned]
            constraints.write_text("".join(f"{r['name']}=={r['pinned']}\n" for r in rows
                                           if r["pinned"]))
        else:
            raise SystemExit("error: the pinned set did not settle")
        binary = ",".join(r["name"] for r in rows)
        pip(python, "install", "-q", "-c", str(constraints), f"--only-binary={binary}",
            str(wheel), *BROWSER_ROOTS, *RUNNER)
        listed = json.loads(pip(python, "list", "--format", "json").stdout)
        installed = {norm(p["name"]): p["version"] for p in listed}
    for row in rows:
        row["installed"] = installed.get(row["name"])
    python_version = subprocess.run([str(python), "-c", "import platform; "
                                     "print(platform.python_version())"], capture_output=True,
                                    text=True, check=True).stdout.strip()
    info = lock.get("info", {})
    report = {"pyodide": version, "pyodide_python": info.get("python"),
              "python": python_version, "rows": rows}
    print(f"Pyodide {version} (its Python {info.get('python')}); this venv: CPython "
          f"{python_version}\n")
    print("| package | from | browser | here | note |\n|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['name']} | {row['source']} | {row['browser']} | {row['installed']} "
              f"| {row['note']} |")
    if args.report:
        args.report.write_text(json.dumps(report, indent=1) + "\n")
    wrong = [r["name"] for r in rows if r["pinned"] and r["installed"] != r["pinned"]]
    if wrong:
        print(f"error: installed versions differ from the pins: {wrong}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
