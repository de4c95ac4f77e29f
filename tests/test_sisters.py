"""Sister sites that answer (issue #14, mechanic 6), against hand computations.

Czechia holds 300 kg alloy; its customers take 60 kg a day and it keeps 2 days of that (120 kg)
back. At Tue 10:30 (t = 1440 + 630 = 2070 min) its books show 300 - 60 x 2070 / 1440 = 213.75
kg, so it can spare floor(213.75 - 120) = 93 kg: a request for 204 kg gets a counter-offer of
93 kg. Portugal holds 200 kg, its customers take 20 kg a day, 3 days kept back (60 kg); at Tue
13:30 (t = 2250) it has 200 - 20 x 2250 / 1440 = 168.75 kg and can spare floor(108.75) = 108
kg: a request for 99 kg is accepted in full. With nothing left above the reserve a request is
refused.
"""

from __future__ import annotations

import pytest
from invariants import check_all

from sim import load_scenario, run, with_overrides
from sim.agents.setup import agent_levels, make_agent_model
from sim.agents.sisters import Request, SisterBooks
from sim.errors import ScenarioError


def _site(name: str):  # noqa: ANN202
    return load_scenario("sister_sites").agents.sisters[name]


def test_books_by_hand() -> None:
    cz = SisterBooks(_site("czechia"))
    assert cz.stock("alloy", 2070) == pytest.approx(213.75)
    assert cz.reserve("alloy") == 120
    assert cz.available("alloy", 2070) == 93
    answer = cz.answer(Request("czechia", "alloy", 204, 2010, 2070, 1, "t"), 2070)
    assert (answer.kind, answer.quantity) == ("partial", 93)
    assert cz.available("alloy", 2070) == 0  # the offer is held
    again = cz.answer(Request("czechia", "alloy", 10, 2070, 2070, 2, "t"), 2070)
    assert (again.kind, again.quantity) == ("refuse", 0)
    cz.confirm(answer, 93)  # taken: gone from the books
    assert cz.stock("alloy", 2070) == pytest.approx(213.75 - 93)
    assert cz.available("alloy", 2070) == 0
    pt = SisterBooks(_site("portugal"))
    assert pt.available("alloy", 2250) == 108
    full = pt.answer(Request("portugal", "alloy", 99, 2070, 2250, 2, "t"), 2250)
    assert (full.kind, full.quantity) == ("accept", 99)
    pt.confirm(full, 0)  # declined: free again
    assert pt.available("alloy", 2250) == 108


def test_the_planner_negotiates_in_rounds() -> None:
    """Rule planner (no forecast, accepts every offer): round 1 to Czechia (cheapest: 1.5 + 0.9
    EUR/kg) for the shortfall, a counter-offer of 93 kg at Tue 10:30, accepted; round 2 to
    Portugal for the rest, offered in full at Tue 13:30. What they gave is off their books."""
    scn = with_overrides(load_scenario("sister_sites"), {"agents.planner.policy": "rule"})
    model = make_agent_model(scn, 1, agent_levels(scn, None), None, None, None)
    model.run()
    d = model.result().decisions
    rounds = d[d["agent"].isin(["czechia", "portugal"])
               | d["choice"].str.startswith(("request_", "accept_"))]
    assert list(rounds["choice"])[:4] == ["request_czechia", "partial", "accept_czechia",
                                          "request_portugal"]
    partial = rounds[rounds["choice"] == "partial"].iloc[0]
    assert partial["when"] == "Tue 10:30" and "93 kg" in partial["observed"]
    sisters = {r.role.role: r.role for r in model.agents if hasattr(r.role, "books")}
    assert sisters["czechia"].books.given["alloy"] == 93
    asked = d[d["choice"] == "request_portugal"].iloc[0]
    ask_qty = float(asked["options"][0]["description"].split(" for ")[1].split(" kg")[0])
    transfers = [s for s in model.line.materials.shipments if s.source in sisters]
    assert [s.source for s in transfers] == ["czechia", "portugal"]
    assert transfers[0].quantity == 93
    # Portugal offered all that was asked; the planner takes only what is still short then
    # (the resequenced line used less alloy meanwhile); the rest is free on its books again.
    taken = transfers[1].quantity
    assert 0 < taken <= ask_qty
    assert sisters["portugal"].books.given["alloy"] == taken
    assert sisters["portugal"].books.held["alloy"] == 0
    assert transfers[0].due == pytest.approx(2070 + 600)  # accepted at 10:30, 10 h truck
    check_all(model.line)


def test_unknown_material_at_a_sister_is_refused() -> None:
    scn = load_scenario("sister_sites")
    with pytest.raises(ScenarioError, match="sisters.czechia.stock.steel"):
        with_overrides(scn, {"agents.sisters.czechia.stock.steel": {"quantity": 1}})


@pytest.mark.parametrize("name", ["sister_sites", "reorder_watch"])
def test_the_new_scenarios_are_deterministic_per_seed(name: str) -> None:
    """The same scenario and seed give byte-identical KPIs and journals (agents on)."""
    first, second = (run(name, seed=2) for _ in range(2))
    assert first.kpis.to_csv() == second.kpis.to_csv()
    assert first.decisions.to_csv() == second.decisions.to_csv()
    assert len(first.decisions) > 0
