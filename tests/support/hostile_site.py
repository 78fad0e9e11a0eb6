"""A hostile loopback HTTP server for the fetch tests: compression bombs, content codings of every
kind (and unknown ones), a server that trickles a few bytes at a time and one that goes silent.
It notes when each request arrives and when its client hangs up, so tests wait on those events."""

from __future__ import annotations

import contextlib
import re
import select
import socket
import ssl
import threading
import time
import zlib
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PAGE = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Tide Gauge Mended</title></head>"
        "<body><article><h1>Tide Gauge Mended</h1>"
        + "".join(f"<p>The harbour's tide gauge works again after {n} weeks of repairs, the harbour board "
                  f"said on Tuesday. Paragraph {n} says so once more.</p>" for n in range(1, 40))
        + "</article></body></html>").encode()
TRICKLE_BYTES = 28  #: what the trickling server sends at a time
TRICKLE_EVERY_S = 1.0  #: how often it sends them (well under any per-read timeout)
TRICKLE_LENGTH = 5_000_000  #: the Content-Length it announces
LONGEST_ANSWER_S = 600.0  #: a trickle or silence ends by itself after this (the client should be long gone)


@cache
def zeros_gzipped(megabytes: int, layers: int) -> bytes:
    """megabytes MB of zero bytes gzipped `layers` times over (1024 MB twice: 1.8 KB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    data = b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()
    for _ in range(layers - 1):
        data = gzip_bytes(data)
    return data


def gzip_bytes(data: bytes) -> bytes:
    """data as one gzip member."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


def deflate_bytes(data: bytes, raw: bool) -> bytes:
    """data deflated, zlib-wrapped or raw."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    return packer.compress(data) + packer.flush()


def encoded(data: bytes, codings: list[str], raw_deflate: bool, members: int) -> bytes:
    """data with the codings applied in order (gzip split into `members` members)."""
    for coding in codings:
        if coding in ("gzip", "x-gzip"):
            size = -(-len(data) // members)
            data = b"".join(gzip_bytes(data[n:n + size]) for n in range(0, len(data), size))
        elif coding == "deflate":
            data = deflate_bytes(data, raw_deflate)
    return data


@dataclass
class HostileSite:
    """The server's address and what it has seen."""

    base: str = ""
    arrived: defaultdict[str, threading.Event] = field(default_factory=lambda: defaultdict(threading.Event))
    hung_up: defaultdict[str, threading.Event] = field(default_factory=lambda: defaultdict(threading.Event))
    sent: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))  #: body bytes by path
    accept_encoding: dict[str, str] = field(default_factory=dict)  #: the last Accept-Encoding, by path


def _handler(site: HostileSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args: object) -> None:
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {name: values[0] for name, values in parse_qs(parts.query).items()}
            site.accept_encoding[parts.path] = self.headers.get("Accept-Encoding", "")
            site.arrived[parts.path].set()
            if match := re.fullmatch(r"/bomb/(\d+)/(\d+)(\.xml)?", parts.path):
                layers, megabytes = int(match[1]), int(match[2])
                kind = "application/rss+xml" if match[3] else "text/html"
                self._send(kind, zeros_gzipped(megabytes, layers), ", ".join(["gzip"] * layers))
            elif parts.path == "/coded":
                header = query.get("ce", "")
                codings = [c.strip().lower() for c in header.split(",") if c.strip()]
                body = encoded(PAGE, codings, query.get("deflate") == "raw", int(query.get("members", "1")))
                self._send("text/html; charset=utf-8", body, query.get("claim", header))
            elif parts.path == "/trickle":
                self._slowly(parts.path)
            elif parts.path == "/silent":
                self._slowly(parts.path, trickle=False)
            else:
                self._send("text/html", b"<p>not here</p>", "", status=404)

        def _send(self, kind: str, body: bytes, coding: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if coding:
                self.send_header("Content-Encoding", coding)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def _slowly(self, path: str, trickle: bool = True) -> None:
            """Headers announcing a large page, then TRICKLE_BYTES every TRICKLE_EVERY_S (or nothing)
            until the client hangs up."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(TRICKLE_LENGTH))
            self.end_headers()
            self.wfile.flush()
            ends = time.monotonic() + LONGEST_ANSWER_S
            while time.monotonic() < ends:
                if self._hung_up(TRICKLE_EVERY_S):
                    site.hung_up[path].set()
                    return
                if trickle:
                    try:
                        self.wfile.write(b"<p>" + b"x" * (TRICKLE_BYTES - 3))
                        self.wfile.flush()
                    except (BrokenPipeError, ConnectionResetError):
                        site.hung_up[path].set()
                        return
                    site.sent[path] += TRICKLE_BYTES

        def _hung_up(self, wait_s: float) -> bool:
            """Whether the client closed its end within wait_s seconds."""
            readable, _, _ = select.select([self.connection], [], [], wait_s)
            if not readable:
                return False
            try:
                tls = isinstance(self.connection, ssl.SSLSocket)  # no peeking through TLS
                if (self.connection.recv(1) if tls else self.connection.recv(1, socket.MSG_PEEK)) == b"":
                    return True
            except OSError:
                return True
            time.sleep(wait_s)  # the client sent something more: not a hang-up
            return False

    return Handler


@contextmanager
def hostile_site(tls: ssl.SSLContext | None = None, host: str = "127.0.0.1") -> Iterator[HostileSite]:
    """A running loopback server (HTTPS with tls, then named host in its address) and what it has seen."""
    site = HostileSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    site.base = f"{'https' if tls else 'http'}://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
