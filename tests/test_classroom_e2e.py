"""End to end: ``werkhalle classroom`` served on localhost, two teams and the board in Chromium.

Debian's Chromium (``/usr/bin/chromium``) is driven by Playwright through
``executable_path``, as in ``test_dashboard_e2e.py``. The test starts the real command on a
free port with a known join code, reads the lecturer's board link from its output, and
checks: a request (page or websocket) without the code is refused; a team joins with the
code, plays the vignette (set-up, run to the disruption, choose, run to the end); a forged
scenario path sent through the page's websocket is refused on the server; the board shows
the team's choice and KPIs, the leaderboard and the debrief; the export is labelled.
Screenshots land in ``test-artifacts/``. Waits are conditions with generous ceilings.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_support import ARTIFACTS, chromium, free_port, served
from playwright.sync_api import Page, expect

CEILING_MS = 60_000
"""Ceiling of every condition wait (a shared 2-core machine can be slow; no fixed sleeps)."""
CODE = "K7PQ3X"
expect.set_options(timeout=CEILING_MS)  # expect() has its own 5 s default otherwise


def status_of(url: str, cookie: str = "") -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture(scope="module")
def server() -> Iterator[dict[str, str]]:
    port = free_port()
    args = ["classroom", "supply_disruption", "baseline", "--port", str(port), "--code", CODE]
    with served(args, lambda line: line.startswith("Listening on"), ceiling=120) as lines:
        text = "".join(lines)
        board = re.search(r"(http://\S+/board\?key=\S+)", text).group(1)
        yield {"url": f"http://127.0.0.1:{port}/", "board": board, "output": text}


@pytest.fixture(scope="module")
def browser():
    with chromium(CEILING_MS) as launched:
        yield launched


def new_page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1500, "height": 1300})
    page = context.new_page()
    page.set_default_timeout(CEILING_MS)
    return page


def settled(page: Page) -> None:
    """Wait until Solara has finished loading the page (it dims the page while loading)."""
    expect(page.locator(".solara-page-loading")).to_have_count(0)


def test_the_command_prints_the_code_and_binds_to_this_machine(server):
    out = server["output"]
    assert f"Join code: {CODE}" in out
    assert "SYNTHETIC" in out.splitlines()[0]
    assert "Listening on 127.0.0.1 only" in out


def test_requests_without_the_code_are_refused(server, browser):
    url = server["url"]
    assert status_of(url) == 403
    assert status_of(url + "?code=WRONG1") == 403
    assert status_of(url + "_solara/static/main-vuetify.js") == 403
    assert status_of(url, cookie=f"werkhalle-join={CODE}") == 200
    assert status_of(url + "board", cookie=f"werkhalle-join={CODE}") == 403  # lecturer only
    assert status_of(url + "board/export.csv", cookie=f"werkhalle-join={CODE}") == 403
    page = new_page(browser)
    try:
        page.goto(url)
        expect(page.locator("#wh-refused")).to_be_attached()
        expect(page.locator("body")).to_contain_text("SYNTHETIC")
        # a websocket without the cookie is closed before the handshake completes
        closed = page.evaluate("""(url) => new Promise((resolve) => {
            const ws = new WebSocket(url);
            ws.onopen = () => resolve('open');
            ws.onerror = () => resolve('refused');
            ws.onclose = () => resolve('refused');
        })""", url.replace("http", "ws") + "jupyter/api/kernels/x/channels?session_id=y")
        assert closed == "refused"
    finally:
        page.context.close()


def test_a_team_plays_the_vignette_and_the_board_shows_it(server, browser):
    page = new_page(browser)
    board = new_page(browser)
    try:
        page.goto(server["url"])
        page.locator("input[name=code]").fill(CODE.lower())
        page.get_by_role("button", name="Join / Beitreten").click()
        expect(page.locator(".wh-synthetic")).to_contain_text("SYNTHETIC")
        page.get_by_label("Your team's name").fill("Amsel")
        page.get_by_role("button", name="Join", exact=True).click()
        expect(page.locator("h1")).to_contain_text("Team Amsel")
        label = page.locator(".wh-synthetic")
        expect(label).to_contain_text("supply_disruption#")

        # a forged scenario path, sent through the page's own websocket, is refused
        page.evaluate("""() => {
            const vm = document.querySelector('.wh-scenario').__vue__;
            vm.$emit('input', '/etc/passwd'); vm.$emit('change', '/etc/passwd');
        }""")
        expect(page.locator(".wh-message")).to_contain_text("'/etc/passwd' is not offered")
        expect(label).to_contain_text("supply_disruption#")

        page.get_by_label("Seed (random numbers)").fill("2")
        page.get_by_label("Seed (random numbers)").press("Enter")
        expect(label).to_contain_text("seed 2")
        page.get_by_role("button", name="Run").click()
        question = page.locator(".wh-question")
        expect(question).to_be_visible()
        expect(question).to_contain_text("delay of alloy")
        settled(page)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "classroom_question.png"), full_page=True,
                        animations="disabled")
        # a reload mid-run brings back the same team at the same question
        page.reload()
        expect(page.locator("h1")).to_contain_text("Team Amsel")
        expect(question).to_contain_text("delay of alloy")
        expect(page.locator(".wh-clock")).not_to_contain_text("(100 %")
        page.get_by_text(re.compile(r"^express \d+ kg alloy from express by air")).click()
        page.get_by_role("button", name="Decide").click()
        expect(page.locator(".wh-clock")).to_contain_text("(100 %")
        expect(page.locator("table.wh-result")).to_contain_text("agent alone")
        ARTIFACTS.mkdir(exist_ok=True)
        settled(page)
        page.screenshot(path=str(ARTIFACTS / "classroom_team.png"), full_page=True,
                        animations="disabled")

        board.goto(server["board"])
        table = board.locator("table.wh-class")
        expect(table).to_contain_text("Amsel")
        expect(table).to_contain_text("express shipment (express)")
        expect(table).to_contain_text("finished")
        expect(board.locator("table.wh-leaderboard")).to_contain_text("agent alone")
        expect(board.locator(".wh-debrief")).to_contain_text("0 of 1 teams picked")
        expect(board.locator(".wh-join")).to_contain_text(CODE)
        expect(board.locator(".wh-synthetic")).to_contain_text("SYNTHETIC")
        settled(board)
        board.screenshot(path=str(ARTIFACTS / "classroom_board.png"), full_page=True,
                         animations="disabled")
        with board.expect_download() as download:
            board.get_by_text("CSV (SYNTHETIC)").click()
        csv = Path(download.value.path()).read_text(encoding="utf-8")
        assert csv.startswith("# SYNTHETIC")
        assert "team,Amsel,supply_disruption · seed 2,finished,express_express" in csv

        board.get_by_role("button", name="Deutsch").click()
        expect(board.locator("h1")).to_have_text("Klassen-Tafel")
        expect(board.locator(".wh-synthetic")).to_contain_text("SYNTHETISCH")
        expect(board.locator("table.wh-class")).to_contain_text("fertig")

        page.get_by_role("button", name="Deutsch").click()
        expect(label).to_contain_text("SYNTHETISCH")
        expect(page.locator("h1")).to_contain_text("Team Amsel")
    finally:
        page.context.close()
        board.context.close()
