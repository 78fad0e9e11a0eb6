"""The JSON API and the form's answers against a real server: contract, limits, escaping, safety."""

from __future__ import annotations

import html.parser
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree as ET

import httpx
import pytest
from support.cluster import server_in_mode
from support.server import SERVER_MODES, STORIES, Server

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server or browser

SCRIPT_TITLE = '<script>alert("x")</script> & "quoted"'
XML_TITLE = "]]>& <![CDATA[ end"
MAX_ARTICLE = 40_000
MAX_REQUEST = 120_000


@pytest.fixture(scope="module", params=SERVER_MODES)
def server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Server]:
    """A server with small caps so the limits are cheap to reach; private URLs allowed; embedded
    (SQLite and threads) or distributed (PostgreSQL, Redis, a worker process)."""
    with server_in_mode(request.param, tmp_path_factory.mktemp("api"), request, allow_private_urls="1",
                        max_article_bytes=str(MAX_ARTICLE), max_request_bytes=str(MAX_REQUEST)) as running:
        yield running


@pytest.fixture(scope="module")
def article_site() -> Iterator[str]:
    """A local web server with one article page."""
    page = (b"<!doctype html><html><head><title>Tram Line Extended</title></head><body><nav>Home | News</nav>"
            b"<article><h1>Tram Line Extended</h1><p>The tram line will reach the airport by next summer. "
            b"Work starts in May.</p><p>The city says the trip will take twenty minutes.</p></article>"
            b"</body></html>")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    site = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site.server_address[1]}/tram"
    site.shutdown()


class Fields(html.parser.HTMLParser):
    """Collects every element's attributes by id."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.by_id[str(found["id"])] = {"tag": tag, **found}


def parse(page: str) -> Fields:
    """The elements of a page by id."""
    fields = Fields()
    fields.feed(page)
    return fields


def detail_locs(response: httpx.Response) -> list[list[str | int]]:
    """The loc of every error in a 422/413 answer."""
    return [item["loc"] for item in response.json()["detail"]]


def test_openapi_documents_the_contract(server: Server) -> None:
    schema = httpx.get(f"{server.url}/openapi.json").json()
    names = set(schema["components"]["schemas"])
    expected = {"BriefingRequest", "BriefingUpload", "ArticleIn", "Accepted", "BriefingStatus",
                "BriefingList"}
    assert expected <= names
    create = schema["paths"]["/api/briefings"]["post"]
    assert set(create["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert {"202", "413", "422", "503"} <= set(create["responses"])
    assert {"get", "delete"} <= set(schema["paths"]["/api/briefings/{briefing_id}"])
    status = schema["components"]["schemas"]["BriefingStatus"]["properties"]
    assert {"id", "state", "progress", "error", "title", "duration_s", "audio_url", "page_url"} <= set(status)


def test_create_follow_list_and_delete(server: Server) -> None:
    response = httpx.post(f"{server.url}/api/briefings", json={
        "title": "Ferry news", "voice": "en-gb", "rate": 190, "articles": [{"text": STORIES["ferry"]}],
        "pronunciations": {"harbour": "harbor town"}})
    assert response.status_code == 202
    accepted = response.json()
    assert accepted["status_url"] == f"{server.url}/api/briefings/{accepted['id']}"
    assert len(accepted["id"]) == 32
    with httpx.stream("GET", f"{server.url}/api/briefings/{accepted['id']}/events", timeout=120) as events:
        assert events.headers["content-type"].startswith("text/event-stream")
        states = [json.loads(line[5:])["state"] for line in events.iter_lines() if line.startswith("data:")]
    assert states[-1] == "done"
    status = httpx.get(accepted["status_url"]).json()
    assert status["title"] == "Ferry news" and status["progress"] == 1 and status["error"] is None
    assert 5 < status["duration_s"] < 30
    assert status["audio_url"].endswith(f"/media/{status['id']}/audio.mp3")
    assert httpx.get(status["page_url"]).status_code == 200
    segments = httpx.get(f"{server.url}/media/{status['id']}/segments.json").json()["segments"]
    assert any("harbor town" in s["spoken"] for s in segments), "the extra pronunciation was not used"
    preview = httpx.get(f"{server.url}/media/{status['id']}/spoken.txt").text
    assert "[harbor town] (harbour)" in preview
    listed = httpx.get(f"{server.url}/api/briefings").json()["briefings"]
    assert listed[0]["id"] == status["id"]
    assert httpx.delete(f"{server.url}/api/briefings/{status['id']}").status_code == 204
    assert httpx.get(accepted["status_url"]).status_code == 404
    assert httpx.get(status["audio_url"]).status_code == 404
    assert not (server.home / "briefings" / status["id"]).exists()
    assert httpx.delete(f"{server.url}/api/briefings/{status['id']}").status_code == 404


def test_multipart_with_files_and_url_makes_chapters(server: Server, article_site: str) -> None:
    files = [("files", ("market.md", STORIES["market"].encode(), "text/markdown"))]
    data = {"text": STORIES["library"], "urls": article_site, "title": "Three stories"}
    response = httpx.post(f"{server.url}/api/briefings", data=data, files=files)
    assert response.status_code == 202, response.text
    status = server.wait(response.json()["id"])
    assert status["state"] == "done", status
    chapters = httpx.get(f"{server.url}/media/{status['id']}/chapters.json").json()["chapters"]
    titles = [c["title"] for c in chapters]
    assert titles == ["Introduction", "Library Opens Late", "Tram Line Extended", "Market Moves Indoors"]
    assert (chapters[0]["startTime"], chapters[0]["endTime"]) == (0, chapters[1]["startTime"])


@pytest.mark.parametrize(("body", "loc"), [
    ({"articles": []}, ["body", "articles"]),
    ({"articles": [{"text": "x"}], "rate": 20}, ["body", "rate"]),
    ({"articles": [{"text": "x"}], "voice": "robot"}, ["body", "voice"]),
    ({"articles": [{"url": "ftp://example.org/a"}]}, ["body", "articles", 0, "url"]),
    ({"articles": [{"text": "x", "url": "https://example.org"}]}, ["body", "articles", 0]),
    ({"articles": [{"text": "   "}]}, ["body", "articles", 0, "text"]),
    ({"articles": [{"text": "x"}], "title": "t" * 201}, ["body", "title"]),
    ({"articles": [{"text": "x"}], "pronunciations": {"NATO": " "}}, ["body", "pronunciations"]),
])
def test_invalid_fields_are_422_with_their_location(server: Server, body: dict, loc: list) -> None:
    response = httpx.post(f"{server.url}/api/briefings", json=body)
    assert response.status_code == 422, response.text
    assert loc in detail_locs(response)


def test_not_json_is_422_and_other_types_415(server: Server) -> None:
    bad = httpx.post(f"{server.url}/api/briefings", content=b"{",
                     headers={"content-type": "application/json"})
    assert bad.status_code == 422
    other = httpx.post(f"{server.url}/api/briefings", content=b"x", headers={"content-type": "text/plain"})
    assert other.status_code == 415


def test_article_over_the_cap_is_413(server: Server) -> None:
    response = httpx.post(f"{server.url}/api/briefings", json={"articles": [{"text": "word " * 9000}]})
    assert response.status_code == 413
    assert detail_locs(response) == [["body", "articles", 0, "text"]]
    assert "limit" in response.json()["detail"][0]["msg"]


def test_upload_over_the_cap_is_413(server: Server) -> None:
    files = [("files", ("long.txt", b"word " * 9000, "text/plain"))]
    response = httpx.post(f"{server.url}/api/briefings", files=files)
    assert response.status_code == 413
    assert "'long.txt'" in response.json()["detail"][0]["msg"]


def test_request_over_the_cap_is_413(server: Server) -> None:
    articles = [{"text": "word " * 6000} for _ in range(5)]
    response = httpx.post(f"{server.url}/api/briefings", json={"articles": articles})
    assert response.status_code == 413
    chunks = (b"x" * 10_000 for _ in range(20))
    streamed = httpx.post(f"{server.url}/api/briefings", content=chunks,
                          headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    form = httpx.post(f"{server.url}/briefings", data={"text": "word " * 30_000})
    assert form.status_code == 413 and "over the 117 KB limit" in form.text
    assert form.headers["content-type"].startswith("text/html") and "limit" in form.text


def test_form_errors_sit_beside_their_fields(server: Server) -> None:
    response = httpx.post(f"{server.url}/briefings", data={"title": SCRIPT_TITLE, "rate": "fast"},
                          files=[("files", ("", b"", "application/octet-stream"))])
    assert response.status_code == 422
    page = parse(response.text)
    for name in ("text", "rate"):
        error = page.by_id[f"{name}-error"]
        assert error["role"] == "alert" and "hidden" not in error
        field = page.by_id[name]
        assert f"{name}-error" in str(field["aria-describedby"]).split()
        assert field["aria-invalid"] == "true"
    assert "hidden" in page.by_id["title-error"]
    assert page.by_id["title"]["value"] == SCRIPT_TITLE
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quoted&#34;" in response.text


def test_form_upload_over_the_cap_is_413_beside_the_field(server: Server) -> None:
    files = [("files", ("long.txt", b"word " * 9000, "text/plain"))]
    response = httpx.post(f"{server.url}/briefings", files=files)
    assert response.status_code == 413
    assert "hidden" not in parse(response.text).by_id["files-error"]
    assert "over the 39 KB limit" in response.text


def test_form_without_javascript_redirects_to_the_page(server: Server) -> None:
    response = httpx.post(f"{server.url}/briefings", data={"text": STORIES["orchard"], "urls": ""},
                          files=[("files", ("", b"", "application/octet-stream"))])
    assert response.status_code == 303
    briefing_id = response.headers["location"].rsplit("/", 1)[1]
    waiting = httpx.get(f"{server.url}{response.headers['location']}")
    assert waiting.status_code == 200 and "job-progress" in waiting.text
    assert server.wait(briefing_id)["state"] == "done"


@pytest.mark.parametrize("title", [SCRIPT_TITLE, XML_TITLE])
def test_hostile_titles_are_escaped_on_pages_and_in_the_feed(server: Server, title: str) -> None:
    status = server.make(STORIES["library"], title=title)
    assert status["title"] == title
    for path in (f"/briefings/{status['id']}", "/library", f"/briefings/{status['id']}/delete"):
        page = httpx.get(f"{server.url}{path}").text
        assert "<script>alert" not in page and "]]>&" not in page and "<![CDATA[" not in page
        assert "&lt;script&gt;" in page or "]]&gt;&amp;" in page
    feed = httpx.get(f"{server.url}/feed.xml").content
    assert b"<script>" not in feed and b"]]>&" not in feed
    titles = [item.findtext("title") for item in ET.fromstring(feed).iter("item")]
    assert title in titles


def test_private_urls_are_refused_unless_configured(tmp_path: Path, article_site: str) -> None:
    strict = Server(tmp_path / "strict").start()
    try:
        response = httpx.post(f"{strict.url}/api/briefings", json={"articles": [{"url": article_site}]})
        assert response.status_code == 422
        assert detail_locs(response) == [["body", "articles", 0, "url"]]
        assert response.json()["detail"][0]["msg"] == (f"'{article_site}' is on a private or local network: "
                                                       "only addresses on the public internet are fetched")
        assert httpx.get(f"{strict.url}/api/briefings").json()["briefings"] == []
    finally:
        strict.stop()


def test_full_queue_is_503_with_retry_after(tmp_path: Path) -> None:
    """One briefing being made, one read and waiting for the making slot (the reader took it off the
    queue), one queued: the queue of one is full."""
    busy = Server(tmp_path / "busy", queue_size="1", workers="1", readers="1").start()
    try:
        answers = []
        for name in ("ferry", "library"):
            body = {"articles": [{"text": STORIES[name]}]}
            answers.append(httpx.post(f"{busy.url}/api/briefings", json=body))
            busy.wait(answers[-1].json()["id"], until=("running",))
        answers += [httpx.post(f"{busy.url}/api/briefings", json={"articles": [{"text": STORIES[name]}]})
                    for name in ("orchard", "market")]
        assert [a.status_code for a in answers[:3]] == [202, 202, 202]
        assert answers[3].status_code == 503
        assert int(answers[3].headers["retry-after"]) > 0
        form = httpx.post(f"{busy.url}/briefings", data={"text": STORIES["market"]})
        assert form.status_code == 503 and "try again" in form.text
        assert int(form.headers["retry-after"]) > 0
        for answer in answers[:3]:
            assert busy.wait(answer.json()["id"])["state"] == "done"
    finally:
        busy.stop()


def test_briefings_made_at_once_on_a_cold_data_folder(tmp_path: Path) -> None:
    """Two jobs at once in one server process, speaking the same sentences into one fresh cache:
    both finish, with the same audio."""
    both = Server(tmp_path / "both", workers="2").start()
    try:
        request = {"title": "Harbour news", "articles": [{"text": STORIES["ferry"]},
                                                         {"text": STORIES["library"]}]}
        ids = [httpx.post(f"{both.url}/api/briefings", json=request).json()["id"] for _ in range(2)]
        finished = [both.wait(briefing_id) for briefing_id in ids]
        assert [status["state"] for status in finished] == ["done", "done"], finished
        audio = [httpx.get(status["audio_url"]).content for status in finished]
        assert audio[0] == audio[1] and len(audio[0]) > 100_000
    finally:
        both.stop()


def test_unknown_ids_and_paths_are_404(server: Server) -> None:
    assert httpx.get(f"{server.url}/api/briefings/nope").status_code == 404
    assert httpx.get(f"{server.url}/media/{'0' * 32}/audio.mp3").status_code == 404
    assert httpx.get(f"{server.url}/media/{'0' * 32}/..%2Fserver.sqlite3").status_code == 404
    page = httpx.get(f"{server.url}/briefings/{'0' * 32}")
    assert page.status_code == 404 and "<h1>Not found</h1>" in page.text


def test_cross_site_posts_and_deletes_are_refused(server: Server) -> None:
    evil = {"Origin": "http://evil.example"}
    assert httpx.post(f"{server.url}/briefings", data={"text": "x"}, headers=evil).status_code == 403
    assert httpx.post(f"{server.url}/api/briefings", json={"articles": [{"text": "x"}]},
                      headers=evil).status_code == 403
    assert httpx.delete(f"{server.url}/api/briefings/{'0' * 32}", headers=evil).status_code == 403
    own = {"Origin": server.url}
    assert httpx.delete(f"{server.url}/api/briefings/{'0' * 32}", headers=own).status_code == 404


def test_media_are_not_sniffed(server: Server) -> None:
    status = server.make(STORIES["market"], title="<html><script>x</script>")
    text = httpx.get(f"{server.url}/media/{status['id']}/spoken.txt")
    assert text.headers["content-type"].startswith("text/plain")
    assert text.headers["x-content-type-options"] == "nosniff"
