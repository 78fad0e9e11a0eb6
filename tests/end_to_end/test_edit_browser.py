"""Retry and "Edit and make again" in headless Chromium: a failed briefing says why, the form opens
filled in, one word is changed and a new briefing is made; axe-core finds nothing on any of it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Page, expect
from support.chromium import assert_accessible
from support.server import STORIES, Server

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server or browser

VOICE = "en-us-espeak"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server that fetches loopback URLs, so a dead local port makes a briefing fail."""
    running = Server(tmp_path_factory.mktemp("edit-browser"), allow_private_urls="1").start()
    yield running
    running.stop()


def test_a_failed_briefing_says_why_and_opens_in_the_form(page: Page, server: Server) -> None:
    record_id = server.submit_unreachable()
    status = server.wait(record_id)
    assert status["state"] == "failed"
    page.goto(f"{server.url}/library")
    row = page.locator("tr", has=page.locator(f'a[href="/briefings/{record_id}"]'))
    expect(row.locator(".failure")).to_have_text(status["error"])
    expect(row.get_by_role("button", name=f"Try again {status['title']}")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{server.url}/briefings/{record_id}")
    expect(page.locator("#failure")).to_have_text(status["error"])
    assert_accessible(page)
    page.get_by_role("link", name="edit and make again").click()
    expect(page.locator("#urls")).to_have_value(status["title"])
    expect(page.locator("#edit-notice")).to_be_visible()
    assert_accessible(page)


def test_edit_and_make_again_changes_one_word_in_a_new_briefing(page: Page, server: Server) -> None:
    first = server.make(STORIES["ferry"], voice=VOICE, pronunciations={"ferry": "fair-ee"})
    page.goto(first["page_url"])
    page.get_by_role("link", name="Edit and make again").click()
    expect(page.locator("#text")).to_have_value(STORIES["ferry"].strip("\n"))
    expect(page.locator("#voice")).to_have_value(VOICE)
    expect(page.locator("#pronunciations")).to_have_value("ferry = fair-ee")
    assert_accessible(page)
    page.fill("#text", STORIES["ferry"].replace("from Monday", "from Tuesday"))
    page.get_by_role("button", name="Make briefing").click()
    page.wait_for_url(lambda url: "/briefings/" in url and first["id"] not in url)
    new_id = page.url.rsplit("/", 1)[1]
    assert server.wait(new_id)["state"] == "done"
    page.goto(page.url)  # the finished page (while it is made, the page plays the stream instead)
    expect(page.get_by_role("heading", level=1)).to_have_text("Night Ferry Returns")
    transcript = httpx.get(f"{server.url}/media/{new_id}/transcript.vtt").text
    assert "from Tuesday" in transcript and "from Monday" not in transcript
    assert httpx.get(f"{server.url}/api/briefings/{first['id']}").json()["state"] == "done"
