"""The names of the line KPIs other rooms refer to: one owner for the words of ``Result.kpis``.

A KPI name is what a person reads (``"on-time delivery [%]"``: stem and unit) and it is also
the key of ``Result.kpis``, of experiment tables and of CSV files. Code that needs a KPI refers
to it through :class:`KPI` instead of spelling the label again; names carrying the currency
are built by :func:`KPI.cost` and friends. :data:`HEADLINE` is the one list of headline KPIs:
the end-of-day balance of a comparison and the dashboard's key figures; :data:`SUMMARY` is
the short list for experiment plots and CLI summaries.
"""

from __future__ import annotations

__all__ = ["HEADLINE", "KPI", "SUMMARY", "headline"]


class KPI:
    """KPI names (the index of :attr:`sim.Result.kpis`), as constants."""

    OUTPUT = "output [units]"
    THROUGHPUT = "throughput [units/h]"
    CYCLE_TIME = "cycle time mean [h]"
    WIP = "WIP mean [units]"
    SCRAP = "scrap [units]"
    AVAILABILITY = "availability [%]"
    QUALITY = "quality [%]"
    OEE = "OEE [%]"
    DOWNTIME = "downtime [h]"
    SHORTAGE = "material shortage at first station [h]"
    ON_TIME = "on-time delivery [%]"
    LATE_UNITS = "late units [units]"
    BACKLOG = "backlog [units]"
    OVERTIME = "overtime [h]"
    ENERGY = "energy [kWh]"
    CO2 = "CO2 [kg]"
    CO2_TRANSPORT = "CO2 transport [kg]"
    BREAKDOWNS = "breakdowns [count]"
    # ``[quality]`` only (sim.line.inspection; absent otherwise)
    ESCAPES = "escapes [units]"
    CAUGHT = "caught defects [units]"
    INSPECTED = "parts inspected by QA [units]"
    RETESTED = "parts re-tested [units]"
    QUARANTINED = "parts in quarantine at end [units]"
    LINE_QUALITY = "line quality [%]"
    HIDDEN_DEFECTS = "hidden defects made [units]"
    QA_HOURS = "QA inspection [h]"
    RETEST_HOURS = "extended test [h]"

    @staticmethod
    def cost(currency: str) -> str:
        """``cost [<currency>]``: the run's total cost."""
        return f"cost [{currency}]"

    @staticmethod
    def cost_per_unit(currency: str) -> str:
        """``cost per unit [<currency>/unit]``."""
        return f"cost per unit [{currency}/unit]"

    @staticmethod
    def late_penalty(currency: str) -> str:
        """``cost late penalty [<currency>]``."""
        return f"cost late penalty [{currency}]"

    @staticmethod
    def outsourced(currency: str) -> str:
        """``cost outsourced [<currency>]``."""
        return f"cost outsourced [{currency}]"


HEADLINE = (
    KPI.OUTPUT, KPI.THROUGHPUT, KPI.ON_TIME, KPI.LATE_UNITS, KPI.BACKLOG, KPI.SHORTAGE,
    KPI.DOWNTIME, KPI.AVAILABILITY, KPI.OEE, KPI.QUALITY, KPI.WIP, KPI.CYCLE_TIME, KPI.OVERTIME,
    KPI.ENERGY, KPI.CO2, KPI.CO2_TRANSPORT, "cost [{cur}]", "cost per unit [{cur}/unit]",
    "cost late penalty [{cur}]", "cost outsourced [{cur}]",
)
"""The headline KPIs, in the order people read them (``{cur}``: the scenario's currency): the
end-of-day balance of a comparison and the dashboard's key figures."""

SUMMARY = (KPI.THROUGHPUT, KPI.ON_TIME, KPI.OEE, KPI.CYCLE_TIME, KPI.WIP, KPI.SHORTAGE, KPI.CO2)
"""The short list, where space is scarce: experiment plots and CLI summaries."""


def headline(currency: str) -> list[str]:
    """:data:`HEADLINE` with the currency filled in."""
    return [name.format(cur=currency) for name in HEADLINE]
