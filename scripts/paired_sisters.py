"""Paired effect of sister sites that answer (issue #14, mechanic 6), seeds 1-20.

Usage: ``python scripts/paired_sisters.py [SCENARIO]`` (default ``sister_sites``). Runs the
scenario's agents (the same planner, supplier and maintenance in every configuration) with

* ``answering``: the sister sites as configured (``[agents.sisters]``: own books, response
  delay, accept / counter-offer / refuse, rounds);
* ``no sisters``: ``agents.sisters = {}`` (nobody to ask);
* ``static offers``: no answering sisters, but each sister's whole starting stock as a fixed
  ``[agents.sites]`` stock offer with the same lead time, price, transport cost and CO2 (the
  older model: always there, always all of it, no customers, no delay);

on seeds 1..20 (common random numbers) and prints per KPI the mean of each configuration and
the paired differences ``answering - no sisters`` and ``answering - static offers`` with 95 %
Student-t intervals (:func:`sim.experiments.stats.mean_ci`). Results are SYNTHETIC.
"""

from __future__ import annotations

import sys

from paired_common import print_against, runs_of

from sim import load_scenario, with_overrides

KPIS = ["output [units]", "material shortage at first station [h]", "on-time delivery [%]",
        "late units [units]", "cost [EUR]", "CO2 transport [kg]"]


def main(argv: list[str]) -> None:
    """Run the three configurations and print the table."""
    name = argv[0] if argv else "sister_sites"
    base = load_scenario(name)
    static = {f"sister_{site}_{material}": {
        "kind": "stock", "material": material, "quantity": stock.quantity,
        "lead_time": f"{spec.lead_time} min", "unit_cost": stock.unit_price,
        "transport": spec.transport, "transport_cost_per_unit": spec.transport_cost_per_unit,
        "co2_kg_per_unit": spec.co2_kg_per_unit}
        for site, spec in base.agents.sisters.items() for material, stock in spec.stock.items()}
    configs = {
        "answering": base,
        "no sisters": with_overrides(base, {"agents.sisters": {}}),
        "static offers": with_overrides(base, {"agents.sisters": {}, "agents.sites": {
            **{k: v.model_dump() for k, v in base.agents.sites.items()}, **static}}),
    }
    runs = {key: runs_of(scn) for key, scn in configs.items()}
    print(f"SYNTHETIC - {name}: sister sites that answer vs none vs static offers, agents as "
          f"configured, seeds 1-20, paired, 95 % t CI")
    print_against(runs, KPIS, ("answering", "none", "static"))

if __name__ == "__main__":
    main(sys.argv[1:])
