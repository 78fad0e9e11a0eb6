"""Who may follow a briefing's stream and cues: the same rules as its other media (in-process app,
no job runner; the real-server tests check the audio itself)."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.accounts import ARTICLE, add_user, finish, log_in, make_client

FRAMES = b"\xff\xfb\x50\xc4" + bytes(200)
TAGGED = b"ID3\x03\x00\x00\x00\x00\x00\x06" + b"\x00" * 6 + FRAMES  #: a 6-byte ID3 tag, then the frames


@pytest.fixture
def server(tmp_path: Path) -> TestClient:
    """alice with a private briefing (finished) and a private queued one."""
    client = make_client(tmp_path)
    add_user(client, "alice")
    add_user(client, "bob")
    headers = {"Authorization": f"Bearer {client.app.state.accounts.create_token('alice', '')}"}
    for title in ("Alice done", "Alice queued"):
        answer = client.post("/api/briefings", json={**ARTICLE, "title": title}, headers=headers)
        assert answer.status_code == 202, answer.text
        if title == "Alice done":
            finish(client, answer.json()["id"], title, TAGGED)
    return client


def record_id(client: TestClient, title: str) -> str:
    return next(r.id for r in client.app.state.store.all() if r.requested_title == title)


@pytest.mark.parametrize("name", ["stream.mp3", "cues.json"])
def test_another_accounts_private_briefing_is_404(server: TestClient, name: str) -> None:
    for title in ("Alice done", "Alice queued"):
        path = f"/media/{record_id(server, title)}/{name}"
        assert server.get(path).json() == {"detail": "no such briefing, or it is not finished"}
        bob = TestClient(server.app, base_url=str(server.base_url))
        log_in(bob, "bob")
        answer = bob.get(path)
        assert answer.status_code == 404
        assert answer.json() == {"detail": "no such briefing, or it is not finished"}


@pytest.mark.parametrize("path", ["/media/0123/stream.mp3", f"/media/{'f' * 32}/stream.mp3",
                                  f"/media/{'F' * 32}/cues.json", f"/media/{'g' * 32}/stream.mp3"])
def test_unknown_briefings_are_404(server: TestClient, path: str) -> None:
    answer = server.get(path)
    assert answer.status_code == 404
    assert answer.json() == {"detail": "no such briefing"}


def test_the_owner_streams_a_finished_briefing_as_its_frames(server: TestClient) -> None:
    alice = TestClient(server.app, base_url=str(server.base_url))
    log_in(alice, "alice")
    done = record_id(server, "Alice done")
    answer = alice.get(f"/media/{done}/stream.mp3")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "audio/mpeg"
    assert answer.headers["cache-control"] == "no-store"
    assert answer.content == FRAMES
    head = alice.head(f"/media/{done}/stream.mp3")
    assert (head.status_code, head.content, head.headers["content-type"]) == (200, b"", "audio/mpeg")
    assert alice.get(f"/media/{done}/cues.json").json() == {"cues": [], "complete": True}


def signed_by_hand(secret: bytes, record: str, name: str) -> str:
    """A media key as the README states it: HMAC-SHA256 of the briefing and file, 128 bits in hex."""
    return hmac.new(secret, f"media\x1f{record}\x1f{name}".encode(), hashlib.sha256).hexdigest()[:32]


def test_a_signed_key_opens_the_stream_without_a_cookie(server: TestClient) -> None:
    done = record_id(server, "Alice done")
    key = signed_by_hand(server.app.state.secret, done, "stream.mp3")
    assert server.get(f"/media/{done}/stream.mp3?key={key}").content == FRAMES
    audio_key = signed_by_hand(server.app.state.secret, done, "audio.mp3")
    assert server.get(f"/media/{done}/stream.mp3?key={audio_key}").status_code == 404  # keys are per file


def test_the_cues_of_a_queued_briefing_are_none_yet(server: TestClient) -> None:
    alice = TestClient(server.app, base_url=str(server.base_url))
    log_in(alice, "alice")
    queued = record_id(server, "Alice queued")
    assert alice.get(f"/media/{queued}/cues.json").json() == {"cues": [], "complete": False}
    answer = alice.get(f"/media/{queued}/cues.json?start=x")
    assert answer.status_code == 422


def test_a_failed_briefing_has_no_stream(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    failed = client.post("/api/briefings", json=ARTICLE).json()["id"]
    client.app.state.store.fail(failed, "the article could not be fetched")
    answer = client.get(f"/media/{failed}/stream.mp3")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "this briefing could not be made: the article could not be fetched"}
    assert client.get(f"/media/{failed}/cues.json").json() == {"cues": [], "complete": True}
