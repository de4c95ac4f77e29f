"""The one error type users see for bad input.

A :class:`ScenarioError` always names the file, the field and what was expected, so that a
participant can fix a typo without reading a traceback. The CLI turns it into exit code 2.
"""

from __future__ import annotations

from pathlib import Path


class ScenarioError(ValueError):
    """Bad scenario input: names the file, the field and what was expected.

    Attributes:
        file: The scenario file (or ``"<scenario>"`` for in-memory data).
        field: Dotted path of the offending field (``"stations.saw.machines"``), or ``""``.
        expected: What would have been accepted, in plain words.
    """

    def __init__(self, file: str | Path | None, field: str, expected: str) -> None:
        self.file = str(file) if file is not None else "<scenario>"
        self.field = field
        self.expected = expected
        where = f"{self.file}: {field}" if field else self.file
        super().__init__(f"{where}: {expected}")


class PlotError(RuntimeError):
    """The plots of a result could not be drawn; its tables were saved all the same.

    Attributes:
        directory: The result folder (holding the tables and metadata, without plots).
        reason: What went wrong while drawing, in one line.
    """

    def __init__(self, directory: str | Path, reason: str) -> None:
        self.directory = str(directory)
        self.reason = reason
        super().__init__(f"{self.directory}: tables saved, but the plots could not be drawn "
                         f"({reason})")
