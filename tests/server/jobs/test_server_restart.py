"""Crash recovery: a server killed mid-briefing resumes it on restart and never serves a partial MP3."""

from __future__ import annotations

import time
from pathlib import Path
from xml.etree import ElementTree as ET

import httpx
import pytest
from support.server import STORIES, Server

from audiobrief.server.config import Settings
from audiobrief.server.jobs.runner import MAX_ATTEMPTS, JobRunner
from audiobrief.server.store.records import Source, Store

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server or browser

TOWNS = ["Ashford", "Brightwater", "Caldermoor", "Dunmere", "Eastholm", "Fernley", "Glenrock", "Hollins"]
FACTS = ["opened a new bus stop beside the school", "repaired the footbridge over the river",
         "planted forty trees along the high street", "held a bake sale for the fire station"]


def long_story() -> str:
    """About thirty distinct sentences, so synthesis takes long enough to be interrupted."""
    lines = [f"{town} {fact} this week." for town in TOWNS for fact in FACTS]
    return "Around the Valley\n\n" + "\n\n".join(" ".join(lines[n:n + 4]) for n in range(0, len(lines), 4))


def test_kill_during_a_job_then_restart_finishes_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    server = Server(home, workers="1").start()
    done_first = server.make(STORIES["ferry"], title="Before the crash")
    victim = server.submit(long_story(), title="Interrupted")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = httpx.get(f"{server.url}/api/briefings/{victim}").json()
        if status["state"] == "running" and status["progress"] > 0.15:
            break
        time.sleep(0.05)
    assert status["state"] == "running" and status["progress"] < 1, status
    server.kill()

    assert not (home / "briefings" / victim).exists(), "no finished folder for an unfinished briefing"
    restarted = Server(home, workers="1")
    restarted.port, restarted.url = server.port, server.url
    restarted.start()
    try:
        during = httpx.get(f"{restarted.url}/feed.xml").content
        assert [i.findtext("title") for i in ET.fromstring(during).iter("item")] in (
            ["Before the crash"], ["Interrupted", "Before the crash"])
        state = httpx.get(f"{restarted.url}/api/briefings/{victim}").json()["state"]
        audio = httpx.get(f"{restarted.url}/media/{victim}/audio.mp3").status_code
        assert audio == (200 if state == "done" else 404), "an unfinished MP3 is never served"
        final = restarted.wait(victim)
        assert final["state"] == "done", f"one crash is within MAX_ATTEMPTS ({MAX_ATTEMPTS}): {final}"
        feed = ET.fromstring(httpx.get(f"{restarted.url}/feed.xml").content)
        assert [i.findtext("title") for i in feed.iter("item")] == ["Interrupted", "Before the crash"]
        assert httpx.get(f"{restarted.url}/media/{victim}/audio.mp3").status_code == 200
        assert httpx.get(done_first["audio_url"]).status_code == 200
        assert not list((home / "briefings").glob(".work-*")), "scratch folders are cleaned up"
    finally:
        restarted.stop()


def test_a_briefing_interrupted_too_often_is_marked_failed(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, workers=1)
    settings.briefings_dir.mkdir(parents=True)
    store = Store(settings.database)
    store.add("a" * 32, "", "en-us", None, {}, [Source("text", "article 1", b"Some text.")])
    for _ in range(MAX_ATTEMPTS):
        assert store.start("a" * 32)
        JobRunner(settings, store).recover()
    record = store.get("a" * 32)
    assert record.state == "failed"
    assert "stopped 2 times" in record.error
