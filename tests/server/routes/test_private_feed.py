"""Private feeds: each account's feed at an unguessable, revocable address, its media links signed."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
from fastapi.testclient import TestClient
from support.accounts import ARTICLE, add_user, feed_path, finish, log_in, make_client


@pytest.fixture
def server(tmp_path: Path) -> TestClient:
    """alice with a private and a public briefing, bob with a private one, all finished."""
    client = make_client(tmp_path)
    add_user(client, "alice")
    add_user(client, "bob")
    accounts = client.app.state.accounts
    for name, title, public in (("alice", "Alice private", False), ("alice", "Alice public", True),
                                ("bob", "Bob private", False)):
        headers = {"Authorization": f"Bearer {accounts.create_token(name, '')}"}
        request = {**ARTICLE, "title": title, "public": public}
        answer = client.post("/api/briefings", json=request, headers=headers)
        finish(client, answer.json()["id"], title)
    return client


def titles(body: bytes) -> set[str]:
    return {entry.title for entry in feedparser.parse(body).entries}


def test_the_public_feed_lists_only_public_briefings(server: TestClient) -> None:
    assert titles(server.get("/feed.xml").content) == {"Alice public"}


def test_each_account_has_its_own_feed_at_an_unguessable_address(server: TestClient) -> None:
    alice = feed_path(server, "alice")
    assert re.fullmatch(r"/feeds/\d+-[0-9a-f]{32}/feed\.xml", alice)
    answer = server.get(alice)  # no cookie, no token: podcast apps have neither
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert titles(answer.content) == {"Alice private", "Alice public"}
    assert feedparser.parse(answer.content).feed.title == "audiobrief: alice"
    assert titles(server.get(feed_path(server, "bob")).content) == {"Bob private"}
    assert f'href="http://127.0.0.1:8000{alice}"' in answer.text  # atom:link rel=self


@pytest.mark.parametrize("path", [f"/feeds/1-{'0' * 32}/feed.xml", "/feeds/1/feed.xml",
                                  f"/feeds/999-{'0' * 32}/feed.xml", "/feeds/x-y/feed.xml",
                                  f"/feeds/1-{'é' * 32}/feed.xml", f"/feeds/{'9' * 40}-0/feed.xml",
                                  "/feeds/\u00b3/feed.xml", "/feeds/\u0663-0/feed.xml"])
def test_wrong_feed_keys_are_404(server: TestClient, path: str) -> None:
    answer = server.get(path)
    assert answer.status_code == 404
    assert answer.json() == {"detail": "no such feed: the address may have been reset"}


def test_another_accounts_key_does_not_open_a_feed(server: TestClient) -> None:
    alice = feed_path(server, "alice")
    bob = feed_path(server, "bob")
    forged = f"/feeds/{bob.split('/')[2].split('-')[0]}-{alice.split('/')[2].split('-')[1]}/feed.xml"
    assert server.get(forged).status_code == 404


def test_media_links_in_a_private_feed_carry_their_own_key(server: TestClient) -> None:
    feed = ElementTree.fromstring(server.get(feed_path(server, "alice")).content)
    item = next(i for i in feed.iter("item") if i.findtext("title") == "Alice private")
    enclosure = item.find("enclosure").get("url")
    transcript = item.find("{https://podcastindex.org/namespace/1.0}transcript").get("url")
    chapters = item.find("{https://podcastindex.org/namespace/1.0}chapters").get("url")
    for url in (enclosure, transcript, chapters):
        path = urlsplit(url)
        assert re.fullmatch(r"key=[0-9a-f]{32}", path.query)
        assert server.get(f"{path.path}?{path.query}").status_code == 200  # no cookie: as an app fetches
        assert server.get(path.path).status_code == 404  # without the key
    audio = urlsplit(enclosure)
    assert server.get(f"{audio.path}?{audio.query}").content == b"ID3fake mp3"
    record_id = audio.path.split("/")[2]
    swapped = server.get(f"/media/{record_id}/transcript.vtt?{audio.query}")  # the key is per file
    assert swapped.status_code == 404
    assert swapped.json() == {"detail": "no such briefing, or it is not finished"}


def test_resetting_a_feed_revokes_its_old_address(server: TestClient) -> None:
    old = feed_path(server, "alice")
    browser = TestClient(server.app, base_url=str(server.base_url))
    csrf = log_in(browser, "alice")
    assert browser.post("/account/feed", data={}).status_code == 403
    reset = browser.post("/account/feed", data={"csrf_token": csrf}, follow_redirects=False)
    assert (reset.status_code, reset.headers["location"]) == (303, "/account?reset=1")
    assert "Your feed has a new address" in browser.get("/account?reset=1").text
    new = feed_path(server, "alice")
    assert new != old
    assert server.get(old).status_code == 404
    assert titles(server.get(new).content) == {"Alice private", "Alice public"}


def test_the_owner_reads_private_media_with_the_session(server: TestClient) -> None:
    record = next(r for r in server.app.state.store.all() if r.title == "Alice private")
    browser = TestClient(server.app, base_url=str(server.base_url))
    assert browser.get(f"/media/{record.id}/audio.mp3").status_code == 404
    log_in(browser, "bob")
    assert browser.get(f"/media/{record.id}/audio.mp3").status_code == 404
    alice = TestClient(server.app, base_url=str(server.base_url))
    log_in(alice, "alice")
    heard = alice.get(f"/media/{record.id}/audio.mp3")
    assert (heard.status_code, heard.content) == (200, b"ID3fake mp3")
    page = alice.get(f"/briefings/{record.id}")
    assert page.status_code == 200 and "Your podcast feed" in page.text


def test_api_audio_url_plays_without_credentials(server: TestClient) -> None:
    token = server.app.state.accounts.create_token("alice", "")
    listed = server.get("/api/briefings", headers={"Authorization": f"Bearer {token}"}).json()["briefings"]
    private = next(b for b in listed if b["title"] == "Alice private")
    url = urlsplit(private["audio_url"])
    heard = server.get(f"{url.path}?{url.query}")
    assert (heard.status_code, heard.content) == (200, b"ID3fake mp3")


def test_open_server_feed_lists_everything(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    record_id = client.post("/api/briefings", json=ARTICLE).json()["id"]
    finish(client, record_id)
    assert titles(client.get("/feed.xml").content) == {"Harbour News"}
    assert client.get(f"/media/{record_id}/audio.mp3").status_code == 200
