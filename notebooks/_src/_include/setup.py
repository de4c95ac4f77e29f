# Setup — run this cell first. In JupyterLite (in the browser) it installs Werkhalle first.
import functools
import os
import sys
from pathlib import Path

if sys.platform == "emscripten":  # JupyterLite: install into the browser's Python
    %pip install -q werkhalle ipywidgets

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display

import sim
from sim import i18n
from sim.plots import label_figure
from sim.results import read_labelled_folder, write_labelled_csv

sim.set_language("__LANG__")  # "en" or "de": labels, KPI names and timeline
QUICK = os.environ.get("WERKHALLE_QUICK") == "1"  # set by CI: shorter runs, same story
HERE = Path.cwd()
SCENARIOS = next(p / "scenarios" for p in (HERE, *HERE.parents, Path("/drive"))
                 if (p / "scenarios" / "baseline.toml").is_file())  # shipped scenarios


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
