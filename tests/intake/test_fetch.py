"""URL input against a real local HTTP server: redirects, caps, content types, address checks,
pinned connections (DNS rebinding), credentials kept out of messages."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpcore
import pytest
from support.commands import FIXTURES

from audiobrief import netguard
from audiobrief.errors import InputError
from audiobrief.fetch import MAX_REDIRECTS
from audiobrief.ingest import read_source
from audiobrief.netguard import PrivateAddressError

ARTICLE = (FIXTURES / "clean" / "harbour-page.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    """Serves a page, redirects, an image, an error and an endless redirect loop."""

    requests: ClassVar[list[str]] = []  #: every path asked for, across the module's tests

    def do_GET(self) -> None:
        Handler.requests.append(self.path)
        routes = {
            "/article": (200, "text/html; charset=utf-8", ARTICLE),
            "/image": (200, "image/png", b"\x89PNG\r\n"),
            "/missing": (404, "text/html", b"gone"),
            "/big": (200, "text/html", b"<p>" + b"x" * (6 * 1024 * 1024)),
        }
        if self.path == "/moved":
            self._redirect("/article")
        elif self.path == "/to-private":
            self._redirect("http://10.9.8.7/secret")
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
    """The library's own advice names no command-line flag (the web server shows it to users)."""
    before = len(Handler.requests)
    with pytest.raises(PrivateAddressError) as caught:
        read_source(f"{server}/article")
    assert str(caught.value) == (f"'{server}/article' is on a private or local network: "
                                 "only addresses on the public internet are fetched")
    assert len(Handler.requests) == before


def test_cli_names_its_flag_for_private_addresses(server: str) -> None:
    result = subprocess.run([sys.executable, "-m", "audiobrief", "clean", f"{server}/article"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr == (f"audiobrief: error: '{server}/article' is on a private or local "
                             "network: use --allow-private-urls if you mean it\n")


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


PUBLIC = "93.184.215.14"  #: a public address; tests never connect to it (see offline_internet)


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every host a TCP connection is opened to; public addresses fail at once (tests stay offline)."""
    opened: list[str] = []
    real_connect = httpcore.SyncBackend.connect_tcp

    def offline_connect(self: httpcore.SyncBackend, host: str, port: int, *args: object,
                        **kwargs: object) -> httpcore.NetworkStream:
        opened.append(host)
        if host == PUBLIC:
            raise httpcore.ConnectError("the internet is out of reach in tests")
        return real_connect(self, host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", offline_connect)
    return opened


def fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """Resolve the given names to successive answers (the last one repeats); others as usual.
    Returns the names looked up, in order."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port: object, *args: object, **kwargs: object) -> list[tuple]:
        if host not in answers:
            return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
        asked.append(host)
        address = answers[host][min(asked.count(host), len(answers[host])) - 1]
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, int(port or 0)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def test_rebinding_name_never_reaches_loopback(server: str, monkeypatch: pytest.MonkeyPatch,
                                               connects: list[str]) -> None:
    """A name that answers a public address first and 127.0.0.1 after: the fetch connects to the
    address it checked (and fails offline); the local server never sees a request."""
    port = server.rsplit(":", 1)[1]
    asked = fake_dns(monkeypatch, {"rebind.test": [PUBLIC, "127.0.0.1"]})
    before = len(Handler.requests)
    with pytest.raises(InputError) as caught:
        read_source(f"http://rebind.test:{port}/article")
    assert str(caught.value) == (f"'http://rebind.test:{port}/article' could not be fetched "
                                 "(no connection could be made): check the URL")
    assert asked == ["rebind.test"]
    assert connects == [PUBLIC]
    assert len(Handler.requests) == before


def test_name_with_any_private_address_is_refused(server: str, monkeypatch: pytest.MonkeyPatch,
                                                   connects: list[str]) -> None:
    port = server.rsplit(":", 1)[1]
    fake_dns(monkeypatch, {"mixed.test": ["10.1.2.3"]})
    with pytest.raises(PrivateAddressError) as caught:
        read_source(f"http://alice:s3cret@mixed.test:{port}/article")
    assert str(caught.value) == (f"'http://mixed.test:{port}/article' is on a private or local "
                                 "network: only addresses on the public internet are fetched")
    assert connects == []


@pytest.mark.parametrize("host", [
    "127.0.0.1", "127.1", "2130706433", "0x7f000001", "0.0.0.0", "10.0.0.1", "100.64.0.1",
    "169.254.169.254", "172.16.0.1", "192.168.1.1", "192.0.0.1", "198.18.0.1", "224.0.0.1",
    "255.255.255.255", "[::1]", "[::]", "[::127.0.0.1]", "[::ffff:127.0.0.1]", "[::ffff:0:a00:1]",
    "[64:ff9b::7f00:1]", "[64:ff9b::a00:1]", "[64:ff9b:1::a00:1]", "[2002:7f00:1::1]",
    "[2002:c0a8:101::1]", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "[fe80::1]", "[fc00::1]",
    "[fd12:3456::1]", "[fec0::1]", "[ff02::1]", "[2001:db8::1]", "[100::1]",
])
def test_every_private_address_form_is_refused(host: str, connects: list[str]) -> None:
    url = f"http://{host}/article"
    with pytest.raises(PrivateAddressError) as caught:
        read_source(url)
    assert str(caught.value) == (f"'{url}' is on a private or local network: "
                                 "only addresses on the public internet are fetched")
    assert connects == []


def test_public_address_is_connected_to(connects: list[str]) -> None:
    with pytest.raises(InputError, match=r"could not be fetched \(no connection could be made\)"):
        read_source(f"http://{PUBLIC}/article")
    assert connects == [PUBLIC]


def test_redirect_into_private_network_is_refused(server: str, monkeypatch: pytest.MonkeyPatch,
                                                  connects: list[str]) -> None:
    """Each hop is checked: a page (here the local server, let through as if it were public)
    redirecting to a private address is not followed."""
    real_is_public = netguard.is_public
    monkeypatch.setattr(netguard, "is_public", lambda a: str(a) == "127.0.0.1" or real_is_public(a))
    with pytest.raises(PrivateAddressError) as caught:
        read_source(f"{server}/to-private")
    assert str(caught.value) == (f"'{server}/to-private' is on a private or local network: "
                                 "only addresses on the public internet are fetched")
    assert connects == ["127.0.0.1"]


def test_credentials_never_shown(server: str) -> None:
    """Failures name the URL as given, minus user name and password."""
    port = server.rsplit(":", 1)[1]
    with pytest.raises(InputError) as caught:
        read_source(f"http://bob:hunter2@127.0.0.1:{port}/missing", allow_private_urls=True)
    assert str(caught.value) == f"'http://127.0.0.1:{port}/missing' answered HTTP 404: check the URL"
    document = read_source(f"http://bob:hunter2@127.0.0.1:{port}/article", allow_private_urls=True)
    assert document.source == f"http://127.0.0.1:{port}/article"


def test_cli_error_hides_credentials(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    result = subprocess.run([sys.executable, "-m", "audiobrief", "clean", "--allow-private-urls",
                             f"https://bob:hunter2@127.0.0.1:{port}/article"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "hunter2" not in result.stderr and "bob" not in result.stderr
    assert result.stderr.startswith(
        f"audiobrief: error: 'https://127.0.0.1:{port}/article' could not be fetched")


class TLSHandler(BaseHTTPRequestHandler):
    """Serves the article over HTTPS, noting each request's Host header."""

    hosts: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        TLSHandler.hosts.append(self.headers.get("Host", ""))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(ARTICLE)))
        self.end_headers()
        self.wfile.write(ARTICLE)

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, list[str]]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for pinned.test; yields its
    port, the certificate file and the server names (SNI) clients asked for."""
    import ssl

    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=pinned.test", "-addext", "subjectAltName=DNS:pinned.test",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    names: list[str] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _context: names.append(name or "")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), TLSHandler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield str(httpd.server_address[1]), str(cert), names
    httpd.shutdown()


def test_https_pinned_keeps_sni_and_host(tls_server: tuple[str, str, list[str]],
                                         monkeypatch: pytest.MonkeyPatch, connects: list[str]) -> None:
    """The connection goes to the pinned address; TLS is for the URL's host name, and so is Host."""
    port, cert, names = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", cert)
    fake_dns(monkeypatch, {"pinned.test": ["127.0.0.1"]})
    names.clear()
    TLSHandler.hosts.clear()
    document = read_source(f"https://pinned.test:{port}/article", allow_private_urls=True)
    assert document.is_html
    assert connects == ["127.0.0.1"]
    assert names == ["pinned.test"]
    assert TLSHandler.hosts == [f"pinned.test:{port}"]


def test_https_certificate_checked_for_the_url_host(tls_server: tuple[str, str, list[str]],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Another name pinned to the same address does not pass with pinned.test's certificate."""
    port, cert, _names = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", cert)
    fake_dns(monkeypatch, {"other.test": ["127.0.0.1"]})
    TLSHandler.hosts.clear()
    with pytest.raises(InputError) as caught:
        read_source(f"https://other.test:{port}/article", allow_private_urls=True)
    assert str(caught.value) == (f"'https://other.test:{port}/article' could not be fetched "
                                 "(its secure connection could not be verified): check the URL")
    assert TLSHandler.hosts == []
