# Setup — run this cell first. In JupyterLite (in the browser) it installs Werkhalle first.
import functools
import os
import sys
from pathlib import Path

if sys.platform == "emscripten":  # JupyterLite: install into the browser's Python
    %pip install werkhalle ipywidgets
    # piplite is silent when a package fails to load: check, and say what is missing and why
    _missing = []
    for _name in ("numpy", "pandas", "matplotlib", "scipy", "pydantic", "simpy", "mesa",
                  "ipywidgets", "sim"):
        try:
            __import__(_name)
        except ImportError as _exc:
            _missing.append(f"{_name} ({_exc})")
    if _missing:
        print("Werkhalle cannot start: these Python packages did not load in the browser:\n  "
              + "\n  ".join(_missing) + "\n"
              "numpy, pandas, scipy and matplotlib come from the Pyodide distribution: from "
              "cdn.jsdelivr.net, unless this site was built with a self-hosted Pyodide. Is the "
              "browser offline, or is the site blocked here? Reload once online, or ask for "
              "the local Jupyter fallback (docs/workshop.md).\n"
              "Werkhalle kann nicht starten: diese Python-Pakete wurden im Browser nicht "
              "geladen (siehe oben). numpy, pandas, scipy und matplotlib kommen aus der "
              "Pyodide-Distribution (cdn.jsdelivr.net, falls die Seite Pyodide nicht selbst "
              "mitbringt). Ist der Browser offline oder die Seite gesperrt? Online neu laden "
              "oder nach der lokalen Jupyter-Variante fragen (docs/workshop.md).")
        raise SystemExit("missing: " + ", ".join(m.split()[0] for m in _missing))

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display

import sim
from sim import i18n
from sim.plots import label_figure
from sim.results import read_labelled_folder, write_labelled_csv
from sim.scenario import SCENARIO_DIR

sim.set_language("__LANG__")  # "en" or "de": labels, KPI names and timeline
QUICK = os.environ.get("WERKHALLE_QUICK") == "1"  # set by CI: shorter runs, same story
HERE = Path.cwd()
# the scenarios folder of a checkout (or of the JupyterLite site) if there is one, else the
# copies shipped inside the package: a notebook copied anywhere still finds them
SCENARIOS = next((p / "scenarios" for p in (HERE, *HERE.parents, Path("/drive"))
                  if (p / "scenarios" / "baseline.toml").is_file()), SCENARIO_DIR)


def stamp(fig, what):
    """Mark a figure SYNTHETIC: watermark, label and run fingerprint (or a description)."""
    meta = what.metadata if hasattr(what, "metadata") else {}
    label_figure(fig, meta)
    for text in fig.texts:
        if text.get_gid() == "synthetic-footer":
            text.set_text(i18n.banner(meta) if meta else f"{i18n.synthetic_label()} | {what}")
        if text.get_gid() == "synthetic-watermark":
            text.set_text(i18n.t("label.synthetic_short"))


def live(func, **sliders):
    """Show ``func`` with sliders; it re-runs whenever a slider is released."""
    failed = []

    @functools.wraps(func)
    def run(**values):
        try:
            return func(**values)
        except Exception as exc:
            failed.append(exc)
            raise

    for slider in sliders.values():
        slider.continuous_update = False
    display(widgets.interactive(run, **sliders))
    if failed:  # the first run failed: stop here, so that a broken notebook is noticed
        raise failed[0]
