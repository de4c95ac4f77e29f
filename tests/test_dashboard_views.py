"""Tables, texts and the live figure of the dashboard (plain Python, no browser)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

import sim
from sim.dashboard.views import (
    KPI_ROWS,
    clock_text,
    happenings,
    html_table,
    journal_table,
    kpi_comparison,
    kpi_display,
    kpi_names,
)
from sim.i18n import language, ui, ui_keys
from sim.labels import SYNTHETIC_LABEL
from sim.line.station import STATES
from sim.plots.live import STATE_COLOURS, line_figure, state_intervals


@pytest.fixture(scope="module")
def week():
    return sim.run("baseline", seed=1)


@pytest.fixture(scope="module")
def other_week():
    return sim.run("baseline", seed=2)


FIELDS = {"name": "x", "unit": "u", "agent": "planner", "when": "Mon", "percent": "5", "why": "w",
          # classroom mode (ui.class.*)
          "url": "http://h/", "code": "K7PQ3X", "trigger": "t", "amount": "1", "n": 2,
          "same": 1, "option": "o", "team": "A", "score": "9", "wait": "8", "low": "0",
          "high": "1", "hours": "3"}


def test_every_dashboard_text_exists_in_both_languages():
    for key in ui_keys():
        with language("en"):
            english = ui(key, **FIELDS)
        with language("de"):
            german = ui(key, **FIELDS)
        assert english.strip() and german.strip()
    with language("de"):
        assert ui("run") == "Start" and ui("reset") == "Zurücksetzen"
    with pytest.raises(KeyError):
        ui("no such key")


def test_kpi_names_follow_the_page_order_and_currency(week):
    names = kpi_names(week)
    assert names[0] == "output [units]"
    assert "cost [EUR]" in names and "cost per unit [EUR/unit]" in names
    assert len(names) == len(KPI_ROWS)  # the baseline week has every KPI the page shows


def test_kpi_comparison_differences(week, other_week):
    alone = kpi_comparison(week)
    assert list(alone.columns) == ["value"]
    assert alone.loc["output [units]", "value"] == week.kpis["output [units]"]
    table = kpi_comparison(other_week, baseline=week)
    assert list(table.columns) == ["baseline", "agents", "delta", "delta_pct"]
    for name in table.index:
        base, agents = week.kpis[name], other_week.kpis[name]
        assert table.loc[name, "delta"] == pytest.approx(agents - base, nan_ok=True)
        if base != 0 and not np.isnan(base):
            assert table.loc[name, "delta_pct"] == pytest.approx(100 * (agents - base) / base)
        else:
            assert np.isnan(table.loc[name, "delta_pct"])
    assert table.attrs["synthetic"] is True


def test_kpi_display_translates_and_formats(week):
    table = kpi_comparison(week, baseline=week)
    with language("en"):
        shown = kpi_display(table)
        assert shown.loc["output [units]", "baseline (wait)"] == "540"
        assert shown.loc["output [units]", "difference"] == "0"
    with language("de"):
        shown = kpi_display(table)
        assert shown.index.name == "Kennzahl"
        assert shown.loc["Ausbringung [Stk]", "Referenz (abwarten)"] == "540"
        assert shown.loc["Energie [kWh]", "Agenten"] == "3.051"  # thousands dot in German
        assert shown.loc["Durchsatz [Stk/h]", "Agenten"] == "4,5"


def test_html_table_escapes_and_marks_numbers():
    table = pd.DataFrame({"a": ["<script>x</script>", "1"]}, index=["r&1", "r2"])
    text = html_table(table, "wh-kpis", caption="<b>", right_align=["a"])
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "r&amp;1" in text and "<caption>&lt;b&gt;</caption>" in text
    assert text.startswith("<table class='wh-table wh-kpis'>")
    assert text.count("<td class='num'>") == 2


def test_journal_times_become_clock_readings(week):
    assert journal_table(week).empty
    decided = sim.Result(kpis=week.kpis, timeseries=week.timeseries, stations=week.stations,
                         events=week.events, metadata=week.metadata,
                         decisions=pd.DataFrame({"time": [34 * 60.0 + 30], "agent": ["planner"],
                                                 "option": ["transfer"]}))
    journal = journal_table(decided)
    assert journal.loc[0, "time"] == "Tue 10:30"
    with language("de"):
        assert journal_table(decided).loc[0, "time"] == "Di 10:30"
    assert journal.loc[0, "option"] == "transfer"


def test_happenings_narrate_the_log(week):
    lines = happenings(week, last=50)
    assert any("is down (failure)" in line for line in lines)
    assert all(line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri") for line in lines)
    breakdowns = int(week.kpis["breakdowns [count]"])
    repairs = sum("runs again" in line for line in happenings(week, last=10_000))
    assert repairs == breakdowns


def test_clock_text():
    with language("en"):
        assert clock_text(34 * 60 + 30, 7200) == (
            "Simulated time: Tue 10:30 (29 % of the horizon)")
    with language("de"):
        assert clock_text(7200, 7200).startswith("Simulierte Zeit: Sa 00:00 (100 %")


def test_state_intervals_add_up_to_the_station_shares(week):
    horizon_h = week.metadata["horizon_h"]
    spans = state_intervals(week, horizon_h)
    assert len(spans) == int(week.stations["machines"].sum())
    for intervals in spans.values():
        starts = [s for s, _w, _st in intervals]
        assert starts[0] == 0.0 and starts == sorted(starts)
        assert sum(w for _s, w, _st in intervals) == pytest.approx(horizon_h)
    for station, row in week.stations.iterrows():
        total = Counter()
        for (name, _machine), intervals in spans.items():
            if name == station:
                for _s, width, state in intervals:
                    total[state] += width
        for state in STATES:
            share = total[state] / (row["machines"] * horizon_h)
            assert share == pytest.approx(row[f"share_{state}"], abs=1e-9)


def test_line_figure_has_four_panels_and_the_label(week, other_week):
    assert set(STATE_COLOURS) == set(STATES)
    with language("en"):
        fig = line_figure(other_week, week, now=3000.0, horizon=7200.0)
    assert len(fig.axes) == 4
    footer = {x.get_gid(): x.get_text() for x in fig.texts}["synthetic-footer"]
    assert SYNTHETIC_LABEL in footer
    assert fig.axes[3].get_xlim() == (0.0, 120.0)
    # the baseline is drawn dashed next to the watched run in the output panel
    styles = {line.get_linestyle() for line in fig.axes[1].lines}
    assert {"-", "--"} <= styles
    with language("de"):
        fig = line_figure(week, None, now=7200.0, horizon=7200.0)
    assert "SYNTHETISCH" in {x.get_gid(): x.get_text() for x in fig.texts}["synthetic-footer"]
    legend = [text.get_text() for text in fig.axes[3].get_legend().get_texts()]
    assert "in Bearbeitung" in legend and "Störung/Wartung" in legend
