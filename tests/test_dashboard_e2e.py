"""End to end: ``werkhalle dashboard`` served on localhost, driven in real headless Chromium.

Debian's Chromium (``/usr/bin/chromium``, installed by scripts/install-browser.sh) is driven
by Playwright through ``executable_path``; Playwright never downloads a browser here. The test
starts the real command as a subprocess on a free port, loads the page, changes a slider,
runs, and checks that the KPI table and the decision journal changed, that the SYNTHETIC
label is visible, and that every request the page made stayed on 127.0.0.1 (offline assets,
no telemetry). The screenshot is kept in ``test-artifacts/dashboard.png``.

No fixed short deadlines: the server start and every page wait use one generous ceiling
(:data:`CEILING_S`), so a busy two-core machine or a slow browser start only makes the test
slower, never red. A ceiling is reached only if something really hangs.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import pytest
from e2e_support import ARTIFACTS, answers, chromium, free_port, served
from playwright.sync_api import Page, expect

CEILING_S = 300.0
"""Upper bound of any single wait (server start, a page condition): only a real hang hits it."""
TIMEOUT_MS = int(CEILING_S * 1000)
expect.set_options(timeout=TIMEOUT_MS)  # expect() polls for the condition up to the ceiling


@pytest.fixture(scope="module")
def dashboard_url() -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with served(["dashboard", "supply_disruption", "--port", str(port)], answers(url),
                ceiling=CEILING_S):
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium(TIMEOUT_MS) as launched:
        yield launched


@pytest.fixture
def requested() -> list[str]:
    """Every URL the page asked for."""
    return []


@pytest.fixture
def page(browser, requested: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1500, "height": 1500})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    page.on("request", lambda request: requested.append(request.url))
    yield page
    context.close()


def clock(page: Page):
    return page.locator(".wh-clock")


def kpi_text(page: Page) -> str:
    return page.locator("table.wh-kpis").inner_text()


def test_command_prints_its_address_and_serves_the_page(dashboard_url: str):
    with urllib.request.urlopen(dashboard_url, timeout=CEILING_S) as response:
        html = response.read().decode()
    assert "Werkhalle (SYNTHETIC)" in html  # the page title until the app sets its own


def test_participant_changes_a_slider_runs_and_sees_kpis_and_journal(
        page: Page, dashboard_url: str, requested: list[str]):
    page.goto(dashboard_url)
    label = page.locator(".wh-synthetic")
    expect(label).to_be_visible()
    expect(label).to_contain_text("SYNTHETIC: toy-model output")
    expect(label).to_contain_text("supply_disruption#")
    expect(clock(page)).to_contain_text("Mon 00:00 (0 %")

    page.get_by_text("autonomous: agents act alone").click()
    journal = page.locator(".wh-journal-empty")
    expect(journal).to_have_text("No decisions yet.")
    kpis_before = kpi_text(page)
    assert "baseline (wait)" in kpis_before and "agents" in kpis_before

    slider_label = page.locator(".wh-param-label").first
    expect(slider_label).to_have_text("rail_outage: delivery delay [h]: 72")
    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")  # one step: 73 h
    expect(slider_label).to_have_text("rail_outage: delivery delay [h]: 73")
    expect(label).to_contain_text("seed 1")

    page.get_by_role("button", name="Run").click()
    expect(clock(page)).to_contain_text("(100 %")
    expect(page.locator("table.wh-journal tbody tr").first).to_be_visible()
    kpis_after = kpi_text(page)
    assert kpis_after != kpis_before
    expect(label).to_be_in_viewport()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    local = ("http://127.0.0.1:", "ws://127.0.0.1:", "blob:http://127.0.0.1:", "data:")
    offsite = [url for url in requested if not url.startswith(local)]
    assert len(requested) > 5 and offsite == []


def test_recommend_mode_asks_and_the_person_decides(page: Page, dashboard_url: str):
    page.goto(dashboard_url)
    page.get_by_text("recommend: a person approves").click()
    page.get_by_role("button", name="Run").click()
    card = page.locator(".wh-proposal")
    expect(card).to_be_visible()
    expect(card).to_contain_text("proposes")
    stopped_at = clock(page).inner_text()
    assert "(100 %" not in stopped_at
    page.get_by_role("button", name="Approve").click()
    expect(card).to_have_count(0)
    finished = clock(page).filter(has_text="(100 %")
    for _ in range(10):  # later proposals, if any, are rejected
        page.get_by_role("button", name="Run").click()
        expect(card.or_(finished)).to_be_visible()
        if finished.count():
            break
        page.get_by_role("button", name="Reject").click()
        expect(card).to_have_count(0)
    expect(finished).to_be_visible()
    journal = page.locator("table.wh-journal")
    expect(journal).to_contain_text("participant (recommend mode)")
    expect(journal).to_contain_text("from czech by truck")  # the planner's transfer


def test_language_switch_in_the_browser(page: Page, dashboard_url: str):
    page.goto(dashboard_url)
    page.get_by_role("button", name="Deutsch").click()
    expect(page.locator(".wh-synthetic")).to_contain_text("SYNTHETISCH")
    expect(clock(page)).to_contain_text("Simulierte Zeit: Mo 00:00")
    expect(page.locator("table.wh-kpis")).to_contain_text("Ausbringung")


def test_play_advances_until_paused(page: Page, dashboard_url: str):
    page.goto(dashboard_url)
    expect(clock(page)).to_contain_text("Mon 00:00")
    page.get_by_role("button", name="Play").click()
    expect(clock(page)).not_to_contain_text("Mon 00:00")  # it advanced on its own (any pace)
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    paused = clock(page).inner_text()
    page.wait_for_timeout(1000)  # several play ticks long: the clock must stand still
    assert clock(page).inner_text() == paused
