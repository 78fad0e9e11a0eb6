"""In-process apps for the account, feed and limit tests: no job runner (briefings stay queued),
so these tests check who may do what, not how audio is made (the real-server tests do that)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from fastapi.testclient import TestClient

from audiobrief.server.app import create_app
from audiobrief.server.config import Settings
from audiobrief.server.jobs.runner import briefing_dir

BASE = "http://127.0.0.1:8000"
PASSWORD = "correct horse battery"
TRANSCRIPT = b'{"segments": [], "chapters": [], "duration_ms": 3000}'
ARTICLE = {"articles": [{"text": "Harbour News\n\nThe ferry runs again from Monday. Tickets cost the same."}]}


def make_client(home: Path, **settings: object) -> TestClient:
    """A client of a fresh app on 127.0.0.1:8000 (the runner is not started: briefings stay queued)."""
    app = create_app(Settings(home=home, queue_size=1000, **settings))  # type: ignore[arg-type]
    return TestClient(app, base_url=BASE)


def add_user(client: TestClient, name: str, admin: bool = False) -> None:
    """An account with the test password."""
    client.app.state.accounts.add(name, PASSWORD, admin=admin)  # type: ignore[attr-defined]


def hidden_token(html: str) -> str:
    """The csrf_token hidden field of a page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def log_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Log in through the form; returns the session's CSRF token (from the next page's form)."""
    token = hidden_token(client.get("/login").text)
    fields = {"name": name, "password": password, "csrf_token": token, "next": "/"}
    answer = client.post("/login", data=fields, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return hidden_token(client.get("/").text)


def finish(client: TestClient, record_id: str, title: str = "Harbour News",
           mp3: bytes = b"ID3fake mp3") -> None:
    """Mark a queued briefing done with small stand-in files (the feed and media logic only reads them)."""
    app = client.app
    folder = briefing_dir(app.state.settings, record_id)  # type: ignore[attr-defined]
    folder.mkdir(parents=True)
    for name, data in (("audio.mp3", mp3), ("audio.vtt", b"WEBVTT\n"), ("audio.chapters.json", b"{}"),
                       ("audio.json", TRANSCRIPT), ("cover.png", b"png"), ("spoken.txt", b"text")):
        (folder / name).write_bytes(data)
    app.state.store.start(record_id)  # type: ignore[attr-defined]
    app.state.store.finish(record_id, title, 3000, len(mp3), "The ferry")  # type: ignore[attr-defined]


def feed_path(client: TestClient, name: str) -> str:
    """The private feed path shown on the account page."""
    browser = TestClient(client.app, base_url=str(client.base_url))
    log_in(browser, name)
    found = re.search(r'<code id="private-feed">([^<]+)</code>', browser.get("/account").text)
    assert found
    return urlsplit(found.group(1)).path
