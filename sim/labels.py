"""The SYNTHETIC label and the run fingerprint carried by every output.

Every table, file, plot and page that Werkhalle produces says that its numbers are synthetic
and names the run that made them (scenario hash, seed, version), so that a screenshot taken
out of context still says what it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sim._version import __version__

SYNTHETIC_LABEL = "SYNTHETIC: toy-model output, not data from any real plant"
"""The label text; shown on every output."""


def fingerprint(metadata: Mapping[str, Any]) -> str:
    """Return the short run fingerprint ``scenario#hash · seed N · werkhalle X``.

    Args:
        metadata: A result's metadata (needs ``scenario``, ``scenario_hash``, ``seed``).

    Returns:
        A one-line fingerprint string.
    """
    version = metadata.get("version", __version__)
    return (
        f"{metadata.get('scenario', '?')}#{metadata.get('scenario_hash', '?')}"
        f" · seed {metadata.get('seed', '?')} · werkhalle {version}"
    )


def banner(metadata: Mapping[str, Any]) -> str:
    """Return the full banner: the SYNTHETIC label followed by the fingerprint."""
    return f"{SYNTHETIC_LABEL} | {fingerprint(metadata)}"


def mark_synthetic(tables: Iterable[Any], fingerprint_text: str) -> None:
    """Stamp pandas tables with the SYNTHETIC label and the run fingerprint (``.attrs``)."""
    for table in tables:
        table.attrs.update({"synthetic": True, "label": SYNTHETIC_LABEL,
                            "fingerprint": fingerprint_text})


def png_metadata(metadata: Mapping[str, Any]) -> dict[str, str]:
    """PNG text chunks for a saved figure: the label and fingerprint travel with the file."""
    return {"Title": "SYNTHETIC", "Description": banner(metadata),
            "Software": f"werkhalle {metadata.get('version', __version__)}"}
