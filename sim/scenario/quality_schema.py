"""The ``[quality]`` section: hidden defects, dispatch, QA inspection, worker reports, re-test.

Without a ``[quality]`` section a part a station passes as good *is* good (scrap and rework
are found at the station), and nothing here runs. With it::

    [quality]
    dispatch_hold = "8 h"        # finished parts wait this long in dispatch before they leave
    escape_cost = 400.0          # per defective unit that leaves the site (complaint, warranty)
    repair_cost = 30.0           # per defective unit caught before it leaves (repaired, good)
    defects = { assembly = 0.01 }   # per station: P(a part it passes as good is defective)
    drift_hidden = 0.5           # a drifting station: hidden defects per extra scrap

    [quality.inspection]         # mechanic 3: operators reassigned to quality assurance
    detection = 0.9              # P(one check finds a defect that is there)
    minutes_per_part = 3.0       # inspector minutes per part checked in dispatch

    [quality.retest]             # mechanic 4: the extended end-of-line test of a batch
    detection = 0.99
    minutes_per_part = 6.0
    testers = 1                  # parallel test rigs: the test capacity
    cost_per_hour = 90.0         # rig and tester time
    window = "6 h"               # the batch: parts made at the station this long before the
                                 # report (or since its last recalibration, if later)

    [quality.cooling]            # mechanic 4: the changed machine cooling (a lever)
    factor = 0.3                 # the drift creeps at factor x its rate once cooling is on
    cost_per_hour = 12.0         # extra energy and coolant while it is on

    [[quality.reports]]          # mechanic 4: a worker's report (by tablet)
    at = "Wed 13:45"
    station = "assembly"
    suspicion = "inaccuracy"

A *defect* here is hidden: the station does not see it, the part goes on and is counted in
output. It is an **escape** when it leaves the site undetected (``dispatch_hold`` after it
was finished, or still in dispatch at the end of the run), **caught** when a QA check or the
extended test finds it first (repaired offline at ``repair_cost`` and delivered good). The
line's quality rate is good units out over parts started (see :mod:`sim.line.inspection`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from sim.scenario.types import PositiveDuration, ReferenceError_, Strict, When, _names

if TYPE_CHECKING:
    from sim.scenario.schema import Scenario

NonNegative = Annotated[float, Field(ge=0)]
Rate = Annotated[float, Field(ge=0, le=1)]
Detection = Annotated[float, Field(ge=0, le=1)]
"""A probability of finding a defect that is there (1: a perfect check)."""


class Inspection(Strict):
    """Quality assurance in dispatch by operators reassigned from a station (mechanic 3)."""

    detection: Detection
    """Probability that one check finds a defect that is there (misses: 1 - detection)."""
    minutes_per_part: Annotated[float, Field(gt=0, le=600)]
    """Inspector minutes per part checked (k inspectors check k parts in that time)."""


class Retest(Strict):
    """The extended end-of-line test a quarantined batch goes through (mechanic 4)."""

    detection: Detection = 0.99
    minutes_per_part: Annotated[float, Field(gt=0, le=600)] = 6.0
    testers: Annotated[int, Field(ge=1, le=20)] = 1
    """Parallel test rigs (the test capacity)."""
    cost_per_hour: NonNegative = 90.0
    """Cost of an hour of one rig and its tester."""
    window: PositiveDuration = 6.0 * 60
    """The batch: parts made at the station within this long before the quarantine (or since
    its last recalibration, if that is later)."""


class Cooling(Strict):
    """Changed machine cooling: slows a quality drift from when it is switched on."""

    factor: Annotated[float, Field(ge=0, le=1)]
    """The drift creeps at ``factor`` x its rate while cooling is on (0: stops creeping)."""
    cost_per_hour: NonNegative = 0.0
    """Extra energy and coolant per hour while it is on."""


class WorkerReport(Strict):
    """A worker reports a suspected quality problem at a station (an event in the scenario)."""

    at: When
    station: str
    suspicion: str = "inaccuracy"
    """What the worker suspects (shown in the journal)."""


class QualitySection(Strict):
    """The ``[quality]`` section (absent: parts passed as good are good; nothing runs)."""

    dispatch_hold: PositiveDuration = 8.0 * 60
    """Time a finished part waits in dispatch before it leaves the site."""
    escape_cost: NonNegative = 0.0
    """Cost of one defective unit leaving the site (complaint, warranty)."""
    repair_cost: NonNegative = 0.0
    """Cost of repairing one defective unit caught before it leaves."""
    defects: dict[str, Rate] = {}
    """Per station: probability that a part it passes as good carries a hidden defect."""
    drift_hidden: Annotated[float, Field(ge=0, le=10)] = 0.0
    """A station with a ``quality_drift``: hidden defects per extra scrap (its hidden defect
    probability rises by ``drift_hidden`` x (scrap now - nominal scrap), at most 1)."""
    inspection: Inspection | None = None
    retest: Retest | None = None
    cooling: Cooling | None = None
    reports: list[WorkerReport] = []
    """Workers' reports (each one an announcement the maintenance agent hears)."""


def check_quality_references(scenario: Scenario) -> None:
    """Raise ``ReferenceError_`` if ``[quality]`` names an unknown station."""
    q = scenario.quality
    if q is None:
        return
    for name in q.defects:
        if name not in scenario.stations:
            raise ReferenceError_(f"quality.defects.{name}",
                                  f"unknown station; expected one of {_names(scenario.stations)}")
    for i, report in enumerate(q.reports):
        if report.station not in scenario.stations:
            raise ReferenceError_(f"quality.reports.{i}.station",
                                  f"unknown station '{report.station}'; expected one of "
                                  f"{_names(scenario.stations)}")
