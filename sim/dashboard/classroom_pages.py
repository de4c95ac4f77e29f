"""The classroom's two Solara pages: a team's page (``/``) and the lecturer's board (``/board``).

The pages hold no simulation logic and never wait for a run: every action goes to the
:class:`~sim.dashboard.classroom.Classroom`, which checks it and queues it in its worker pool;
the page shows the team's last :attr:`~sim.dashboard.classroom.Team.snapshot` and polls the
team's version (an asyncio task on the server's event loop) to show the next one. Both pages
check the code in the websocket's cookies again (the :class:`~sim.dashboard.gate.TokenGate`
checked it already), the board the lecturer's token.

CSS classes the browser test relies on: ``wh-synthetic``, ``wh-status``, ``wh-question``,
``wh-kpis``, ``wh-clock``, ``wh-message``, ``wh-board``, ``wh-class``, ``wh-leaderboard``,
``wh-debrief``, ``wh-join``.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable

import pandas as pd
import solara
import solara.lab

from sim.dashboard.board import (
    choice_counts,
    debrief,
    entries,
    leaderboard,
    team_table,
    xlsx_available,
)
from sim.dashboard.classroom import Classroom, Refused, Team
from sim.dashboard.components import CSS, JournalPanel, KpiPanel, ParameterControl
from sim.dashboard.gate import BOARD_COOKIE, JOIN_COOKIE
from sim.dashboard.views import clock_text, html_table, kpi_comparison, kpi_display
from sim.i18n import banner, language, number, option_label, synthetic_label, ui, when
from sim.labels import fingerprint

_ROOM: dict[str, Classroom] = {}

POLL_SECONDS = 0.25
"""How often a team's page looks for a new snapshot."""
BOARD_POLL_SECONDS = 1.0
"""How often the board looks for changes."""

EXTRA_CSS = """
.wh-status { font-size: 14px; color: #0d47a1; min-height: 20px; }
.wh-message { color: #b71c1c; font-size: 14px; }
.wh-question { border-left: 4px solid #fb8c00; padding: 8px; }
.wh-join { font-size: 28px; font-weight: 700; padding: 8px 16px; }
.wh-bar { background: #1565c0; height: 14px; display: inline-block; vertical-align: middle; }
.wh-debrief li { margin-bottom: 6px; font-size: 16px; }
"""


def install(classroom: Classroom) -> None:
    """Make ``classroom`` the one the pages serve (the server calls this before starting)."""
    _ROOM["room"] = classroom


def current() -> Classroom:
    """The classroom the pages serve."""
    return _ROOM["room"]


def poll(version: Callable[[], int], changed: Callable[[int], None],
         seconds: float) -> Callable[[], None]:
    """Every ``seconds``, call ``changed`` when ``version()`` moved; return a stop.

    Runs as an asyncio task on the server's event loop (updates made there reach the
    browser reliably, see docs/dashboard.md); needs a running loop.
    """
    async def watch() -> None:
        last = version()
        while True:
            await asyncio.sleep(seconds)
            now = version()
            if now != last:
                last = now
                changed(now)

    return asyncio.get_running_loop().create_task(watch()).cancel


def _allowed(room: Classroom, board: bool) -> bool:
    cookies = solara.lab.cookies.value or {}
    if board:
        return room.check_lecturer(cookies.get(BOARD_COOKIE))
    return room.check_join(cookies.get(JOIN_COOKIE)) or room.check_lecturer(
        cookies.get(BOARD_COOKIE))


@solara.component
def Label(text: str) -> None:
    """The SYNTHETIC label bar."""
    solara.HTML(tag="div", unsafe_innerHTML=html.escape(text), classes=["wh-synthetic"])


@solara.component
def ParticipantPage() -> None:
    """A team's page: join with a name, then play the vignette."""
    room = current()
    owner = solara.get_session_id()
    joined, set_joined = solara.use_state(0)
    solara.Style(CSS + EXTRA_CSS)
    if not _allowed(room, board=False):
        Label(synthetic_label())
        solara.Error("Refused: no join code")
        return
    team = room.team_of(owner)
    if team is None:
        JoinForm(room, owner, lambda: set_joined(joined + 1))
    else:
        TeamPage(room, team)


@solara.component
def JoinForm(room: Classroom, owner: str, on_join: Callable[[], None]) -> None:
    """A team name, a language, *Join*."""
    lang, set_lang = solara.use_state("en")
    name, set_name = solara.use_state("")
    message, set_message = solara.use_state("")

    def join() -> None:
        try:
            room.join(owner, name, lang)
            on_join()
        except Refused as exc:
            set_message(str(exc))

    with language(lang):
        Label(synthetic_label())
        solara.Title(ui("class.title"))
        with solara.Column(style={"padding": "16px", "max-width": "520px"}):
            solara.HTML(tag="h1", unsafe_innerHTML=html.escape(ui("class.title")))
            solara.Button(ui("language"), text=True, classes=["wh-language"],
                          on_click=lambda: set_lang("de" if lang == "en" else "en"))
            solara.InputText(ui("class.team_name"), value=name, on_value=set_name,
                             continuous_update=True)
            solara.Button(ui("class.join"), color="primary", on_click=join,
                          disabled=not name.strip())
            if message:
                solara.HTML(tag="div", unsafe_innerHTML=html.escape(message),
                            classes=["wh-message"])


@solara.component
def TeamPage(room: Classroom, team: Team) -> None:
    """The vignette for one team: set-up, run, the question at the disruption, the result."""
    version, set_version = solara.use_state(team.version)
    message, set_message = solara.use_state("")
    revision, set_revision = solara.use_state(0)
    solara.use_effect(lambda: poll(lambda: team.version, set_version, POLL_SECONDS),
                      [team.name])
    snap = team.snapshot
    lang = team.lang
    idle = team.status == "idle"
    at_start = snap.now == 0 and snap.pending is None

    def act(action: Callable[[], object]) -> Callable[..., None]:
        def handler(*_args: object) -> None:
            try:
                action()
                set_message("")
            except Refused as exc:
                with language(team.lang):
                    set_message(ui("class.refused", why=str(exc)))
            set_version(team.version)
            set_revision(lambda r: r + 1)  # controls show the server's values again
        return handler

    with language(lang):
        solara.Title(f"{ui('class.title')} – {team.name}")
        Label(banner(snap.result.metadata))
        with solara.Row(style={"align-items": "baseline", "padding": "0 16px"},
                        classes=["wh-header"]):
            solara.HTML(tag="h1", unsafe_innerHTML=html.escape(
                ui("class.your_team", name=team.name)))
            solara.HTML(tag="span", unsafe_innerHTML=html.escape(ui("class.vignette")),
                        classes=["wh-sub"])
            solara.Button(ui("language"), text=True, classes=["wh-language"],
                          on_click=act(lambda: room.set_language(
                              team, "de" if team.lang == "en" else "en")))
        with solara.Row(style={"padding": "0 16px", "flex-wrap": "nowrap",
                               "align-items": "flex-start"}):
            with solara.Column(style={"width": "360px", "min-width": "360px"}):
                locked = not (idle and at_start)
                name = room.scenario_name(team)
                solara.Select(label=ui("scenario"), values=room.names, value=name,
                              on_value=act_value(act, lambda v: room.configure(team, scenario=v)),
                              disabled=locked, classes=["wh-scenario"]).key(f"s{revision}")
                solara.InputInt(label=ui("seed"), value=snap.settings.seed, disabled=locked,
                                on_value=act_value(act, lambda v: room.configure(team, seed=v))
                                ).key(f"seed{revision}")
                for param in room.parameters(name):
                    value = snap.settings.params.get(param.path, param.default)
                    ParameterControl(param, value, lang, disabled=locked, on_value=act_value(
                        act, lambda v, p=param.path: room.configure(team, params={p: v}))
                    ).key(f"{param.path}{revision}")
                with solara.Row(style={"flex-wrap": "wrap"}):
                    solara.Button(ui("run"), color="primary", on_click=act(
                        lambda: room.run(team)),
                        disabled=not idle or snap.done or snap.pending is not None)
                    solara.Button(ui("step"), on_click=act(lambda: room.step(team)),
                                  disabled=not idle or snap.done or snap.pending is not None)
                    solara.Button(ui("reset"), on_click=act(lambda: room.reset(team)),
                                  disabled=not idle)
                StatusLine(room, team)
                clock = clock_text(snap.now, snap.horizon)
                if snap.done:
                    clock += f" – {ui('finished')}"
                solara.HTML(tag="div", unsafe_innerHTML=html.escape(clock),
                            classes=["wh-clock"])
                if message or team.error:
                    solara.HTML(tag="div", unsafe_innerHTML=html.escape(message or team.error),
                                classes=["wh-message"])
            with solara.Column(style={"flex": "1 1 auto", "min-width": "0"}):
                if team.request is not None:
                    Question(team, idle, lambda option: act(
                        lambda: room.choose(team, option))())
                if snap.done:
                    ResultPanel(room, team)
                KpiPanel(snap, lang)
                JournalPanel(snap, lang)


def act_value(act: Callable[[Callable[[], object]], Callable[..., None]],
              action: Callable[[object], object]) -> Callable[[object], None]:
    """An ``on_value`` handler: ``action(value)`` through ``act`` (refusals shown)."""
    return lambda value: act(lambda: action(value))()


@solara.component
def StatusLine(room: Classroom, team: Team) -> None:
    """Queued (with the position), computing, or nothing."""
    text = ""
    if team.status == "queued":
        text = ui("class.queued", n=max(1, room.queue_position(team)))
    elif team.status == "running":
        text = ui("class.running")
    solara.HTML(tag="div", unsafe_innerHTML=html.escape(text), classes=["wh-status"])


@solara.component
def Question(team: Team, idle: bool, choose: Callable[[str], None]) -> None:
    """The question at the disruption: every option, the team picks one."""
    request = team.request
    pick, set_pick = solara.use_state(request.options[0][0])
    names = [name for name, _ in request.options]
    if pick not in names:
        set_pick(names[0])
    with solara.Card(title=ui("class.question", when=when(request.time),
                              trigger=request.trigger), classes=["wh-question"]):
        solara.Text(ui("class.shortfall", amount=number(request.shortfall, 0)))
        with solara.v.RadioGroup(v_model=pick, on_v_model=set_pick, class_="wh-options"):
            for name, description in request.options:
                text = description if team.lang == "en" else f"{option_label(name)}: " \
                    f"{description}"
                solara.v.Radio(label=text, value=name)
        solara.Button(ui("class.choose"), color="warning", disabled=not idle,
                      on_click=lambda: choose(pick))


@solara.component
def ResultPanel(room: Classroom, team: Team) -> None:
    """The team's final KPIs next to the agent alone and waiting (same random numbers)."""
    refs = room.cached_references(team)
    result = team.snapshot.result
    runs = {team.name: result, **{ui(f"class.ref_{who}"): ref for who, ref in refs.items()}}
    columns = [kpi_display(kpi_comparison(run)).iloc[:, 0].rename(name)
               for name, run in runs.items()]
    table = pd.concat(columns, axis=1)
    solara.Text(ui("class.result"), style={"font-weight": "600"})
    solara.HTML(tag="div", unsafe_innerHTML=html_table(
        table, "wh-result", caption=fingerprint(result.metadata),
        right_align=list(table.columns)))


@solara.component
def BoardPage() -> None:
    """The lecturer's board: who chose what, KPIs, leaderboard, debrief, export."""
    room = current()
    version, set_version = solara.use_state(room.version)
    lang, set_lang = solara.use_state("en")
    solara.use_effect(lambda: poll(lambda: room.version, set_version, BOARD_POLL_SECONDS), [])
    solara.Style(CSS + EXTRA_CSS)
    if not _allowed(room, board=True):
        Label(synthetic_label())
        solara.Error("Refused: the board needs the lecturer's link")
        return
    items = entries(room)
    with language(lang):
        solara.Title(f"{ui('class.board_title')} (SYNTHETIC)")
        prints = sorted({e.fingerprint for e in items})
        Label(f"{synthetic_label()} | " + ("; ".join(prints[:3]) + (" …" if len(prints) > 3
                                                                     else "")))
        with solara.Column(style={"padding": "0 16px"}, classes=["wh-board"]):
            with solara.Row(style={"align-items": "baseline"}):
                solara.HTML(tag="h1", unsafe_innerHTML=html.escape(ui("class.board_title")))
                solara.Button(ui("language"), text=True, classes=["wh-language"],
                              on_click=lambda: set_lang("de" if lang == "en" else "en"))
            solara.HTML(tag="div", classes=["wh-join"], unsafe_innerHTML=html.escape(
                ui("class.join_info", url=room.address or "", code=room.join_code)))
            teams = sum(1 for e in items if e.who == "team")
            solara.Text(ui("class.teams", n=teams))
            table = team_table(items)
            if len(table):
                solara.HTML(tag="div", unsafe_innerHTML=html_table(table, "wh-class"))
            counts = choice_counts(items)
            if counts:
                solara.Text(ui("class.choices"), style={"font-weight": "600"})
                top = max(counts.values())
                bars = "".join(
                    f"<div>{html.escape(option_label(k))}: <span class='wh-bar' "
                    f"style='width:{200 * v // top}px'></span> {v}</div>"
                    for k, v in counts.items())
                solara.HTML(tag="div", unsafe_innerHTML=bars, classes=["wh-choices"])
            board = leaderboard(items)
            solara.Text(ui("class.leaderboard"), style={"font-weight": "600"})
            if len(board):
                solara.HTML(tag="div", unsafe_innerHTML=html_table(board, "wh-leaderboard"))
            solara.Text(ui("class.debrief"), style={"font-weight": "600"})
            solara.HTML(tag="ol", classes=["wh-debrief"], unsafe_innerHTML="".join(
                f"<li>{html.escape(q)}</li>" for q in debrief(items)))
            links = "<a href='/board/export.csv' download>CSV (SYNTHETIC)</a>"
            if xlsx_available():
                links += " · <a href='/board/export.xlsx' download>xlsx (SYNTHETIC)</a>"
            solara.Text(ui("class.export"), style={"font-weight": "600"})
            solara.HTML(tag="div", unsafe_innerHTML=links, classes=["wh-export"])
