"""The shows' pages in headless Chromium against a real server and feeds served from loopback:
a show made by keyboard only, a source added, an episode made and played; axe-core finds no WCAG
A/AA violations on each page and state, at 320 and 1280 pixels wide, and nothing scrolls sideways."""

from __future__ import annotations

import re
from collections.abc import Iterator

import feedparser
import httpx
import pytest
from playwright.sync_api import Page, expect
from support.chromium import TIMEOUT_MS, assert_accessible, tab_to, wait_for
from support.feed_server import FETCH_DEADLINE_S, STORIES, FeedSite, feed_site, rss
from support.server import Server

pytestmark = pytest.mark.slow  #: end-to-end: real server, engines, encoder and browser

VOICE = "en-us-espeak"
WIDTHS = (320, 1280)
#: the elements that reach past the window's right edge (tag, id or class), for the failure message
WIDE_ELEMENTS = """[...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
    .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`).slice(0, 12)"""


@pytest.fixture(scope="module")
def site() -> Iterator[FeedSite]:
    with feed_site() as running:
        yield running


@pytest.fixture(scope="module")
def server(site: FeedSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("shows-browser"), allow_private_urls="1",
                     fetch_deadline=str(FETCH_DEADLINE_S)).start()
    yield running
    running.stop()


def check_page(page: Page) -> None:
    """No axe violations and no sideways scrolling, on a phone's width and a desktop's."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        overflow = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert overflow[0] <= overflow[1], f"{page.url} scrolls sideways at {width} px: {overflow}, " \
            f"past the edge: {page.evaluate(WIDE_ELEMENTS)}"
        assert_accessible(page)


def choose(page: Page, selector: str, value: str, limit: int = 60) -> None:
    """Pick an option of a focused select with the keyboard (Home, then ArrowDown until it is chosen)."""
    page.keyboard.press("Home")
    for _ in range(limit):
        if page.evaluate("(s) => document.querySelector(s).value", selector) == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{selector} has no option {value}")


def test_make_a_show_by_keyboard_add_a_source_run_it_and_play_the_episode(
        page: Page, server: Server, site: FeedSite) -> None:
    site.set_feed("/browser-news.xml", rss("Browser News", site.base, [STORIES["ferry"], STORIES["bridge"]],
                                           extra_links={"bridge": f"{site.base}/articles/gone"}))
    page.goto(f"{server.url}/shows")
    expect(page.get_by_role("heading", level=1)).to_have_text("Shows")
    expect(page.get_by_role("link", name="Shows")).to_have_attribute("aria-current", "page")
    check_page(page)

    page.get_by_role("link", name="Make a new show").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a new show")
    check_page(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    tab_to(page, "#slug")
    page.keyboard.type("loopback-news")
    tab_to(page, "#title")
    page.keyboard.type("Loopback News")
    tab_to(page, "#voice")
    choose(page, "#voice", VOICE)
    tab_to(page, "#frequency")
    choose(page, "#frequency", "weekdays")
    tab_to(page, "#time")
    page.keyboard.press("Control+A")
    page.keyboard.type("25:00")
    tab_to(page, "#max_stories")
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#error-summary")).to_contain_text("'25:00' is not a time of day")
    assert page.title().startswith("Error: ")
    assert page.get_attribute("#time", "aria-invalid") == "true"
    assert page.input_value("#time") == "25:00" and page.input_value("#slug") == "loopback-news"
    assert page.input_value("#voice") == VOICE and page.input_value("#frequency") == "weekdays"
    check_page(page)
    tab_to(page, "#error-summary a")
    page.keyboard.press("Enter")
    tab_to(page, "#time")
    page.keyboard.press("Control+A")
    page.keyboard.type("06:45")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server.url}/shows/loopback-news?notice=created")
    expect(page.locator("main").get_by_role("status")).to_contain_text("The show was made.")
    expect(page.locator(".show-facts")).to_contain_text("Weekdays at 06:45 UTC")
    assert page.input_value("#show-feed-address") == f"{server.url}/shows/loopback-news/feed.xml"
    check_page(page)

    page.fill("#url", "not a feed")
    page.get_by_role("button", name="Add source").click()
    expect(page.locator("#url-error")).to_contain_text("'not a feed' is not an http or https address")
    assert page.title().startswith("Error: ")
    check_page(page)
    page.fill("#url", f"{site.base}/browser-news.xml")
    page.get_by_role("button", name="Add source").click()
    expect(page.locator("main").get_by_role("status")).to_have_text("The source was added.")
    page.fill("#url", f"{site.base}/broken.xml")
    page.get_by_role("button", name="Add source").click()
    expect(page.locator(".source-card")).to_have_count(2)  # the new page, not the one being left
    check_page(page)

    page.get_by_role("button", name="Make an episode now").click()
    page.wait_for_url(re.compile(r".*/shows/loopback-news\?run=[0-9a-f]{32}$"))
    expect(page.locator("main").get_by_role("status")).to_contain_text(
        "An episode of the new stories is being made: open the episode.", timeout=TIMEOUT_MS)
    expect(page.locator(".source-failed")).to_contain_text("answered HTTP 500")
    expect(page.locator(".source-card").first).to_contain_text("Browser News")
    expect(page.locator(".episode-card")).to_have_count(1)
    expect(page.locator(".episode-card")).to_contain_text(
        "Night Ferry Returns to the Bay (read from its web page)")
    expect(page.locator(".episode-card")).to_contain_text(
        "Footbridge Repairs Finish Ahead of Time (read from the feed's own summary)")
    check_page(page)

    page.get_by_role("link", name="open the episode").click()
    expect(page.locator("#player")).to_be_attached(timeout=TIMEOUT_MS)
    expect(page.locator("#episode-heading")).to_have_text("Stories in this episode")
    expect(page.locator("section[aria-labelledby=episode-heading]")).to_contain_text(
        "Night Ferry Returns to the Bay: read from the article's web page")
    assert page.locator("a.chapter").count() == 3  # the intro, then each story
    check_page(page)
    wait_for(page, "document.getElementById('player').readyState >= 1")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("k")
    wait_for(page, "!document.getElementById('player').paused")
    wait_for(page, "document.getElementById('player').currentTime > 0.3")
    page.keyboard.press("k")

    feed = feedparser.parse(httpx.get(f"{server.url}/shows/loopback-news/feed.xml", timeout=30).content)
    assert [entry.title for entry in feed.entries] == [page.locator("h1").inner_text()]

    page.get_by_role("link", name="Loopback News").click()
    page.get_by_role("button", name="Make an episode now").click()
    expect(page.locator("main").get_by_role("status")).to_contain_text("Nothing new", timeout=TIMEOUT_MS)
    expect(page.locator(".episode-card")).to_have_count(1)
    check_page(page)

    page.get_by_role("link", name="Change settings of Loopback News").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change Loopback News")
    assert page.input_value("#time") == "06:45" and page.input_value("#max_stories") == "4"
    check_page(page)
    page.get_by_role("link", name="Back to the show without saving").click()
    page.get_by_role("link", name="Delete show Loopback News").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete the show “Loopback News”?")
    check_page(page)
    page.get_by_role("button", name="Delete show").click()
    expect(page.locator("main").get_by_role("status")).to_have_text("The show was deleted.")
    check_page(page)
