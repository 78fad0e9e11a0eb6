"""The podcast feed: RSS 2.0 with the itunes and Podcasting 2.0 namespaces, written with ElementTree."""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Request, Response

from ..config import Settings
from ..http.conditional import serve_bytes
from ..schemas import error_answers
from ..services.access import feed_owner, media_query
from ..store.records import Record
from ..urls import base_url, get_and_head

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

router = APIRouter(tags=["feed"])

for _prefix, _uri in (("itunes", ITUNES), ("podcast", PODCAST), ("atom", ATOM)):
    ET.register_namespace(_prefix, _uri)


def xml_text(text: str) -> str:
    """Text with the characters XML 1.0 cannot hold removed (escaping is ElementTree's job)."""
    return _NOT_XML.sub("", text)


def html_text(text: str) -> str:
    """Plain text as the HTML that shows it: podcast apps render a description as HTML, so an
    article's "<script>" must arrive as the characters, never as markup."""
    return html.escape(text, quote=False)


#: signs a media link: (briefing, file name) -> query string ("" for none)
MediaSigner = Callable[[Record, str], str]


def channel_guid(feed: str) -> str:
    """The Podcasting 2.0 guid: UUIDv5 of the feed URL without its scheme and trailing slash."""
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, re.sub(r"^[a-z]+://", "", feed).rstrip("/")))


def item_guid(record_id: str) -> str:
    """A briefing's stable guid."""
    return f"urn:uuid:{uuid.UUID(hex=record_id)}"


def duration(milliseconds: int) -> str:
    """itunes:duration as H:MM:SS."""
    hours, rest = divmod(round(milliseconds / 1000), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


def rfc2822(timestamp: float) -> str:
    """A Unix time as an RFC 2822 date."""
    return format_datetime(datetime.fromtimestamp(timestamp, UTC))


def _add(parent: ET.Element, tag: str, text: str | None = None, attributes: dict[str, str] | None = None,
         **more: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in {**(attributes or {}), **more}.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def build_feed(records: Sequence[Record], settings: Settings, base_url: str, feed_path: str = "/feed.xml",
               sign: MediaSigner = lambda _record, _name: "", cover_path: str = "/media/cover.png",
               link_path: str = "/library") -> bytes:
    """The feed XML for the finished briefings, URLs absolute under base_url (no trailing slash);
    the feed itself is at feed_path, sign adds each media link's key, and the channel's cover and
    web page are at cover_path and link_path."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _add(rss, "channel")
    _add(channel, "title", settings.feed_title)
    _add(channel, "link", f"{base_url}{link_path}")
    _add(channel, "description", html_text(settings.feed_description))
    _add(channel, "language", settings.language)
    _add(channel, "generator", "audiobrief")
    _add(channel, f"{{{ATOM}}}link", href=f"{base_url}{feed_path}", rel="self", type="application/rss+xml")
    _add(channel, f"{{{ITUNES}}}image", href=f"{base_url}{cover_path}")
    _add(channel, f"{{{ITUNES}}}category", attributes={"text": "News"})
    _add(channel, f"{{{ITUNES}}}explicit", "false")
    _add(channel, f"{{{ITUNES}}}author", settings.feed_title)
    _add(channel, f"{{{PODCAST}}}guid", channel_guid(f"{base_url}{feed_path}"))
    if records:
        _add(channel, "lastBuildDate", rfc2822(max(r.finished_at or r.created_at for r in records)))
    for record in records:
        _item(channel, record, base_url, sign)
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


def _item(channel: ET.Element, record: Record, base_url: str, sign: MediaSigner) -> None:
    def media(name: str) -> str:
        return f"{base_url}/media/{record.id}/{name}{sign(record, name)}"

    item = _add(channel, "item")
    _add(item, "title", record.display_title)
    _add(item, "description", html_text(record.description or record.display_title))
    _add(item, "link", f"{base_url}/briefings/{record.id}")
    _add(item, "guid", item_guid(record.id), isPermaLink="false")
    _add(item, "pubDate", rfc2822(record.finished_at or record.created_at))
    _add(item, "enclosure", url=media("audio.mp3"), length=str(record.mp3_bytes or 0), type="audio/mpeg")
    _add(item, f"{{{ITUNES}}}duration", duration(record.duration_ms or 0))
    _add(item, f"{{{ITUNES}}}image", href=media("cover.png"))
    _add(item, f"{{{ITUNES}}}explicit", "false")
    _add(item, f"{{{PODCAST}}}transcript", url=media("transcript.vtt"), type="text/vtt", rel="captions")
    _add(item, f"{{{PODCAST}}}chapters", url=media("chapters.json"), type="application/json+chapters")


@get_and_head(router, "/feed.xml", summary="The podcast feed (RSS 2.0)", response_class=Response,
              responses={200: {"content": {"application/rss+xml": {}}, "description": "the feed"},
                         304: {"description": "not modified since the version named in If-None-Match"},
                         **error_answers(412)})
def podcast_feed(request: Request) -> Response:
    """Every finished public briefing, newest first (on a server without accounts, every one)."""
    records = request.app.state.store.select("done", public=True)
    return feed_response(request, build_feed(records, request.app.state.settings, base_url(request)))


@get_and_head(router, "/feeds/{key}/feed.xml", summary="An account's private podcast feed (RSS 2.0)",
              response_class=Response,
              responses={200: {"content": {"application/rss+xml": {}}, "description": "the feed"},
                         304: {"description": "not modified since the version named in If-None-Match"},
                         404: {"description": "no feed at this address (a wrong or reset key)"},
                         **error_answers(412)})
def private_feed(key: str, request: Request) -> Response:
    """One account's finished briefings, public and private, with signed media links."""
    user = feed_owner(request, key)
    records = request.app.state.store.select("done", owner_id=user.id)
    settings: Settings = request.app.state.settings
    own = replace(settings, feed_title=f"{settings.feed_title}: {user.name}")
    body = build_feed(records, own, base_url(request), f"/feeds/{key}/feed.xml",
                      lambda record, name: media_query(request, record, name))
    return feed_response(request, body)


def feed_response(request: Request, body: bytes) -> Response:
    return serve_bytes(request, body, "application/rss+xml; charset=utf-8", {"Cache-Control": "no-cache"})
