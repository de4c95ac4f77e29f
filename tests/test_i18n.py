"""German/English catalogue: KPI names, states, narrative, language switching."""

from __future__ import annotations

import string
import threading

import pytest

import sim
from sim import i18n
from sim.labels import SYNTHETIC_LABEL, banner
from sim.line.station import STATES
from sim.scenario import load_scenario, with_overrides


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def disrupted_run():
    scn = with_overrides(load_scenario("baseline"), {
        "horizon": "2 d",
        "disruptions": {
            "rail": {"kind": "delivery_delay", "at": "Mon 09:30", "material": "alloy",
                     "delay": "30 h"},
            "cancel": {"kind": "delivery_cancel", "at": "Mon 10:00", "material": "housing"},
            "r7": {"kind": "breakdown", "at": "Mon 11:15", "station": "robot_r7",
                   "duration": "2 h"},
            "flu": {"kind": "staff_absence", "at": "Tue 07:00", "count": 2, "duration": "3 h"},
            "drop": {"kind": "order_cancel", "at": "Mon 12:00", "order": "tue-sensor"},
        },
    })
    return sim.run(scn, seed=3, event_log=True)


def test_default_is_english_and_exported():
    assert sim.get_language() == "en"
    assert sim.set_language is i18n.set_language
    assert "set_language" in sim.__all__


def test_unknown_language_is_rejected_and_default_kept():
    i18n.set_language("de")
    with pytest.raises(ValueError, match="expected one of en, de"):
        i18n.set_language("fr")
    assert i18n.get_language() == "de"


def test_catalogue_is_complete_and_placeholders_match():
    fields = string.Formatter()
    for key in i18n.keys():
        en, de = i18n._CATALOGUE[key]
        assert en.strip() and de.strip(), key
        names_en = {f for _, f, _, _ in fields.parse(en) if f}
        names_de = {f for _, f, _, _ in fields.parse(de) if f}
        assert names_en == names_de, key


def test_english_synthetic_label_is_the_projects_label():
    assert i18n.synthetic_label() == SYNTHETIC_LABEL
    i18n.set_language("de")
    assert i18n.synthetic_label().startswith("SYNTHETISCH:")
    assert i18n.t("label.synthetic_short") == "SYNTHETISCH"


def test_banner_keeps_the_fingerprint(disrupted_run):
    meta = disrupted_run.metadata
    assert i18n.banner(meta) == banner(meta) == disrupted_run.banner
    i18n.set_language("de")
    german = i18n.banner(meta)
    assert german.startswith("SYNTHETISCH")
    assert german.endswith(disrupted_run.fingerprint)


def test_t_formats_and_unknown_key_fails():
    i18n.set_language("de")
    assert i18n.t("story.human_chose", option="warten") == "ein Mensch wählt „warten“"
    with pytest.raises(KeyError):
        i18n.t("axis.no_such_thing")


def test_every_core_kpi_has_a_german_name(disrupted_run):
    names = list(disrupted_run.kpis.index)
    assert [i18n.kpi_label(n) for n in names] == names  # English: identity
    i18n.set_language("de")
    german = [i18n.kpi_label(n) for n in names]
    same_in_both = {"CO2 [kg]"}
    untranslated = [n for n, g in zip(names, german, strict=True)
                    if g == n and n not in same_in_both]
    assert untranslated == []
    assert len(set(german)) == len(german)  # no two KPIs collapse onto one label


@pytest.mark.parametrize(("name", "expected"), [
    ("throughput [units/h]", "Durchsatz [Stk/h]"),
    ("output servo [units]", "Ausbringung servo [Stk]"),
    ("cost per unit [EUR/unit]", "Kosten je Stück [EUR/Stk]"),
    ("cost late penalty [EUR]", "Kosten Vertragsstrafen [EUR]"),
    ("breakdowns [count]", "Ausfälle [Anzahl]"),
    ("OEE [%]", "OEE (Gesamtanlageneffektivität) [%]"),
    ("some new kpi [h]", "some new kpi [h]"),
    ("no unit at all", "no unit at all"),
])
def test_kpi_label_examples(name, expected):
    i18n.set_language("de")
    assert i18n.kpi_label(name) == expected


def test_translate_kpis_keeps_values_and_label(disrupted_run):
    i18n.set_language("de")
    german = i18n.translate_kpis(disrupted_run.kpis)
    assert list(german.values) == list(disrupted_run.kpis.values)
    assert german.attrs["label"] == SYNTHETIC_LABEL
    assert "Durchsatz [Stk/h]" in german.index
    assert "throughput [units/h]" in disrupted_run.kpis.index  # original untouched


def test_states_are_translated_distinctly():
    i18n.set_language("de")
    labels = [i18n.state_label(s) for s in STATES]
    assert len(set(labels)) == len(STATES)
    assert all(label != state for label, state in zip(labels, STATES, strict=True))
    assert i18n.state_label("unheard_of") == "unheard_of"


@pytest.mark.parametrize(("minutes", "en", "de"), [
    (570, "Mon 09:30", "Mo 09:30"),
    (1440 + 14 * 60, "Tue 14:00", "Di 14:00"),
    (7 * 1440 + 6 * 1440 + 5, "Sun+1 00:05", "So+1 00:05"),
])
def test_when(minutes, en, de):
    assert i18n.when(minutes) == en
    with i18n.language("de"):
        assert i18n.when(minutes) == de


def test_number_uses_decimal_comma_in_german():
    assert i18n.number(12345.678) == "12,345.7"
    with i18n.language("de"):
        assert i18n.number(12345.678, 2) == "12.345,68"


def test_every_announcement_of_a_run_has_a_phrase(disrupted_run):
    events = disrupted_run.events
    announced = events[~events["kind"].isin(["state", "release", "finish", "scrap"])]
    kinds = set(announced["kind"])
    assert {"delivery_delayed", "delivery_cancelled", "breakdown", "repaired", "staff_absent",
            "staff_back", "order_cancelled", "delivery"} <= kinds
    for lang in ("en", "de"):
        with i18n.language(lang):
            for row in announced.to_dict("records"):
                data = {k: v for k, v in row.items() if k not in ("kind", "time_h")
                        and v == v}  # drop NaN columns of other kinds
                data["time"] = row["time_h"] * 60.0
                line = i18n.narrate(row["kind"], data)
                assert f"{row['kind']}:" not in line, line  # a phrase, not the fallback
                assert line.startswith(i18n.when(data["time"]))


def test_narrate_translates_fields():
    data = {"time": 570.0, "material": "alloy", "until": 570.0 + 72 * 60, "delay": 72 * 60.0,
            "quantity": 280.0}
    en = i18n.narrate("delivery_delayed", data)
    assert en == ("Mon 09:30  supplier reports that alloy deliveries are delayed until Thu 09:30"
                  " (280 affected)")
    with i18n.language("de"):
        de = i18n.narrate("breakdown", {"station": "robot_r7", "machine": 0,
                                        "cause": "maintenance"})
    assert de == "Roboterarm R7 Maschine 0 steht (geplante Wartung)"
    assert i18n.narrate("mystery", {"x": 1}) == "mystery: x=1"
    assert i18n.narrate("breakdown", {"station": "cnc"}) == "breakdown: station=cnc"


def test_language_block_is_local_to_its_thread():
    seen = {}
    entered = threading.Event()
    release = threading.Event()

    def worker():
        with i18n.language("de"):
            entered.set()
            release.wait(5)
            seen["worker"] = i18n.get_language()

    thread = threading.Thread(target=worker)
    thread.start()
    entered.wait(5)
    seen["main"] = i18n.get_language()
    release.set()
    thread.join(5)
    assert seen == {"main": "en", "worker": "de"}
    assert i18n.get_language() == "en"


def test_language_block_restores_the_default():
    i18n.set_language("de")
    with i18n.language("en"):
        assert i18n.t("state.busy") == "busy"
    assert i18n.t("state.busy") == "in Bearbeitung"


@pytest.mark.parametrize(("name", "en", "de"), [
    ("wait", "wait for the delayed delivery", "die verspätete Lieferung abwarten"),
    ("transfer_czech", "transfer stock from a sister site (czech)",
     "Bestand von einem Schwesterstandort holen (Werk Tschechien)"),
    ("reassign_staff", "reassign staff to quality checks",
     "Personal in die Qualitätsprüfung umsetzen"),
    ("transfer_czech+resequence",
     "transfer stock from a sister site (czech) + re-sequence: pull other work forward",
     "Bestand von einem Schwesterstandort holen (Werk Tschechien) + umplanen: andere Aufträge"
     " vorziehen"),
    ("teleport_mars", "teleport_mars", "teleport_mars"),
])
def test_option_label(name, en, de):
    assert i18n.option_label(name) == en
    with i18n.language("de"):
        assert i18n.option_label(name) == de


def test_every_option_of_the_supply_vignette_is_translated():
    from sim.agents.policies import TwinPlanner

    class Keep(TwinPlanner):
        seen = []

        def decide(self, situation):
            self.seen.extend(o.name for o in situation.candidates)
            return super().decide(situation)

    sim.run("supply_disruption", seed=1, policies={"planner": Keep()})
    names = set(Keep.seen)
    assert {"wait", "resequence"} <= names
    with i18n.language("de"):
        assert all(i18n.option_label(n) != n for n in names), names
