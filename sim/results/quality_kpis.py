"""KPIs of the ``[quality]`` mechanics: escapes, caught defects, re-tests, the line's quality.

Definitions (whole horizon, like energy and cost; see :mod:`sim.line.inspection`):

* escapes: defective units that left the site undetected (those still in dispatch at the
  end count as leaving); caught: defective units QA or the extended test found first;
* line quality = good units out / parts started at the first station, where good units out
  = output - escapes - parts still in quarantine at the end. The bottleneck station's
  quality factor (``quality [%]``, good / processed at that station) stands beside it: it
  sees scrap and rework at one station, not what leaves the line.
* costs: escapes x ``escape_cost``, caught x ``repair_cost``, extended-test hours x the
  rig's ``cost_per_hour``, cooling hours x its ``cost_per_hour``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.results.names import KPI

if TYPE_CHECKING:
    from sim.line.model import LineModel


def quality_kpis(model: LineModel) -> dict[str, float]:
    """The quality KPIs of ``model`` now (its scenario has a ``[quality]`` section)."""
    assert model.quality is not None  # only called with a [quality] section
    f = model.quality.figures()
    out = sum(model.finished.values())
    started = sum(model.materials.started.values())
    good = out - f["escapes"] - f["quarantined"]
    return {
        KPI.HIDDEN_DEFECTS: f["defects"],
        KPI.ESCAPES: f["escapes"],
        KPI.CAUGHT: f["caught"],
        KPI.INSPECTED: f["inspected"],
        KPI.RETESTED: f["retested"],
        KPI.QUARANTINED: f["quarantined"],
        KPI.QA_HOURS: f["qa_hours"],
        KPI.RETEST_HOURS: f["retest_hours"],
        KPI.LINE_QUALITY: 100.0 * good / started if started else float("nan"),
    }


def quality_costs(model: LineModel) -> dict[str, float]:
    """Cost items of the quality mechanics (names as in ``cost <item> [<currency>]``)."""
    q = model.scenario.quality
    assert q is not None and model.quality is not None  # only called with a [quality] section
    f = model.quality.figures()
    return {
        "escapes": f["escapes"] * q.escape_cost,
        "defect repair": f["caught"] * q.repair_cost,
        "extended test": f["retest_hours"] * (q.retest.cost_per_hour if q.retest else 0.0),
        "cooling": f["cooling_hours"] * (q.cooling.cost_per_hour if q.cooling else 0.0),
    }
