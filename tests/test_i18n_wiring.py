"""The language setting reaches the standard plots, the comparison plots and the timeline."""

from __future__ import annotations

import re

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

import sim
from sim import i18n
from sim.plots.compare import plot_options, plot_stock_output
from sim.plots.run import plot_kpi_bars, plot_station_gantt, plot_wip_stock


@pytest.fixture(scope="module")
def comparison():
    return sim.compare("supply_disruption", seed=1)


def texts(fig: Figure) -> str:
    """Every text of a figure (titles, axis labels, tick labels, legends, annotations)."""
    return "\n".join(t.get_text() for t in fig.findobj(Text))


def test_german_timeline_uses_german_weekdays_and_phrases(comparison):
    with i18n.language("de"):
        german = sim.compare("supply_disruption", seed=1).timeline
    text = "\n".join(german)
    # one line per moment, same moments as in English, German weekday at the start
    assert len(german) == len(comparison.timeline)
    assert all(re.match(r"(Mo|Di|Mi|Do|Fr|Sa|So)(\+\d+)? \d\d:\d\d — ", line)
               for line in german)
    assert "Di 06:00 — " in text and "Di 06:00 — " not in "\n".join(comparison.timeline)
    # the outage is reported Tue 09:30 and the route is held until Fri 06:00 (see the vignette)
    assert "Di 09:30 — der Lieferant meldet" in text
    assert "bis Fr 06:00 unterbrochen" in text
    assert "[Referenz] die Station Zuschnitt wartet ab jetzt auf Material" in text
    assert "wählt „Bestand von einem Schwesterstandort holen (Werk Tschechien)“" in text
    assert german[-1].startswith("Sa 00:00 — Wochenbilanz")
    # English weekdays appear only inside the agents' own trigger strings (kept in English,
    # in brackets after the agent's name), never in the narrative's own words
    for line in german:
        assert not re.match(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ", line)
    assert "Tue " not in "\n".join(line.split(" (", 1)[0] for line in german)
    assert "weighs" not in text and "end-of-day balance" not in text


def test_german_balance_uses_decimal_comma(comparison):
    with i18n.language("de"):
        german = sim.compare("supply_disruption", seed=1).timeline[-1]
    english = comparison.timeline[-1]
    shortage = re.search(r"; ([\d.]+) h shortage", english)[1]
    assert f"; {shortage.replace('.', ',')} h Materialmangel" in german


def test_timeline_language_does_not_change_the_numbers(comparison):
    with i18n.language("de"):
        german = sim.compare("supply_disruption", seed=1)
    assert german.table.equals(comparison.table)
    assert i18n.get_language() == "en"


STANDARD = [
    (plot_station_gantt, "Station states over time", "Stationszustände über die Zeit"),
    (plot_wip_stock, "Work in progress and backlog", "Umlaufbestand und Rückstand"),
    (plot_kpi_bars, "Where the stations' time went", "Wofür die Stationen ihre Zeit brauchten"),
]


@pytest.mark.parametrize(("plot", "en", "de"), STANDARD, ids=[p.__name__ for p, _, _ in STANDARD])
def test_standard_plots_follow_the_language(comparison, plot, en, de):
    english = texts(plot(comparison.agents))
    with i18n.language("de"):
        german = texts(plot(comparison.agents))
    assert en in english and de not in english
    assert de in german and en not in german
    assert sim.SYNTHETIC_LABEL in english
    with i18n.language("de"):
        assert i18n.synthetic_label() in german


def test_standard_plot_states_and_kpis_are_translated(comparison):
    with i18n.language("de"):
        gantt = texts(plot_station_gantt(comparison.agents))
        bars = texts(plot_kpi_bars(comparison.agents))
    assert "in Bearbeitung" in gantt and "Zustand" in gantt
    assert "Verfügbarkeit" in bars and "Kosten je Stück [EUR/Stk]" in bars
    english = texts(plot_kpi_bars(comparison.agents))
    assert "busy" in english and "cost per unit [EUR/unit]" in english


COMPARISON = [
    (plot_stock_output, "with and without agents", "mit und ohne Agenten"),
    (plot_options, "lateness over the look-ahead", "Verspätung im Vorausschauzeitraum"),
]


@pytest.mark.parametrize(("plot", "en", "de"), COMPARISON,
                         ids=[p.__name__ for p, _, _ in COMPARISON])
def test_comparison_plots_follow_the_language(comparison, plot, en, de):
    english = texts(plot(comparison))
    with i18n.language("de"):
        german = texts(plot(comparison))
    assert en in english and de not in english
    assert de in german and en not in german


def test_comparison_plot_finds_cut_material_in_german(comparison):
    with i18n.language("de"):
        german = texts(plot_stock_output(comparison))
    # the stock panel shows the disrupted material, with and without agents
    assert "alloy: ohne Agenten" in german and "alloy: mit Agenten" in german
    with i18n.language("de"):
        options = texts(plot_options(comparison))
    # the decision comes with the supplier's 09:30 report (tracking's 06:30 sighting: wait)
    assert "transfer_czech (gewählt)" in options and "Di 09:30 Planer" in options
