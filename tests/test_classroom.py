"""Classroom mode in plain Python: codes, the scenario whitelist, bounds, isolation, the board.

No web server and no browser here (see test_classroom_e2e.py); the classroom layer is driven
directly, the gate as a plain ASGI app. No test depends on how fast anything runs.
"""

from __future__ import annotations

import asyncio
import math
import threading

import pytest

from sim.dashboard import board
from sim.dashboard.classroom import Busy, Classroom, Limits, Refused
from sim.dashboard.codes import CODE_ALPHABET, new_join_code, same_code
from sim.dashboard.gate import BOARD_COOKIE, JOIN_COOKIE, MAX_WRONG, TokenGate
from sim.dashboard.vignette import class_score, play_alone
from sim.labels import SYNTHETIC_LABEL
from sim.scenario.loader import SCENARIO_DIR

VIGNETTE = "supply_disruption"
FILES = {VIGNETTE: SCENARIO_DIR / "supply_disruption.toml",
         "baseline": SCENARIO_DIR / "baseline.toml"}


@pytest.fixture
def room():
    classroom = Classroom(FILES, workers=2, join_code="K7PQ3X", lecturer_token="lecturer-secret")
    yield classroom
    classroom.close()


def play(room: Classroom, team, choice: str, seed: int = 1) -> None:
    """The vignette: set up, run to the disruption, choose, run to the end."""
    room.configure(team, scenario=VIGNETTE, seed=seed).result()
    room.run(team).result()
    assert team.request is not None, "the run stops at the disruption's question"
    room.choose(team, choice).result()


# -- codes --------------------------------------------------------------------------------------
def test_join_codes_are_short_readable_and_checked_exactly():
    codes = {new_join_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(len(c) == 6 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("01IO") & set(CODE_ALPHABET)
    assert same_code("k7p-q3x", "K7PQ3X") and same_code(" K7PQ3X ", "K7PQ3X")
    for wrong in ("K7PQ3", "K7PQ3XX", "", None, 123, "K7PQ3Y", "x" * 500):
        assert not same_code(wrong, "K7PQ3X")


def test_the_lecturer_token_opens_the_board_the_join_code_does_not(room):
    assert room.check_join("K7PQ3X") and room.check_join("lecturer-secret")
    assert room.check_lecturer("lecturer-secret")
    assert not room.check_lecturer("K7PQ3X") and not room.check_lecturer(None)
    assert not room.check_join("wrong")


# -- teams, whitelist, bounds -----------------------------------------------------------------
def test_team_names_are_checked_and_a_browser_plays_one_team(room):
    team = room.join("browser-1", "Amsel", "de")
    assert room.join("browser-1", "another name") is team
    assert room.team_of("browser-1") is team and team.lang == "de"
    for bad in ("", "<script>", "../etc", "x" * 25, "a/b"):
        with pytest.raises(Refused):
            room.join("browser-2", bad)
    with pytest.raises(Refused, match="taken"):
        room.join("browser-2", "amsel")
    with pytest.raises(Refused, match="language"):
        room.join("browser-2", "Buche", "fr")


def test_the_class_is_bounded(room):
    small = Classroom(FILES, limits=Limits(max_teams=2))
    try:
        small.join("a", "A")
        small.join("b", "B")
        with pytest.raises(Refused, match="full"):
            small.join("c", "C")
    finally:
        small.close()


def test_only_the_lecturers_scenarios_are_offered(room):
    team = room.join("b", "Amsel")
    assert room.names == [VIGNETTE, "baseline"]
    for forged in ("/etc/passwd", str(FILES[VIGNETTE]), "../scenarios/baseline.toml",
                   "maintenance_week", None.__class__.__name__, 3, ["baseline"]):
        with pytest.raises(Refused, match="not offered"):
            room.checked(team, scenario=forged)
    assert room.scenario_name(team) == VIGNETTE
    room.configure(team, scenario="baseline").result()
    assert room.scenario_name(team) == "baseline"
    room.run(team).result()
    assert team.snapshot.done and team.request is None  # no disruption: no question


@pytest.mark.parametrize("seed", [0, 100, 1.5, True, "3", math.nan, math.inf, -1])
def test_seeds_are_bounded(room, seed):
    team = room.join("b", "Amsel")
    with pytest.raises(Refused, match="seed"):
        room.checked(team, seed=seed)


def test_parameters_are_bounded_and_only_those_offered(room):
    team = room.join("b", "Amsel")
    delay = next(p for p in room.parameters(VIGNETTE) if p.path.endswith(".delay"))
    assert (delay.minimum, delay.maximum) == (1.0, 144.0)
    assert room.checked(team, params={delay.path: 96}).params[delay.path] == 96.0
    for value in (delay.maximum + 1, 0.0, math.nan, "72 h", None, True):
        with pytest.raises(Refused):
            room.checked(team, params={delay.path: value})
    with pytest.raises(Refused, match="not offered"):
        room.checked(team, params={"horizon": "50 d"})
    with pytest.raises(Refused, match="not offered"):
        room.checked(team, params={"agents.human_reaction_delay": 0})
    with pytest.raises(Refused, match="maintenance.policy"):
        room.checked(team, params={"agents.maintenance.policy": "__import__('os')"})
    with pytest.raises(Refused, match="step"):
        room.checked(team, step_hours=1000)


def test_the_set_up_is_locked_once_the_run_started(room):
    team = room.join("b", "Amsel")
    room.step(team).result()
    with pytest.raises(Refused, match="Reset"):
        room.configure(team, seed=2)
    room.reset(team).result()
    room.configure(team, seed=2).result()
    assert team.snapshot.settings.seed == 2 and team.snapshot.now == 0


def test_a_choice_must_answer_the_open_question(room):
    team = room.join("b", "Amsel")
    with pytest.raises(Refused, match="no question"):
        room.choose(team, "wait")
    room.run(team).result()
    options = [name for name, _ in team.request.options]
    assert options[0] == "wait" and "transfer_czech" in options
    for forged in ("fly_to_the_moon", "", None, "transfer_czech; rm -rf /"):
        with pytest.raises(Refused, match="not among"):
            room.choose(team, forged)
    assert team.request is not None and team.choice is None


# -- queue ----------------------------------------------------------------------------------------
def test_one_action_per_team_and_a_queued_action_says_so():
    room = Classroom(FILES, workers=1)
    try:
        first, second = room.join("a", "A"), room.join("b", "B")
        release = threading.Event()
        running = room.submit(first, "hold", release.wait)
        waiting = room.step(second)
        assert second.status == "queued" and room.queue_position(second) == 1
        with pytest.raises(Busy):
            room.step(first)
        with pytest.raises(Busy):
            room.step(second)
        release.set()
        running.result()
        waiting.result()
        assert first.status == second.status == "idle"
        assert room.queue_position(second) == 0
        assert second.snapshot.now == 4 * 60.0  # one step of 4 h
        assert [t.action for t in second.timings] == ["step"]
        assert second.timings[0].waited >= 0 and second.timings[0].worked >= 0
    finally:
        room.close()


# -- isolation and the board --------------------------------------------------------------------
def test_teams_are_isolated_and_each_equals_its_choice_run_alone(room):
    picks = {"Amsel": ("transfer_czech", 1), "Buche": ("express_express", 1),
             "Eiche": ("wait", 2)}
    teams = {name: room.join(f"browser-{name}", name) for name in picks}
    threads = [threading.Thread(target=play, args=(room, teams[n], c, s))
               for n, (c, s) in picks.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    finals = {}
    for name, (choice, seed) in picks.items():
        team = teams[name]
        assert team.snapshot.done and team.choice == choice and team.error == ""
        alone = play_alone(team.session.scenario, seed, choice).kpis.astype(float)
        mine = team.snapshot.result.kpis.astype(float)
        assert mine.equals(alone), name
        finals[name] = mine
    assert finals["Amsel"]["CO2 [kg]"] < finals["Buche"]["CO2 [kg]"]  # air freight emits more
    assert finals["Eiche"]["late units [units]"] > 0 == finals["Amsel"]["late units [units]"]

    items = board.entries(room)
    by_name = {e.name: e for e in items if e.who == "team"}
    assert by_name["Buche"].choice == "express_express"
    assert by_name["Amsel"].score == pytest.approx(class_score(finals["Amsel"]))
    assert {e.who for e in items} == {"team", "agent", "wait"}
    agents = [e for e in items if e.who == "agent"]
    assert {e.config for e in agents} == {f"{VIGNETTE} · seed 1", f"{VIGNETTE} · seed 2"}
    assert all(e.choice == "transfer_czech" for e in agents)
    ranks = board.leaderboard(items)
    scores = [e.score for e in sorted((e for e in items if e.finished), key=lambda e: e.score)]
    assert len(ranks) == len(scores) and scores == sorted(scores)
    assert board.choice_counts(items) == {"transfer_czech": 1, "express_express": 1, "wait": 1}
    questions = board.debrief(items)
    assert questions[0].startswith("1 of 3 teams picked the agent's option")
    lows = [finals[n]["late units [units]"] for n in picks]
    assert f"Late units across the class: {min(lows):,.0f} to {max(lows):,.0f}." in questions[2]


def test_the_export_is_labelled_with_fingerprints(room, tmp_path):
    team = room.join("b", "Amsel")
    play(room, team, "resequence")
    text = board.export_csv(room)
    first, header, *rows = text.splitlines()
    assert first.startswith(f"# {SYNTHETIC_LABEL} | class results | ")
    assert team.snapshot.result.fingerprint in first
    assert header.split(",")[-1] == "fingerprint"
    assert len(rows) == 3 and rows[0].startswith("team,Amsel,")
    assert all(row.endswith("werkhalle 0.1.0") for row in rows)
    table = board.export_table(room)
    assert table.attrs["synthetic"] is True and table.attrs["label"] == SYNTHETIC_LABEL
    pytest.importorskip("openpyxl")
    import openpyxl

    path = board.export_xlsx(room, tmp_path / "class.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title.startswith("SYNTHETIC")
    assert sheet["A1"].value.startswith(SYNTHETIC_LABEL)
    assert sheet["A4"].value == "team" and sheet["B4"].value == "Amsel"


# -- the gate -----------------------------------------------------------------------------------
class Recorder:
    """An ASGI app that notes it was reached."""

    def __init__(self) -> None:
        self.reached: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        self.reached.append(scope["path"])
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"app"})


def call(gate, path: str, query: str = "", cookie: str = "", kind: str = "http",
         client: str = "10.0.0.7"):
    sent: list[dict] = []
    headers = [(b"cookie", cookie.encode())] if cookie else []
    scope = {"type": kind, "path": path, "query_string": query.encode(), "headers": headers,
             "client": (client, 5000)}

    async def receive():
        return {"type": "http.request"}

    async def send(message):
        sent.append(message)

    asyncio.run(gate(scope, receive, send))
    return sent


def test_the_gate_lets_in_only_who_has_the_code(room):
    app = Recorder()
    gate = TokenGate(app, room)
    refused = call(gate, "/")
    assert refused[0]["status"] == 403 and b"Join code" in refused[1]["body"]
    assert SYNTHETIC_LABEL.encode() in refused[1]["body"]
    assert call(gate, "/_solara/static/main.js")[0]["status"] == 403
    assert call(gate, "/jupyter/api/kernels/k/channels", kind="websocket") == [
        {"type": "websocket.close", "code": 1008}]
    assert app.reached == []
    joined = call(gate, "/", query="code=k7pq3x")
    assert joined[0]["status"] == 303
    cookies = [v for k, v in joined[0]["headers"] if k == b"set-cookie"]
    assert cookies == [b"werkhalle-join=k7pq3x; Path=/; HttpOnly; SameSite=Strict"]
    assert call(gate, "/", cookie=f"{JOIN_COOKIE}=K7PQ3X")[0]["status"] == 200
    call(gate, "/jupyter/api/kernels/k/channels", cookie=f"{JOIN_COOKIE}=K7PQ3X",
         kind="websocket")
    assert app.reached == ["/", "/jupyter/api/kernels/k/channels"]
    assert call(gate, "/board", cookie=f"{JOIN_COOKIE}=K7PQ3X")[0]["status"] == 403
    assert call(gate, "/board/export.csv", cookie=f"{JOIN_COOKIE}=K7PQ3X")[0]["status"] == 403
    assert call(gate, "/", cookie=f"{JOIN_COOKIE}=WRONG")[0]["status"] == 403


def test_the_board_and_its_export_need_the_lecturers_token(room):
    gate = TokenGate(Recorder(), room)
    answer = call(gate, "/board", query="key=lecturer-secret")
    assert answer[0]["status"] == 303
    cookie = f"{BOARD_COOKIE}=lecturer-secret"
    assert call(gate, "/board", cookie=cookie)[0]["status"] == 200
    export = call(gate, "/board/export.csv", cookie=cookie)
    assert export[0]["status"] == 200
    assert export[1]["body"].decode().startswith(f"# {SYNTHETIC_LABEL}")
    assert (b"content-disposition", b'attachment; filename="werkhalle_class_SYNTHETIC.csv"') \
        in export[0]["headers"]


def test_wrong_codes_are_rate_limited_per_address(room):
    now = [0.0]
    gate = TokenGate(Recorder(), room, clock=lambda: now[0])
    for _ in range(MAX_WRONG):
        assert call(gate, "/", query="code=WRONG1")[0]["status"] == 403
    assert call(gate, "/", query="code=K7PQ3X")[0]["status"] == 429
    assert call(gate, "/", query="code=K7PQ3X", client="10.0.0.8")[0]["status"] == 303
    now[0] = 601.0
    assert call(gate, "/", query="code=K7PQ3X")[0]["status"] == 303
