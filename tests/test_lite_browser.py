"""The browser path, booted for real and offline: headless Chromium, every non-loopback request
refused, the JupyterLite site built with a self-hosted Pyodide assembled from what registries
provide: the npm ``pyodide`` runtime, the kernel's pure-Python packages from PyPI (at the lock's
versions, re-hashed in the lock), an empty stand-in for the kernel's compiled ``sqlite3``
(test-only; IPython runs without it), and Werkhalle's bundled pure dependencies. The kernel
starts and a plain SimPy cell runs, with the same numbers as CPython.

``import sim`` cannot run that way: numpy, pandas, scipy, matplotlib and pydantic-core are
compiled Pyodide packages that only the full Pyodide distribution carries, and no package
registry reachable here has them (docs/workshop.md, "Offline browser room"). With that
distribution unpacked and ``WERKHALLE_PYODIDE_DIR`` pointing at it (the folder holding
pyodide.js and pyodide-lock.json), the second test builds a site that self-hosts it and runs
``import sim`` and a one-day ``sim.run`` offline; without it, that test is skipped and says
what to download.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import tarfile
import threading
import urllib.parse
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
RUNTIME = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm",
           "python_stdlib.zip", "pyodide-lock.json")
KERNEL_NEEDS = ("micropip", "jedi", "ipython")  # installed by the kernel at start, with sqlite3
SIM_NEEDS = ("numpy", "pandas", "scipy", "matplotlib", "pydantic", "networkx", "joblib", "tqdm",
             "sqlite3", *KERNEL_NEEDS)
"""Pyodide packages that ``import sim`` in the kernel needs (with their dependencies)."""
DOWNLOAD = ("the full Pyodide {v} distribution: pyodide-{v}.tar.bz2 from the Pyodide GitHub "
            "releases (github.com/pyodide/pyodide/releases/tag/{v}), unpacked; then "
            "WERKHALLE_PYODIDE_DIR=<the unpacked folder holding pyodide.js> (docs/workshop.md)")
pytestmark = pytest.mark.slow

SIMPY_CELL = """
import random, simpy
env = simpy.Environment(); server = simpy.Resource(env, 1); rng = random.Random(1); done = []
def part(env):
    with server.request() as req:
        yield req
        yield env.timeout(rng.expovariate(1.2))
    done.append(env.now)
def source(env):
    while True:
        yield env.timeout(rng.expovariate(1.0))
        env.process(part(env))
env.process(source(env)); env.run(until=10000)
print("SIMPY" + "-RAN", simpy.__version__, len(done), round(sum(done), 6))
"""


def _npm_pyodide(tmp: Path) -> Path:
    given = os.environ.get("WERKHALLE_PYODIDE_NPM")
    if given:
        return Path(given)
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    if shutil.which("npm") is None:
        pytest.skip("npm not found (or set WERKHALLE_PYODIDE_NPM to an unpacked npm pyodide)")
    done = subprocess.run(["npm", "pack", f"pyodide@{PYODIDE_VERSION}", "--pack-destination",
                           str(tmp)], capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        pytest.skip(f"npm pack pyodide@{PYODIDE_VERSION} failed: {done.stderr[-300:]}")
    with tarfile.open(next(tmp.glob("pyodide-*.tgz"))) as tgz:
        tgz.extractall(tmp / "npm", filter="data")
    return tmp / "npm" / "package"


def _closure(packages: dict, roots: tuple[str, ...]) -> list[str]:
    norm = {k.lower().replace("_", "-"): k for k in packages}
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        key = norm[todo.pop().lower().replace("_", "-")]
        if key not in seen:
            seen.add(key)
            todo += packages[key].get("depends", [])
    return sorted(seen)


def _empty_wheel(path: Path, name: str, version: str) -> None:
    info = f"{name}-{version}.dist-info"
    files = {f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
             f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: werkhalle-test\n"
                              "Root-Is-Purelib: true\nTag: py3-none-any\n"}
    with zipfile.ZipFile(path, "w") as whl:
        for name_, text in files.items():
            whl.writestr(name_, text)
        whl.writestr(f"{info}/RECORD", "".join(f"{n},,\n" for n in files) + f"{info}/RECORD,,\n")


def _distribution(npm: Path, out: Path) -> Path:
    out.mkdir(parents=True)
    for name in RUNTIME:
        shutil.copy(npm / name, out / name)
    lock = json.loads((out / "pyodide-lock.json").read_text())
    packages = lock["packages"]
    pure = [k for k in _closure(packages, KERNEL_NEEDS) if k != "sqlite3"]
    for key in pure:
        entry = packages[key]
        assert entry["file_name"].endswith("-none-any.whl"), key
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                        "--only-binary=:all:", "--platform", "any", "--python-version", "3.13",
                        "-d", str(out), f"{entry['name']}=={entry['version']}"],
                       check=True, capture_output=True, timeout=300)
    wheels = {p.name.split("-")[0].lower().replace("_", "-"): p for p in out.glob("*.whl")}
    stand_in = out / "sqlite3-1.0.0-py3-none-any.whl"
    _empty_wheel(stand_in, "sqlite3", "1.0.0")
    wheels["sqlite3"] = stand_in
    for key in [*pure, "sqlite3"]:
        wheel = wheels[packages[key]["name"].lower().replace("_", "-")]
        packages[key]["file_name"] = wheel.name  # PyPI's files differ from Pyodide's re-packs
        packages[key]["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
    (out / "pyodide-lock.json").write_text(json.dumps(lock))
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    if not Path(CHROMIUM).exists():
        pytest.skip("no /usr/bin/chromium (scripts/install-browser.sh installs it)")
    tmp = tmp_path_factory.mktemp("offline-lite")
    dist = _distribution(_npm_pyodide(tmp), tmp / "pyodide")
    out = tmp / "site"
    done = subprocess.run(["bash", str(ROOT / "scripts" / "build-lite.sh"), str(out)],
                          env=dict(os.environ, WERKHALLE_PYTHON=sys.executable,
                                   WERKHALLE_PYODIDE_DIR=str(dist)),
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D102
        pass

    def handle(self):  # the browser drops connections it no longer needs
        try:
            super().handle()
        except ConnectionError:
            pass


SIM_CELL = """
import sim
from sim.scenario import load_scenario, with_overrides
result = sim.run(with_overrides(load_scenario("baseline"), {"horizon": "1 d"}), seed=1)
print("SIM" + "-RAN", sim.__version__, result.kpis["output [units]"],
      result.metadata["scenario_hash"])
"""


def _in_browser(site: Path, code: str, marker: str, shot: Path) -> tuple[list[str], list, list]:
    """Run ``code`` in the site's REPL, offline; the lines starting with ``marker`` and the
    local and the refused external requests."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = (f"http://127.0.0.1:{server.server_address[1]}/repl/index.html?kernel=python"
           f"&toolbar=1&code={urllib.parse.quote(code)}")
    local, external = [], []

    def route(request_route):
        host = urllib.parse.urlparse(request_route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            local.append(request_route.request.url)
            request_route.continue_()
        else:  # a participant without internet access
            external.append(request_route.request.url)
            request_route.abort("internetdisconnected")

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-background-networking",
                                               "--disable-component-update"])
            context = browser.new_context()
            context.route("**/*", route)
            page = context.new_page()
            page.goto(url)
            # booting Pyodide and the kernel takes 20-60 s here; the limit only ends a hang
            page.wait_for_function(f"document.body.innerText.includes('{marker}')",
                                   timeout=600_000)
            text = page.inner_text("body")
            page.screenshot(path=str(shot))
            browser.close()
    finally:
        server.shutdown()
    return [line.strip() for line in text.splitlines() if line.startswith(marker)], local, external


def test_kernel_boots_offline_and_runs_a_simpy_cell(site, tmp_path):
    expected = subprocess.run([sys.executable, "-c", SIMPY_CELL], capture_output=True,
                              text=True, check=True).stdout.strip()
    code = 'import piplite\nawait piplite.install("simpy")\n' + SIMPY_CELL
    shown, local, external = _in_browser(site, code, "SIMPY-RAN", tmp_path / "offline_simpy.png")
    assert shown == [expected]  # the browser's numbers are CPython's
    assert external == []
    assert any("/static/pyodide/pyodide.asm.wasm" in u for u in local)
    assert any("/pypi/simpy-" in u for u in local)  # from the site's own index


def _full_distribution() -> Path:
    """The lecturer's full Pyodide distribution (WERKHALLE_PYODIDE_DIR), checked; else skip."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_PYTHON_VERSION, PYODIDE_VERSION

    given = os.environ.get("WERKHALLE_PYODIDE_DIR")
    if not given:
        pytest.skip("import sim in the browser needs " + DOWNLOAD.format(v=PYODIDE_VERSION))
    dist = Path(given)
    lock_file = dist / "pyodide-lock.json"
    assert (dist / "pyodide.js").is_file() and lock_file.is_file(), (
        f"WERKHALLE_PYODIDE_DIR={dist} holds no pyodide.js/pyodide-lock.json; it must be "
        + DOWNLOAD.format(v=PYODIDE_VERSION))
    lock = json.loads(lock_file.read_text())
    # its compiled packages must be built for the Python of the kernel the site uses
    assert lock["info"]["python"].startswith(PYODIDE_PYTHON_VERSION + "."), lock["info"]
    packages = lock["packages"]
    missing = [packages[k]["file_name"] for k in _closure(packages, SIM_NEEDS)
               if not (dist / packages[k]["file_name"]).is_file()]
    assert missing == [], (f"WERKHALLE_PYODIDE_DIR={dist} lacks {missing}: is it the npm core "
                           "package? It must be " + DOWNLOAD.format(v=PYODIDE_VERSION))
    return dist


def test_import_sim_runs_offline_with_a_full_distribution(tmp_path):
    dist = _full_distribution()
    if not Path(CHROMIUM).exists():
        pytest.skip("no /usr/bin/chromium (scripts/install-browser.sh installs it)")
    out = tmp_path / "site"
    done = subprocess.run(["bash", str(ROOT / "scripts" / "build-lite.sh"), str(out)],
                          env=dict(os.environ, WERKHALLE_PYTHON=sys.executable,
                                   WERKHALLE_PYODIDE_DIR=str(dist)),
                          capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    expected = subprocess.run([sys.executable, "-c", SIM_CELL], capture_output=True,
                              text=True, check=True, cwd=tmp_path).stdout.strip()
    code = 'import piplite\nawait piplite.install("werkhalle")\n' + SIM_CELL
    shown, local, external = _in_browser(out, code, "SIM-RAN", tmp_path / "offline_sim.png")
    assert shown == [expected]  # same output, same scenario hash as CPython
    assert external == []
    assert any("/static/pyodide/numpy-" in u for u in local)
    assert any("/pypi/werkhalle-" in u for u in local)
