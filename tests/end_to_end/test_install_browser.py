"""Installing on a phone, in headless Chromium at 320 px: a URL shared to /share becomes a briefing once
confirmed; "Save on this device" keeps it playable with the server stopped and the browser offline;
"Remove from this device" forgets it. axe finds nothing on each state, and nothing scrolls sideways."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Error, Page, expect
from support.article_site import HOLD_LIMIT_S, ArticleSite
from support.chromium import assert_accessible, csp_watched, new_context, wait_for
from support.commands import run
from support.server import BRIEFING_S, Server

pytestmark = pytest.mark.slow  #: end-to-end: a real server, engine, encoder and browser

SAVED = "Saved on this device: it plays without a connection."
PASSWORD = "correct horse battery"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A server of this test's own (the test stops it), which may read the local article site."""
    running = Server(tmp_path / "home", allow_private_urls="1", fetch_deadline=str(2 * HOLD_LIMIT_S)).start()
    yield running
    running.stop()


@pytest.fixture
def articles() -> Iterator[ArticleSite]:
    """The local site with the tram article."""
    site = ArticleSite()
    yield site
    site.close()


@pytest.fixture
def accounts_server(tmp_path: Path) -> Iterator[Server]:
    """A server with the account alice, which may read the local article site."""
    home = tmp_path / "accounts"
    home.mkdir()
    assert run("user", "add", "alice", stdin=PASSWORD + "\n", home=home).returncode == 0
    running = Server(home, allow_private_urls="1", fetch_deadline=str(2 * HOLD_LIMIT_S)).start()
    yield running
    running.stop()


def finished(page: Page, origin: str, briefing_id: str) -> None:
    """Wait, asking the API with the page's own session, until the briefing is done."""
    deadline = time.monotonic() + BRIEFING_S
    while time.monotonic() < deadline:
        status = page.request.get(f"{origin}/api/briefings/{briefing_id}").json()
        if status["state"] in ("done", "failed"):
            assert status["state"] == "done", status
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"briefing {briefing_id} not finished within {BRIEFING_S} s")


def assert_fits(page: Page) -> None:
    """Nothing wider than the window: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def ranges(page: Page, path: str) -> list[list[object]]:
    """Status, Content-Range and bytes of four range requests for path, made from the page."""
    return page.evaluate("""async (path) => {
        const answers = [];
        for (const range of ["bytes=100-199", "bytes=-10", "bytes=0-", "bytes=999999999-"]) {
            const answer = await fetch(path, {headers: {Range: range}});
            const body = new Uint8Array(await answer.arrayBuffer());
            answers.push([answer.status, answer.headers.get("Content-Range"), Array.from(body)]);
        }
        return answers;
    }""", path)


def test_nothing_shared_is_explained_accessibly(browser: Browser, server: Server) -> None:
    context = new_context(browser, width=320)
    page, blocked = csp_watched(context)
    answer = page.goto(f"{server.url}/share?title=Nothing")
    assert answer is not None and answer.status == 422
    expect(page.locator("#share-problem")).to_have_text(
        "Nothing was shared: share a web page's address or some text with audiobrief.")
    assert_accessible(page)
    assert_fits(page)
    context.close()
    assert blocked == []


def test_shared_url_becomes_a_briefing_that_plays_saved_without_the_server(
        browser: Browser, server: Server, articles: ArticleSite) -> None:
    context = new_context(browser, width=320, has_touch=True)
    page, blocked = csp_watched(context)
    shared = {"title": "Tram Line Extended", "text": f"Tram Line Extended {articles.url}"}  # as Android sends
    page.goto(f"{server.url}/share?{urlencode(shared)}")
    expect(page.locator("#shared-url")).to_have_text(articles.url)
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("button", name="Make the briefing").click()
    page.wait_for_url(re.compile(r"/briefings/[0-9a-f]{32}$"))
    briefing_id = page.url.rsplit("/", 1)[1]
    assert server.wait(briefing_id)["state"] == "done"
    page.goto(page.url)  # the finished page
    expect(page.get_by_role("heading", level=1)).to_have_text("Tram Line Extended")
    save = page.get_by_role("button", name="Save on this device")
    expect(save).to_be_visible()
    assert page.locator("#player-section + #briefing-actions #offline-save").count() == 1
    assert_accessible(page)
    assert_fits(page)

    save.click()
    expect(page.locator("#offline-state")).to_have_text(SAVED)
    remove = page.get_by_role("button", name="Remove from this device")
    expect(remove).to_be_focused()
    expect(save).to_be_hidden()
    assert_accessible(page)
    assert_fits(page)
    wait_for(page, "navigator.serviceWorker.controller !== null")  # the worker took the page over
    saved = page.evaluate("""async (id) => {
        const cache = await caches.open("audiobrief-briefing-" + id);
        return (await cache.keys()).map((request) => new URL(request.url).pathname).sort();
    }""", briefing_id)
    assert saved == sorted([f"/briefings/{briefing_id}", f"/media/{briefing_id}/audio.mp3",
                            f"/media/{briefing_id}/transcript.vtt", f"/media/{briefing_id}/cover.png",
                            f"/media/{briefing_id}/chapters.json"])

    server.stop()
    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tram Line Extended")
    expect(page.locator("#offline-state")).to_have_text(SAVED)
    paper = "getComputedStyle(document.documentElement).getPropertyValue('--paper')"
    assert page.evaluate(paper) == "#ffffff"  # the saved style sheet
    mp3 = next(server.home.rglob(f"{briefing_id}/audio.mp3")).read_bytes()
    assert ranges(page, f"/media/{briefing_id}/audio.mp3") == [
        [206, f"bytes 100-199/{len(mp3)}", list(mp3[100:200])],
        [206, f"bytes {len(mp3) - 10}-{len(mp3) - 1}/{len(mp3)}", list(mp3[-10:])],
        [206, f"bytes 0-{len(mp3) - 1}/{len(mp3)}", list(mp3)],
        [416, f"bytes */{len(mp3)}", []],
    ]
    wait_for(page, "document.getElementById('player').readyState >= 1")
    duration = page.evaluate("document.getElementById('player').duration")
    assert duration > 5
    page.evaluate("document.getElementById('player').currentTime = 2")
    page.evaluate("document.getElementById('player').play()")
    wait_for(page, "document.getElementById('player').currentTime > 2.5")  # played from the saved copy
    page.evaluate("document.getElementById('player').pause()")
    assert_accessible(page)
    assert_fits(page)

    remove = page.get_by_role("button", name="Remove from this device")
    remove.click()
    expect(page.locator("#offline-state")).to_have_text("Removed from this device.")
    expect(page.get_by_role("button", name="Save on this device")).to_be_focused()
    assert page.evaluate("caches.has('audiobrief-briefing-' + document.getElementById('player-section')"
                         ".dataset.briefing)") is False
    assert page.evaluate("caches.keys()") == []
    assert_accessible(page)
    assert_fits(page)
    with pytest.raises(Error, match="ERR_INTERNET_DISCONNECTED"):
        page.reload()  # nothing is kept: offline, the page is gone
    context.close()
    assert blocked == []


def test_share_logs_in_first_and_logging_out_forgets_saved_briefings(
        browser: Browser, accounts_server: Server, articles: ArticleSite) -> None:
    server = accounts_server
    context = new_context(browser, width=320, has_touch=True)
    page, blocked = csp_watched(context)
    page.goto(f"{server.url}/share?{urlencode({'url': articles.url, 'title': 'Tram'})}")
    page.wait_for_url(re.compile(r"/login\?next=%2Fshare%3F"))
    page.get_by_label("Account name").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{server.url}/share?{urlencode({'url': articles.url, 'title': 'Tram'})}")
    expect(page.locator("#shared-url")).to_have_text(articles.url)
    page.get_by_role("button", name="Make the briefing").click()
    page.wait_for_url(re.compile(r"/briefings/[0-9a-f]{32}$"))
    briefing_id = page.url.rsplit("/", 1)[1]
    finished(page, server.url, briefing_id)
    page.goto(page.url)
    expect(page.locator("form.sharing")).to_contain_text("Private")
    page.get_by_role("button", name="Save on this device").click()
    expect(page.locator("#offline-state")).to_have_text(SAVED)
    wait_for(page, "navigator.serviceWorker.controller !== null")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/login"))
    wait_for(page, "caches.keys().then((names) => names.length === 0)")  # the worker forgot them all
    context.close()
    assert blocked == []
