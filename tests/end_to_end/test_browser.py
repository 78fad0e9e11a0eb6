"""The pages in headless Chromium: axe-core finds no WCAG A/AA violations; everything works by keyboard."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from support.article_site import HOLD_LIMIT_S, ArticleSite
from support.chromium import CHROMIUM, TIMEOUT_MS, assert_accessible, axe_violations, tab_to, wait_for
from support.server import STORIES, Server

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server or browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the browser tests (no article held on the local site meets its fetch deadline)."""
    running = Server(tmp_path_factory.mktemp("browser"), allow_private_urls="1",
                     fetch_deadline=str(2 * HOLD_LIMIT_S)).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def articles() -> Iterator[ArticleSite]:
    """A local site whose article a test can hold, keeping the briefing reading it in progress."""
    site = ArticleSite()
    yield site
    site.close()


def made(server: Server, *stories: str, title: str) -> str:
    """The id of a finished briefing made through the API."""
    return server.make(*(STORIES[s] for s in stories), title=title)["id"]


def test_empty_form_is_accessible(page: Page, server: Server) -> None:
    page.goto(server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a spoken briefing")
    assert_accessible(page)


def test_form_with_errors_is_accessible_with_and_without_javascript(page: Page, server: Server) -> None:
    page.goto(server.url)
    page.fill("#rate", "very fast")
    page.click("button[type=submit]")
    expect(page.locator("#text-error")).to_be_visible()
    expect(page.locator("#text")).to_be_focused()
    assert page.get_attribute("#text", "aria-invalid") == "true"
    assert "text-error" in page.get_attribute("#text", "aria-describedby").split()
    assert page.get_attribute("#rate-error", "role") == "alert"
    assert_accessible(page)
    page.evaluate("document.getElementById('briefing-form').submit()")
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#rate-error")).to_contain_text("whole number")
    assert page.title().startswith("Error: ")
    assert_accessible(page)


def test_briefing_page_during_progress_is_accessible(page: Page, server: Server,
                                                     articles: ArticleSite) -> None:
    """The form goes at once to the briefing's page, which shows its progress while the article is
    still being read (held on the local site), then the player once the briefing is made."""
    page.goto(server.url)
    articles.hold()
    try:
        page.fill("#urls", articles.url)
        page.click("button[type=submit]")
        # the held briefing's live player keeps loading, which delays the load event
        page.wait_for_url("**/briefings/*", wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        briefing_id = page.url.rsplit("/", 1)[1]
        expect(page.locator("#job-progress")).to_be_visible()
        expect(page.locator("#player")).not_to_be_attached()
        assert_accessible(page)
        status = httpx.get(f"{server.url}/api/briefings/{briefing_id}", timeout=30).json()
        assert status["state"] in ("queued", "running"), "the article is still held"
    finally:
        articles.release()
    assert server.wait(briefing_id)["state"] == "done"
    page.goto(f"{server.url}/briefings/{briefing_id}")
    expect(page.locator("#player")).to_be_attached()


def test_failed_briefing_page_is_accessible(page: Page, server: Server) -> None:
    status = server.wait(server.submit_unreachable())
    assert status["state"] == "failed"
    page.goto(status["page_url"])
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(
        "This briefing could not be made")  # the footer has a heading and a status line of its own
    assert_accessible(page)


def test_briefing_library_and_delete_pages_are_accessible(page: Page, server: Server) -> None:
    briefing_id = made(server, "ferry", "library", title="Two <b>stories</b> & more")
    page.goto(f"{server.url}/briefings/{briefing_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two <b>stories</b> & more")
    assert page.get_attribute("#player", "autoplay") is None
    assert page.locator("[aria-live]").count() == 0
    assert page.locator("a.chapter").count() == 3  # the intro, then each story
    expect(page.locator("a.chapter").first).to_contain_text("Introduction")
    assert_accessible(page)
    page.goto(f"{server.url}/library")
    assert_accessible(page)
    page.get_by_role("link", name="Delete Two <b>stories</b> & more").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delete")
    assert_accessible(page)
    page.get_by_role("button", name="Delete briefing").click()
    expect(page.get_by_role("main").get_by_role("status")).to_have_text("The briefing was deleted.")
    assert page.get_by_role("link", name="Two <b>stories</b> & more").count() == 0
    assert_accessible(page)


def test_keyboard_only_submit_play_speed_chapter_sentence(page: Page, server: Server) -> None:
    page.goto(server.url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    tab_to(page, "#text")
    page.keyboard.insert_text(STORIES["market"] + "\n---\n" + STORIES["orchard"])
    tab_to(page, "#title")
    page.keyboard.type("Keyboard briefing")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/briefings/*", timeout=TIMEOUT_MS)
    assert server.wait(page.url.rsplit("/", 1)[1])["state"] == "done"
    page.goto(page.url)  # the finished page (while it is made, the page plays the stream instead)
    audio = page.locator("#player")
    expect(audio).to_be_attached()
    wait_for(page, "document.getElementById('player').readyState >= 1")

    page.keyboard.press("k")
    wait_for(page, "!document.getElementById('player').paused")
    wait_for(page, "document.getElementById('player').currentTime > 0.3")

    tab_to(page, "#speed")
    page.keyboard.press("ArrowDown")
    wait_for(page, "document.getElementById('player').playbackRate === 1.25")
    page.keyboard.press("Escape")

    tab_to(page, "ol.chapters li:nth-child(2) a.chapter")
    page.keyboard.press("Enter")
    start = float(page.get_attribute("ol.chapters li:nth-child(2) a.chapter", "data-start"))
    assert start > 1
    time_now = page.evaluate("document.getElementById('player').currentTime")
    assert start - 0.1 <= time_now <= start + 2

    page.keyboard.press("k")
    wait_for(page, "document.getElementById('player').paused")
    spoken = page.get_attribute(".cue[aria-current]", "id")
    ids = page.locator(".cue").evaluate_all("(cues) => cues.map((c) => c.id)")
    tab_to(page, "#cues")  # the transcript is one tab stop, at the sentence being spoken
    assert page.get_attribute("#cues", "aria-activedescendant") == spoken
    page.keyboard.press("ArrowDown")  # the arrow keys choose a sentence in it
    page.keyboard.press("ArrowDown")
    cue_id = ids[ids.index(spoken) + 2]
    cue = page.locator(f"#{cue_id}")
    assert page.evaluate("document.activeElement.id") == "cues"
    assert page.get_attribute("#cues", "aria-activedescendant") == cue_id
    page.keyboard.press("Enter")
    cue_start = float(cue.get_attribute("data-start"))
    wait_for(page, f"document.getElementById('{cue_id}').getAttribute('aria-current') === 'true'")
    time_now = page.evaluate("document.getElementById('player').currentTime")
    assert cue_start - 0.1 <= time_now <= cue_start + 2
    assert page.locator(".cue[aria-current]").count() == 1

    page.keyboard.press("-")
    wait_for(page, "document.getElementById('player').playbackRate === 1")
    tab_to(page, "#shortcuts")
    page.keyboard.press("Space")
    assert not page.is_checked("#shortcuts")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("=")
    assert page.evaluate("document.getElementById('player').playbackRate") == 1


def test_chromium_is_debians(browser: Browser) -> None:
    assert shutil.which("chromium") == str(CHROMIUM)
    assert browser.version


def test_axe_reports_a_known_violation(page: Page) -> None:
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    assert any(line.startswith("image-alt:") for line in axe_violations(page))
