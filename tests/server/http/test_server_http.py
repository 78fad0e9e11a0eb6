"""HTTP semantics and request checks against a real server (the unexpected-error middleware in process):
each hostile or careless request and the answer expected (security headers, methods, conditional
requests, ranges, timeouts, submit-time checks)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from support.server import Server

from audiobrief.server.http.errors import UNEXPECTED, UnexpectedErrors
from audiobrief.server.http.headers import SecurityHeaders

pytestmark = pytest.mark.slow

TIMEOUT_S = 2  #: the impatient server's header and body timeouts
#: the longest the impatient server may take to cut a connection off: a body may take eight times its
#: timeout in all; a socket still open after that (and a margin for a busy machine) was never cut off
CUT_OFF_S = TIMEOUT_S * 8 + 30
ARTICLE = ("Harbour Bridge Reopens\n\nThe harbour bridge opened again on Monday after two years of repairs. "
           "Buses use it from next week.\n")
BOUNDARY = "b0undary"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with private URLs refused and one waiting briefing at most."""
    running = Server(tmp_path_factory.mktemp("http"), queue_size="1").start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def impatient(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with short header and body timeouts, for the tests of those timeouts only."""
    running = Server(tmp_path_factory.mktemp("impatient"), header_timeout=str(TIMEOUT_S),
                     body_timeout=str(TIMEOUT_S)).start()
    yield running
    running.stop()


def post(server: Server, **options: object) -> httpx.Response:
    """POST to the API."""
    return httpx.post(f"{server.url}/api/briefings", timeout=30, **options)  # type: ignore[arg-type]


def problems(response: httpx.Response) -> list[tuple[list[str | int], str]]:
    """(loc, msg) of each problem in a 422 answer."""
    assert response.headers["content-type"] == "application/json", response.text
    return [(item["loc"], item["msg"]) for item in response.json()["detail"]]


def multipart(*fields: tuple[str, bytes]) -> bytes:
    """A multipart/form-data body with these raw field values."""
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
             + value + b"\r\n" for name, value in fields]
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


MULTIPART = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}


# Crash 1: digits that str.isdigit() accepts and int() does not (or reads as another number)

@pytest.mark.parametrize("rate", ["①", "²", "٣٠٠", "\uff13\uff10\uff10", "300\n1"])
def test_rates_in_other_digits_are_422_not_500(server: Server, rate: str) -> None:
    api = post(server, data={"text": ARTICLE, "rate": rate})
    assert api.status_code == 422
    assert problems(api) == [(["body", "rate"], "Give the speaking rate as a whole number of words a minute, "
                                                "80 to 450.")]
    form = httpx.post(f"{server.url}/briefings", data={"text": ARTICLE, "rate": rate})
    assert form.status_code == 422 and form.headers["content-type"].startswith("text/html")
    assert "whole number of words a minute" in form.text


@pytest.mark.parametrize("rate", ["٣٠٠", "300", True, 300.5])
def test_a_json_rate_must_be_a_json_integer(server: Server, rate: object) -> None:
    response = post(server, json={"articles": [{"text": ARTICLE}], "rate": rate})
    assert response.status_code == 422
    assert [loc for loc, _ in problems(response)] == [["body", "rate"]]


# Hole 6: security headers on every answer

@pytest.mark.parametrize("path", ["/", "/library", "/api/briefings", "/feed.xml", "/media/cover.png",
                                  "/static/app.css", "/api/nope", "/nope", "/openapi.json"])
def test_every_answer_has_the_security_headers(server: Server, path: str) -> None:
    headers = httpx.get(f"{server.url}{path}").headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert "camera=()" in headers["permissions-policy"] and "microphone=()" in headers["permissions-policy"]


def test_an_unexpected_exception_is_a_logged_generic_500_with_the_headers(caplog: pytest.LogCaptureFixture,
                                                                          ) -> None:
    def broken(request: Request) -> Response:
        raise RuntimeError("secret internal detail")

    app = Starlette(routes=[Route("/api/broken", broken)])
    app.add_middleware(UnexpectedErrors)
    app.add_middleware(SecurityHeaders)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/broken")
    assert response.status_code == 500
    assert response.json() == {"detail": UNEXPECTED}
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.headers["x-frame-options"] == "DENY"
    assert "secret internal detail" in caplog.text


# Hole 8: slow clients are cut off

def _opened(server: Server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=CUT_OFF_S)
    return sock


def _host(server: Server) -> bytes:
    """A Host header value the server answers for (its own loopback address and port)."""
    return f"127.0.0.1:{server.port}".encode()


def _answer_then_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (raises on timeout)."""
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return received


def test_slow_headers_and_bodies_are_cut_off(impatient: Server) -> None:
    """Each silent or stalled connection gets its 408 and is closed: not before its timeout, and (the
    sockets' own timeout) long before a connection that was never cut off would be."""
    server = impatient
    started = time.monotonic()
    silent = [_opened(server) for _ in range(4)]
    slow_headers = [_opened(server) for _ in range(4)]
    slow_bodies = [_opened(server) for _ in range(4)]
    for sock in slow_headers:
        sock.sendall(b"GET /library HTTP/1.1\r\nHost: " + _host(server) + b"\r\nX-Slow: ")
    for sock in slow_bodies:
        sock.sendall(b"POST /api/briefings HTTP/1.1\r\nHost: " + _host(server)
                     + b"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
    try:
        answers = {"silent": [_answer_then_closed(s) for s in silent],
                   "headers": [_answer_then_closed(s) for s in slow_headers],
                   "bodies": [_answer_then_closed(s) for s in slow_bodies]}
    finally:
        for sock in silent + slow_headers + slow_bodies:
            sock.close()
    assert time.monotonic() - started >= TIMEOUT_S  # the last one opened was not cut off before its timeout
    for answer in answers["silent"] + answers["headers"]:
        assert answer.startswith(b"HTTP/1.1 408 "), answer
    for answer in answers["bodies"]:
        assert answer.startswith(b"HTTP/1.1 408 "), answer
        assert b'"detail":"The request body came too slowly' in answer
    assert httpx.get(f"{server.url}/library").status_code == 200


def test_a_keep_alive_connection_is_closed_when_its_next_request_stalls(impatient: Server) -> None:
    server = impatient
    sock = _opened(server)
    try:
        sock.sendall(b"GET /api/voices HTTP/1.1\r\nHost: " + _host(server) + b"\r\n\r\n")
        first = b""
        while not first.endswith(b"]"):  # the voices list, the end of the first answer
            chunk = sock.recv(4096)
            assert chunk, first
            first += chunk
        sock.sendall(b"GET /api/voices HTTP/1.1\r\nHost")  # uvicorn's keep-alive timer stops at this
        second = _answer_then_closed(sock)
    finally:
        sock.close()
    assert first.startswith(b"HTTP/1.1 200 ")
    assert second == b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"


def test_a_request_that_is_not_http_gets_a_json_400(server: Server) -> None:
    sock = _opened(server)
    try:
        sock.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        answer = _answer_then_closed(sock)
    finally:
        sock.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert b"content-type: application/json" in head and b"x-frame-options: DENY" in head
    assert body == b'{"detail": "Invalid HTTP request received. Send a well-formed HTTP/1.1 request."}'


# Wrong answers: what is knowable at submit time is refused then

@pytest.mark.parametrize(("request_options", "loc", "message"), [
    ({"files": [("files", ("story.txt", b"\x00\x01\x02\x03" * 50, "text/plain"))]}, ["body", "files"],
     "'story.txt' holds NUL characters, so it is not text"),
    ({"files": [("files", ("story.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 20, "text/plain"))]},
     ["body", "files"], "'story.txt' is a binary file, not text"),
    ({"json": {"articles": [{"text": ARTICLE + "\x00"}]}}, ["body", "articles", 0, "text"],
     "'article 1' holds NUL characters, so it is not text"),
    ({"json": {"articles": [{"text": "Menu | Home | News"}]}}, ["body", "articles", 0, "text"],
     "'article 1' has no article text after cleaning"),
    ({"json": {"articles": [{"text": "<html><body><article><h1>Hi</h1><p>Closed today.</p></article>"
                                     "</body></html>"}]}},
     ["body", "articles", 0, "text"], "'article 1' has 2 words of article text, too little to read"),
    ({"json": {"articles": [{"url": "http://127.0.0.1:9/story"}]}}, ["body", "articles", 0, "url"],
     "is on a private or local network: only addresses on the public internet are fetched"),
    ({"json": {"articles": [{"url": "http://[::1]/story"}]}}, ["body", "articles", 0, "url"],
     "is on a private or local network: only addresses on the public internet are fetched"),
    ({"json": {"articles": [{"url": "http://bad\u0086host.example/story"}]}}, ["body", "articles", 0, "url"],
     "is not an http or https web address"),
    ({"data": {"urls": "http://10.0.0.1/story"}}, ["body", "urls"],
     "is on a private or local network: only addresses on the public internet are fetched"),
    ({"json": {"articles": [{"url": "https://example.org:\u00ba/story"}]}}, ["body", "articles", 0, "url"],
     "is not an http or https web address"),
    ({"json": {"articles": [{"url": "https://example.org:99999/story"}]}}, ["body", "articles", 0, "url"],
     "is not an http or https web address"),
])
def test_articles_that_cannot_be_read_are_refused_at_submit_time(server: Server, request_options: dict,
                                                                   loc: list, message: str) -> None:
    before = httpx.get(f"{server.url}/api/briefings").json()["briefings"]
    response = post(server, **request_options)
    assert response.status_code == 422, response.text
    [(found_loc, found_message)] = problems(response)
    assert found_loc == loc and message in found_message
    assert httpx.get(f"{server.url}/api/briefings").json()["briefings"] == before


def test_an_unreadable_upload_is_shown_beside_the_files_field(server: Server) -> None:
    response = httpx.post(f"{server.url}/briefings",
                          files=[("files", ("story.txt", b"\x00\x01\x02\x03" * 50, "text/plain"))])
    assert response.status_code == 422
    assert 'id="files-error" role="alert"><span class="visually-hidden">Error: </span>' \
           "&#39;story.txt&#39; holds NUL characters" in response.text


def test_an_empty_article_object_fits_no_schema_branch_and_is_422(server: Server) -> None:
    response = post(server, json={"articles": [{}]})
    assert response.status_code == 422
    assert [loc for loc, _ in problems(response)] == [["body", "articles", 0]]
    both_null = post(server, json={"articles": [{"text": None, "url": "http://example.org/a"}]})
    assert both_null.status_code == 422


def test_json_in_another_charset_is_415(server: Server) -> None:
    body = '{"articles": [{"text": "Caf\u00e9 news"}]}'.encode("latin-1")
    response = post(server, content=body, headers={"content-type": "application/json; charset=latin-1"})
    assert response.status_code == 415
    assert response.json() == {"detail": "send JSON as UTF-8 (RFC 8259), not charset=latin-1"}
    utf8 = post(server, content=body.decode("latin-1").encode(), headers={
        "content-type": "application/json; charset=UTF-8"})
    assert utf8.status_code == 422  # read as UTF-8: the text is then too short to be an article


@pytest.mark.parametrize("as_form", [False, True])
def test_a_flood_of_pronunciations_gets_one_short_message(server: Server, as_form: bool) -> None:
    if as_form:
        lines = "\n".join(f"w{n} = s" for n in range(100_000))
        response = post(server, data={"text": ARTICLE, "pronunciations": lines})
    else:
        response = post(server, json={"articles": [{"text": ARTICLE}],
                                      "pronunciations": {f"w{n}": "s" for n in range(100_000)}})
    assert response.status_code == 422
    assert len(response.content) < 1000
    assert problems(response) == [(["body", "pronunciations"],
                                   "100000 pronunciations is too many: give at most 200.")]


def test_many_bad_pronunciations_list_at_most_twenty_problems(server: Server) -> None:
    lines = "\n".join(f"word{n} without an equals sign" for n in range(150))
    response = post(server, data={"text": ARTICLE, "pronunciations": lines})
    assert response.status_code == 422
    assert len(problems(response)) == 20


@pytest.mark.parametrize("path", ["/api/briefings", "/briefings"])
def test_a_title_that_is_not_utf8_is_422_naming_the_field(server: Server, path: str) -> None:
    body = multipart(("title", b"Caf\xe9 news"), ("text", ARTICLE.encode()))
    response = httpx.post(f"{server.url}{path}", content=body, headers=MULTIPART)
    assert response.status_code == 422
    if path.startswith("/api"):
        message = "The title field is not valid UTF-8 text: type it again as plain text"
        assert problems(response) == [(["body", "title"], message)]
    else:
        assert "The title field is not valid UTF-8 text" in response.text


def test_a_urlencoded_title_that_is_not_utf8_is_422_naming_the_field(server: Server) -> None:
    body = b"title=Caf%E9+news&text=" + ARTICLE.replace("\n", "%0A").replace(" ", "+").encode()
    response = httpx.post(f"{server.url}/api/briefings", content=body,
                          headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 422
    assert problems(response) == [(["body", "title"],
                                   "The title field is not valid UTF-8 text: type it again as plain text")]


@pytest.mark.parametrize("path", ["/api/briefings", "/briefings"])
def test_a_cut_short_multipart_body_is_400_not_a_missing_article(server: Server, path: str) -> None:
    body = multipart(("title", b"Bridge"), ("text", ARTICLE.encode()))
    response = httpx.post(f"{server.url}{path}", content=body[:-40], headers=MULTIPART)
    assert response.status_code == 400
    assert "cut short" in response.text
    if path.startswith("/api"):
        assert response.json() == {"detail": "The upload was cut short or is malformed: send the form again."}
    else:
        assert response.headers["content-type"].startswith("text/html")


# Wrong answers: methods

READ_PATHS = ["/", "/library", "/api/briefings", "/api/voices", "/feed.xml", "/media/cover.png",
              "/openapi.json", "/static/app.css"]


@pytest.mark.parametrize("path", READ_PATHS)
def test_head_is_answered_wherever_get_is(server: Server, path: str) -> None:
    got = httpx.get(f"{server.url}{path}")
    head = httpx.head(f"{server.url}{path}")
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("content-length") == got.headers.get("content-length")


@pytest.mark.parametrize(("path", "allow"), [
    ("/", "GET, HEAD, OPTIONS"),
    ("/briefings", "OPTIONS, POST"),
    (f"/briefings/{'0' * 32}", "GET, HEAD, OPTIONS"),
    (f"/briefings/{'0' * 32}/delete", "GET, HEAD, OPTIONS, POST"),
    ("/api/briefings", "GET, HEAD, OPTIONS, POST"),
    (f"/api/briefings/{'0' * 32}", "DELETE, GET, HEAD, OPTIONS, PATCH"),
    (f"/api/briefings/{'0' * 32}/events", "GET, HEAD, OPTIONS"),
    ("/feed.xml", "GET, HEAD, OPTIONS"),
    (f"/media/{'0' * 32}/audio.mp3", "GET, HEAD, OPTIONS"),
    ("/static/app.css", "GET, HEAD, OPTIONS"),
])
def test_options_and_405_name_the_methods_each_address_answers(server: Server, path: str, allow: str) -> None:
    options = httpx.options(f"{server.url}{path}")
    assert options.status_code == 204 and options.headers["allow"] == allow and options.content == b""
    wrong = httpx.request("PUT", f"{server.url}{path}")
    assert wrong.status_code == 405 and wrong.headers["allow"] == allow
    if path.startswith(("/api", "/media", "/feed", "/static")):
        assert wrong.json() == {"detail": f"PUT is not answered here: use {allow}."}
    else:
        assert wrong.headers["content-type"].startswith("text/html")
        assert "PUT is not answered here" in wrong.text


def test_unknown_addresses_are_404_in_the_shape_of_their_part(server: Server) -> None:
    api = httpx.options(f"{server.url}/api/nothing-here")
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}
    assert httpx.get(f"{server.url}/media/{'0' * 32}/nothing.mp3").json() == {"detail": "no such file"}
    assert httpx.get(f"{server.url}/nothing-here").headers["content-type"].startswith("text/html")


# Wrong answers: conditional requests and ranges

@pytest.mark.parametrize("path", ["/media/cover.png", "/feed.xml"])
def test_validators_give_304_and_failed_preconditions_412(server: Server, path: str) -> None:
    url = f"{server.url}{path}"
    first = httpx.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    for headers in ({"If-None-Match": etag}, {"If-None-Match": f'"other", W/{etag}'}, {"If-None-Match": "*"},
                    {"If-Modified-Since": modified}):
        again = httpx.get(url, headers=headers)
        assert again.status_code == 304, headers
        assert again.content == b"" and again.headers["etag"] == etag
    assert httpx.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    assert httpx.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200
    assert httpx.get(url, headers={"If-Modified-Since": "not a date"}).status_code == 200
    for headers in ({"If-Match": '"other"'}, {"If-Match": f"W/{etag}"},
                    {"If-Unmodified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}):
        refused = httpx.get(url, headers=headers)
        assert refused.status_code == 412, headers
        assert "changed since" in refused.json()["detail"]
    assert httpx.get(url, headers={"If-Match": etag}).status_code == 200
    assert httpx.get(url, headers={"If-Match": "*"}).status_code == 200


@pytest.mark.parametrize("header", ["bytes=abc", "bytes=5-3", "items=0-1", "bytes=", "bytes=-", "0-10",
                                    "bytes=1-2-3", "bytes=٣-٤"])
def test_malformed_ranges_are_ignored(server: Server, header: str) -> None:
    whole = httpx.get(f"{server.url}/media/cover.png")
    response = httpx.get(f"{server.url}/media/cover.png", headers={"Range": header.encode()})
    assert response.status_code == 200 and response.content == whole.content


def test_ranges_inside_and_outside_the_file(server: Server) -> None:
    whole = httpx.get(f"{server.url}/media/cover.png").content
    size = len(whole)
    part = httpx.get(f"{server.url}/media/cover.png", headers={"Range": "bytes=0-9"})
    assert part.status_code == 206 and part.content == whole[:10]
    tail = httpx.get(f"{server.url}/media/cover.png", headers={"Range": f"bytes=10-{size * 2}, {size + 5}-"})
    assert tail.status_code == 206 and tail.content == whole[10:]
    outside = httpx.get(f"{server.url}/media/cover.png", headers={"Range": f"bytes={size}-"})
    assert outside.status_code == 416
    assert outside.headers["content-range"] == f"bytes */{size}"
    assert outside.json() == {"detail": f"the range is outside the file's {size} bytes"}
    huge = "9" * 40
    for beyond in ("bytes=9999999999999999999-", f"bytes={huge}-", f"bytes={huge}-{huge}9"):
        far = httpx.get(f"{server.url}/media/cover.png", headers={"Range": beyond})
        assert (far.status_code, far.headers["content-range"]) == (416, f"bytes */{size}"), beyond
    last = httpx.get(f"{server.url}/media/cover.png", headers={"Range": "bytes=-" + "9" * 40})
    assert (last.status_code, last.content) == (206, whole), "a suffix longer than the file is the whole file"
    stale = httpx.get(f"{server.url}/media/cover.png", headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert stale.status_code == 200 and stale.content == whole


# Wrong answers: the schema says what the API answers

def test_the_schema_documents_every_status_and_the_article_choice(server: Server) -> None:
    schema = httpx.get(f"{server.url}/openapi.json").json()
    statuses = {(path, method): set(operation["responses"]) for path, item in schema["paths"].items()
                for method, operation in item.items()}
    assert statuses[("/api/briefings", "post")] >= {"202", "400", "403", "408", "413", "415", "422", "503"}
    assert statuses[("/api/briefings/{briefing_id}", "get")] >= {"200", "404"}
    assert statuses[("/api/briefings/{briefing_id}", "delete")] >= {"204", "403", "404"}
    assert statuses[("/api/briefings/{briefing_id}/events", "get")] >= {"200", "404"}
    assert statuses[("/media/{briefing_id}/{name}", "get")] >= {"200", "206", "304", "404", "412", "416"}
    assert statuses[("/feed.xml", "get")] >= {"200", "304", "412"}
    article = schema["components"]["schemas"]["ArticleIn"]
    assert [branch["required"] for branch in article["oneOf"]] == [["text"], ["url"]]
    assert all(branch["additionalProperties"] is False for branch in article["oneOf"])


@pytest.fixture(scope="module")
def feed_before_and_briefing(server: Server) -> tuple[httpx.Response, str]:
    """The feed before a briefing was made, and that briefing's id (made for real)."""
    before = httpx.get(f"{server.url}/feed.xml")
    briefing_id = server.submit(ARTICLE)
    assert server.wait(briefing_id)["state"] == "done"
    return before, briefing_id


def test_the_feed_gets_a_new_version_when_a_briefing_is_added(
        server: Server, feed_before_and_briefing: tuple[httpx.Response, str]) -> None:
    before, _ = feed_before_and_briefing
    after = httpx.get(f"{server.url}/feed.xml", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    assert b"Harbour Bridge Reopens" in after.content
    again = httpx.get(f"{server.url}/feed.xml", headers={"If-None-Match": after.headers["etag"]})
    assert again.status_code == 304


def test_a_briefings_pages_and_files_cannot_be_framed_and_answer_conditions(
        server: Server, feed_before_and_briefing: tuple[httpx.Response, str]) -> None:
    _, briefing_id = feed_before_and_briefing
    for path in (f"/briefings/{briefing_id}", f"/briefings/{briefing_id}/delete",
                 f"/media/{briefing_id}/audio.mp3"):
        headers = httpx.get(f"{server.url}{path}").headers
        assert headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
    audio = httpx.get(f"{server.url}/media/{briefing_id}/audio.mp3")
    assert httpx.get(f"{server.url}/media/{briefing_id}/audio.mp3",
                     headers={"If-None-Match": audio.headers["etag"]}).status_code == 304
    assert httpx.head(f"{server.url}/media/{briefing_id}/audio.mp3",
                      headers={"If-Match": '"stale"'}).status_code == 412
    tail = httpx.get(f"{server.url}/media/{briefing_id}/audio.mp3", headers={"Range": "bytes=-100"})
    assert tail.status_code == 206 and tail.content == audio.content[-100:]
