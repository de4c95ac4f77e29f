"""The machine-state palette stays distinguishable for colour-blind viewers, everywhere."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from sim.line.station import STATES
from sim.plots import STATE_COLOURS, live

MACHADO = {  # Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB
    "normal": np.eye(3),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
}
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                        [0.0193, 0.1192, 0.9505]])
D65 = np.array([0.95047, 1.0, 1.08883])


def _linear(c: np.ndarray) -> np.ndarray:
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(hex_colour: str, vision: str) -> np.ndarray:
    """CIELAB of a colour as a viewer with ``vision`` sees it."""
    rgb = np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    seen = np.clip(MACHADO[vision] @ _linear(rgb), 0, 1)
    xyz = SRGB_TO_XYZ @ seen / D65
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str) -> float:
    return float(np.linalg.norm(lab(a, vision) - lab(b, vision)))


def test_the_formula_on_known_values():
    assert lab("#ffffff", "normal") == pytest.approx([100, 0, 0], abs=0.05)
    assert delta_e("#000000", "#ffffff", "normal") == pytest.approx(100, abs=0.05)
    # red and green collapse for a deuteranope: the old palette's busy/down were close
    assert delta_e("#2e7d32", "#c62828", "deuteranopia") < 0.2 * delta_e(
        "#2e7d32", "#c62828", "normal")


@pytest.mark.parametrize("vision", sorted(MACHADO))
def test_every_pair_of_states_stays_apart(vision):
    assert list(STATE_COLOURS) == list(STATES)
    worst = min(delta_e(STATE_COLOURS[a], STATE_COLOURS[b], vision)
                for a, b in itertools.combinations(STATES, 2))
    assert worst >= 15.0
    assert delta_e(STATE_COLOURS["busy"], STATE_COLOURS["down"], vision) >= 30.0


def test_the_page_uses_the_same_palette():
    assert live.STATE_COLOURS is STATE_COLOURS
