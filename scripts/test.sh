#!/usr/bin/env bash
# Installs everything the tests need (into .venv) and runs the whole suite.
# Used by the README's second command and by .ci/run.
#   bash scripts/test.sh           everything (what CI runs)
#   bash scripts/test.sh --fast    the fast tier for your own loop: -m "not slow", no browser
# Further arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
fast=0
if [ "${1:-}" = "--fast" ]; then fast=1; shift; fi
if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
.venv/bin/python -m pip install -q -e ".[test]"
if [ "$fast" = 0 ] && [ -f scripts/install-browser.sh ]; then bash scripts/install-browser.sh; fi
.venv/bin/python -m ruff check sim tests benchmarks
.venv/bin/python -m mypy
if [ "$fast" = 1 ]; then
  .venv/bin/python -m pytest -m "not slow" "$@"
else
  .venv/bin/python -m pytest "$@"
fi
