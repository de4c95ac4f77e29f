"""Invariants every run of the line model must satisfy, as reusable check functions.

Other tests import these (``from invariants import check_all, run_checked``; pytest puts the
``tests`` folder on ``sys.path``). Each ``check_*`` function raises ``AssertionError`` with a
message that names the station, machine or material at fault, and returns nothing.

Model-level checks need the finished :class:`~sim.line.model.LineModel` (counters, buffers,
stock); result-level checks need only a :class:`~sim.results.Result`, so they also work on
results of ``sim.run`` with agents. ``check_littles_law_exact`` needs the event log.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from sim.line.model import LineModel
from sim.line.station import STATES
from sim.results import Result
from sim.results.collector import collect
from sim.scenario import Scenario, load_scenario

REL = 1e-9
"""Relative tolerance of exact (bookkeeping) identities: only float rounding is allowed."""


def _close(a: float, b: float, scale: float = 1.0, rel: float = REL) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b), scale)


# -- model-level checks ----------------------------------------------------------------------
def check_state_times(model: LineModel) -> None:
    """Each machine's state times are non-negative and sum to the elapsed time.

    Also after warm-up deletion: the post-warm-up times sum to the observed period.
    """
    model.flush()
    now = model.env.now
    base = (model.baseline or {}).get("time", {})
    warm = model.scenario.warmup if model.baseline else 0.0
    for st in model.stations:
        for m in st.machines:
            where = f"{st.name}[{m.index}]"
            assert set(m.time) == set(STATES), f"{where}: states {sorted(m.time)}"
            assert all(t >= -1e-9 for t in m.time.values()), f"{where}: negative {m.time}"
            assert m.state in STATES, f"{where}: unknown state {m.state!r}"
            total = sum(m.time.values())
            assert _close(total, now, now), f"{where}: state times sum {total} != clock {now}"
            if base:
                before = base[(st.name, m.index)]
                spent = [m.time[s] - before[s] for s in STATES]
                assert all(t >= -1e-9 for t in spent), f"{where}: negative after warm-up"
                assert _close(sum(spent), now - warm, now), (
                    f"{where}: post-warm-up state times {sum(spent)} != period {now - warm}")


def check_parts(model: LineModel) -> None:
    """Part conservation, for the line and for every station.

    Line: released == finished + scrapped + WIP. Station: parts that arrived (released, passed
    on by the upstream station, or sent back by a ``rework_to``) are waiting in or entering its
    buffer, were taken by a machine, and every taken part (plus every rework pass here) is
    processed or still on a machine; each machine holds at most one part.
    Processed == good + scrapped + reworked.
    """
    finished = sum(model.finished.values())
    assert model.wip >= 0, f"negative WIP {model.wip}"
    assert model.released == finished + model.scrapped + model.wip, (
        f"released {model.released} != finished {finished} + scrapped {model.scrapped}"
        f" + WIP {model.wip}")
    assert model.scrapped == sum(st.scrapped for st in model.stations)
    last = model.stations[-1]
    assert finished == last.good - last.held, "finished != good parts out of the last station"
    sent_back = dict.fromkeys(model.station, 0)  # rework routed to a station's buffer
    for st in model.stations:
        if st.rework_to is not None:
            sent_back[st.rework_to.name] += st.reworked
    arrived = model.released
    located = 0
    for st in model.stations:
        arrived += sent_back[st.name]
        assert st.processed == st.good + st.scrapped + st.reworked, (
            f"{st.name}: processed {st.processed} != good {st.good} + scrapped {st.scrapped}"
            f" + reworked {st.reworked}")
        assert st.processed == sum(m.processed for m in st.machines), st.name
        waiting = len(st.buffer.items)
        entering = len(st.buffer.put_queue)  # blocked upstream machine or release
        taken = arrived - waiting - entering
        own_rework = st.reworked if st.rework_to is None else 0
        on_machines = taken + own_rework - len(st.rework_queue) - st.processed
        assert 0 <= on_machines <= len(st.machines), (
            f"{st.name}: {on_machines} parts on {len(st.machines)} machine(s) (arrived"
            f" {arrived}, waiting {waiting}, entering {entering}, processed {st.processed})")
        located += waiting + entering + len(st.rework_queue) + on_machines + st.held
        arrived = st.good - st.held  # (transfer batches: the held parts have not moved yet)
    assert located == model.wip, f"parts found in the line {located} != WIP {model.wip}"


def check_materials(model: LineModel) -> None:
    """Material conservation: initial + received - consumed == stock; consumed == BOM x starts.

    Also: stock and pipeline are non-negative, nothing is received that was not shipped, and
    the running on-order total equals the open shipments.
    """
    mats = model.materials
    scenario = model.scenario
    for name, spec in scenario.materials.items():
        stock, received, consumed = mats.stock[name], mats.received[name], mats.consumed[name]
        scale = spec.initial + received
        assert stock >= -1e-9, f"{name}: negative stock {stock}"
        assert _close(spec.initial + received - consumed, stock, scale), (
            f"{name}: initial {spec.initial} + received {received} - consumed {consumed}"
            f" != stock {stock}")
        by_bom = sum(v.bom.get(name, 0.0) * mats.started[vn] for vn, v in scenario.variants.items())
        assert _close(consumed, by_bom, scale), f"{name}: consumed {consumed} != BOM x {by_bom}"
        arrived = sum(s.quantity for s in mats.shipments
                      if s.material == name and s.arrived is not None)
        assert _close(arrived, received, scale), f"{name}: received {received} != {arrived}"
        assert mats.pipeline(name) >= -1e-9
        on_order = sum(s.quantity for s in mats.shipments
                       if s.material == name and s.arrived is None and not s.cancelled)
        assert _close(mats.pipeline(name), on_order, scale), (
            f"{name}: running on-order {mats.pipeline(name)} != open shipments {on_order}")
        assert mats.backorders(name) >= 0, f"{name}: negative backorders"
    started = sum(mats.started.values())
    first = model.stations[0]
    # every started part was taken by a first-station machine (the only place that starts)
    assert started <= model.released, f"started {started} > released {model.released}"
    again = first.reworked if first.rework_to is None else 0
    again += sum(st.reworked for st in model.stations if st.rework_to is first)
    assert started >= first.processed - again - len(first.machines), (
        f"first station processed {first.processed} first passes but only {started} started")


# -- result-level checks ---------------------------------------------------------------------
def check_shares_and_factors(result: Result) -> None:
    """State shares sum to 1; availability, performance, quality, OEE lie in [0, 1]."""
    st = result.stations
    shares = st[[f"share_{s}" for s in STATES]]
    assert (shares >= -1e-9).all().all(), f"negative shares:\n{shares}"
    total = shares.sum(axis=1)
    assert ((total - 1).abs() < 1e-9).all(), f"state shares do not sum to 1:\n{total}"
    for factor in ("availability", "performance", "quality", "oee", "utilisation"):
        values = st[factor].dropna()
        inside = (values >= -1e-12) & (values <= 1 + 1e-12)
        assert inside.all(), f"{factor} out of [0, 1]:\n{values}"
    k = result.kpis
    for name in ("availability [%]", "performance [%]", "quality [%]", "OEE [%]"):
        value = k[name]
        assert math.isnan(value) or -1e-9 <= value <= 100 + 1e-9, f"{name} = {value}"
    oee = st["availability"] * st["performance"] * st["quality"]
    both = st["oee"].notna()
    assert ((st["oee"][both] - oee[both]).abs() < 1e-12).all(), "OEE != A x P x Q"


def check_energy_and_costs(result: Result) -> None:
    """Energy, CO2, costs and counts are non-negative; line energy = sum over stations."""
    k = result.kpis
    assert k["energy [kWh]"] >= 0, k["energy [kWh]"]
    assert (result.stations["energy_kwh"] >= 0).all(), result.stations["energy_kwh"]
    for name, value in k.items():
        if name.startswith(("cost", "CO2", "output", "scrap", "breakdowns", "downtime",
                            "overtime", "late units", "backlog", "WIP", "throughput")):
            assert math.isnan(value) or value >= -1e-9, f"{name} = {value}"
    assert _close(k["energy [kWh]"], float(result.stations["energy_kwh"].sum()),
                  k["energy [kWh]"]), "line energy != sum of station energy"


def check_littles_law_exact(result: Result) -> None:
    """Sample-path Little's law: the WIP area equals the parts' time in the line.

    Over the observed window ``[warm-up, end]``, ``WIP mean x window`` must equal the sum over
    all parts of the time each spent in the line within the window (release to finish or
    scrap, or to the end). This holds exactly on every run, scrap and rework included. Needs
    the event log (release/finish/scrap events with part ids); skipped if it overflowed.
    """
    meta = result.metadata
    if meta.get("events_dropped", 0) or result.events.empty:
        return
    ev = result.events
    start = float(meta.get("warmup_h", 0.0))
    end = float(meta["horizon_h"])  # results of whole runs end at the horizon
    if "part" not in ev.columns:  # no part ever released
        assert result.kpis["WIP mean [units]"] == 0
        return
    rel = ev[ev["kind"] == "release"].set_index("part")["time_h"]
    out = ev[ev["kind"].isin(["finish", "scrap"])].set_index("part")["time_h"]
    assert rel.index.is_unique and out.index.is_unique, "a part released or left twice"
    assert out.index.isin(rel.index).all(), "a part left the line that was never released"
    leave = out.reindex(rel.index).fillna(end).clip(upper=end)
    overlap = (leave.clip(lower=start) - rel.clip(lower=start)).clip(lower=0.0).sum()
    area = result.kpis["WIP mean [units]"] * (end - start)
    assert _close(area, overlap, overlap, 1e-7), (
        f"WIP area {area} h != time in line {overlap} h (Little's law, sample path)")
    finished = int((ev["kind"] == "finish").sum())
    released = len(rel)
    scrapped = int((ev["kind"] == "scrap").sum())
    assert finished + scrapped <= released


def littles_law_gap(result: Result) -> float:
    """Relative gap ``|WIP - TH x CT| / WIP`` of the KPIs (statistical, not exact).

    ``TH x CT`` counts only parts finished in the window, so the gap shrinks like
    ``cycle time / window`` in a stationary run without scrap.
    """
    k = result.kpis
    wip = k["WIP mean [units]"]
    return abs(wip - k["throughput [units/h]"] * k["cycle time mean [h]"]) / wip


# -- all at once -----------------------------------------------------------------------------
def check_model(model: LineModel) -> None:
    """All model-level checks."""
    check_state_times(model)
    check_parts(model)
    check_materials(model)


def check_result(result: Result) -> None:
    """All result-level checks."""
    check_shares_and_factors(result)
    check_energy_and_costs(result)
    check_littles_law_exact(result)


def check_all(model: LineModel, result: Result | None = None) -> Result:
    """Run every check on a finished model (and its result, collected if not given)."""
    check_model(model)
    result = collect(model) if result is None else result
    check_result(result)
    return result


def run_checked(scenario: Scenario | str | dict, seed: int = 0,
                event_log: bool = True) -> tuple[LineModel, Result]:
    """Run a scenario (baseline line, no agents) and check every invariant on it."""
    scn = load_scenario(scenario)
    model = LineModel(scn, seed=seed, event_log=event_log)
    model.run()
    return model, check_all(model)


def kpi_frame(results: Iterable[Result]) -> pd.DataFrame:
    """KPIs of several results as rows (for replication statistics)."""
    return pd.DataFrame([r.kpis for r in results]).reset_index(drop=True)


# -- replication statistics (for the theory tests) -------------------------------------------
def replicate(scenario: Scenario | str | dict, seeds: Iterable[int],
              overrides: dict | None = None) -> pd.DataFrame:
    """Run ``scenario`` once per seed (event log off), check invariants, return KPI rows."""
    from sim.scenario import with_overrides

    scn = load_scenario(scenario)
    if overrides:
        scn = with_overrides(scn, overrides)
    results = []
    for seed in seeds:
        model = LineModel(scn, seed=seed, event_log=False)
        model.run()
        results.append(check_all(model))
    return kpi_frame(results)


def mean_ci(values: Iterable[float], confidence: float = 0.999) -> tuple[float, float]:
    """Mean of independent replications and the half-width of its t confidence interval.

    The tolerance of a theory test is this half-width: it is estimated from the runs
    themselves, so it shrinks as the runs get longer or more numerous (like 1/sqrt(parts)).
    """
    from scipy import stats

    data = pd.Series(list(values), dtype=float)
    n = len(data)
    assert n >= 3, "need at least 3 replications for a confidence interval"
    half = stats.t.ppf(0.5 + confidence / 2, n - 1) * data.std(ddof=1) / math.sqrt(n)
    return float(data.mean()), float(half)
