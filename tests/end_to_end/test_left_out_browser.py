"""The "Left out" section in headless Chromium: a briefing's page lists the blocks its article left
out, each with its reason and a checkbox; choosing two and "Make again with these" gives a briefing
whose transcript reads them where they stood, and only their sentences are voiced anew (the clip
cache has the rest); axe-core finds nothing on either page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from support.chromium import assert_accessible
from support.server import Server

pytestmark = pytest.mark.slow  #: end-to-end: real engine, encoder, server and browser

VOICE = "en-us-espeak"
CAPTION = "A ferry leaves the quay at dawn. Photo by Ana Ruiz/Getty Images"
SIGN_UP = "Sign up for our morning newsletter"
PARAGRAPHS = [
    "The ferry between the two harbour towns runs again from Monday, after a winter tied up at the quay.",
    "Passengers waited on the slipway an hour before the first crossing, the harbour master said on Friday.",
    "Tickets cost the same as last year, and children under five travel free on every crossing.",
]
PAGE = "\n".join(["Harbour News | The Valley Post", "Home", "News", "Sport", "Harbour News", PARAGRAPHS[0],
                  PARAGRAPHS[1], CAPTION, PARAGRAPHS[2], SIGN_UP, "\u00a9 2025 The Valley Post"])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("left-out-browser")).start()
    yield running
    running.stop()


def _clips(home: Path) -> set[Path]:
    """The voiced sentences in the server's clip cache."""
    return set((home / "cache" / "clips").rglob("*.wav"))


def _transcript(page: Page) -> list[str]:
    """The finished page's transcript, one text a paragraph (the headline first)."""
    texts = page.locator("#cues .article h3, #cues .article p").all_inner_texts()
    return [" ".join(text.split()) for text in texts]


def test_chosen_blocks_are_read_where_they_stood_in_a_briefing_made_again(page: Page, server: Server) -> None:
    first = server.make(PAGE, voice=VOICE)
    page.goto(first["page_url"])
    heading = page.get_by_role("heading", name="Left out (4)", level=2)
    expect(heading).to_be_visible()
    section = page.locator("section", has=heading)
    expect(section.get_by_role("checkbox")).to_have_count(4)
    expect(section.get_by_role("listitem").nth(1)).to_contain_text(CAPTION)
    assert_accessible(page)
    assert _transcript(page) == ["Harbour News", *PARAGRAPHS]
    voiced = _clips(server.home)

    section.get_by_role("checkbox", name="Caption, after paragraph 2").check()
    section.get_by_role("checkbox", name="Subscription, after paragraph 3").check()
    section.get_by_role("button", name="Make again with these").click()
    page.wait_for_url(lambda url: "/briefings/" in url and first["id"] not in url)
    new_id = page.url.rsplit("/", 1)[1]
    assert server.wait(new_id)["state"] == "done"
    page.goto(page.url)  # the finished page (while it is made, the page plays the stream instead)
    first_two, last = PARAGRAPHS[:2], PARAGRAPHS[2]
    assert _transcript(page) == ["Harbour News", *first_two, CAPTION, last, SIGN_UP]
    expect(page.get_by_role("heading", name="Left out (2)", level=2)).to_be_visible()
    assert_accessible(page)
    new = _clips(server.home) - voiced
    assert len(new) == 3  # "A ferry leaves ... dawn.", "Photo by ... Images", "Sign up ... newsletter"
