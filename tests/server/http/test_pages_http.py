"""What the pages and files answer over HTTP: download names, CORS on transcripts and chapters, feeds
revalidated with 304, the site icon, the progress page without JavaScript, and subscribe links."""

from __future__ import annotations

import json
import re
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.accounts import ARTICLE, BASE, add_user, feed_path, finish, log_in, make_client

from audiobrief.server.jobs.runner import briefing_dir

TITLE = "Café <Night> Ferry"
SEGMENTS = {
    "segments": [
        {"id": "a0-title-s0", "start_ms": 0, "end_ms": 1500, "written": "Harbour News"},
        {"id": "a0-p0-s0", "start_ms": 1500, "end_ms": 4000, "written": "The ferry runs again from Monday."},
        {"id": "a0-p0-s1", "start_ms": 4000, "end_ms": 6000, "written": "Tickets cost the same."},
    ],
    "chapters": [{"title": "Harbour News", "start_ms": 0}, {"title": "Tickets", "start_ms": 4000}],
    "duration_ms": 6000,
}


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    """A server without accounts (no job runner: briefings stay queued until finish())."""
    return make_client(tmp_path)


def made(client: TestClient, title: str = TITLE) -> str:
    """A finished briefing with a transcript of three sentences in two chapters."""
    record_id = client.post("/api/briefings", json=ARTICLE).json()["id"]
    finish(client, record_id, title)
    folder = briefing_dir(client.app.state.settings, record_id)
    (folder / "audio.json").write_text(json.dumps(SEGMENTS), "utf-8")
    return record_id


@pytest.mark.parametrize(("name", "disposition"), [
    ("audio.mp3",
     "inline; filename=\"Cafe Night Ferry.mp3\"; filename*=UTF-8''Caf%C3%A9%20Night%20Ferry.mp3"),
    ("transcript.vtt",
     "inline; filename=\"Cafe Night Ferry.vtt\"; filename*=UTF-8''Caf%C3%A9%20Night%20Ferry.vtt"),
    ("chapters.json", "inline; filename=\"Cafe Night Ferry chapters.json\"; "
                      "filename*=UTF-8''Caf%C3%A9%20Night%20Ferry%20chapters.json"),
    ("spoken.txt", "inline; filename=\"Cafe Night Ferry spoken text.txt\"; "
                   "filename*=UTF-8''Caf%C3%A9%20Night%20Ferry%20spoken%20text.txt"),
])
def test_files_are_named_after_the_briefing(client: TestClient, name: str, disposition: str) -> None:
    path = f"/media/{made(client)}/{name}"
    assert client.get(path).headers["content-disposition"] == disposition
    assert client.head(path).headers["content-disposition"] == disposition


def test_the_pages_download_links_carry_the_same_names(client: TestClient) -> None:
    page = client.get(f"/briefings/{made(client)}").text
    names = re.findall(r'download="([^"]+)"', page)
    assert set(names) == {"Café Night Ferry.mp3", "Café Night Ferry.vtt", "Café Night Ferry spoken text.txt",
                          "Café Night Ferry chapters.json"}


def test_transcripts_and_chapters_are_readable_from_any_origin(client: TestClient) -> None:
    record_id = made(client)
    for name in ("transcript.vtt", "chapters.json"):
        answer = client.get(f"/media/{record_id}/{name}", headers={"Origin": "https://player.example"})
        assert answer.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in answer.headers
        again = client.get(f"/media/{record_id}/{name}", headers={"If-None-Match": answer.headers["etag"]})
        assert again.status_code == 304 and again.headers["access-control-allow-origin"] == "*"
    for name in ("audio.mp3", "spoken.txt", "segments.json"):
        assert "access-control-allow-origin" not in client.get(f"/media/{record_id}/{name}").headers


def test_a_private_transcript_is_readable_elsewhere_only_through_its_signed_link(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    add_user(client, "alice")
    token = client.app.state.accounts.create_token("alice", "")
    answer = client.post("/api/briefings", json={**ARTICLE, "public": False},
                         headers={"Authorization": f"Bearer {token}"})
    record_id = answer.json()["id"]
    finish(client, record_id, "Alice private")
    feed = client.get(feed_path(client, "alice")).text
    signed = re.search(rf'url="{re.escape(BASE)}(/media/{record_id}/transcript\.vtt\?key=[^"]+)"', feed)
    assert signed
    stranger = TestClient(client.app, base_url=BASE)
    opened = stranger.get(signed.group(1), headers={"Origin": "https://player.example"})
    assert opened.status_code == 200 and opened.headers["access-control-allow-origin"] == "*"
    refused = stranger.get(f"/media/{record_id}/transcript.vtt")
    assert refused.status_code == 404 and "access-control-allow-origin" not in refused.headers


def revalidates(client: TestClient, path: str) -> str:
    """Assert the feed at path has validators and answers 304 to them; returns its ETag."""
    first = client.get(path)
    assert first.status_code == 200
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    assert parsedate_to_datetime(modified).tzname() == "UTC"
    for headers in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
        again = client.get(path, headers=headers)
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        assert client.head(path, headers=headers).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"older"'}).status_code == 200
    return etag


def test_public_and_private_feeds_answer_conditional_gets(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    add_user(client, "alice")
    token = client.app.state.accounts.create_token("alice", "")
    private = feed_path(client, "alice")
    before = {path: revalidates(client, path) for path in ("/feed.xml", private)}
    answer = client.post("/api/briefings", json={**ARTICLE, "public": True},
                         headers={"Authorization": f"Bearer {token}"})
    finish(client, answer.json()["id"], "New one")
    for path, etag in before.items():
        changed = client.get(path, headers={"If-None-Match": etag})
        assert changed.status_code == 200 and b"New one" in changed.content
        assert revalidates(client, path) == changed.headers["etag"]


def test_the_site_has_an_icon(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/vnd.microsoft.icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00" and int.from_bytes(icon.content[4:6], "little") == 3
    assert client.get("/favicon.ico", headers={"If-None-Match": icon.headers["etag"]}).status_code == 304
    svg = client.get("/static/favicon.svg")
    assert svg.headers["content-type"] == "image/svg+xml" and svg.text.startswith("<svg")
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in client.get("/").text


def test_a_briefing_being_made_reloads_itself_without_javascript_and_is_named(client: TestClient) -> None:
    record_id = client.post("/api/briefings", json={**ARTICLE}).json()["id"]
    page = client.get(f"/briefings/{record_id}").text
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert "<h1>“Harbour News”</h1>" in page and "<title>“Harbour News” · audiobrief</title>" in page
    assert "Untitled briefing" not in page and "In the queue" in page
    assert f'href="/briefings/{record_id}?updates=off">Stop reloading</a>' in page
    stopped = client.get(f"/briefings/{record_id}?updates=off").text
    assert 'http-equiv="refresh"' not in stopped and "no longer reloads itself" in stopped
    text = ARTICLE["articles"][0]["text"]
    upload = client.post("/api/briefings", files=[("files", ("ferry-notes.txt", text.encode(), "text/plain")),
                                                  ("files", ("second.txt", text.encode(), "text/plain"))])
    assert upload.status_code == 202, upload.text
    assert "<h1>ferry-notes.txt and 1 more</h1>" in client.get(f"/briefings/{upload.json()['id']}").text
    finish(client, record_id)
    assert 'http-equiv="refresh"' not in client.get(f"/briefings/{record_id}").text


def test_chapter_links_stay_on_the_page_and_sentences_are_not_links(client: TestClient) -> None:
    record_id = made(client)
    page = client.get(f"/briefings/{record_id}").text
    assert "audio.mp3#t=" not in page
    assert f'href="/briefings/{record_id}?t=4.00#player-section"' in page
    assert page.count('class="cue"') == 3 and '<a class="cue"' not in page
    started = client.get(f"/briefings/{record_id}?t=4.00").text
    assert f'src="/media/{record_id}/audio.mp3#t=4.00"' in started
    for wrong in ("abc", "-1", "1e9", "4.00#x", "٤"):
        assert f'src="/media/{record_id}/audio.mp3"' in client.get(f"/briefings/{record_id}",
                                                                   params={"t": wrong}).text


def test_subscribe_links_and_the_feed_address_field(client: TestClient) -> None:
    page = client.get("/library").text
    assert '<a href="podcast://127.0.0.1:8000/feed.xml">' in page
    assert '<a href="pcast://127.0.0.1:8000/feed.xml">' in page
    assert ('<input type="text" id="feed-address" class="copy-source" readonly '
            'value="http://127.0.0.1:8000/feed.xml">') in page


def test_a_logged_in_visitor_subscribes_to_their_own_feed(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    add_user(client, "alice")
    log_in(client, "alice")
    private = feed_path(client, "alice")
    page = client.get("/account").text
    assert f'<a href="podcast://127.0.0.1:8000{private}">' in page
    assert f'value="{BASE}{private}"' in page
