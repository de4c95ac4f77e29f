"""Load test of classroom mode: 30 teams play the supply-disruption vignette at once.

Run from the repository root::

    python benchmarks/bench_classroom.py                 # 30 teams, 3 of them in Chromium
    python benchmarks/bench_classroom.py --browsers 0    # plain-Python teams only
    python benchmarks/bench_classroom.py --teams 6 --browsers 1   # a smaller class

One :class:`~sim.dashboard.classroom.Classroom` (2 workers) is served in this process by the
real server stack (uvicorn, the token gate, Solara). ``--browsers`` teams play through real
pages in headless Chromium (Debian's ``/usr/bin/chromium`` via Playwright: join with the code,
run, choose, run to the end); the others are threads that call the classroom layer directly,
as a page's event handlers do. Every team does the vignette: configure (its own seed and rail
delay), run to the disruption, choose an option (round robin over the options), run to the
end. A probe on the server's event loop measures how late a 50 ms timer fires while the
workers compute (a frozen page would show as a large lag).

Prints (wall-clock, this machine, no asserts): p50/p95 server time per action (queue wait +
work) and per playthrough, the browser teams' click-to-result times, the event-loop lag,
session errors, the cross-session leak check (each team's final KPIs equal its choices run
alone with ``sim.run``), and memory per session (RSS growth / teams). Every number the
teams see is SYNTHETIC toy-model output.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
import threading
import time
import warnings
from pathlib import Path

from sim.dashboard.classroom import Classroom, Team
from sim.dashboard.classroom_server import tune_gc
from sim.dashboard.vignette import play_alone
from sim.labels import SYNTHETIC_LABEL
from sim.scenario.loader import SCENARIO_DIR

OPTIONS = ("transfer_czech", "express_express", "resequence", "reassign_staff",
           "outsource_portugal", "transfer_czech+resequence", "wait")
"""The vignette's options, handed out round robin."""
DELAYS = (48.0, 72.0, 96.0)
"""Rail delays [h] the teams set."""
CEILING = 600.0
"""Seconds any one wait may take before the benchmark gives up (bounded script)."""


class GcPauses:
    """Durations of the garbage collector's collections, per generation."""

    def __init__(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._began = 0.0
        gc.callbacks.append(self)

    def __call__(self, phase: str, info: dict) -> None:
        """gc's callback: note the start and the end of a collection."""
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses[info["generation"]].append(time.perf_counter() - self._began)


def rss_mib() -> float:
    """Resident memory of this process (MiB)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        kib = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
    return kib / 1024.0


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def plan(index: int) -> tuple[int, float, str]:
    """Team ``index``'s seed (never the default 1: configuring changes something), rail
    delay and option."""
    return 2 + index % 3, DELAYS[index // 3 % 3], OPTIONS[index % len(OPTIONS)]


def play_python(room: Classroom, index: int, errors: list[str]) -> None:
    """One team through the classroom layer: configure, run, choose (runs on to the end)."""
    seed, delay, option = plan(index)
    try:
        team = room.join(f"bench-{index}", f"py-{index:02d}")
        room.configure(team, seed=seed,
                       params={"disruptions.rail_outage.delay": delay}).result(CEILING)
        room.run(team).result(CEILING)
        if team.request is None:
            raise AssertionError("the run did not stop at the disruption")
        room.choose(team, option).result(CEILING)
        if not team.snapshot.done:
            raise AssertionError("the run did not reach its end")
    except Exception as exc:  # noqa: BLE001 - counted and printed
        errors.append(f"py-{index:02d}: {type(exc).__name__}: {exc}")


def serve_in_thread(room: Classroom, port: int,
                    lags: list[tuple[float, float]]) -> threading.Thread:
    """Serve ``room`` (gate + Solara) on 127.0.0.1:``port`` from a thread; probe the loop."""
    from sim.dashboard.classroom_server import prepare

    prepare()
    import uvicorn
    from solara.server.starlette import app

    from sim.dashboard.classroom_pages import install
    from sim.dashboard.gate import TokenGate

    install(room)
    warnings.filterwarnings("ignore", message="Cookies with samesite=none", category=UserWarning)
    config = uvicorn.Config(TokenGate(app, room), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    server = uvicorn.Server(config)

    async def probe() -> None:
        while True:
            began = time.perf_counter()
            await asyncio.sleep(0.05)
            lags.append((began, time.perf_counter() - began - 0.05))

    async def main() -> None:
        task = asyncio.get_running_loop().create_task(probe())
        await server.serve()
        task.cancel()

    thread = threading.Thread(target=lambda: asyncio.run(main()), daemon=True)
    thread.start()
    deadline = time.monotonic() + CEILING
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    thread.server = server  # type: ignore[attr-defined]
    return thread


def play_browsers(url: str, room: Classroom, first: int, count: int,
                  errors: list[str], clicks: dict[str, list[float]], loaded: list[float]) -> None:
    """``count`` teams through real pages in one headless Chromium, stepped together."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=CEILING * 1000)

    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                      args=args)
        pages = []
        for k in range(count):
            page = chromium.new_context(viewport={"width": 1400, "height": 1100}).new_page()
            page.set_default_timeout(CEILING * 1000)
            pages.append((first + k, page))

        def each(label: str, act, done) -> None:  # noqa: ANN001 - small local helper
            began = {}
            for index, page in pages:
                began[index] = time.perf_counter()
                act(index, page)
            for index, page in pages:
                try:
                    done(index, page)
                    clicks.setdefault(label, []).append(time.perf_counter() - began[index])
                except Exception as exc:  # noqa: BLE001 - counted and printed
                    errors.append(f"browser-{index}: {label}: {exc}")

        each("load + join", lambda i, p: p.goto(f"{url}?code={room.join_code}"),
             lambda i, p: expect(p.get_by_label("Your team's name")).to_be_visible())

        def join(i: int, page) -> None:  # noqa: ANN001
            page.get_by_label("Your team's name").fill(f"web-{i:02d}")
            page.get_by_role("button", name="Join", exact=True).click()

        each("join", join, lambda i, p: expect(p.locator("h1")).to_contain_text(f"web-{i:02d}"))
        loaded.append(time.perf_counter())

        def seed(i: int, page) -> None:  # noqa: ANN001
            page.get_by_label("Seed (random numbers)").fill(str(plan(i)[0]))
            page.get_by_label("Seed (random numbers)").press("Enter")

        each("configure", seed, lambda i, p: expect(p.locator(".wh-synthetic")).to_contain_text(
            f"seed {plan(i)[0]}"))
        each("run to the disruption", lambda i, p: p.get_by_role("button", name="Run").click(),
             lambda i, p: expect(p.locator(".wh-question")).to_be_visible())

        def choose(i: int, page) -> None:  # noqa: ANN001
            page.locator(f".wh-options input[value='{plan(i)[2]}']").check(force=True)
            page.get_by_role("button", name="Decide").click()

        each("choose + run to the end", choose,
             lambda i, p: expect(p.locator(".wh-clock")).to_contain_text("(100 %"))
        chromium.close()


def main() -> None:
    """Run the load test and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=30, help="teams in all (default 30)")
    parser.add_argument("--browsers", type=int, default=3,
                        help="of them, teams in real Chromium pages (default 3; 0: none)")
    parser.add_argument("--workers", type=int, default=2, help="worker threads (default 2)")
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--gc", choices=("tuned", "default"), default="tuned",
                        help="the server's garbage-collector settings (tune_gc) or Python's")
    args = parser.parse_args()
    browsers = min(args.browsers, args.teams)
    if browsers and not Path("/usr/bin/chromium").exists():
        print("no /usr/bin/chromium: running without browser teams", file=sys.stderr)
        browsers = 0

    print(f"# {SYNTHETIC_LABEL}")
    print(f"# {args.teams} teams ({browsers} in Chromium), {args.workers} workers, "
          f"{os.cpu_count()} cores; python {sys.version.split()[0]}; wall-clock seconds")
    room = Classroom({"supply_disruption": SCENARIO_DIR / "supply_disruption.toml"},
                     workers=args.workers)
    warm = room.join("warm-up", "warm-up")  # imports and first-run costs, not measured
    room.run(warm).result(CEILING)
    room.choose(warm, "wait").result(CEILING)
    if args.gc == "tuned":
        tune_gc()
    print(f"# garbage collector: {args.gc}, thresholds {gc.get_threshold()}")
    before = rss_mib()
    lags: list[tuple[float, float]] = []
    loaded: list[float] = []
    server = serve_in_thread(room, args.port, lags)
    before = rss_mib()
    errors: list[str] = []
    clicks: dict[str, list[float]] = {}
    collections = GcPauses()
    started = time.perf_counter()
    threads = [threading.Thread(target=play_python, args=(room, i, errors))
               for i in range(browsers, args.teams)]
    for thread in threads:
        thread.start()
    if browsers:
        play_browsers(f"http://127.0.0.1:{args.port}/", room, 0, browsers, errors, clicks, loaded)
    for thread in threads:
        thread.join(CEILING)
    wall = time.perf_counter() - started
    after = rss_mib()

    teams: list[Team] = [t for t in room.teams if t.name != "warm-up"]
    per_action: dict[str, list[float]] = {}
    for team in teams:
        for timing in team.timings:
            per_action.setdefault(timing.action, []).append(timing.total)
    print(f"class of {len(teams)} teams finished in {wall:.1f} s "
          f"({len(teams) * 3 / wall:.2f} actions/s)")
    for action, values in per_action.items():
        waits = [t.waited for team in teams for t in team.timings if t.action == action]
        print(f"server time per action {action:<10} n={len(values):3d}  p50 {pct(values, .5):6.2f}"
              f" s  p95 {pct(values, .95):6.2f} s  (of it queued: p50 {pct(waits, .5):5.2f} s)")
    works = [sum(t.worked for t in team.timings) for team in teams]
    totals = [sum(t.total for t in team.timings) for team in teams]
    print(f"server time per playthrough (3 actions)  p50 {pct(totals, .5):6.2f} s  "
          f"p95 {pct(totals, .95):6.2f} s  (work alone: p50 {pct(works, .5):.2f} s, "
          f"p95 {pct(works, .95):.2f} s)")
    for label, values in clicks.items():
        print(f"browser click to result  {label:<26} p50 {pct(values, .5):6.2f} s  "
              f"max {max(values):6.2f} s  (n={len(values)})")
    for label, since in (("from the start", started),
                         ("once the pages had loaded", loaded[0] if loaded else None)):
        window = [lag for at, lag in lags if since is not None and at >= since]
        if window:
            print(f"event-loop lag of a 50 ms timer, {label}: p50 {1000 * pct(window, .5):.0f}"
                  f" ms, p95 {1000 * pct(window, .95):.0f} ms, max {1000 * max(window):.0f} ms "
                  f"(n={len(window)})")
    for generation, pauses in collections.pauses.items():
        if pauses:
            print(f"garbage collections of generation {generation} while teams ran: "
                  f"{len(pauses)}, longest {1000 * max(pauses):.0f} ms, in all "
                  f"{sum(pauses):.2f} s")
    bad = [t.name for t in teams if t.error]
    print(f"session errors: {len(errors) + len(bad)}" + (f"  {errors + bad}" if errors or bad
                                                         else ""))
    leaks = 0
    for team in teams:
        alone = play_alone(team.session.scenario, team.session.settings.seed, team.choice)
        if not team.snapshot.done or not team.snapshot.result.kpis.astype(float).equals(
                alone.kpis.astype(float)):
            leaks += 1
    picked = {t.choice for t in teams}
    print(f"cross-session leak check: {len(teams) - leaks}/{len(teams)} teams' final KPIs "
          f"equal their choices run alone with sim.run ({len(picked)} different options, "
          f"{len({t.snapshot.settings.seed for t in teams})} seeds, "
          f"{len({tuple(t.snapshot.settings.params.items()) for t in teams})} delays)")
    print(f"memory: RSS {before:.0f} -> {after:.0f} MiB, {(after - before) / len(teams):.1f} "
          f"MiB per session")
    server.server.should_exit = True  # type: ignore[attr-defined]
    server.join(30)
    room.close()


if __name__ == "__main__":
    main()
