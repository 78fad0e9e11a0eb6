"""Accounts against the real server (uvicorn subprocess, real engine): an API token makes a private
briefing, a podcast app reads it from the account's feed without cookies, nobody else can."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator

import httpx
import podcastparser
import pytest
from support.commands import run
from support.server import STORIES, Server

PASSWORD = "correct horse battery"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with the account alice, whose public address is localhost on its port."""
    home = tmp_path_factory.mktemp("accounts")
    assert run("user", "add", "alice", stdin=PASSWORD + "\n", home=home).returncode == 0
    started = Server(home)
    started.env["AUDIOBRIEF_PUBLIC_URL"] = f"http://localhost:{started.port}"
    started.start()
    try:
        yield started
    finally:
        started.stop()


def token(server: Server) -> dict[str, str]:
    made = run("token", "create", "alice", home=server.home)
    assert made.returncode == 0, made.stderr
    return {"Authorization": f"Bearer {made.stdout.strip()}"}


def browser_of(server: Server) -> tuple[httpx.Client, str]:
    """A client logged in as alice through the login form, and its CSRF token."""
    client = server.client()
    form = client.get("/login").text
    login_token = hidden(form)
    answer = client.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": login_token})
    assert answer.status_code == 303, answer.text
    return client, hidden(client.get("/").text)


def hidden(html: str, pattern: str = r'name="csrf_token" value="([^"]+)"') -> str:
    """The first group of pattern in a page (by default the form's CSRF token)."""
    found = re.search(pattern, html)
    assert found, html
    return found.group(1)


def wait_done(server: Server, briefing_id: str, headers: dict[str, str]) -> dict:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        status = httpx.get(f"{server.url}/api/briefings/{briefing_id}", headers=headers, timeout=30).json()
        if status["state"] in ("done", "failed"):
            assert status["state"] == "done", status
            return status
        time.sleep(0.25)
    raise AssertionError(f"briefing {briefing_id} not done: {server.log.read_text()[-3000:]}")


def test_a_private_briefing_reaches_its_owners_podcast_app_only(server: Server) -> None:
    alice = token(server)
    anonymous = httpx.post(f"{server.url}/api/briefings", json={"articles": [{"text": STORIES["ferry"]}]})
    assert anonymous.status_code == 401
    created = httpx.post(f"{server.url}/api/briefings", json={"articles": [{"text": STORIES["ferry"]}]},
                         headers=alice)
    assert created.status_code == 202, created.text
    briefing_id = created.json()["id"]
    status = wait_done(server, briefing_id, alice)
    assert status["public"] is False
    assert httpx.get(f"{server.url}/api/briefings/{briefing_id}").status_code == 404
    assert httpx.get(f"{server.url}/media/{briefing_id}/audio.mp3").status_code == 404
    public = httpx.get(f"{server.url}/feed.xml").content
    public_feed = podcastparser.parse(f"{server.url}/feed.xml", io.BytesIO(public))
    assert public_feed["episodes"] == []

    browser, _ = browser_of(server)
    feed_url = hidden(browser.get("/account").text, r'<code id="private-feed">([^<]+)</code>')
    assert feed_url.startswith(f"http://localhost:{server.port}/feeds/")
    app = httpx.Client(timeout=30)  # a podcast app: no cookie, no token, only the feed's address
    local = feed_url.replace(f"http://localhost:{server.port}", server.url)
    parsed = podcastparser.parse(feed_url, io.BytesIO(app.get(local).content))
    (episode,) = parsed["episodes"]
    enclosure = episode["enclosures"][0]["url"].replace(f"http://localhost:{server.port}", server.url)
    audio = app.get(enclosure)
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
    assert audio.content[:3] == b"ID3" and len(audio.content) == episode["enclosures"][0]["file_size"]
    ranged = app.get(enclosure, headers={"Range": "bytes=0-99"})
    assert ranged.status_code == 206 and len(ranged.content) == 100
    assert app.get(enclosure.split("?")[0]).status_code == 404


def test_cross_site_and_foreign_host_requests_are_refused(server: Server) -> None:
    browser, csrf = browser_of(server)
    evil = browser.post("/api/briefings", json={"articles": [{"text": STORIES["market"]}]},
                        headers={"Origin": "http://evil.example", "X-CSRF-Token": csrf})
    assert evil.status_code == 403
    forged = browser.post("/briefings", data={"text": STORIES["market"]})
    assert forged.status_code == 403
    rebound = httpx.get(f"{server.url}/feed.xml", headers={"Host": f"evil.example:{server.port}"})
    assert rebound.status_code == 400
    logged_out = browser.post("/logout", data={"csrf_token": csrf})
    assert logged_out.status_code == 303
    assert browser.get("/").status_code == 303
