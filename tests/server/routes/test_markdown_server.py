"""Through a real server: a Markdown upload titled and read as Markdown everywhere, edited and made
again with only the changed sentence voiced, a failed briefing tried again, and bad input refused
at submit time with what was typed kept."""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree as ET

import httpx
import pytest
from support.cluster import server_in_mode
from support.commands import FIXTURES
from support.server import SERVER_MODES, STORIES, Server

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server or browser

VOICE = "en-us-espeak"  #: the quick voice: these tests are about the text, not the sound
PORT_MD = (FIXTURES / "markdown" / "port-reopens.md").read_bytes()
TITLE = "Port Reopens After Storm"
PAGE = (b"<!doctype html><html><head><title>Tram Line Extended</title></head><body><article>"
        b"<h1>Tram Line Extended</h1><p>The tram line will reach the airport by next summer. Work starts in "
        b"May.</p><p>The city says the trip will take twenty minutes.</p></article></body></html>")


@pytest.fixture(scope="module", params=SERVER_MODES)
def server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Server]:
    """A server that fetches loopback URLs (for the flaky site below): embedded (SQLite and threads)
    or distributed (PostgreSQL, Redis, a worker process), since retrying differs between them."""
    with server_in_mode(request.param, tmp_path_factory.mktemp("markdown"), request,
                        allow_private_urls="1") as running:
        yield running


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with the default settings: private addresses refused."""
    running = Server(tmp_path_factory.mktemp("strict")).start()
    yield running
    running.stop()


class FlakySite:
    """A local web server answering 503 until it is told to be up, then one article page."""

    def __init__(self) -> None:
        self.up = False
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = PAGE if site.up else b"down for maintenance"
                self.send_response(200 if site.up else 503)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/tram"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()


@pytest.fixture
def flaky() -> Iterator[FlakySite]:
    site = FlakySite()
    yield site
    site.http.shutdown()


def _clips(server: Server) -> set[Path]:
    return set((server.home / "cache" / "clips").glob("*/*.wav"))


def _submit_form(server: Server, data: dict[str, str], files: list | None = None) -> str:
    """Send the form without JavaScript; returns the new briefing's id from the redirect."""
    answer = httpx.post(f"{server.url}/briefings", data=data, files=files, timeout=60, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return answer.headers["location"].rsplit("/", 1)[1]


def _field(page: str, name: str) -> str:
    found = re.search(rf'<textarea id="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, f"no field {name}"
    return html.unescape(found.group(1))


def test_a_markdown_upload_is_titled_and_read_as_markdown_then_edited(server: Server) -> None:
    record_id = _submit_form(server, {"voice": VOICE, "pronunciations": "Wrenmouth = ren-muth"},
                             files=[("files", ("port-reopens.md", PORT_MD, "text/markdown"))])
    status = server.wait(record_id)
    assert status["state"] == "done", status
    assert status["title"] == TITLE
    page = httpx.get(f"{server.url}/briefings/{record_id}").text
    assert f"<h1>{TITLE}</h1>" in page
    assert f'<a href="/briefings/{record_id}">{TITLE}</a>' in httpx.get(f"{server.url}/library").text
    feed = ET.fromstring(httpx.get(f"{server.url}/feed.xml").content)
    assert TITLE in [item.findtext("title") for item in feed.iter("item")]
    transcript = httpx.get(f"{server.url}/media/{record_id}/transcript.vtt").text
    spoken = httpx.get(f"{server.url}/media/{record_id}/spoken.txt").text
    for heard in ("What was damaged", "The fuel pontoon", "Berth: Fish dock; Ships: 11.",
                  "Code block skipped.", "Questions can go to the harbour master."):
        assert heard in transcript
    for syntax in ("#", "**", "](", "https", "|"):
        assert syntax not in transcript and syntax not in spoken
    assert "ren-muth" in spoken

    clips = _clips(server)
    edit = httpx.get(f"{server.url}/briefings/{record_id}/edit").text
    text = _field(edit, "text")
    assert text == PORT_MD.decode().strip("\n")
    assert _field(edit, "pronunciations") == "Wrenmouth = ren-muth"
    assert f'<option value="{VOICE}" selected>' in edit
    edited_id = _submit_form(server, {"text": text.replace("on Tuesday", "on Wednesday"), "voice": VOICE,
                                      "pronunciations": _field(edit, "pronunciations")})
    assert edited_id != record_id
    edited = server.wait(edited_id)
    assert edited["state"] == "done" and edited["title"] == TITLE
    assert len(_clips(server) - clips) == 1, "only the changed sentence is voiced again"
    assert "on Wednesday" in httpx.get(f"{server.url}/media/{edited_id}/transcript.vtt").text
    assert httpx.get(f"{server.url}/api/briefings/{record_id}").json()["state"] == "done"  # the old one stays


def test_a_failed_briefing_says_why_and_is_tried_again(server: Server, flaky: FlakySite) -> None:
    answer = httpx.post(f"{server.url}/api/briefings",
                        json={"articles": [{"url": flaky.url}], "voice": VOICE})
    assert answer.status_code == 202, answer.text
    record_id = answer.json()["id"]
    failed = server.wait(record_id)
    reason = f"'{flaky.url}' answered HTTP 503: check the URL"
    assert (failed["state"], failed["title"], failed["error"]) == ("failed", flaky.url, reason)
    library = httpx.get(f"{server.url}/library").text
    assert f'<a href="/briefings/{record_id}">{flaky.url}</a>' in library
    assert '<p class="failure">' + html.escape(reason, quote=False).replace("'", "&#39;") + "</p>" in library

    again = httpx.post(f"{server.url}/briefings/{record_id}/retry", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == f"/briefings/{record_id}"
    assert server.wait(record_id)["error"] == reason  # still down: failed again, same reason

    flaky.up = True
    retried = httpx.post(f"{server.url}/api/briefings/{record_id}/retry")
    assert retried.status_code == 202
    done = server.wait(record_id)
    assert (done["state"], done["title"], done["error"]) == ("done", "Tram Line Extended", None)
    assert httpx.post(f"{server.url}/api/briefings/{record_id}/retry").json() == {
        "detail": "only a failed briefing can be tried again, and this one is done"}


SHORT = ("pasted article 1", "'pasted article 1' has 1 word of article text, too little to read as an "
         "article: give the whole article (at least 5 words)")


@pytest.mark.parametrize(("data", "files", "field", "message"), [
    ({"text": "Hi"}, None, "text",
     "'pasted article 1' has no article text after cleaning: every line looks like menus, links or page "
     "furniture; give the article page itself, or paste only the article's text"),
    ({"text": "# Notice\n\nShut."}, None, "text", SHORT[1]),
    ({"text": STORIES["ferry"], "voice": "robot-voice"}, None, "voice",
     "There is no voice called 'robot-voice': choose one of"),
    ({"text": STORIES["ferry"]}, [("files", ("furniture.md", (FIXTURES / "markdown" / "furniture-only.md")
                                              .read_bytes(), "text/markdown"))], "files",
     "'furniture.md' has no article text after cleaning: every paragraph looks like page furniture "
     "(captions, subscribe or share lines); give the article page itself, or paste only the article's text"),
    ({"text": STORIES["ferry"]}, [("files", ("story.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 20,
                                              "text/plain"))], "files",
     "'story.txt' is a binary file, not text: give a .txt, .md or .html file"),
    ({"text": STORIES["ferry"], "urls": "http://10.0.0.7/story"}, None, "urls",
     "'http://10.0.0.7/story' is on a private or local network: only addresses on the public internet "
     "are fetched"),
])
def test_bad_input_is_422_on_the_form_with_what_was_typed_kept(strict: Server, data: dict, files: list | None,
                                                                field: str, message: str) -> None:
    before = httpx.get(f"{strict.url}/api/briefings").json()["briefings"]
    answer = httpx.post(f"{strict.url}/briefings", data={"title": "Kept title", **data}, files=files,
                        timeout=60)
    assert answer.status_code == 422
    page = html.unescape(answer.text)
    assert f'<p class="error" id="{field}-error" role="alert"><span class="visually-hidden">Error: </span>' \
           f"{message}" in page
    assert "allow-private-urls" not in page
    assert _field(answer.text, "text") == data["text"]
    if "urls" in data:
        assert _field(answer.text, "urls") == data["urls"]
    assert 'value="Kept title"' in answer.text
    assert httpx.get(f"{strict.url}/api/briefings").json()["briefings"] == before


@pytest.mark.parametrize(("body", "loc", "message"), [
    ({"articles": [{"text": "Hi"}]}, ["body", "articles", 0, "text"],
     "'article 1' has no article text after cleaning: every line looks like menus, links or page "
     "furniture; give the article page itself, or paste only the article's text"),
    ({"articles": [{"text": "# Notice\n\nShut today."}]}, ["body", "articles", 0, "text"],
     "'article 1' has 2 words of article text, too little to read as an article: give the whole article "
     "(at least 5 words)"),
    ({"articles": [{"text": STORIES["ferry"]}], "voice": "robot-voice"}, ["body", "voice"],
     "There is no voice called 'robot-voice': choose one of"),
    ({"articles": [{"url": "http://192.168.1.20/story"}]}, ["body", "articles", 0, "url"],
     "'http://192.168.1.20/story' is on a private or local network: only addresses on the public internet "
     "are fetched"),
])
def test_bad_input_is_a_json_422_on_the_api(strict: Server, body: dict, loc: list, message: str) -> None:
    answer = httpx.post(f"{strict.url}/api/briefings", json=body, timeout=60)
    assert answer.status_code == 422
    [problem] = answer.json()["detail"]
    assert problem["loc"] == loc
    assert problem["msg"].startswith(message)
