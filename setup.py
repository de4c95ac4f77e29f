"""Packages for setuptools; everything else lives in pyproject.toml.

The top-level ``scenarios/`` folder is installed as ``sim._scenarios`` (mapped in
``[tool.setuptools.package-dir]``); ``[tool.setuptools.packages.find]`` cannot add a package that
lives outside ``sim/``, so the package list is computed here instead.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["sim", "sim.*"]), "sim._scenarios"])
