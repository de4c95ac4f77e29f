"""A sister site's own capacity book (issue #14, mechanic 6), against hand computations.

``scenarios/sister_capacity.toml``: Portugal builds 40 servo a day and its own customers'
orders take 30 a day, so it has 40 - 30 = 10 a day to spare. The rail outage is reported at
Tue 09:30 (t = 1440 + 570 = 2010 min) with the supply believed back Fri 06:00 (t = 4 x 1440 +
360 = 6120 min): the request covers d = (6120 - 2010) / 1440 = 4110 / 1440 = 2.8541... days,
so the site has 10 x 2.8541... = 28.54... units of capacity for us and offers floor(28.54) = 28.
A request for 102 units (ceil(204 kg short / 2 kg alloy per servo) = 102) gets a counter-offer
of 28; while that offer is held a second request is refused (0 free). If the planner takes 20
of the 28, they are booked out: free = floor(28.54 - 20) = 8, and a request for 5 is accepted.
Portugal answers 3 h after the request (its response delay): Tue 12:30.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from invariants import check_all

from sim import i18n, load_scenario, with_overrides
from sim.agents.setup import agent_levels, make_agent_model
from sim.agents.sisters import Request, SisterBooks
from sim.errors import ScenarioError
from sim.line.model import LineModel
from sim.scenario import budget

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "sister_capacity.toml"
DAYS = (6120 - 2010) / 1440


def _capacity(qty: float, sent: float = 2010) -> Request:
    return Request("portugal", "alloy", qty, sent, sent + 180, 1, "t", "capacity", DAYS)


def test_capacity_book_by_hand() -> None:
    books = SisterBooks(load_scenario(SCENARIO).agents.sisters["portugal"])
    cap = books.capacity
    assert cap.spare(DAYS) == pytest.approx(10 * 4110 / 1440)  # 28.54...
    assert cap.free(DAYS) == 28
    first = books.answer(_capacity(102), 2190)
    assert (first.kind, first.quantity) == ("partial", 28)
    second = books.answer(_capacity(10), 2190)
    assert (second.kind, second.quantity) == ("refuse", 0)  # the 28 are held
    books.confirm(second, 0)
    books.confirm(first, 20)  # 20 taken: booked out of its capacity
    assert (cap.promised, cap.held) == (20, 0)
    assert cap.free(DAYS) == 8  # floor(28.54 - 20)
    third = books.answer(_capacity(5), 2190)
    assert (third.kind, third.quantity) == ("accept", 5)
    assert books.available("alloy", 2250) == 108  # its stock books are untouched


def test_the_planner_negotiates_capacity_through_the_mailbox() -> None:
    """Rule planner (accepts every offer): at Tue 09:30 it asks Portugal to build 102 units
    (beside the stock request to Czechia); Portugal answers at 12:30 with 28; the planner moves
    28 units there (28 x 38 EUR = 1064 EUR outsourced), booked out of Portugal's capacity."""
    scn = with_overrides(load_scenario(SCENARIO), {"agents.planner.policy": "rule"})
    model = make_agent_model(scn, 1, agent_levels(scn, None), None, None, None)
    model.run()
    d = model.result().decisions
    asked = d[d["choice"] == "request_capacity_portugal"].iloc[0]
    assert asked["when"] == "Tue 09:30" and "102 unit(s)" in asked["observed"]
    answer = d[(d["agent"] == "portugal") & d["trigger"].str.contains("capacity")].iloc[0]
    assert (answer["when"], answer["choice"]) == ("Tue 12:30", "partial")
    assert "28 to spare" in answer["observed"]
    moved = d[d["choice"] == "outsource_portugal"].iloc[0]
    assert moved["when"] == "Tue 12:30"
    sisters = {r.role.role: r.role for r in model.agents if hasattr(r.role, "books")}
    cap = sisters["portugal"].books.capacity
    assert (cap.promised, cap.held) == (28, 0)
    assert model.line.external_cost == pytest.approx(28 * 38.0)
    check_all(model.line)


def test_capacity_answers_are_journaled_in_german() -> None:
    """The same run's journal, rendered in German, carries the German capacity texts."""
    scn = with_overrides(load_scenario(SCENARIO), {"agents.planner.policy": "rule"})
    model = make_agent_model(scn, 1, agent_levels(scn, None), None, None, None)
    model.run()
    d = model.result().decisions
    with i18n.language("de"):
        text = " ".join(m.shown() for m in [*d["observed"], *d["trigger"]])
    assert "28 frei" in text and "Kapazitätsanfrage (Runde 1)" in text


def test_unknown_capacity_variant_is_refused() -> None:
    with pytest.raises(ScenarioError, match="sisters.portugal.capacity.variants"):
        with_overrides(load_scenario(SCENARIO),
                       {"agents.sisters.portugal.capacity.variants": ["gearbox"]})


def test_without_the_book_nobody_is_asked_for_capacity() -> None:
    scn = with_overrides(load_scenario(SCENARIO), {"agents.planner.policy": "rule",
                                                   "agents.sisters.portugal.capacity": None})
    model = make_agent_model(scn, 1, agent_levels(scn, None), None, None, None)
    model.run()
    d = model.result().decisions
    assert not d["choice"].str.contains("capacity").any()
    assert model.line.external_cost == 0


def test_budget_and_invariants_without_agents() -> None:
    """Agents off: the line's invariants hold and the work budget's estimate bounds the run."""
    scn = load_scenario(SCENARIO)
    model = LineModel(scn, seed=1)
    model.run()
    check_all(model)
    real = next(model.env._eid)
    assert real <= budget.estimate(scn, agents_on=False).events <= 10 * real
