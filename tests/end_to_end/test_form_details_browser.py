"""Small things in Chromium: voice samples play on the form, a wrong password puts focus on the
error, and times follow the viewer's time zone (a new show's zone starts as the browser's)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from support.chromium import assert_accessible, csp_watched, new_context
from support.commands import run
from support.server import Server

pytestmark = pytest.mark.slow  #: end-to-end: real engines, server and browser

PASSWORD = "correct horse battery"
ESPEAK = "American English, espeak-ng (formant synthesis), newsreader pace"
SHOW = {"slug": "harbour", "title": "Harbour Hour", "description": "", "voice": "en-us-espeak",
        "frequency": "every day", "time": "06:30", "zone": "UTC", "hours": "4", "max_stories": "5",
        "max_per_source": "3", "keep_episodes": "10", "keep_days": "0"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("details")).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def accounts_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("details-accounts")
    assert run("user", "add", "alice", stdin=PASSWORD + "\n", home=home).returncode == 0
    running = Server(home).start()
    yield running
    running.stop()


@pytest.fixture
def berlin(browser: Browser) -> Iterator[Page]:
    """A page in a browser set to Europe/Berlin; nothing on it may break the CSP."""
    context = new_context(browser, timezone_id="Europe/Berlin")
    page, blocked = csp_watched(context)
    yield page
    context.close()
    assert blocked == []


def test_a_voice_sample_plays_and_stops_on_the_form(page: Page, server: Server) -> None:
    page.goto(server.url)
    page.get_by_text("Hear each voice").click()
    button = page.get_by_role("button", name=f"Play sample: {ESPEAK}")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    status = page.locator("#sample-status")
    expect(status).to_have_text(f"Playing the sample of {ESPEAK}.")
    stop = page.get_by_role("button", name=f"Stop sample: {ESPEAK}")
    expect(stop).to_have_attribute("aria-pressed", "true")
    assert page.url == server.url + "/"
    assert page.locator("a[href$='/sample.mp3']").count() == 0
    assert_accessible(page)
    stop.click()
    expect(status).to_have_text(f"Stopped the sample of {ESPEAK}.")
    expect(button).to_have_attribute("aria-pressed", "false")
    page.get_by_role("button", name=f"Play sample: {ESPEAK}").focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text(f"Playing the sample of {ESPEAK}.")
    expect(status).to_have_text(f"The sample of {ESPEAK} has ended.")
    expect(button).to_have_attribute("aria-pressed", "false")


def test_after_a_wrong_password_focus_is_on_the_error(page: Page, accounts_server: Server) -> None:
    page.goto(accounts_server.url + "/login")
    assert page.evaluate("document.activeElement.tagName") == "BODY"
    page.get_by_label("Account name").fill("alice")
    page.get_by_label("Password").fill("wrong password")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_have_text("The name or password is wrong.")
    expect(page.locator("#problem")).to_be_focused()
    assert_accessible(page)


def test_a_new_show_starts_in_the_browsers_time_zone(berlin: Page, server: Server) -> None:
    berlin.goto(server.url + "/new-show")
    assert berlin.input_value("#zone") == "Europe/Berlin"
    berlin.select_option("#zone", "Asia/Tokyo")
    berlin.fill("#slug", "Not a slug!")
    berlin.get_by_role("button", name="Make show").click()
    expect(berlin.locator("#error-summary")).to_be_visible()
    assert berlin.input_value("#zone") == "Asia/Tokyo"  # the listener's choice comes back, not Berlin's


def test_show_times_are_in_the_viewers_zone(berlin: Page, server: Server) -> None:
    created = httpx.post(f"{server.url}/shows", data=SHOW, follow_redirects=False)
    assert created.status_code == 303, created.text
    berlin.goto(server.url + "/shows/harbour")
    shown = berlin.locator("dd time[data-local]").first
    stamp = datetime.fromisoformat(shown.get_attribute("datetime") or "")
    assert stamp.utcoffset() is not None and stamp.utcoffset().total_seconds() == 0  # the UTC fallback
    here = stamp.astimezone(ZoneInfo("Europe/Berlin"))
    assert here.strftime("%H:%M") == ("08:30" if here.dst() else "07:30")
    expect(shown).to_have_text(f"{here.day} {here:%B %Y, %H:%M} {here.tzname()}")
    expect(shown).to_have_attribute("title", f"{stamp.day} {stamp:%B %Y, %H:%M} UTC")
    berlin.goto(server.url + "/shows")
    listed = berlin.locator("dd time[data-local]").first
    expect(listed).to_have_text(f"{here.day} {here:%B %Y, %H:%M} {here.tzname()}")
