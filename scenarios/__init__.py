"""The shipped scenarios, installed as the package ``sim._scenarios``.

This folder is the one editable copy of the scenario files; ``setup.py`` and
``[tool.setuptools.package-dir]`` in ``pyproject.toml`` map it into the wheel (and into an
editable install) as ``sim._scenarios``, where :data:`sim.scenario.loader.SCENARIO_DIR` finds it
with :mod:`importlib.resources`.
"""
