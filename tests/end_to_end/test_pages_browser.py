"""The pages on a phone and a desktop, light and dark, with and without JavaScript, in headless
Chromium: nothing scrolls sideways, axe-core finds nothing, and the player, transcript and form behave
as a listener expects."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from support.article_site import HOLD_LIMIT_S, ArticleSite
from support.chromium import axe_violations, csp_watched, new_context, tab_to, wait_for
from support.commands import run
from support.server import STORIES, Server

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server and browser

PASSWORD = "correct horse battery"
#: (width, colour scheme) pairs every page is checked at
LAYOUTS = [(320, "light"), (320, "dark"), (390, "light"), (1280, "light"), (1280, "dark")]


class Site:
    """The server, the article site, and briefings in each state."""

    def __init__(self, server: Server, articles: ArticleSite) -> None:
        self.server = server
        self.articles = articles
        body = {"articles": [{"url": articles.url}, {"text": STORIES["ferry"]}], "title": "Trams and ferries"}
        self.done = server.wait(self.submit(body))["id"]
        self.failed = server.wait(server.submit_unreachable())["id"]

    def submit(self, body: dict) -> str:
        """POST a JSON request; the new briefing's id."""
        with self.server.client() as client:
            answer = client.post("/api/briefings", json=body)
        assert answer.status_code == 202, answer.text
        return answer.json()["id"]

    def held(self) -> str:
        """A briefing being made (its article held): call articles.release() when done with it."""
        self.articles.hold()
        briefing_id = self.submit({"articles": [{"url": self.articles.url}]})
        self.server.wait(briefing_id, until=("running",))
        return briefing_id


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A server allowing loopback URLs, with a finished and a failed briefing."""
    articles = ArticleSite()
    server = Server(tmp_path_factory.mktemp("pages"), allow_private_urls="1",
                    fetch_deadline=str(2 * HOLD_LIMIT_S)).start()  # no held article meets the deadline
    try:
        yield Site(server, articles)
    finally:
        articles.release()
        server.stop()
        articles.http.shutdown()


@pytest.fixture(scope="module")
def accounts_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with the account alice (login and account pages)."""
    home = tmp_path_factory.mktemp("pages-accounts")
    assert run("user", "add", "alice", stdin=PASSWORD + "\n", home=home).returncode == 0
    running = Server(home).start()
    yield running
    running.stop()


def sound(page: Page, state: str) -> None:
    """The page at this state neither scrolls sideways nor has an axe violation."""
    width = page.evaluate("window.innerWidth")
    wide = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    assert wide <= width, f"{state}: {wide} px wide in a {width} px window"
    assert axe_violations(page) == [], state


def test_every_page_fits_and_passes_axe(browser: Browser, site: Site, accounts_server: Server,
                                       ) -> None:
    url = site.server.url
    for width, scheme in LAYOUTS:
        context = new_context(browser, width, scheme)
        page, blocked = csp_watched(context)
        layout = f"{width} px {scheme}"
        page.goto(url)
        sound(page, f"empty form, {layout}")
        fieldsets = page.evaluate("Array.from(document.querySelectorAll('fieldset'))"
                                  ".map((f) => f.getBoundingClientRect().right)")
        assert max(fieldsets) <= width, f"a fieldset is wider than the {width} px window"
        page.fill("#rate", "very fast")
        page.click("button[type=submit]")
        expect(page.locator("#error-summary")).to_be_visible()
        sound(page, f"form with errors shown by its script, {layout}")
        page.evaluate("document.getElementById('briefing-form').submit()")
        page.wait_for_load_state()
        expect(page.locator("#rate-error")).to_be_visible()
        sound(page, f"form with errors from the server, {layout}")

        page.goto(url)
        site.articles.hold()
        try:
            page.fill("#urls", site.articles.url)
            page.click("button[type=submit]")  # the form's script goes to the briefing's page at once
            # its held stream keeps the live player loading, which delays the load event by seconds
            page.wait_for_url("**/briefings/*", wait_until="domcontentloaded")
            expect(page.locator("#job-progress")).to_be_attached()
            expect(page.locator("#live-player")).to_be_attached()
            sound(page, f"briefing being made, with its live player, {layout}")
            page.goto(url + "/library")
            sound(page, f"library with a briefing being made, {layout}")
        finally:
            site.articles.release()
        for link in page.locator("a.button-link").all():
            expect(link).to_be_visible()
            box = link.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, f"Delete cut off at {layout}"

        page.goto(f"{url}/briefings/{site.done}")
        sound(page, f"finished briefing, {layout}")
        page.keyboard.press("k")
        wait_for(page, "document.querySelector('.cue[aria-current]') !== null")
        page.keyboard.press("k")
        sound(page, f"finished briefing with a sentence highlighted, {layout}")
        page.goto(f"{url}/briefings/{site.failed}")
        sound(page, f"failed briefing, {layout}")
        page.goto(f"{url}/briefings/{site.done}/delete")
        sound(page, f"delete confirmation, {layout}")
        page.goto(f"{url}/briefings/{'0' * 32}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
        sound(page, f"not found, {layout}")

        login = accounts_server.url
        page.goto(login)
        page.wait_for_url("**/login?next=%2F")
        sound(page, f"login, {layout}")
        page.fill("#name", "alice")
        page.fill("#password", "wrong password")
        page.keyboard.press("Enter")
        expect(page.get_by_role("alert")).to_have_text("The name or password is wrong.")
        sound(page, f"login refused, {layout}")
        page.fill("#password", PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(login + "/")
        sound(page, f"form logged in, {layout}")
        page.goto(login + "/account")
        sound(page, f"account, {layout}")
        context.close()
        assert blocked == [], layout


def test_right_bracket_on_the_last_chapter_goes_to_the_end(browser: Browser, site: Site) -> None:
    context = new_context(browser)
    page, _ = csp_watched(context)
    page.goto(f"{site.server.url}/briefings/{site.done}")
    wait_for(page, "document.getElementById('player').readyState >= 1")
    last = float(page.get_attribute("ol.chapters li:last-child a.chapter", "data-start"))
    count = page.locator("a.chapter").count()
    page.keyboard.press("k")
    assert page.locator("a.chapter").first.inner_text().startswith("Introduction")
    for number in range(2, count + 1):  # chapter 1, the intro, starts where the player does
        page.keyboard.press("]")
        expect(page.locator("#player-status")).to_contain_text(f"Chapter {number}:")
    wait_for(page, f"document.getElementById('player').currentTime >= {last - 0.1}")
    page.keyboard.press("]")
    expect(page.locator("#player-status")).to_have_text("End of the briefing")
    duration = page.evaluate("document.getElementById('player').duration")
    assert page.evaluate("document.getElementById('player').currentTime") >= duration - 0.5
    page.keyboard.press("[")  # back from the end: the last chapter's start
    expect(page.locator("#player-status")).to_contain_text(f"Chapter {count}:")
    assert last - 0.1 <= page.evaluate("document.getElementById('player').currentTime") <= last + 1
    context.close()


#: whether the element SELECTOR is wholly inside the window and not under the sticky player
ON_SCREEN = """(() => {
    const cue = document.querySelector('SELECTOR');
    if (!cue) return false;
    const box = cue.getBoundingClientRect();
    const player = document.getElementById('player-section').getBoundingClientRect();
    return box.top >= player.bottom - 1 && box.bottom <= window.innerHeight;
})()"""


def cue_on_screen(page: Page, selector: str = ".cue[aria-current]") -> bool:
    """Whether the element is wholly inside the window and not under the sticky player."""
    return page.evaluate(ON_SCREEN.replace("SELECTOR", selector))


def test_the_spoken_sentence_stays_on_screen_and_the_player_in_reach(browser: Browser,
                                                                    site: Site) -> None:
    context = new_context(browser, 320)
    page, _ = csp_watched(context)
    page.goto(f"{site.server.url}/briefings/{site.done}")
    wait_for(page, "document.getElementById('player').readyState >= 1")
    page.keyboard.press("k")
    late = page.locator(".cue").nth(-2)
    page.evaluate("(start) => { document.getElementById('player').currentTime = start; }",
                  float(late.get_attribute("data-start")))
    late_id = late.get_attribute("id")
    wait_for(page, f"document.querySelector('.cue[aria-current]') === document.getElementById('{late_id}')")
    wait_for(page, ON_SCREEN.replace("SELECTOR", ".cue[aria-current]"))  # however long smooth scrolling takes
    player = page.locator("#player-section").bounding_box()
    assert player and player["y"] >= 0 and player["y"] + player["height"] <= 640
    assert page.evaluate("window.scrollY") > 500  # the page did scroll: the player came along

    settled = page.evaluate("window.scrollY")
    for _ in range(20):  # until the page's smooth scrolling has ended
        page.wait_for_timeout(500)
        if page.evaluate("window.scrollY") == settled:
            break
        settled = page.evaluate("window.scrollY")
    page.mouse.move(160, 500)
    page.mouse.wheel(0, -20000)  # the listener scrolls away: the page lets them
    wait_for(page, "window.scrollY < 50")
    page.evaluate("(start) => { document.getElementById('player').currentTime = start; }",
                  float(page.locator(".cue").nth(-4).get_attribute("data-start")))
    wait_for(page, "document.querySelector('.cue[aria-current]') !== null")
    page.wait_for_timeout(1500)
    assert page.evaluate("window.scrollY") < 50
    context.close()


def test_with_reduced_motion_the_page_does_not_move_by_itself(browser: Browser, site: Site) -> None:
    context = new_context(browser, 320, reduced_motion="reduce")
    page, _ = csp_watched(context)
    page.goto(f"{site.server.url}/briefings/{site.done}")
    wait_for(page, "document.getElementById('player').readyState >= 1")
    page.keyboard.press("k")
    page.evaluate("(start) => { document.getElementById('player').currentTime = start; }",
                  float(page.locator(".cue").nth(-2).get_attribute("data-start")))
    wait_for(page, "document.querySelector('.cue[aria-current]') !== null")
    page.wait_for_timeout(1500)
    assert page.evaluate("window.scrollY") == 0
    context.close()


def test_the_transcript_is_one_tab_stop_with_a_skip_link(browser: Browser, site: Site) -> None:
    context = new_context(browser)
    page, blocked = csp_watched(context)
    page.goto(f"{site.server.url}/briefings/{site.done}")
    wait_for(page, "document.getElementById('player').readyState >= 1")
    cues = page.locator(".cue")
    assert cues.count() > 5
    assert page.locator("#cues[tabindex='0']").count() == 1
    assert page.locator("#cues [tabindex]").count() == 0

    def chosen() -> str | None:
        """The sentence the transcript's arrow keys have chosen."""
        return page.get_attribute("#cues", "aria-activedescendant")

    tab_to(page, ".skip-transcript")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "cues"
    assert chosen() == cues.nth(0).get_attribute("id")
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('#cues')"), "a second tab stop in the transcript"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    third = cues.nth(2).get_attribute("id")
    assert page.evaluate("document.activeElement.id") == "cues"
    assert chosen() == third
    page.keyboard.press("Enter")
    wait_for(page, f"document.getElementById('{third}').getAttribute('aria-current') === 'true'")
    start = float(cues.nth(2).get_attribute("data-start"))
    assert start - 0.1 <= page.evaluate("document.getElementById('player').currentTime") <= start + 2
    page.keyboard.press("End")
    assert chosen() == cues.nth(-1).get_attribute("id")
    page.keyboard.press("Home")
    assert chosen() == cues.nth(0).get_attribute("id")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # the skip link
    assert page.evaluate("document.activeElement.id") == "transcript-end"
    context.close()
    assert blocked == []


def test_speed_place_and_shortcut_choice_are_remembered(browser: Browser, site: Site) -> None:
    context = new_context(browser)
    page, blocked = csp_watched(context)
    first = f"{site.server.url}/briefings/{site.done}"
    page.goto(first)
    wait_for(page, "document.getElementById('player').readyState >= 1")
    page.select_option("#speed", "1.5")
    page.keyboard.press("k")
    wait_for(page, "!document.getElementById('player').paused")
    page.evaluate("document.getElementById('player').currentTime = 12")
    page.keyboard.press("k")
    wait_for(page, "document.getElementById('player').paused")
    expect(page.locator("#shortcut-help")).to_be_visible()
    page.uncheck("#shortcuts")
    expect(page.locator("#shortcut-help")).to_be_hidden()

    other = site.server.wait(site.submit({"articles": [{"text": STORIES["orchard"]}]}))["id"]
    page.goto(f"{site.server.url}/briefings/{other}")
    wait_for(page, "document.getElementById('player').readyState >= 1")
    assert page.input_value("#speed") == "1.5"
    assert page.evaluate("document.getElementById('player').playbackRate") == 1.5
    assert not page.is_checked("#shortcuts")
    expect(page.locator("#shortcut-help")).to_be_hidden()
    expect(page.locator("#resume")).to_be_hidden()  # nothing heard of this one yet

    page.goto(first)
    wait_for(page, "document.getElementById('player').readyState >= 1")
    expect(page.locator("#resume-button")).to_have_text("Resume at 0:12")
    page.click("#resume-button")
    wait_for(page, "document.getElementById('player').currentTime >= 11.9")
    expect(page.locator("#resume")).to_be_hidden()
    context.close()
    assert blocked == []


def test_the_form_with_javascript_shows_the_error_summary_and_title(browser: Browser, site: Site,
                                                                   ) -> None:
    context = new_context(browser, 320)
    page, _ = csp_watched(context)
    page.goto(site.server.url)
    assert page.title() == "New briefing · audiobrief"
    page.fill("#rate", "very fast")
    page.click("button[type=submit]")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There are 2 problems with the form")
    assert summary.locator("a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))") == \
        ["#text", "#rate"]
    assert page.title() == "Error: New briefing · audiobrief"
    expect(page.locator("#job-status")).to_have_text("In the queue…")
    page.fill("#rate", "")
    page.click("button[type=submit]")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem with the form")
    assert page.title() == "Error: New briefing · audiobrief"
    context.close()


def test_the_feed_address_can_be_copied(browser: Browser, site: Site) -> None:
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page, _ = csp_watched(context)
    page.goto(f"{site.server.url}/library")
    page.get_by_role("button", name="Copy the feed address").click()
    expect(page.locator(".copy-status")).to_have_text("Copied the address.")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site.server.url}/feed.xml"
    context.close()


def test_byline_and_sources_are_on_the_briefing_page(browser: Browser, site: Site) -> None:
    context = new_context(browser)
    page, _ = csp_watched(context)
    page.goto(f"{site.server.url}/briefings/{site.done}")
    expect(page.locator(".byline")).to_have_text("By Ada Reporter")
    sources = page.locator("ol.sources li")
    expect(sources).to_have_count(2)
    expect(sources.nth(0)).to_contain_text("Tram Line Extended, by Ada Reporter.")
    assert sources.nth(0).get_by_role("link").get_attribute("href") == site.articles.url
    expect(sources.nth(1)).to_contain_text("Night Ferry Returns.")
    expect(sources.nth(1)).to_contain_text("From pasted text.")
    downloads = page.locator("a[download]")
    names = downloads.evaluate_all("(links) => links.map((a) => a.getAttribute('download'))")
    assert "Trams and ferries.mp3" in names
    context.close()


def test_without_javascript_the_progress_page_reloads_until_done(browser: Browser, site: Site,
                                                                ) -> None:
    context = new_context(browser, 320, java_script_enabled=False)
    page = context.new_page()
    briefing_id = site.held()
    try:
        page.goto(f"{site.server.url}/briefings/{briefing_id}")
        expect(page.get_by_role("heading", level=1)).to_have_text(site.articles.url)
        assert page.title() == f"{site.articles.url} · audiobrief"
        expect(page.locator("meta[http-equiv=refresh]")).to_have_attribute("content", "5")
        expect(page.get_by_role("link", name="Stop reloading")).to_be_visible()
    finally:
        site.articles.release()
    expect(page.locator("#player")).to_be_attached(timeout=60_000)  # no script, no click: it reloaded
    expect(page.get_by_role("heading", level=1)).to_have_text("Tram Line Extended")
    assert page.locator("#cues a").count() == 0
    expect(page.locator("#player-controls")).to_be_hidden()
    expect(page.locator("#shortcut-help")).to_be_hidden()
    expect(page.locator("#keyboard")).to_be_hidden()  # the shortcuts are the script's
    expect(page.locator("#transcript-hint")).to_be_hidden()  # it speaks of what only the script does
    expect(page.locator(".copy-button")).to_be_hidden()
    assert page.get_attribute("#feed-address", "readonly") is not None
    page.locator("a.chapter").first.click()
    assert page.url.startswith(f"{site.server.url}/briefings/{briefing_id}?t=")
    assert "#t=" in page.get_attribute("#player", "src")
    context.close()
