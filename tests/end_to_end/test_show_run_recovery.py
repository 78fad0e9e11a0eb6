"""A show run whose worker is SIGKILLed while it reads a source is made by the other worker once
its claim has lapsed, within a minute of the kill plus its making time, as for briefings (web + 2
workers + Redis + PostgreSQL, real servers, the defaults: the claims, not Redis's visibility
timeout nor the web's scheduler, bring it back)."""

from __future__ import annotations

import socket
import time
from datetime import datetime
from pathlib import Path

import httpx
import psycopg
import pytest
from support.cluster import Cluster
from support.databases import Postgres, Redis
from support.feed_server import STORIES, feed_site, rss

from audiobrief.shows.service import RUN_LEASE_S

pytestmark = pytest.mark.slow

MAKING_S = 240.0  #: ample for reading a loopback feed and speaking two short stories
RECOVERED_WITHIN_S = 60.0  #: the issue's bound for briefings, which runs keep too


def run_row(database_url: str) -> tuple[str, str]:
    """(state, claimed_by) of the only show run."""
    with psycopg.connect(database_url) as db:
        (row,) = db.execute("SELECT state, claimed_by FROM show_runs").fetchall()
    return row


def test_a_show_run_whose_worker_is_killed_is_made_by_the_other(tmp_path: Path, postgres: Postgres,
                                                               redis: Redis) -> None:
    with feed_site() as site:
        held = site.hold("/desk.xml")
        site.set_feed("/desk.xml", rss("Desk", site.base, [STORIES["ferry"], STORIES["library"]]))
        cluster = Cluster(tmp_path / "home", postgres, redis, workers=2, allow_private_urls="1").start()
        server = cluster.server
        try:
            show = {"slug": "desk", "title": "Desk", "voice": "en-us-espeak",
                    "sources": [f"{site.base}/desk.xml"]}
            made = httpx.post(f"{server.url}/api/shows", json=show, timeout=30)
            assert made.status_code == 201, made.text
            asked = httpx.post(f"{server.url}/api/shows/desk/runs", timeout=30)
            assert asked.status_code == 202, asked.text
            deadline = time.monotonic() + MAKING_S
            while site.requests["/desk.xml"] == 0:  # a worker has taken the run and reads the held source
                assert time.monotonic() < deadline, run_row(cluster.database_url)
                time.sleep(0.05)
            state, claimant = run_row(cluster.database_url)
            assert state == "running"
            names = {f"{socket.gethostname()}:{worker.process.pid}": worker for worker in cluster.workers}
            victim = names.pop(claimant)
            (survivor_name,) = names
            victim.kill()
            killed_at = time.monotonic()
            held.set()  # the source answers from now on; the dead worker's connection is gone

            deadline = killed_at + RUN_LEASE_S + MAKING_S
            while (run := httpx.get(asked.json()["status_url"], timeout=30).json())["state"] in (
                    "queued", "running"):
                assert time.monotonic() < deadline, (run, server.log.read_text()[-3000:])
                time.sleep(0.5)
            taken_up_s = time.monotonic() - killed_at
            assert (run["state"], run["outcome"]) == ("done", "episode"), run
            assert [story["title"] for story in run["episode"]["stories"]] == [
                STORIES["library"].title, STORIES["ferry"].title]
            assert run_row(cluster.database_url) == ("done", survivor_name)
            making_s = (datetime.fromisoformat(run["finished_at"]) - datetime.fromisoformat(run["started_at"])
                        ).total_seconds()
            assert taken_up_s <= RECOVERED_WITHIN_S + making_s
            logs = "".join(worker.log.read_text() for worker in cluster.workers) + server.log.read_text()
            assert "was cut short by a process that died, or its message was lost: queued again" in logs
            episode = server.wait(run["episode"]["id"], MAKING_S)  # queued by the run, made by a worker
            assert episode["state"] == "done", episode
            audio = httpx.get(episode["audio_url"], timeout=30)
            assert audio.status_code == 200 and audio.content[:3] == b"ID3"
            print(f"run done {taken_up_s:.1f} s after its worker was killed (lease {RUN_LEASE_S:.0f} s)")
        finally:
            held.set()
            cluster.stop()
