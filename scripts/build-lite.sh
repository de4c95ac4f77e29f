#!/usr/bin/env bash
# Builds a static JupyterLite site (Python in the browser, no server, no install for the
# participants) from notebooks/ into _site/ (or the folder given as the first argument).
#
#   bash scripts/build-lite.sh            # -> _site/
#   python3 -m http.server -d _site 8000  # then open http://localhost:8000/lab/index.html
#
# The site bundles the Werkhalle wheel built from this checkout, the pure-Python dependencies
# that Pyodide does not ship (scripts/lite-bundle.txt: simpy, mesa, typer, ipywidgets ...), the
# notebooks and the shipped scenarios, without source maps. The build needs a package index
# (PyPI or a mirror) for those wheels.
#
# The Pyodide runtime and its compiled packages (numpy, pandas, scipy, matplotlib, pydantic-core
# ...) come from cdn.jsdelivr.net at first start, unless the site self-hosts a Pyodide
# distribution (everything offline; see docs/workshop.md):
#
#   JUPYTERLITE_PYODIDE_URL=/path/to/pyodide-0.29.3.tar.bz2 bash scripts/build-lite.sh
#       a distribution tarball (path or URL), unpacked into the site's static/pyodide/
#   WERKHALLE_PYODIDE_DIR=/path/to/pyodide bash scripts/build-lite.sh
#       an unpacked distribution folder (the one holding pyodide.js and pyodide-lock.json)
#
# Python used: $WERKHALLE_PYTHON if set (it must already have the "lite" extra), else .venv
# (created, and the "lite" extra installed into it, when needed).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(realpath -m "${1:-$ROOT/_site}")

if [ -n "${WERKHALLE_PYTHON:-}" ]; then
    PY=$WERKHALLE_PYTHON
else
    PY=$ROOT/.venv/bin/python
    if [ ! -x "$PY" ]; then "${PYTHON:-python3}" -m venv "$ROOT/.venv"; fi
    if ! "$PY" -c "import jupyterlite_core, jupyterlite_pyodide_kernel, jupyter_server" 2>/dev/null
    then
        "$PY" -m pip install -q -e "$ROOT[lite]"
    fi
fi

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/werkhalle-lite.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT

# 1. The Werkhalle wheel, built from a copy of the sources (keeps the checkout clean).
mkdir -p "$STAGE/src" "$STAGE/lite/pypi" "$STAGE/lite/files"
cp -r "$ROOT/sim" "$ROOT/scenarios" "$ROOT/pyproject.toml" "$ROOT/setup.py" "$ROOT/LICENSE" \
    "$STAGE/src/"
if [ -f "$ROOT/README.md" ]; then cp "$ROOT/README.md" "$STAGE/src/"; else
    echo "Werkhalle (SYNTHETIC teaching simulator)" > "$STAGE/src/README.md"; fi
find "$STAGE/src" -name __pycache__ -prune -exec rm -rf {} +
"$PY" -m pip wheel -q --no-deps -w "$STAGE/lite/pypi" "$STAGE/src"

# 1b. The pure-Python dependencies Pyodide lacks, for the browser's Python (3.13, any platform):
#     the first start then needs no PyPI.
grep -v '^\s*\(#\|$\)' "$ROOT/scripts/lite-bundle.txt" > "$STAGE/bundle.txt"
"$PY" -m pip download -q --no-deps --only-binary=:all: --platform any --python-version 3.13 \
    --implementation py -d "$STAGE/lite/pypi" -r "$STAGE/bundle.txt"

# 1c. A self-hosted Pyodide distribution, if given (see the top of this file).
if [ -n "${WERKHALLE_PYODIDE_DIR:-}" ]; then
    [ -f "$WERKHALLE_PYODIDE_DIR/pyodide.js" ] || {
        echo "error: WERKHALLE_PYODIDE_DIR=$WERKHALLE_PYODIDE_DIR has no pyodide.js" >&2; exit 2; }
    mkdir -p "$STAGE/lite/static"
    cp -r "$WERKHALLE_PYODIDE_DIR" "$STAGE/lite/static/pyodide"
    echo "self-hosted Pyodide: $WERKHALLE_PYODIDE_DIR"
elif [ -n "${JUPYTERLITE_PYODIDE_URL:-}" ]; then
    echo "self-hosted Pyodide: $JUPYTERLITE_PYODIDE_URL"
else
    echo "Pyodide runtime: from cdn.jsdelivr.net at first start (not self-hosted)"
fi

# 2. The contents: notebooks (without sources and build tools) and the scenarios.
for part in en de lecturer; do
    if [ -d "$ROOT/notebooks/$part" ]; then cp -r "$ROOT/notebooks/$part" "$STAGE/lite/files/"; fi
done
if [ -f "$ROOT/notebooks/README.md" ]; then cp "$ROOT/notebooks/README.md" "$STAGE/lite/files/"; fi
cp -r "$ROOT/scenarios" "$STAGE/lite/files/scenarios"
find "$STAGE/lite/files" \( -name .ipynb_checkpoints -o -name __pycache__ \) -prune \
    -exec rm -rf {} +

# 3. Point the notebooks at the in-browser kernel (Pyodide's kernel is called "python").
"$PY" - "$STAGE/lite/files" <<'EOF'
import json
import sys
from pathlib import Path

for path in Path(sys.argv[1]).rglob("*.ipynb"):
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"]["kernelspec"] = {"name": "python", "display_name": "Python (Pyodide)",
                                    "language": "python"}
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
EOF

# 4. Build the site.
rm -rf "$OUT"
(cd "$STAGE/lite" && "$PY" -m jupyterlite_core build --contents files --output-dir "$OUT" \
    --no-sourcemaps >"$STAGE/build.log" 2>&1) || { cat "$STAGE/build.log"; exit 1; }
echo "JupyterLite site written to $OUT"
echo "Serve it with: python3 -m http.server -d $OUT 8000  (open http://localhost:8000/lab/index.html)"
