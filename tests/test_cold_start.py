"""Cold start: ``import sim`` and the command line's help load no heavy library (no timing)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import sim

HEAVY = ("pandas", "matplotlib", "mesa", "scipy", "networkx", "sim.scenario.schema")


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    return set(out.split())


@pytest.mark.parametrize("code", ["import sim", "import sim.cli", "import sim.dashboard"])
def test_importing_loads_no_heavy_library(code):
    assert _loaded_after(code) == set()


def test_a_run_without_agents_does_not_import_mesa():
    loaded = _loaded_after("import sim\nsim.run('baseline', 1)")
    assert "mesa" not in loaded and "pandas" in loaded


def test_every_public_name_is_reachable_lazily():
    for name in sim.__all__:
        assert getattr(sim, name) is not None
    assert set(sim.__all__) <= set(dir(sim))
    assert sim.runner.MODES == ("off", "recommend", "autonomous")
    with pytest.raises(AttributeError):
        sim.no_such_name  # noqa: B018
