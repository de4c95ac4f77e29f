"""Paired effect of a sister site's own capacity book (issue #14, mechanic 6), seeds 1-20.

Usage: ``python scripts/paired_sister_capacity.py [SCENARIO] [POLICY]`` (default
``scenarios/sister_capacity.toml`` and the scenario's planner policy; ``rule`` takes every
offer, ``twin`` weighs each in the forecast). Runs the scenario's agents (the same planner,
supplier, maintenance and answering stock books in every configuration) with

* ``book``: the capacity books as configured (``[agents.sisters.<name>] capacity``: the site
  answers requests for outsourced units after its response delay, only from the capacity left
  after its own customers' orders and earlier promises);
* ``no book``: every ``capacity`` removed (the sister sites answer for stock only);
* ``fixed site``: no capacity books, but each one as a fixed ``[agents.sites]`` ``kind =
  "capacity"`` site with the site's whole ``units_per_day`` (the older model: never asked, no
  own customers, no response delay), same price, CO2 and lead time;

on seeds 1..20 (common random numbers) and prints per KPI the mean of each configuration and
the paired differences ``book - no book`` and ``book - fixed site`` with 95 % Student-t
intervals (:func:`sim.experiments.stats.mean_ci`). Results are SYNTHETIC.
"""

from __future__ import annotations

import sys
from pathlib import Path

from paired_common import print_against, runs_of

from sim import load_scenario, with_overrides

KPIS = ["output [units]", "material shortage at first station [h]", "on-time delivery [%]",
        "late units [units]", "cost [EUR]", "cost outsourced [EUR]", "CO2 transport [kg]"]
DEFAULT = Path(__file__).resolve().parents[1] / "scenarios" / "sister_capacity.toml"


def main(argv: list[str]) -> None:
    """Run the three configurations and print the table."""
    name = argv[0] if argv else str(DEFAULT)
    base = load_scenario(name)
    if len(argv) > 1:
        base = with_overrides(base, {"agents.planner.policy": argv[1]})
    booked = {n: s for n, s in base.agents.sisters.items() if s.capacity is not None}
    plain = {f"agents.sisters.{n}.capacity": None for n in booked}
    fixed = {f"{n}_capacity": {
        "kind": "capacity", "variants": s.capacity.variants,
        "units_per_day": int(s.capacity.units_per_day),
        "lead_time": f"{s.capacity.lead_time} min", "cost_per_unit": s.capacity.price_per_unit,
        "co2_kg_per_unit": s.capacity.co2_kg_per_unit} for n, s in booked.items()}
    sites = {k: v.model_dump() for k, v in base.agents.sites.items()}
    configs = {
        "book": base,
        "no book": with_overrides(base, plain),
        "fixed site": with_overrides(base, {**plain, "agents.sites": {**sites, **fixed}}),
    }
    runs = {key: runs_of(scn) for key, scn in configs.items()}
    print(f"SYNTHETIC - {base.name}: sister capacity book vs none vs fixed capacity site, "
          f"planner policy {base.agents.planner.policy}, seeds 1-20, paired, 95 % t CI")
    print_against(runs, KPIS, ("book", "no book", "fixed"))

if __name__ == "__main__":
    main(sys.argv[1:])
