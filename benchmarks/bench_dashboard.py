"""Benchmark: the dashboard's server time per click, by action.

Run from the repository root::

    python benchmarks/bench_dashboard.py            # median of 5 clicks per action
    python benchmarks/bench_dashboard.py --quick    # 1 (smoke run)

Drives :class:`sim.dashboard.session.DashboardSession` directly, as the page's buttons do,
and then computes what the page shows after the click: the snapshot (both runs' results at
that moment), the KPI and journal tables, and the live figure
(one :class:`sim.plots.live.LiveFigure` per page, updated in place and rendered to PNG by
blitting, as the page's ``LinePlots`` does); ``--fresh`` draws every frame afresh with
:func:`sim.plots.line_figure` and ``savefig`` instead (what a click cost before). Timed in
CPU seconds of this process and of any child it forked for the look-ahead (the session is
single-threaded; ``WERKHALLE_FORK=1`` forks), median over the clicks:

* ``step``: advance by the step size (4 simulated hours), every step of the week in turn;
* ``run``: advance to the horizon (agents off), or to the next proposal (recommend mode);
* ``reset``: start afresh;
* ``approve``: answer an open proposal, then the page's next ``run`` click (recommend mode).

The frame columns split the time into the session's own work, the snapshot and tables, and the
figure (draw + PNG). Every figure is a measurement of this toy model on this machine.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

import matplotlib

matplotlib.use("Agg")

from sim.dashboard.session import DashboardSession, Settings  # noqa: E402
from sim.dashboard.views import happenings, journal_table, kpi_comparison, kpi_display  # noqa: E402
from sim.labels import SYNTHETIC_LABEL  # noqa: E402
from sim.plots.live import LiveFigure, line_figure  # noqa: E402

FRESH = False
"""Draw every frame afresh (``--fresh``) instead of updating the page's figure."""
_LIVE: dict[int, LiveFigure] = {}


def frame(session: DashboardSession) -> tuple[float, float, int]:
    """What the page computes after a click: ``(tables s, figure s, PNG bytes)``."""
    t0 = time.process_time()
    snap = session.snapshot()
    kpi_display(kpi_comparison(snap.result, snap.baseline))
    journal_table(snap.result)
    happenings(snap.result)
    t1 = time.process_time()
    if FRESH:
        buffer = io.BytesIO()
        line_figure(snap.result, snap.baseline, snap.now, snap.horizon).savefig(buffer,
                                                                                 format="png")
        png = buffer.getvalue()
    else:
        if id(session) not in _LIVE:
            _LIVE[id(session)] = LiveFigure(snap.result, snap.baseline, snap.horizon)
        _LIVE[id(session)].update(snap.result, snap.baseline, snap.now)
        png = _LIVE[id(session)].png()
    return t1 - t0, time.process_time() - t1, len(png)


def cpu() -> float:
    """CPU seconds of this process and of the children it waited for (a forked look-ahead)."""
    if resource is None:  # (Windows: no forked children either)
        return time.process_time()
    me, kids = (resource.getrusage(resource.RUSAGE_SELF),
                resource.getrusage(resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def click(session: DashboardSession, action: Callable[[], object]) -> tuple[float, ...]:
    """One click: the action, then the frame; ``(action, tables, figure, total, PNG kB)``.

    The action's CPU includes forked children (``WERKHALLE_FORK=1``): their work is the
    click's too.
    """
    t0 = cpu()
    action()
    act = cpu() - t0
    tables, figure, size = frame(session)
    return act, tables, figure, act + tables + figure, size / 1024


def report(name: str, samples: list[tuple[float, ...]]) -> None:
    """Print the median of each column."""
    med = [statistics.median(s[i] for s in samples) for i in range(5)]
    print(f"{name:<42}{1000 * med[0]:9.1f}{1000 * med[1]:9.1f}{1000 * med[2]:9.1f}"
          f"{1000 * med[3]:9.1f}{med[4]:8.0f}  (n={len(samples)})")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one click per action")
    parser.add_argument("--clicks", type=int, default=None, help="clicks per action (5)")
    parser.add_argument("--fresh", action="store_true",
                        help="draw every frame afresh (no figure reuse)")
    args = parser.parse_args(argv)
    global FRESH
    FRESH = args.fresh
    clicks = args.clicks or (1 if args.quick else 5)
    print(f"# {SYNTHETIC_LABEL}")
    print("# server CPU milliseconds per click (median); action = the session's work, "
          "tables = snapshot + KPI/journal tables, figure = live figure "
          f"{'drawn afresh + savefig' if FRESH else 'updated in place + blitted PNG'}")
    print(f"{'action':<42}{'action':>9}{'tables':>9}{'figure':>9}{'total':>9}{'PNG kB':>8}")

    for scenario, mode in (("baseline", "off"), ("supply_disruption", "autonomous")):
        session = DashboardSession(Settings(scenario=scenario, mode=mode))
        frame(session)  # imports, fonts, caches
        session.reset()
        steps = []
        while not session.done and len(steps) < (3 if args.quick else 1000):
            steps.append(click(session, session.step))  # every step of the week
        report(f"step 4 h ({scenario}, {mode})", steps)
        report(f"run to end ({scenario}, {mode})",
               [click(session, _fresh_run(session)) for _ in range(clicks)])
        report(f"reset ({scenario}, {mode})", [click(session, session.reset)
                                               for _ in range(clicks)])

    session = DashboardSession(Settings(scenario="supply_disruption", mode="recommend"))
    runs, approvals = [], []
    for _ in range(clicks):
        session.reset()
        runs.append(click(session, session.run))  # to the first proposal
        if session.pending is None:
            break
        approvals.append(click(session, lambda: (session.decide(True), session.run())))
    report("run to proposal (supply, recommend)", runs)
    if approvals:
        report("approve + run (supply, recommend)", approvals)


def _fresh_run(session: DashboardSession) -> Callable[[], object]:
    def action() -> object:
        return session.run()

    session.reset()
    return action


if __name__ == "__main__":
    main()
