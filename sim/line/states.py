"""The machine states: the one owner of the words (``busy`` ... ``off``).

Plain strings, not an enum, on purpose: the station's hot path compares and hashes them for
every event, and a ``StrEnum`` member hashes several times slower than a ``str``.
"""

__all__ = ["BLOCKED", "BUSY", "DOWN", "MATERIAL", "OFF", "SETUP", "STARVED", "STATES"]

STATES = ("busy", "setup", "starved", "material", "blocked", "down", "off")
"""Machine states. ``material``: waiting for raw material (first station only)."""
BUSY, SETUP, STARVED, MATERIAL, BLOCKED, DOWN, OFF = STATES
