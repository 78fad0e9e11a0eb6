"""What was left out, on the briefing's page and in the API, and a briefing made again with chosen
blocks read where they stood: who may, what is listed, what the new briefing reads, and bad choices.
In-process apps without a job runner (briefings stay queued); the browser test makes the audio."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.accounts import ARTICLE, add_user, finish, log_in, make_client

from audiobrief.clean import clean
from audiobrief.clean.saved import article_record
from audiobrief.ingest import document_from_bytes
from audiobrief.model import Article
from audiobrief.server.jobs.about import ArticleNote, notes_for, write_notes
from audiobrief.server.jobs.runner import briefing_dir
from audiobrief.server.store.records import Source

CAPTION = "A ferry leaves the quay at dawn. Photo by Ana Ruiz/Getty Images"
SIGN_UP = "Sign up for our morning newsletter"
CHOOSE = "choose from the blocks its page lists"
PAGE = """Harbour News | The Valley Post
Home
News
Sport
Harbour News
The ferry between the two harbour towns runs again from Monday, after a winter tied up at the quay.
Passengers waited on the slipway an hour before the first crossing, the harbour master said on Friday.
A ferry leaves the quay at dawn. Photo by Ana Ruiz/Getty Images
Tickets cost the same as last year, and children under five travel free on every crossing.
Sign up for our morning newsletter
\u00a9 2025 The Valley Post
"""


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path / "home")


def _article() -> Article:
    return clean(document_from_bytes(PAGE.encode(), "harbour.txt"))


def _made(client: TestClient, **headers: str) -> str:
    """A finished briefing whose sidecar holds the article (as the pipeline writes it)."""
    record_id = client.post("/api/briefings", json={**ARTICLE, "public": True}, headers=headers).json()["id"]
    finish(client, record_id)
    sidecar = briefing_dir(client.app.state.settings, record_id) / "audio.json"  # type: ignore[attr-defined]
    data = json.loads(sidecar.read_text("utf-8"))
    data["articles"] = [article_record(_article())]
    sidecar.write_text(json.dumps(data), "utf-8")
    return record_id


def test_the_article_has_what_the_page_shows_left_out() -> None:
    """The blocks this test relies on: a menu, a caption, a subscription line, the copyright."""
    article = _article()
    assert len(article.paragraphs) == 3
    assert [(block.reason, block.after_paragraph) for block in article.left_out] == [
        ("menu", -1), ("caption", 1), ("subscription", 2), ("copyright", 2)]


def test_the_api_lists_each_block_with_its_id_reason_and_place(client: TestClient) -> None:
    record_id = _made(client)
    answer = client.get(f"/api/briefings/{record_id}/left-out")
    assert answer.status_code == 200
    assert answer.json() == {"articles": [{"title": "Harbour News", "left_out": [
        {"id": "0-0", "text": "Home\nNews\nSport", "reason": "menu", "after_paragraph": -1},
        {"id": "0-1", "text": CAPTION, "reason": "caption", "after_paragraph": 1},
        {"id": "0-2", "text": SIGN_UP, "reason": "subscription", "after_paragraph": 2},
        {"id": "0-3", "text": "\u00a9 2025 The Valley Post", "reason": "copyright", "after_paragraph": 2}]}]}


def test_a_briefing_not_made_yet_has_no_list(client: TestClient) -> None:
    record_id = client.post("/api/briefings", json=ARTICLE).json()["id"]
    answer = client.get(f"/api/briefings/{record_id}/left-out")
    assert answer.status_code == 409
    assert answer.json() == {"detail": "the briefing is queued: what was left out is known once it is made"}
    again = client.post(f"/api/briefings/{record_id}/again", json={"blocks": ["0-0"]})
    assert again.status_code == 409
    assert again.json() == {"detail": "the briefing is queued: make it again once it is made"}


def test_a_briefing_made_before_the_list_was_kept_lists_nothing(client: TestClient) -> None:
    record_id = client.post("/api/briefings", json=ARTICLE).json()["id"]
    finish(client, record_id)  # a sidecar without "articles"
    assert client.get(f"/api/briefings/{record_id}/left-out").json() == {"articles": []}
    page = client.get(f"/briefings/{record_id}").text
    assert '<h2 id="left-out-heading">Left out (0)</h2>' in page


def test_an_unknown_briefing_is_404(client: TestClient) -> None:
    assert client.get("/api/briefings/0123456789abcdef0123456789abcdef/left-out").status_code == 404
    answer = client.post("/api/briefings/0123456789abcdef0123456789abcdef/again", json={"blocks": ["0-0"]})
    assert answer.status_code == 404


def _new_article(client: TestClient, record_id: str) -> Article:
    """The one article of a new briefing, read from its stored source as the job reads it."""
    store = client.app.state.store  # type: ignore[attr-defined]
    [source] = store.sources(record_id)
    assert source.kind == "text"
    return clean(document_from_bytes(source.data, source.label))


def test_made_again_through_the_api_reads_the_chosen_blocks_where_they_stood(client: TestClient) -> None:
    record_id = _made(client)
    answer = client.post(f"/api/briefings/{record_id}/again", json={"blocks": ["0-1", "0-2"]})
    assert answer.status_code == 202, answer.text
    new_id = answer.json()["id"]
    assert new_id != record_id
    article = _new_article(client, new_id)
    first, second, third = _article().paragraphs
    assert article.paragraphs == (first, second, CAPTION, third, SIGN_UP)
    assert [(block.reason, block.after_paragraph) for block in article.left_out] == [
        ("menu", -1), ("copyright", 4)]
    assert article.title == "Harbour News"


@pytest.mark.parametrize(("blocks", "status", "detail"), [
    (["0-9"], 422, f"this briefing has no left-out block '0-9': {CHOOSE}"),
    (["1-0", "0-4"], 422, f"this briefing has no left-out block '1-0', '0-4': {CHOOSE}"),
    (["zero"], 422, None),
    ([], 422, None),
    (["0-1"] * 1001, 422, None),
])
def test_bad_choices_are_refused(client: TestClient, blocks: list[str], status: int,
                                 detail: str | None) -> None:
    record_id = _made(client)
    answer = client.post(f"/api/briefings/{record_id}/again", json={"blocks": blocks})
    assert answer.status_code == status
    if detail:
        assert answer.json() == {"detail": detail}
    assert len(client.app.state.store.all()) == 1  # type: ignore[attr-defined]


def _checkboxes(page: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="block" value="([^"]+)"', page)


def test_the_page_lists_the_blocks_after_the_transcript_with_a_checkbox_each(client: TestClient) -> None:
    record_id = _made(client)
    page = client.get(f"/briefings/{record_id}").text
    assert page.index('id="transcript-heading"') < page.index('<h2 id="left-out-heading">Left out (4)</h2>')
    assert _checkboxes(page) == ["0-0", "0-1", "0-2", "0-3"]
    label = re.search(r'<label for="block-0-1">(.*?)</label>', page, re.S)
    assert label and re.sub(r"<[^>]+>", "", label.group(1)) == "Caption, after paragraph 2"
    text = re.search(r'<div class="left-out-text" id="block-text-0-0">(.*?)</div>', page, re.S)
    assert text and html.unescape(text.group(1)) == "<p>Home</p><p>News</p><p>Sport</p>"
    assert f'action="/briefings/{record_id}/again"' in page
    assert ">Make again with these</button>" in page


def test_the_form_makes_a_new_briefing_and_goes_to_its_page(client: TestClient) -> None:
    record_id = _made(client)
    answer = client.post(f"/briefings/{record_id}/again", data={"block": ["0-3"]}, follow_redirects=False)
    assert answer.status_code == 303
    new_id = answer.headers["location"].rsplit("/", 1)[1]
    article = _new_article(client, new_id)
    assert article.paragraphs[-1] == "\u00a9 2025 The Valley Post"
    nothing = client.post(f"/briefings/{record_id}/again", data={}, follow_redirects=False)
    assert nothing.status_code == 422
    assert "no block was chosen: tick the blocks to read, then make it again" in nothing.text
    forged = client.post(f"/briefings/{record_id}/again", data={"block": ["0-0", "<b>x</b>"]})
    assert forged.status_code == 422
    shown = forged.text.replace("&#39;", "'")
    assert f"<p>this briefing has no left-out block '&lt;b&gt;x&lt;/b&gt;': {CHOOSE}</p>" in shown


def test_only_the_owner_may_make_it_again(tmp_path: Path) -> None:
    client = make_client(tmp_path / "home")
    add_user(client, "ana")
    add_user(client, "ben")
    token = log_in(client, "ana")
    record_id = _made(client, **{"X-CSRF-Token": token})
    assert _checkboxes(client.get(f"/briefings/{record_id}").text) == ["0-0", "0-1", "0-2", "0-3"]
    client.post("/logout", data={"csrf_token": token})
    token = log_in(client, "ben")
    page = client.get(f"/briefings/{record_id}").text
    assert '<h2 id="left-out-heading">Left out (4)</h2>' in page  # a public briefing: anyone sees the list
    assert "Caption</span>, after paragraph 2:" in page
    assert _checkboxes(page) == []
    assert "Make again with these" not in page
    refused = client.post(f"/api/briefings/{record_id}/again", json={"blocks": ["0-0"]},
                          headers={"X-CSRF-Token": token})
    assert refused.status_code == 403
    assert refused.json() == {"detail": "this briefing belongs to another account: only its owner or an "
                                         "admin may make it again"}
    form = client.post(f"/briefings/{record_id}/again", data={"block": ["0-0"], "csrf_token": token})
    assert form.status_code == 403
    assert "only its owner or an admin may make it again." in form.text
    assert len(client.app.state.store.all()) == 1  # type: ignore[attr-defined]


def test_an_article_made_again_keeps_where_it_came_from(client: TestClient) -> None:
    """The Sources section of the new briefing names the first one's address, not "pasted text"."""
    record_id = _made(client)
    folder = briefing_dir(client.app.state.settings, record_id)  # type: ignore[attr-defined]
    write_notes(folder, [ArticleNote("Harbour News", "", "", "https://news.example.org/ferry",
                                     "https://news.example.org/ferry")])
    new_id = client.post(f"/api/briefings/{record_id}/again", json={"blocks": ["0-1"]}).json()["id"]
    [source] = client.app.state.store.sources(new_id)  # type: ignore[attr-defined]
    article = _new_article(client, new_id)
    assert article.source == "https://news.example.org/ferry"
    [note] = notes_for([source], [article])
    assert (note.origin, note.link) == ("https://news.example.org/ferry", "https://news.example.org/ferry")
    pasted = Article("T", ("A paragraph of the story.",), source="javascript:alert(1)")
    [named] = notes_for([Source("text", "pasted article 1", b"{}")], [pasted])
    assert (named.origin, named.link) == ("javascript:alert(1)", "")  # shown as text, never a link
