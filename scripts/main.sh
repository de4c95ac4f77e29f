#!/usr/bin/env bash
# Installs Werkhalle (into .venv) and runs the main job: the supply-disruption comparison,
# printing a KPI table and writing results and plots to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
.venv/bin/python -m pip install -q -e .
.venv/bin/werkhalle compare supply_disruption --seed 1 --out out/supply_disruption
