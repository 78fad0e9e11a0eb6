"""URL input against a real local HTTP server: redirects, caps, content types, address checks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import FIXTURES

from audiobrief.errors import InputError
from audiobrief.fetch import MAX_REDIRECTS
from audiobrief.ingest import read_source

ARTICLE = (FIXTURES / "clean" / "harbour-page.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    """Serves a page, redirects, an image, an error and an endless redirect loop."""

    def do_GET(self) -> None:
        routes = {
            "/article": (200, "text/html; charset=utf-8", ARTICLE),
            "/image": (200, "image/png", b"\x89PNG\r\n"),
            "/missing": (404, "text/html", b"gone"),
            "/big": (200, "text/html", b"<p>" + b"x" * (6 * 1024 * 1024)),
        }
        if self.path == "/moved":
            self._redirect("/article")
        elif self.path.startswith("/loop"):
            self._redirect(f"/loop{len(self.path)}")
        elif self.path in routes:
            status, kind, body = routes[self.path]
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetches_and_follows_redirect(server: str) -> None:
    document = read_source(f"{server}/moved", allow_private_urls=True)
    assert document.is_html
    assert document.url == f"{server}/article"
    assert document.source == f"{server}/moved"


def test_private_address_refused_by_default(server: str) -> None:
    with pytest.raises(InputError, match="--allow-private-urls"):
        read_source(f"{server}/article")


@pytest.mark.parametrize(
    ("path", "message"),
    [("/image", "image/png, not a web page"), ("/missing", "HTTP 404"),
     ("/big", "5 MB limit"), ("/loop", f"more than {MAX_REDIRECTS} times")],
)
def test_failures_are_named(server: str, path: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_source(f"{server}{path}", allow_private_urls=True)
    assert f"{server}{path}" in str(caught.value)


def test_unreachable_host() -> None:
    with pytest.raises(InputError, match=r"could not be fetched|not found"):
        read_source("http://127.0.0.1:9/article", allow_private_urls=True)


def test_clean_command_reads_url(server: str) -> None:
    import json
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "audiobrief", "clean", "--json",
                             "--allow-private-urls", f"{server}/article"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["paragraphs"]
