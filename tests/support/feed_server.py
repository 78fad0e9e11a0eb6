"""A loopback HTTP server for show tests: RSS 2.0 and Atom feeds the test changes as it goes,
article pages they link to, and sources that fail (500, too slow, too large) or that the test holds
until it lets them answer. It counts every request and every 304 it answers."""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: the fetch deadline for servers reading these feeds: a loopback feed that is meant to answer does so
#: in milliseconds, even on a loaded machine; only the slow source (which never answers in time) waits it out
FETCH_DEADLINE_S = 10
HUGE_BYTES = 20 * 1024 * 1024  #: what the huge source sends


@dataclass(frozen=True)
class Story:
    """An article page and the feed entry that links to it."""

    slug: str
    title: str
    paragraphs: tuple[str, ...]
    published: float  #: Unix time

    def page(self) -> bytes:
        body = "".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)
        return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(self.title)}"
                f"</title></head><body><nav><a href='/'>Home</a> <a href='/about'>About us</a></nav>"
                f"<article><h1>{escape(self.title)}</h1>{body}</article>"
                f"<footer>Copyright the Loopback Ledger</footer></body></html>").encode()


STORIES = {
    "ferry": Story("ferry", "Night Ferry Returns to the Bay", (
        "The night ferry across the bay will run again from Monday, the harbour board said on Tuesday.",
        "The service stopped two winters ago when the old boat failed its inspection. A rebuilt vessel "
        "with room for ninety passengers and forty bicycles now takes its place.",
        "Crossings leave every hour from nine in the evening until one in the morning, and tickets cost "
        "the same as on the day boats.",
    ), 1_796_000_000),
    "orchard": Story("orchard", "Orchard Growers Start the Harvest Early", (
        "Apple growers in the valley began picking a fortnight earlier than usual this year.",
        "A warm spring brought the blossom forward, and the dry summer kept the fruit small but sweet, "
        "said the chair of the growers' cooperative.",
        "Pickers are still needed on several farms, and the cooperative has opened a second packing shed.",
    ), 1_796_000_600),
    "library": Story("library", "Library Opens on Sunday Afternoons", (
        "The central library will open on Sunday afternoons from next month, the council announced.",
        "Volunteers from the reading circle offered to staff the front desk, and the council will pay for "
        "heating and cleaning from its community fund.",
        "The reading room, the children's corner and the computers will all be available.",
    ), 1_796_001_200),
    "bridge": Story("bridge", "Footbridge Repairs Finish Ahead of Time", (
        "Repairs to the old footbridge over the river finished three weeks ahead of schedule.",
        "Engineers replaced the rusted handrails and laid a new surface that stays grippy in the rain.",
        "The bridge reopened to walkers and cyclists on Friday morning.",
    ), 1_796_001_800),
    "market": Story("market", "Farmers' Market Moves Indoors for Winter", (
        "The Saturday farmers' market moves into the old grain hall for the winter months.",
        "Stallholders said the hall keeps their produce dry and lets shoppers linger longer.",
        "The market opens at eight and closes at one, as it does outdoors.",
    ), 1_796_002_400),
}


def rss(title: str, base: str, stories: list[Story], extra_links: dict[str, str] | None = None) -> bytes:
    """An RSS 2.0 feed of these stories, each linking to its page (or to extra_links[slug])."""
    links = {s.slug: (extra_links or {}).get(s.slug, f"{base}/articles/{s.slug}") for s in stories}
    items = "".join(
        f"<item><title>{escape(s.title)}</title><link>{links[s.slug]}</link>"
        f"<guid isPermaLink='false'>rss-{s.slug}</guid><pubDate>{_date(s.published)}</pubDate>"
        f"<description>{escape(' '.join(s.paragraphs))}</description></item>" for s in stories)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>{escape(title)}</title><link>{base}/</link><description>Local news</description>"
            f"{items}</channel></rss>").encode()


def atom(title: str, base: str, stories: list[Story]) -> bytes:
    """An Atom feed of these stories; its ids differ from the RSS feed's, its links do not."""
    entries = "".join(
        f"<entry><title>{escape(s.title)}</title><link href='{base}/articles/{s.slug}?utm_source=atom'/>"
        f"<id>urn:loopback:{s.slug}</id><updated>{_iso(s.published)}</updated>"
        f"<summary>{escape(s.paragraphs[0])}</summary></entry>" for s in stories)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>{escape(title)}</title><id>urn:loopback:feed</id><updated>{_iso(1_796_000_000)}</updated>"
            f"{entries}</feed>").encode()


def _date(stamp: float) -> str:
    return format_datetime(datetime.fromtimestamp(stamp, UTC), usegmt=True)


def _iso(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, UTC).isoformat().replace("+00:00", "Z")


@dataclass
class FeedSite:
    """What the server answers: feeds by path (changed by the tests), article pages, counters."""

    base: str = ""
    feeds: dict[str, tuple[str, bytes]] = field(default_factory=dict)  #: path -> (type, body)
    requests: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)
    held: dict[str, threading.Event] = field(default_factory=dict)  #: path -> answered once it is set
    stopping: threading.Event = field(default_factory=threading.Event)  #: the slow source answers then

    def hold(self, path: str) -> threading.Event:
        """Hold the feed at path until the returned event is set (or the site stops)."""
        self.held[path] = threading.Event()
        return self.held[path]

    def set_feed(self, path: str, body: bytes, kind: str = "application/rss+xml") -> None:
        self.feeds[path] = (kind, body)


def _handler(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            site.requests[path] += 1
            if path in site.held:
                site.held[path].wait()
            if path in site.feeds:
                kind, body = site.feeds[path]
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    site.not_modified[path] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self._send(200, kind, body, {"ETag": etag})
            elif path.startswith("/articles/") and path[10:] in STORIES:
                self._send(200, "text/html; charset=utf-8", STORIES[path[10:]].page())
            elif path == "/broken.xml":
                self._send(500, "text/plain", b"the database is down")
            elif path == "/slow.xml":  # answers only when the site stops: later than any fetch deadline
                site.stopping.wait()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
                    self._send(200, "application/rss+xml", b"<rss version='2.0'><channel/></rss>")
            elif path == "/huge.xml":
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                chunk = b"<!-- " + b"x" * 65526 + b" -->\n"
                try:
                    for _ in range(HUGE_BYTES // len(chunk) + 1):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
            else:
                self._send(404, "text/html", b"<p>not here</p>")

        def _send(self, status: int, kind: str, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def feed_site() -> Iterator[FeedSite]:
    """A running loopback server and the site it serves."""
    site = FeedSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.stopping.set()
        for event in site.held.values():
            event.set()
        server.shutdown()
        server.server_close()
