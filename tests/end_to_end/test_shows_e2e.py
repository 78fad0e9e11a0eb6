"""Shows end to end: a real server (embedded, or PostgreSQL + Redis + a worker) reading feeds served
from loopback by the test, its scheduler queueing the due run, runs made off the request path (on the
run queue, or as Celery tasks on the worker), real espeak-ng and LAME; the show's own feed read by
podcastparser and feedparser; `audiobrief show` on the command line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import httpx
import podcastparser
import pytest
from PIL import Image
from support.cluster import server_in_mode
from support.feed_server import FETCH_DEADLINE_S, STORIES, FeedSite, atom, feed_site, rss
from support.server import SERVER_MODES, Server

from audiobrief.server.store.records import Store
from audiobrief.shows.records import ShowRecords

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server

VOICE = "en-us-espeak"
PODCAST = "https://podcastindex.org/namespace/1.0"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
WAIT_S = 240.0


@pytest.fixture(scope="module")
def site() -> Iterator[FeedSite]:
    with feed_site() as running:
        yield running


@pytest.fixture(scope="module", params=SERVER_MODES)
def server(site: FeedSite, tmp_path_factory: pytest.TempPathFactory,
           request: pytest.FixtureRequest) -> Iterator[Server]:
    with server_in_mode(request.param, tmp_path_factory.mktemp("shows"), request, allow_private_urls="1",
                        show_check_seconds="1", fetch_deadline=str(FETCH_DEADLINE_S)) as running:
        yield running


def episodes(server: Server, slug: str) -> list[dict]:
    answer = httpx.get(f"{server.url}/api/shows/{slug}/episodes", timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["episodes"]


def wait_for_episodes(server: Server, slug: str, count: int) -> list[dict]:
    """Poll until the show has `count` episodes, all finished."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        found = episodes(server, slug)
        if len(found) >= count and all(e["state"] in ("done", "failed") for e in found):
            assert all(e["state"] == "done" for e in found), found
            return found
        time.sleep(0.5)
    raise AssertionError(f"show {slug} has {episodes(server, slug)}: {server.log.read_text()[-3000:]}")


def run_show(server: Server, slug: str) -> dict:
    """Ask for a run (answered 202 at once) and follow it until it has ended."""
    asked = httpx.post(f"{server.url}/api/shows/{slug}/runs", timeout=30)
    assert asked.status_code == 202, asked.text
    deadline = time.monotonic() + WAIT_S
    while (run := httpx.get(asked.json()["status_url"], timeout=30).json())["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, run
        time.sleep(0.2)
    assert run["state"] == "done", run
    return run


def chapter_titles(episode: dict) -> list[str]:
    chapters = httpx.get(episode["audio_url"].replace("audio.mp3", "chapters.json"), timeout=30).json()
    return [chapter["title"] for chapter in chapters["chapters"]]


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The audiobrief command with this data folder, private addresses allowed (the feeds are local)."""
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home), "AUDIOBRIEF_ALLOW_PRIVATE_URLS": "1"}
    return subprocess.run([sys.executable, "-m", "audiobrief", *args], capture_output=True, text=True,
                          timeout=600, env=env)


def make_due(server: Server, slug: str) -> None:
    """Move the show's next run into the past, as if its time had come."""
    store = Store(server.env.get("AUDIOBRIEF_DATABASE_URL") or server.home / "server.sqlite3")
    try:
        ShowRecords(store).change(slug, {"next_run_at": time.time() - 60})
    finally:
        store.engine.dispose()


def test_scheduled_run_then_nothing_new_then_one_story_and_the_show_feed(server: Server,
                                                                        site: FeedSite) -> None:
    site.set_feed("/ledger.xml", rss("Ledger", site.base, [STORIES["ferry"], STORIES["orchard"]]))
    site.set_feed("/wire.xml", atom("Wire", site.base, [STORIES["library"], STORIES["orchard"]]),
                  "application/atom+xml")
    body = {"slug": "local", "title": "Local Morning", "description": "The valley's news before breakfast.",
            "voice": VOICE, "schedule": "every day at 06:30 Europe/Berlin",
            "sources": [f"{site.base}/ledger.xml", f"{site.base}/wire.xml"]}
    created = httpx.post(f"{server.url}/api/shows", json=body, timeout=30)
    assert created.status_code == 201, created.text
    assert episodes(server, "local") == []
    make_due(server, "local")

    (first,) = wait_for_episodes(server, "local", 1)
    stories = [story["title"] for story in first["stories"]]
    assert stories == ["Library Opens on Sunday Afternoons", "Orchard Growers Start the Harvest Early",
                       "Night Ferry Returns to the Bay"], "newest first; the orchard story once"
    assert chapter_titles(first) == ["Introduction", *stories]
    show = httpx.get(f"{server.url}/api/shows/local", timeout=30).json()
    assert show["next_run_at"] > show["last_run_at"], "the schedule moved on to its next slot"
    runs = httpx.get(f"{server.url}/api/shows/local/runs", timeout=30).json()["runs"]
    assert [(r["trigger"], r["state"], r["outcome"], r["episode"]["id"]) for r in runs] == [
        ("schedule", "done", "episode", first["id"])], "the due slot was taken once, by one run"
    assert len(episodes(server, "local")) == 1

    second = run_show(server, "local")
    assert (second["outcome"], second["episode"], second["failures"]) == ("nothing-new", None, [])
    assert site.not_modified["/ledger.xml"] >= 1 and site.not_modified["/wire.xml"] >= 1

    site.set_feed("/ledger.xml", rss("Ledger", site.base, [STORIES["bridge"], STORIES["ferry"]]))
    third = run_show(server, "local")
    third_stories = [story["title"] for story in third["episode"]["stories"]]
    assert third_stories == ["Footbridge Repairs Finish Ahead of Time"]
    newest, _ = wait_for_episodes(server, "local", 2)
    assert chapter_titles(newest) == ["Footbridge Repairs Finish Ahead of Time"]

    feed = httpx.get(f"{server.url}/shows/local/feed.xml", timeout=30)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/rss+xml")
    parsed = podcastparser.parse(f"{server.url}/shows/local/feed.xml", io.BytesIO(feed.content))
    assert parsed["title"] == "Local Morning"
    assert parsed["description"] == "The valley's news before breakfast."
    assert len(parsed["episodes"]) == 2
    for episode in parsed["episodes"]:
        audio = httpx.get(episode["enclosures"][0]["url"], timeout=30).content
        assert episode["enclosures"][0]["file_size"] == len(audio) and audio[:3] == b"ID3"
    read = feedparser.parse(feed.content)
    assert not read.bozo and [e.title for e in read.entries] == [newest["title"], first["title"]]
    channel = ET.fromstring(feed.content).find("channel")
    cover_url = channel.find(f"{{{ITUNES}}}image").get("href")
    assert cover_url == f"{server.url}/shows/local/cover.png"
    cover = Image.open(io.BytesIO(httpx.get(cover_url, timeout=30).content))
    assert (cover.format, cover.size) == ("PNG", (1400, 1400))
    for item in channel.iter("item"):
        assert item.find(f"{{{PODCAST}}}transcript").get("type") == "text/vtt"
        assert item.find(f"{{{PODCAST}}}chapters").get("type") == "application/json+chapters"
    everything = httpx.get(f"{server.url}/feed.xml", timeout=30).text
    assert first["title"] in everything, "the all-briefings feed still lists every briefing"


def test_failing_sources_are_listed_and_the_rest_is_made(server: Server, site: FeedSite) -> None:
    site.set_feed("/market.xml", rss("Market", site.base, [STORIES["market"]]))
    urls = [f"{site.base}/{name}.xml" for name in ("broken", "slow", "huge", "market")]
    created = httpx.post(f"{server.url}/api/shows", timeout=30,
                         json={"slug": "mixed", "title": "Mixed", "voice": VOICE, "sources": urls})
    assert created.status_code == 201, created.text
    result = run_show(server, "mixed")
    assert [f["error"] for f in result["failures"]] == [
        f"'{urls[0]}' answered HTTP 500: check the URL",
        f"'{urls[1]}' did not arrive within the {FETCH_DEADLINE_S} s fetch deadline (127.0.0.1 is too slow "
        "or not answering): try again later",
        f"'{urls[2]}' is over the 5 MB limit: give one RSS or Atom feed",
    ]
    assert [s["title"] for s in result["episode"]["stories"]] == ["Farmers' Market Moves Indoors for Winter"]
    sources = httpx.get(f"{server.url}/api/shows/mixed", timeout=30).json()["sources"]
    assert [bool(s["error"]) for s in sources] == [True, True, True, False]
    assert all(s["error_at"] for s in sources[:3]) and sources[3]["checked_at"]
    wait_for_episodes(server, "mixed", 1)


def test_the_command_line(site: FeedSite, tmp_path: Path) -> None:
    site.set_feed("/cli.xml", rss("Cli", site.base, [STORIES["ferry"]]))
    home = tmp_path / "home"
    added = run("show", "add", "desk", "--title", "Desk", "--source", f"{site.base}/cli.xml",
                "--schedule", "weekdays at 07:00", "--voice", VOICE, "--max-stories", "3", home=home)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added show 'desk' with 1 source; next run ")
    listed = run("show", "list", home=home).stdout.split("\t")
    assert listed[:3] == ["desk", "Desk", "weekdays at 07:00"] and listed[3].endswith(" UTC")
    made = run("show", "run", "desk", home=home)
    assert made.returncode == 0, made.stderr
    mp3 = Path(made.stdout.strip())
    assert mp3.name == "audio.mp3" and mp3.read_bytes()[:3] == b"ID3"
    again = run("show", "run", "desk", home=home)
    assert (again.returncode, again.stdout) == (0, "nothing new\n")
    exported = run("show", "sources", "desk", "--export", home=home).stdout
    assert f'xmlUrl="{site.base}/cli.xml"' in exported
    missing = run("show", "run", "nope", home=home)
    assert (missing.returncode, missing.stderr) == (
        1, "audiobrief: error: there is no show called 'nope': see `audiobrief show list`\n")
    removed = run("show", "remove", "desk", home=home)
    assert removed.stdout == "removed show 'desk' and its episodes\n" and not mp3.exists()
