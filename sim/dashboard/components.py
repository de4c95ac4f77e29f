"""The dashboard's Solara components; the same ones run in the web app and inside Jupyter.

The components hold no simulation logic: they show a :class:`~sim.dashboard.session.Snapshot`
and call :class:`~sim.dashboard.session.DashboardSession`. Each component receives the
language explicitly and renders inside ``sim.i18n.language(lang)``, because Solara renders
children after their parent returns (a ``with`` block in the parent would not reach them).

CSS classes the page's style and the browser test rely on: ``wh-synthetic`` (the SYNTHETIC
label bar), ``wh-kpis`` (KPI table), ``wh-journal`` (decision journal), ``wh-clock``,
``wh-proposal``.
"""

from __future__ import annotations

import asyncio
import html
import threading
from collections.abc import Callable, Sequence

import solara

from sim.dashboard.params import Parameter
from sim.dashboard.session import (
    DashboardSession,
    Pending,
    Settings,
    Snapshot,
    offered_scenarios,
)
from sim.dashboard.views import (
    clock_text,
    happenings,
    html_table,
    journal_table,
    kpi_comparison,
    kpi_display,
    option_text,
    options_table,
)
from sim.errors import ScenarioError
from sim.i18n import banner, keys, language, number, t, ui, when
from sim.plots.live import LiveFigure
from sim.runner import MODES

PLAY_TICK_SECONDS = 0.3
"""Pause between two steps while playing (the page re-renders in between)."""

CSS = """
.wh-synthetic { position: sticky; top: 0; z-index: 20; background: #b71c1c; color: #fff;
  padding: 6px 16px; font-weight: 600; font-size: 14px; letter-spacing: .2px; }
.wh-header h1 { font-size: 22px; margin: 8px 0 0 0; }
.wh-header .wh-sub { color: #555; font-size: 13px; }
.wh-clock { font-weight: 600; font-size: 15px; }
table.wh-table { border-collapse: collapse; font-size: 13px; width: 100%; }
table.wh-table th, table.wh-table td {
  padding: 3px 8px; border-bottom: 1px solid #e0e0e0; text-align: left; }
table.wh-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.wh-table thead th { background: #eceff1; }
table caption { caption-side: top; text-align: left; color: #555; font-size: 12px; }
.wh-happenings { font-size: 13px; font-family: monospace; white-space: pre-wrap; }
.wh-proposal { border-left: 4px solid #fb8c00; }
.wh-param-label { font-size: 13px; margin-bottom: -12px; }
.wh-mode .v-label { font-size: 14px; }
"""


def scenario_choices(extra: Sequence[str] = ()) -> list[str]:
    """The scenario names offered on the page: files given on the command line, then shipped."""
    return list(offered_scenarios(extra))


def describe_proposal(pending: Pending) -> str:
    """One line about an open proposal: its time, what the agent proposes, and why."""
    request = pending.proposal
    proposal = getattr(request, "proposal", None)
    choice = getattr(proposal, "choice", None)
    if choice is None:
        return f"{when(pending.time)}: {request}"
    text = option_text(choice.name, choice.description)
    return f"{when(pending.time)}: {text} – {proposal.reason}"


def start_playing(tick: Callable[[], bool]) -> Callable[[], None]:
    """Call ``tick`` every :data:`PLAY_TICK_SECONDS` until it returns ``False``; return a stop.

    On the server (and in Jupyter) this is an asyncio task on the running event loop: updates
    made there reach the browser reliably (from a worker thread they did not always). Without
    a running loop (plain Python, e.g. tests) a daemon thread does the same.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is not None:
        async def play() -> None:
            while True:
                await asyncio.sleep(PLAY_TICK_SECONDS)
                if not tick():
                    return

        return loop.create_task(play()).cancel
    stop = threading.Event()

    def play_in_thread() -> None:
        while not stop.wait(PLAY_TICK_SECONDS):
            if not tick():
                return

    threading.Thread(target=play_in_thread, daemon=True, name="werkhalle-play").start()
    return stop.set


@solara.component
def SyntheticBar(snapshot: Snapshot, lang: str) -> None:
    """The SYNTHETIC label and the run fingerprint, pinned to the top of the page."""
    with language(lang):
        solara.HTML(tag="div", unsafe_innerHTML=html.escape(banner(snapshot.result.metadata)),
                    classes=["wh-synthetic"])


@solara.component
def ParameterControl(param: Parameter, value: object, lang: str,
                     on_value: Callable[[object], None], disabled: bool) -> None:
    """A slider (numbers) or a select box (choices) for one parameter."""
    with language(lang):
        label = param.label()
    if param.choices:
        solara.Select(label=label, values=list(param.choices), value=value, on_value=on_value,
                      disabled=disabled)
    else:
        solara.Text(f"{label}: {number(float(value), 0 if float(value).is_integer() else 1)}",
                    classes=["wh-param-label"])
        solara.SliderFloat(label="", value=float(value), min=param.minimum,
                           max=param.maximum, step=param.step, on_value=on_value,
                           thumb_label=True, disabled=disabled)


@solara.component
def SettingsPanel(session: DashboardSession, scenarios: list[str], lang: str,
                  apply: Callable[[Callable[[], None]], None], disabled: bool,
                  revision: int) -> None:
    """Scenario, seed, agents mode, parameters and step size.

    ``revision`` changes with every attempted change of settings: the panel reads the session
    directly, and a changed prop is what makes Solara render it again.
    """
    settings = session.settings
    with language(lang):
        solara.Select(label=ui("scenario"), values=scenarios, value=settings.scenario,
                      on_value=lambda v: apply(lambda: session.update(scenario=v, params={})),
                      disabled=disabled)
        solara.InputInt(label=ui("seed"), value=settings.seed,
                        on_value=lambda v: apply(lambda: session.update(seed=int(v or 0))),
                        disabled=disabled)
        solara.Text(ui("agents"), style={"font-weight": "600"})
        with solara.v.RadioGroup(
            v_model=settings.mode, dense=True, hide_details=True, class_="mt-0 wh-mode",
            on_v_model=lambda v: apply(lambda: session.update(mode=v)),
        ):
            for mode in MODES:
                solara.v.Radio(label=ui(f"mode.{mode}"), value=mode, disabled=disabled)
        solara.Text(ui("parameters"), style={"font-weight": "600"})
        params = session.parameters
        if not params:
            solara.Text(ui("no_parameters"), style={"font-size": "12px", "color": "#777"})
        for param in params:
            ParameterControl(
                param, session.value(param), lang,
                on_value=lambda v, p=param: apply(lambda: session.set_parameter(p.path, v)),
                disabled=disabled)
        solara.SliderFloat(label=f"{ui('step_hours')}: {settings.step_hours:g}",
                           value=settings.step_hours, min=1.0, max=24.0, step=1.0,
                           thumb_label=True, disabled=disabled,
                           on_value=lambda v: apply(lambda: session.update(step_hours=v)))


@solara.component
def ProposalCard(pending: Pending, lang: str, decide: Callable[[bool], None]) -> None:
    """What an agent proposes, the options it weighed, and *approve* / *reject*."""
    with language(lang):
        request = pending.proposal
        agent = str(getattr(request, "agent", "planner"))
        who = t(f"who.{agent}") if f"who.{agent}" in keys() else agent
        with solara.Card(title=ui("proposal", agent=who), subtitle=ui("waiting"),
                         classes=["wh-proposal"]):
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(describe_proposal(pending)))
            why = getattr(request, "why", "")
            if why:
                solara.HTML(tag="div", unsafe_innerHTML=html.escape(ui("why", why=why)),
                            style="font-size: 12px; color: #555")
            options = getattr(getattr(request, "proposal", None), "options", None)
            if options:
                table = options_table(options)
                solara.HTML(tag="div", unsafe_innerHTML=html_table(
                    table, "wh-options", right_align=list(table.columns)))
            with solara.Row():
                solara.Button(ui("approve"), color="success", on_click=lambda: decide(True))
                solara.Button(ui("reject"), color="error", on_click=lambda: decide(False))


@solara.component
def LinePlots(snapshot: Snapshot, lang: str) -> None:
    """The four live panels (stock, output, WIP, station states) as one picture."""
    def build() -> LiveFigure:
        with language(lang):
            return LiveFigure(snapshot.result, snapshot.baseline, snapshot.horizon)

    def draw() -> bytes:
        live.update(snapshot.result, snapshot.baseline, snapshot.now)
        return live.png()

    # one figure per run and language, updated in place and blitted by every frame
    live = solara.use_memo(build, [snapshot.settings, lang])
    png = solara.use_memo(draw, [snapshot.version, lang])
    with language(lang):
        solara.Text(ui("plots"), style={"font-weight": "600"})
    solara.Image(png, format="png")


@solara.component
def KpiPanel(snapshot: Snapshot, lang: str) -> None:
    """KPIs of the run so far; with agents on, next to the baseline at the same moment."""
    with language(lang):
        table = kpi_display(kpi_comparison(snapshot.result, snapshot.baseline))
        caption = ui("kpis_now", when=when(snapshot.now)) if snapshot.baseline else when(
            snapshot.now)
        solara.Text(ui("kpis"), style={"font-weight": "600"})
        solara.HTML(tag="div", unsafe_innerHTML=html_table(
            table, "wh-kpis", caption=caption, right_align=list(table.columns)))


@solara.component
def JournalPanel(snapshot: Snapshot, lang: str) -> None:
    """The agents' decision journal and what happened on the line."""
    with language(lang):
        solara.Text(ui("journal"), style={"font-weight": "600"})
        journal = journal_table(snapshot.result)
        if snapshot.settings.mode == "off":
            solara.Text(ui("journal_off"), classes=["wh-journal-empty"])
        elif journal.empty:
            solara.Text(ui("journal_empty"), classes=["wh-journal-empty"])
        else:
            journal.index = range(1, len(journal) + 1)
            journal.index.name = "#"
            solara.HTML(tag="div", unsafe_innerHTML=html_table(journal, "wh-journal"))
        lines = happenings(snapshot.result)
        if lines:
            solara.Text(ui("happenings"), style={"font-weight": "600"})
            solara.HTML(tag="div", unsafe_innerHTML=html.escape("\n".join(lines)),
                        classes=["wh-happenings"])


@solara.component
def Dashboard(scenario: str = "baseline", scenarios: Sequence[str] | None = None,
              lang: str = "en", seed: int = 1) -> None:
    """The whole dashboard: controls on the left; label, plots and tables on the right.

    Args:
        scenario: The scenario shown first (a shipped name or a file path).
        scenarios: Scenarios offered for picking (default: ``scenario`` and the shipped ones).
        lang: Initial language of the labels (``"en"`` or ``"de"``).
        seed: Initial seed.
    """
    session = solara.use_memo(lambda: DashboardSession(
        Settings(scenario, seed=seed),
        scenarios=offered_scenarios([scenario, *(scenarios or [])])), [])
    version, set_version = solara.use_state(session.version)
    language_now, set_language = solara.use_state(lang)
    playing, set_playing = solara.use_state(False)
    error, set_error = solara.use_state("")
    revision, set_revision = solara.use_state(0)
    choices = list(session.scenarios)  # names only: the server maps them to files

    def refresh() -> None:
        set_version(session.version)

    def apply(change: Callable[[], None]) -> None:
        try:
            change()
            set_error("")
        except (ScenarioError, ValueError, KeyError) as exc:
            set_error(str(exc))
        set_playing(False)
        set_revision(lambda r: r + 1)
        refresh()

    def tick() -> bool:
        moved = session.step()
        refresh()
        if not moved:
            set_playing(False)
        return moved

    solara.use_effect(lambda: start_playing(tick) if playing else None, [playing])
    snapshot = solara.use_memo(session.snapshot, [version])

    def act(action: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            set_playing(False)
            action()
            refresh()
        return run

    solara.Style(CSS)
    with language(language_now):
        solara.Title(ui("title"))
        SyntheticBar(snapshot, language_now)
        with solara.Row(style={"align-items": "baseline", "padding": "0 16px"},
                        classes=["wh-header"]):
            solara.HTML(tag="h1", unsafe_innerHTML=html.escape(ui("title")))
            solara.HTML(tag="span", unsafe_innerHTML=html.escape(ui("subtitle")),
                        classes=["wh-sub"])
            solara.Button(ui("language"), text=True, classes=["wh-language"],
                          on_click=lambda: set_language("de" if language_now == "en" else "en"))
        with solara.Row(style={"padding": "0 16px", "flex-wrap": "nowrap",
                               "align-items": "flex-start"}):
            with solara.Column(style={"width": "360px", "min-width": "360px"}):
                SettingsPanel(session, choices, language_now, apply, disabled=playing,
                              revision=revision)
                with solara.Row(style={"flex-wrap": "wrap"}):
                    solara.Button(ui("run"), color="primary", on_click=act(session.run),
                                  disabled=snapshot.done or snapshot.pending is not None)
                    solara.Button(ui("step"), on_click=act(session.step),
                                  disabled=snapshot.done or snapshot.pending is not None)
                    solara.Button(ui("pause") if playing else ui("play"),
                                  on_click=lambda: set_playing(not playing),
                                  disabled=(snapshot.done or snapshot.pending is not None)
                                  and not playing)
                    solara.Button(ui("reset"), on_click=act(session.reset))
                clock = clock_text(snapshot.now, snapshot.horizon)
                if snapshot.done:
                    clock += f" – {ui('finished')}"
                solara.HTML(tag="div", unsafe_innerHTML=html.escape(clock),
                            classes=["wh-clock"])
                if error:
                    solara.Error(f"{ui('error')}: {error}")
            with solara.Column(style={"flex": "1 1 auto", "min-width": "0"}):
                if snapshot.pending is not None:
                    ProposalCard(snapshot.pending, language_now,
                                 lambda ok: act(lambda: session.decide(ok))())
                with solara.Row(style={"flex-wrap": "wrap", "align-items": "flex-start"}):
                    with solara.Column(style={"flex": "3 1 640px", "min-width": "0"}):
                        LinePlots(snapshot, language_now)
                    with solara.Column(style={"flex": "2 1 380px", "min-width": "0"}):
                        KpiPanel(snapshot, language_now)
                JournalPanel(snapshot, language_now)
