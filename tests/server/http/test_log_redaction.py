"""The access log of a real server never holds a private feed's key or a signed media link's key."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import httpx
import pytest
from support.accounts import PASSWORD
from support.commands import run
from support.server import Server

from audiobrief.server.http.redact import redact
from audiobrief.server.signing import feed_key, load_secret
from audiobrief.server.store.accounts import Accounts
from audiobrief.server.store.records import Store

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("target", "shown"), [
    ("/feeds/3-0123abcd/feed.xml", "/feeds/[hidden]/feed.xml"),
    ("/feeds/3-0123abcd/shows/morning/feed.xml", "/feeds/[hidden]/shows/morning/feed.xml"),
    ("/media/ab12/audio.mp3?key=0123abcd", "/media/ab12/audio.mp3?key=[hidden]"),
    ("/media/ab12/audio.mp3?t=1&KEY=0123abcd&x=2", "/media/ab12/audio.mp3?t=1&KEY=[hidden]&x=2"),
    ("/media/ab12/audio.mp3?monkey=1", "/media/ab12/audio.mp3?monkey=1"),
    ("/library?page=2", "/library?page=2"),
])
def test_keys_are_hidden_in_request_targets(target: str, shown: str) -> None:
    assert redact(target) == shown


def log_lines_with(log: Path, text: str, count: int) -> list[str]:
    """The log's lines holding text, once there are count of them (uvicorn writes each as it answers)."""
    deadline = time.monotonic() + 30
    while True:
        lines = [line for line in log.read_text("utf-8").splitlines() if text in line]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def test_the_access_log_hides_feed_and_media_keys(tmp_path: Path) -> None:
    assert run("user", "add", "alice", stdin=PASSWORD + "\n", home=tmp_path).returncode == 0
    server = Server(tmp_path).start()
    try:
        alice = Accounts(Store(tmp_path / "server.sqlite3")).named("alice")
        key = feed_key(load_secret(tmp_path / "secret.key"), alice.id, alice.feed_version, alice.feed_salt)
        media_key = "f" * 32
        record = uuid.uuid4().hex
        assert httpx.get(f"{server.url}/feeds/{key}/feed.xml").status_code == 200
        assert httpx.get(f"{server.url}/feeds/{key}/shows/morning/feed.xml").status_code == 404
        assert httpx.get(f"{server.url}/media/{record}/audio.mp3?key={media_key}").status_code == 404
        lines = log_lines_with(server.log, '"GET /', 3)
    finally:
        server.stop()
    log = server.log.read_text("utf-8")
    assert key not in log and media_key not in log
    assert [line.split(" - ", 1)[1] for line in lines[-3:]] == [
        '"GET /feeds/[hidden]/feed.xml HTTP/1.1" 200 OK',
        '"GET /feeds/[hidden]/shows/morning/feed.xml HTTP/1.1" 404 Not Found',
        f'"GET /media/{record}/audio.mp3?key=[hidden] HTTP/1.1" 404 Not Found']
