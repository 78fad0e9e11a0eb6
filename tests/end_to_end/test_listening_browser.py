"""Up next and played in headless Chromium (no autoplay flags): a queue of two briefings plays on from
the first into the second; played marks and places survive a reload (in localStorage without
accounts, on the server with them, where another browser of the same account sees them); the sleep
timer stops at the end of a briefing; axe finds nothing; nothing scrolls sideways at 320 px."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import NamedTuple

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from support.chromium import TIMEOUT_MS, assert_accessible, csp_watched, new_context, wait_for
from support.commands import run
from support.server import STORIES, Server

pytestmark = pytest.mark.slow  #: end-to-end: real engine, encoder, server and browser

PASSWORD = "correct horse battery"
PLAYER = "document.getElementById('player')"
PLAYING = f"!{PLAYER}.paused && {PLAYER}.currentTime > 0.3"
NO_SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth"
SHORT = "Bus Note\n\nThe bus is late today. It comes at nine.\n"  #: a few seconds, heard to the end


class OpenServer(NamedTuple):
    """A server without accounts and its finished briefings, oldest first."""

    server: Server
    first: str
    second: str  #: the newest
    short: str  #: a few seconds long, made between the two


@pytest.fixture(scope="module")
def open_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenServer]:
    """A server without accounts, with three finished briefings: ferry, a short one, library (newest)."""
    running = Server(tmp_path_factory.mktemp("listening-open")).start()
    try:
        first = running.make(STORIES["ferry"], title="Ferry")["id"]
        short = running.make(SHORT, title="Bus")["id"]
        second = running.make(STORIES["library"], title="Library")["id"]
        yield OpenServer(running, first, second, short)
    finally:
        running.stop()


@pytest.fixture(scope="module")
def account_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str, str]]:
    """A server with the account alice and two of her finished briefings (public, so the API token
    makes them without a browser)."""
    home = tmp_path_factory.mktemp("listening-accounts")
    assert run("user", "add", "alice", stdin=PASSWORD + "\n", home=home).returncode == 0
    made = run("token", "create", "alice", home=home)
    assert made.returncode == 0, made.stderr
    running = Server(home).start()
    auth = {"Authorization": f"Bearer {made.stdout.strip()}"}
    try:
        ids = []
        for story, title in (("orchard", "Orchard"), ("market", "Market")):
            with running.client() as client:
                answer = client.post("/api/briefings", headers=auth, json={
                    "title": title, "public": True, "articles": [{"text": STORIES[story]}]})
            assert answer.status_code == 202, answer.text
            ids.append(answer.json()["id"])
        for record_id in ids:
            assert running.wait(record_id)["state"] == "done"
        yield running, ids[0], ids[1]
    finally:
        running.stop()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context at 1280 px (its pages must not break the Content-Security-Policy)."""
    opened = new_context(browser)
    yield opened
    opened.close()


def opened(context: BrowserContext) -> tuple[Page, list[str]]:
    """A new page of the context and the CSP complaints it logs."""
    return csp_watched(context)


def at_the_top(page: Page) -> None:
    """Scroll to the top: while playing, the page follows the spoken sentence, and the sticky player
    then lies over links further down (which axe's target-size rule counts against them)."""
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    wait_for(page, "window.scrollY === 0")


def kept_place(page: Page, briefing_id: str) -> float:
    """The place the page's browser keeps for a briefing, where player.js reads it."""
    return float(page.evaluate(f"localStorage.getItem('audiobrief-position:{briefing_id}')"))


def log_in(page: Page, server: Server) -> None:
    """Log in as alice through the form."""
    page.goto(f"{server.url}/login")
    page.get_by_label("Account name").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(server.url + "/")


def queue_in_library(page: Page, server: Server, first: str, second: str) -> None:
    """Queue the two briefings from the library ("Add to queue" and, by keyboard, "Play next"), with a
    reorder and a removal on the way, and check the Up next list after each."""
    page.goto(f"{server.url}/library")
    up_next = page.locator("#up-next-list li a")
    expect(page.locator("#up-next")).to_be_visible()
    expect(page.locator("#up-next-empty")).to_be_visible()
    first_title = page.locator(f'tr[data-briefing="{first}"]').get_attribute("data-title")
    second_title = page.locator(f'tr[data-briefing="{second}"]').get_attribute("data-title")
    page.get_by_role("button", name=f"Add to queue {second_title}").click()
    expect(up_next).to_have_text([second_title])
    page.get_by_role("button", name=f"Play next {first_title}").focus()
    page.keyboard.press("Enter")
    expect(up_next).to_have_text([first_title, second_title])
    expect(page.locator("#listening-status")).to_have_text(f"“{first_title}” plays next.")
    page.get_by_role("button", name=f"Move down {first_title}").focus()
    page.keyboard.press("Enter")
    expect(up_next).to_have_text([second_title, first_title])
    expect(page.get_by_role("button", name=f"Move up {first_title}")).to_be_focused()
    expect(page.locator("#listening-status")).to_have_text(f"Moved “{first_title}” down: 2 of 2.")
    page.keyboard.press("Enter")  # Move up, still focused
    expect(up_next).to_have_text([first_title, second_title])
    page.get_by_role("button", name=f"Remove {second_title} from the queue").click()
    expect(up_next).to_have_text([first_title])
    page.get_by_role("button", name=f"Add to queue {second_title}").click()
    expect(up_next).to_have_text([first_title, second_title])
    assert_accessible(page)


def play_through(page: Page, server: Server, first: str, second: str) -> None:
    """From the library's Up next, open the first briefing, play its last half second, and see the
    second one open and play by itself."""
    page.locator("#up-next-list li a").first.click()
    page.wait_for_url(f"**/briefings/{first}")
    wait_for(page, f"{PLAYER}.readyState >= 1")
    page.evaluate(f"{PLAYER}.currentTime = {PLAYER}.duration - 0.5")
    page.keyboard.press("k")  # the listener's own key press starts it
    page.wait_for_url(f"**/briefings/{second}", timeout=TIMEOUT_MS)
    wait_for(page, PLAYING)
    expect(page.locator("#listening-status")).to_contain_text("from the queue")
    wait_for(page, f"{PLAYER}.currentTime > 1.2")
    page.keyboard.press("k")  # pause: the place is saved
    wait_for(page, f"{PLAYER}.paused")


def test_without_accounts_the_queue_plays_on_and_the_browser_remembers(
        context: BrowserContext, open_server: OpenServer) -> None:
    server, first, second, _ = open_server
    page, blocked = opened(context)
    queue_in_library(page, server, first, second)
    play_through(page, server, first, second)
    # the pause's own event saves the place, a moment after the player reads paused (a loaded run
    # read it before)
    wait_for(page, f"Number(localStorage.getItem('audiobrief-position:{second}')) >= 1.2")
    place = kept_place(page, second)
    assert 1.2 <= place <= page.evaluate(f"{PLAYER}.duration")
    page.reload()
    queue_buttons = page.locator("#briefing-actions .queue-controls button")
    expect(queue_buttons).to_have_text(["Play next", "Add to queue"])
    assert kept_place(page, second) == place
    at_the_top(page)
    assert_accessible(page)
    page.goto(f"{server.url}/library")
    expect(page.locator(f'tr[data-briefing="{first}"] .listened')).to_have_text("Played")
    expect(page.locator(f'tr[data-briefing="{second}"] .listened')).to_have_text("1 min left")
    expect(page.locator("#up-next-empty")).to_be_visible()  # both were taken from the queue
    assert blocked == []


def test_the_queue_plays_on_through_a_briefing_it_started(
        context: BrowserContext, open_server: OpenServer) -> None:
    """The short briefing in the middle is started by the queue and heard to its end with no touch
    of the listener's (nor of the test's: nothing is evaluated on its page), and still plays on."""
    server, first, second, short = open_server
    page, blocked = opened(context)
    page.goto(f"{server.url}/library")
    expect(page.locator("#up-next")).to_be_visible()
    for record_id in (first, short, second):
        page.locator(f'tr[data-briefing="{record_id}"] button.queue-add').click()
        expect(page.locator(f'#up-next-list li[data-briefing="{record_id}"]')).to_be_attached()
    page.locator("#up-next-list li a").first.click()
    page.wait_for_url(f"**/briefings/{first}")
    wait_for(page, f"{PLAYER}.readyState >= 1")
    page.evaluate(f"{PLAYER}.currentTime = {PLAYER}.duration - 0.5")
    page.keyboard.press("k")
    page.wait_for_url(f"**/briefings/{short}", timeout=TIMEOUT_MS)
    page.wait_for_url(f"**/briefings/{second}", timeout=TIMEOUT_MS)
    wait_for(page, PLAYING)
    page.goto(f"{server.url}/library")
    for record_id in (first, short):
        expect(page.locator(f'tr[data-briefing="{record_id}"] .listened')).to_have_text("Played")
    assert blocked == []


def test_the_sleep_timer_stops_at_the_end_of_the_briefing(
        context: BrowserContext, open_server: OpenServer) -> None:
    server, first, second, _ = open_server
    page, blocked = opened(context)
    page.goto(f"{server.url}/briefings/{first}")
    page.get_by_role("button", name="Add to queue").click()  # something to play on into, but for the timer
    page.goto(f"{server.url}/briefings/{second}")
    page.get_by_label("Sleep timer").select_option("end")
    expect(page.locator("#listening-status")).to_have_text("Sleep timer: pauses at the end of this briefing.")
    wait_for(page, f"{PLAYER}.readyState >= 1")
    page.evaluate(f"{PLAYER}.currentTime = {PLAYER}.duration - 0.5")
    page.keyboard.press("k")
    expect(page.locator("#listening-status")).to_have_text("Sleep timer: stopped at the end of the briefing.")
    assert page.evaluate(f"{PLAYER}.paused && {PLAYER}.ended")
    assert page.url.endswith(f"/briefings/{second}")
    expect(page.get_by_label("Sleep timer")).to_have_value("")
    at_the_top(page)
    assert_accessible(page)

    before = page.evaluate("Date.now()")
    page.get_by_label("Sleep timer").select_option("15")
    expect(page.locator("#listening-status")).to_have_text("Sleep timer: pauses in 15 minutes.")
    kept = page.evaluate("JSON.parse(sessionStorage.getItem('audiobrief-sleep'))")
    after = page.evaluate("Date.now()")
    assert kept["value"] == "15" and before + 15 * 60_000 <= kept["deadline"] <= after + 15 * 60_000
    page.goto(f"{server.url}/briefings/{first}")  # the timer goes on with the tab to the next briefing
    expect(page.get_by_label("Sleep timer")).to_have_value("15")
    page.get_by_label("Sleep timer").select_option("")
    expect(page.locator("#listening-status")).to_have_text("Sleep timer off.")
    assert page.evaluate("sessionStorage.getItem('audiobrief-sleep')") is None
    assert blocked == []


def test_with_accounts_another_browser_of_the_account_sees_the_queue_and_the_marks(
        browser: Browser, account_server: tuple[Server, str, str]) -> None:
    server, first, second = account_server
    phone = new_context(browser, width=320)
    laptop = new_context(browser)
    try:
        page, blocked = opened(phone)
        log_in(page, server)
        queue_in_library(page, server, first, second)
        assert page.evaluate(NO_SIDEWAYS)
        other, other_blocked = opened(laptop)
        log_in(other, server)
        other.goto(f"{server.url}/library")
        expect(other.locator("#up-next-list li")).to_have_count(2)
        play_through(page, server, first, second)
        assert page.evaluate(NO_SIDEWAYS)
        at_the_top(page)
        assert_accessible(page)
        place = page.evaluate(f"{PLAYER}.currentTime")
        saved_by(other, server, second, place)
        page.reload()
        assert abs(kept_place(page, second) - place) < 0.1
        other.goto(f"{server.url}/library")
        expect(other.locator(f'tr[data-briefing="{first}"] .listened')).to_have_text("Played")
        expect(other.locator(f'tr[data-briefing="{second}"] .listened')).to_have_text("1 min left")
        expect(other.locator("#up-next-empty")).to_be_visible()
        other.evaluate(f"localStorage.removeItem('audiobrief-position:{second}')")
        other.goto(f"{server.url}/briefings/{second}")  # the server's place is where player.js finds it
        assert abs(kept_place(other, second) - place) < 0.1
        assert blocked == [] and other_blocked == []
    finally:
        phone.close()
        laptop.close()


def test_play_all_unplayed_at_320_px(browser: Browser, open_server: OpenServer) -> None:
    server, _, second, _ = open_server
    phone = new_context(browser, width=320)
    try:
        page, blocked = opened(phone)
        page.goto(f"{server.url}/library")
        expect(page.locator("#up-next")).to_be_visible()
        assert page.evaluate(NO_SIDEWAYS)
        page.get_by_role("button", name="Play all unplayed").click()
        page.wait_for_url(f"**/briefings/{second}")  # newest first, as listed
        wait_for(page, PLAYING)
        assert page.evaluate(NO_SIDEWAYS)
        at_the_top(page)
        assert_accessible(page)
        assert blocked == []
    finally:
        phone.close()


def saved_by(page: Page, server: Server, briefing_id: str, place: float) -> None:
    """Wait until the server holds the place (the pause's save is sent without waiting), as the other
    browser reads it."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while True:
        states = page.request.get(f"{server.url}/api/listening").json()["briefings"]
        if any(s["id"] == briefing_id and abs(s["position_s"] - place) < 0.1 for s in states):
            return
        assert time.monotonic() < deadline, states
        page.wait_for_timeout(100)
