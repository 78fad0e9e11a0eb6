"""The podcast feed of a server with three briefings, read by podcastparser, feedparser and ElementTree."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree as ET

import feedparser
import httpx
import podcastparser
import pytest
from PIL import Image
from support.cluster import server_in_mode
from support.server import SERVER_MODES, STORIES, Server
from support.sound import require_ffprobe

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server or browser

PODCAST = "https://podcastindex.org/namespace/1.0"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
TITLES = ["Ferry & tram <news>", "Library hours", "Two stories"]
Published = tuple[Server, list[dict], bytes]


@pytest.fixture(scope="module", params=SERVER_MODES)
def published(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest,
              ) -> Iterator[Published]:
    """A server whose public URL differs from the address the tests use, with three briefings;
    embedded (SQLite and threads) or distributed (PostgreSQL, Redis, a worker process)."""

    def public_url(server: Server) -> None:
        server.env["AUDIOBRIEF_PUBLIC_URL"] = f"http://localhost:{server.port}/"

    with server_in_mode(request.param, tmp_path_factory.mktemp("feed"), request, public_url,
                        allow_private_urls="1") as server:
        made = [server.make(STORIES["ferry"], title=TITLES[0]),
                server.make(STORIES["library"], title=TITLES[1]),
                server.make(STORIES["orchard"], STORIES["market"], title=TITLES[2])]
        failed = server.wait(server.submit_unreachable())
        assert failed["state"] == "failed"
        yield server, made, httpx.get(f"{server.url}/feed.xml").content


def mp3_seconds(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> float:
    """The MP3's duration as ffprobe measures it."""
    path = tmp_path_factory.mktemp("probe") / "a.mp3"
    path.write_bytes(data)
    out = subprocess.run([require_ffprobe(), "-v", "error", "-show_format", "-of", "json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return float(json.loads(out)["format"]["duration"])


def test_podcastparser_reads_titles_lengths_and_durations(published: Published,
                                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    server, made, feed = published
    parsed = podcastparser.parse(f"http://localhost:{server.port}/feed.xml", io.BytesIO(feed))
    assert parsed["title"] == "audiobrief"
    episodes = {e["title"]: e for e in parsed["episodes"]}
    assert set(episodes) == set(TITLES), "the failed briefing must not be listed"
    assert episodes[TITLES[0]]["description"] == "Night Ferry Returns (pasted text)."
    assert episodes[TITLES[2]]["description"] == ("Orchard Harvest Starts Early (pasted text).\n"
                                                   "Market Moves Indoors (pasted text).")
    for status in made:
        episode = episodes[status["title"]]
        audio = httpx.get(status["audio_url"].replace("localhost", "127.0.0.1")).content
        assert episode["enclosures"][0]["file_size"] == len(audio)
        assert episode["enclosures"][0]["mime_type"] == "audio/mpeg"
        assert abs(episode["total_time"] - mp3_seconds(audio, tmp_path_factory)) <= 1


def test_feedparser_reads_the_same(published: Published) -> None:
    _, made, feed = published
    parsed = feedparser.parse(feed)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "audiobrief" and parsed.feed.language == "en"
    assert [e.title for e in parsed.entries] == list(reversed(TITLES)), "newest first"
    sizes = {s["title"]: s["duration_s"] for s in made}
    for entry in parsed.entries:
        assert entry.enclosures[0].type == "audio/mpeg"
        hours, minutes, seconds = (int(p) for p in entry.itunes_duration.split(":"))
        assert abs(hours * 3600 + minutes * 60 + seconds - sizes[entry.title]) <= 1
        assert entry.published_parsed is not None
        assert entry.id.startswith("urn:uuid:")


def test_channel_and_item_tags(published: Published) -> None:
    server, _, feed = published
    base = f"http://localhost:{server.port}"
    channel = ET.fromstring(feed).find("channel")
    assert channel.find(f"{{{ITUNES}}}explicit").text == "false"
    assert channel.find(f"{{{ITUNES}}}category").get("text") == "News"
    assert channel.find(f"{{{ITUNES}}}image").get("href") == f"{base}/media/cover.png"
    self_link = channel.find(f"{{{ATOM}}}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == f"{base}/feed.xml"
    assert len(channel.find(f"{{{PODCAST}}}guid").text) == 36
    cover = Image.open(io.BytesIO(httpx.get(f"{server.url}/media/cover.png").content))
    assert (cover.format, cover.size) == ("PNG", (1400, 1400))
    for item in channel.iter("item"):
        transcript = item.find(f"{{{PODCAST}}}transcript")
        chapters = item.find(f"{{{PODCAST}}}chapters")
        assert transcript.get("type") == "text/vtt" and transcript.get("url").startswith(base)
        assert chapters.get("type") == "application/json+chapters" and chapters.get("url").startswith(base)
        assert item.find("enclosure").get("url").startswith(base)
        assert item.findtext("description")
        assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
    again = httpx.get(f"{server.url}/feed.xml").content
    assert [g.text for g in ET.fromstring(again).iter("guid")] == [g.text for g in channel.iter("guid")]
    newest = channel.find("item").find(f"{{{PODCAST}}}chapters").get("url")
    chapters_json = httpx.get(newest.replace("localhost", "127.0.0.1")).json()
    chapter_titles = [c["title"] for c in chapters_json["chapters"]]
    assert chapter_titles == ["Introduction", "Orchard Harvest Starts Early", "Market Moves Indoors"]


def feed_urls(feed: bytes) -> list[str]:
    """Every media URL in the feed: enclosures, transcripts, chapters, images."""
    root = ET.fromstring(feed)
    urls = [e.get("url") for e in root.iter("enclosure")]
    urls += [e.get("url") for tag in ("transcript", "chapters") for e in root.iter(f"{{{PODCAST}}}{tag}")]
    urls += [e.get("href") for e in root.iter(f"{{{ITUNES}}}image")]
    return urls


def test_every_media_url_answers_head_and_ranges(published: Published) -> None:
    _, _, feed = published
    urls = feed_urls(feed)
    assert len(urls) == 3 * 4 + 1
    with httpx.Client() as client:
        for url in urls:
            local = url.replace("localhost", "127.0.0.1")
            full = client.get(local)
            head = client.head(local)
            assert head.status_code == 200, url
            assert head.headers["accept-ranges"] == "bytes"
            assert int(head.headers["content-length"]) == len(full.content)
            assert head.headers["etag"] == full.headers["etag"]
            assert head.content == b""
            part = client.get(local, headers={"Range": "bytes=0-99"})
            assert part.status_code == 206, url
            assert len(part.content) == 100 and part.content == full.content[:100]
            assert part.headers["content-range"] == f"bytes 0-99/{len(full.content)}"
            beyond = client.get(local, headers={"Range": f"bytes={len(full.content) + 10}-"})
            assert beyond.status_code == 416


def test_feed_answers_head(published: Published) -> None:
    server, _, _ = published
    head = httpx.head(f"{server.url}/feed.xml")
    assert head.status_code == 200 and head.headers["content-type"].startswith("application/rss+xml")
    assert head.content == b""
