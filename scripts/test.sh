#!/usr/bin/env bash
# Installs everything the tests need (into .venv) and runs the whole suite.
# Used by the README's second command and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
.venv/bin/python -m pip install -q -e ".[test]"
if [ -f scripts/install-browser.sh ]; then bash scripts/install-browser.sh; fi
.venv/bin/python -m ruff check sim tests benchmarks
.venv/bin/python -m pytest "$@"
