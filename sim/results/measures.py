"""Measures learners look for: queue, store, crew and line figures beside the standard KPIs.

They are kept out of the KPI and station tables (whose columns every shipped result keeps) and
come as :attr:`~sim.results.Result.measures`, a dict of tables (all after the warm-up):

* ``queues`` (per station): utilisation as busy / all time (``utilisation``), incl. repair
  ((busy + down) / all time) and of the available time (busy / (all - down)); and, from the
  per-part log (``part_log = true``; NaN without it): visits, arrival rate, Wq (queue entry
  to start), P(wait > 0), W (queue entry to finish of processing), the time averages Lq and L
  (the parts' waiting and station times integrated over the period, i.e. on the sample path),
  and the effective process time te = finish - start (setup and breakdowns included; Hopp &
  Spearman), its mean and squared coefficient of variation.
* ``stores`` (per material): a textbook store whose demand is the bill of materials of each
  released part; net inventory = on-hand - demanded, not yet issued units. Fill rate = units
  met at once from stock / units demanded; mean backorders and mean on-hand are the time
  averages of the negative and positive parts of the net inventory; cycle service level = the
  share of replenishment cycles (delivery to delivery) without a stock-out.
* ``line``: line quality = good parts out / parts started at the first station, beside the
  bottleneck's quality factor; TEEP = the bottleneck's OEE x loading (planned / all time);
  crew utilisation = crew busy time / (crews x period) and the mean wait for a crew.
* ``parts``: the per-part log itself (one row per processing pass; see
  :class:`~sim.line.events.PartLog`), for recomputing all of the above.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.line.events import PartLog

if TYPE_CHECKING:
    from sim.line.model import LineModel


def _window(model: LineModel) -> tuple[float, float]:
    warm = model.scenario.warmup if model.baseline else 0.0
    return warm, model.env.now - warm


def part_table(model: LineModel) -> pd.DataFrame:
    """The per-part log: one row per processing pass, times in minutes (empty when off)."""
    log = model.part_log
    cols = ["part", "variant", "station", "pass", "enter_min", "start_min", "finish_min",
            "outcome"]
    if log is None or not log.rows:
        return pd.DataFrame(columns=cols)
    frame = pd.DataFrame(log.rows, columns=list(PartLog.COLUMNS))
    return frame.set_axis(cols, axis=1)


def queue_table(model: LineModel, parts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-station utilisations and (with the part log) Lq, Wq, P(wait > 0), W, L and te."""
    warm, period = _window(model)
    base = (model.baseline or {}).get("time", {})
    parts = part_table(model) if parts is None else parts
    logged = model.part_log is not None and len(parts) > 0
    by_station = ({name: rows for name, rows in parts[parts["start_min"] >= warm]
                   .groupby("station", sort=False)} if logged else {})
    rows = []
    for st in model.stations:
        busy = down = 0.0
        for m in st.machines:
            before = base.get((st.name, m.index), {})
            busy += m.time["busy"] - before.get("busy", 0.0)
            down += m.time["down"] - before.get("down", 0.0)
        total = period * len(st.machines)
        row = {
            "station": st.name,
            "utilisation": busy / total if total else float("nan"),
            "utilisation_incl_repair": (busy + down) / total if total else float("nan"),
            "utilisation_of_available": busy / (total - down) if total > down else float("nan"),
        }
        mine = by_station.get(st.name)
        if mine is None or not len(mine):
            row.update(dict.fromkeys(("visits", "arrival_rate_per_h", "Wq_min", "P_wait",
                                      "W_min", "Lq", "L", "te_mean_min", "te_scv"),
                                     float("nan")))
        else:
            wait = (mine["start_min"] - mine["enter_min"]).to_numpy()
            stay = (mine["finish_min"] - mine["enter_min"]).to_numpy()
            te = (mine["finish_min"] - mine["start_min"]).to_numpy()
            te_mean = float(te.mean())
            row.update({
                "visits": len(mine),
                "arrival_rate_per_h": len(mine) / period * 60.0,
                "Wq_min": float(wait.mean()),
                "P_wait": float(np.mean(wait > 1e-9)),
                "W_min": float(stay.mean()),
                "Lq": float(wait.sum()) / period,
                "L": float(stay.sum()) / period,
                "te_mean_min": te_mean,
                "te_scv": float(te.var()) / te_mean**2 if te_mean > 0 else float("nan"),
            })
        rows.append(row)
    return pd.DataFrame(rows).set_index("station")


def store_table(model: LineModel) -> pd.DataFrame:
    """Per material: demand, fill rate, mean backorders and on-hand, cycle service level."""
    warm, period = _window(model)
    now = model.materials.snapshot()
    before = (model.baseline or {}).get("store", {})
    rows = []
    for name, values in now.items():
        prior = before.get(name, {})
        d = {k: v - prior.get(k, 0.0) for k, v in values.items() if k != "since"}
        rows.append({
            "material": name,
            "demand": d["demand"],
            "fill_rate": d["filled"] / d["demand"] if d["demand"] else float("nan"),
            "backorders_mean": d["backorder_area"] / period if period else float("nan"),
            "on_hand_mean": d["on_hand_area"] / period if period else float("nan"),
            "cycles": d["cycles"],
            "cycle_service_level": d["cycles_ok"] / d["cycles"] if d["cycles"] else float("nan"),
            "backorders_end": model.materials.backorders(name),
            "inventory_position_end": model.materials.inventory_position(name),
        })
    cols = ["demand", "fill_rate", "backorders_mean", "on_hand_mean", "cycles",
            "cycle_service_level", "backorders_end", "inventory_position_end"]
    if not rows:
        return pd.DataFrame(columns=cols).rename_axis("material")
    return pd.DataFrame(rows).set_index("material")


def line_measures(model: LineModel, stations: pd.DataFrame) -> pd.Series:
    """Line quality beside the bottleneck's, TEEP, and crew utilisation and wait."""
    base = model.baseline or {}
    _, period = _window(model)
    started = sum(model.materials.started.values()) - base.get("started", 0)
    before = base.get("finished", {})
    good = sum(n - before.get(v, 0) for v, n in model.finished.items())
    row = stations.to_dict("index")[stations["utilisation"].idxmax()]
    wait, jobs, busy = np.subtract((model.crew_wait, model.crew_jobs, model.crew_busy),
                                   base.get("crew", (0.0, 0, 0.0)))
    crews = model.scenario.repair.crews
    k = {
        "quality line [%]": 100.0 * good / started if started else float("nan"),
        "quality bottleneck [%]": 100.0 * row["quality"],
        "TEEP [%]": 100.0 * row["oee"] * (1.0 - row["share_off"]),
        "crew utilisation [%]": (100.0 * busy / (crews * period) if crews and period > 0
                                 else float("nan")),
        "crew wait mean [min]": wait / jobs if crews and jobs else float("nan"),
        "part log rows dropped [count]": model.part_log.dropped if model.part_log else 0,
    }
    return pd.Series(k, name="value", dtype=float)


def measure_tables(model: LineModel,
                   stations: pd.DataFrame) -> dict[str, pd.DataFrame | pd.Series]:
    """All measure tables of a finished model (see the module docstring)."""
    parts = part_table(model)
    return {"queues": queue_table(model, parts), "stores": store_table(model),
            "line": line_measures(model, stations), "parts": parts}
