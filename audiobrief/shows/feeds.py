"""Reading a show's sources: one guarded, conditional GET per feed, parsed with feedparser. Feed and
entry titles are cleaned like a briefing's title (audiobrief/invisible.py) as they are read."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser

from ..errors import InputError
from ..fetch import fetch_url
from ..invisible import plain_title
from ..netguard import display_url
from .model import Entry, Source

MAX_FEED_BYTES = 5 * 1024 * 1024  #: a feed larger than this is refused
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/x-rss+xml", "text/plain", "text/html")
TRACKING_PREFIXES = ("utm_",)  #: query parameters that do not change which story a link names


@dataclass(frozen=True)
class FeedRead:
    """What one read of a source found: its entries, or that it has not changed since the last."""

    unchanged: bool
    title: str
    entries: tuple[Entry, ...]
    etag: str
    last_modified: str


def read_feed(source: Source, *, allow_private: bool, deadline_s: float,
              max_bytes: int = MAX_FEED_BYTES) -> FeedRead:
    """GET a source with the validators of its last read, all of it within deadline_s seconds;
    InputError says why it cannot be read."""
    conditions = {name: value for name, value in (("If-None-Match", source.etag),
                                                  ("If-Modified-Since", source.last_modified)) if value}
    fetched = fetch_url(source.url, allow_private=allow_private, max_bytes=max_bytes, accepted=FEED_TYPES,
                        conditions=conditions, deadline_s=deadline_s, what="one RSS or Atom feed")
    if fetched.status == 304:
        return FeedRead(True, source.title, (), fetched.etag or source.etag,
                        fetched.last_modified or source.last_modified)
    title, entries = parse_feed(fetched.body, source.url)
    return FeedRead(False, title, entries, fetched.etag, fetched.last_modified)


def parse_feed(body: bytes, url: str) -> tuple[str, tuple[Entry, ...]]:
    """The title and entries of an RSS or Atom document; InputError when it is neither."""
    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=True,
                              response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        raise InputError(f"'{display_url(url)}' is not an RSS or Atom feed: give the feed's own address")
    entries = tuple(entry for item in parsed.entries if (entry := _entry(item, url)) is not None)
    return plain_title(str(parsed.feed.get("title", ""))), entries


def _entry(item: feedparser.FeedParserDict, source: str) -> Entry | None:
    link = canonical_link(str(item.get("link", "")))
    title = plain_title(str(item.get("title", "")))
    key = str(item.get("id", "")).strip() or link or title
    if not key:
        return None
    contents = item.get("content") or []
    content = str(contents[0].get("value", "")) if contents else str(item.get("summary", ""))
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    published = float(calendar.timegm(stamp)) if stamp else 0.0
    return Entry(key=key, link=link, title=title, content=content, published=published, source=source)


def canonical_link(link: str) -> str:
    """A link as one story is known by: http(s) only, host lowercased, no fragment, no tracking
    parameters, no trailing slash on the path ("" for anything else)."""
    try:
        parts = urlsplit(link.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    query = urlencode([(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
                       if not name.lower().startswith(TRACKING_PREFIXES)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def entry_keys(entry: Entry) -> tuple[str, ...]:
    """The keys a show remembers an entry by: its id, and its canonical link."""
    return (f"id:{entry.key}",) + ((f"link:{entry.link}",) if entry.link else ())
