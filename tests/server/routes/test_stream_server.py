"""The growing MP3 against a real server (uvicorn, espeak-ng, LAME): its bytes are the finished
file's frames, it is heard while the briefing is made, and it ends however the briefing does."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from support.article_site import ArticleSite
from support.cluster import Cluster, server_in_mode
from support.databases import Postgres, Redis
from support.long_article import long_article
from support.server import Server

from audiobrief.audio.live import id3_length
from audiobrief.server.routes.stream import STREAMS_PER_CLIENT

pytestmark = pytest.mark.slow

VOICE = "en-us-espeak"
END_S = 15.0  #: how soon a stream must end once its briefing is deleted or failed


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server making one briefing at a time (so others wait in the queue)."""
    running = Server(tmp_path_factory.mktemp("stream"), allow_private_urls="1", workers="1").start()
    yield running
    running.stop()


@dataclass
class Listener:
    """A stream read on a thread: its status, its bytes, the briefing's state at the first byte."""

    server: Server
    briefing_id: str
    status: int = 0
    body: bytearray = field(default_factory=bytearray)
    state_at_first_byte: str = ""
    ended: threading.Event = field(default_factory=threading.Event)
    opened: threading.Event = field(default_factory=threading.Event)

    def start(self) -> Listener:
        threading.Thread(target=self._listen, daemon=True).start()
        assert self.opened.wait(30), "the stream never answered"
        return self

    def _listen(self) -> None:
        url = f"{self.server.url}/media/{self.briefing_id}/stream.mp3"
        try:
            with httpx.stream("GET", url, timeout=httpx.Timeout(30, read=400)) as response:
                self.status = response.status_code
                self.opened.set()
                for chunk in response.iter_bytes():
                    if not self.body:
                        self.state_at_first_byte = httpx.get(
                            f"{self.server.url}/api/briefings/{self.briefing_id}").json()["state"]
                    self.body += chunk
        finally:
            self.opened.set()
            self.ended.set()


@pytest.mark.parametrize("mode", ["sqlite", "cluster"])
def test_the_stream_is_heard_while_the_briefing_is_made_and_equals_its_frames(
        mode: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """In-process (threads, SQLite) and with a Celery worker process writing to the shared folder."""
    with server_in_mode(mode, tmp_path, request) as server:
        heard_while_made(server)


def heard_while_made(server: Server) -> None:
    briefing_id = server.submit(long_article(900, "Harbour Towns Plan Ahead"), voice=VOICE)
    listener = Listener(server, briefing_id).start()
    assert listener.ended.wait(400), "the stream did not end"
    assert listener.status == 200
    assert listener.state_at_first_byte == "running"  # sound before the briefing was done
    status = server.wait(briefing_id)
    assert status["state"] == "done"
    mp3 = httpx.get(f"{server.url}/media/{briefing_id}/audio.mp3").content
    frames = mp3[id3_length(mp3[:10]):]
    assert bytes(listener.body) == frames
    assert httpx.get(f"{server.url}/media/{briefing_id}/stream.mp3", timeout=30).content == frames
    cues = httpx.get(f"{server.url}/media/{briefing_id}/cues.json").json()
    segments = httpx.get(f"{server.url}/media/{briefing_id}/segments.json").json()["segments"]
    assert cues["complete"] is True
    assert [c["id"] for c in cues["cues"]] == [s["id"] for s in segments]


@pytest.fixture(scope="module")
def idle_server(tmp_path_factory: pytest.TempPathFactory, postgres: Postgres, redis: Redis,
                ) -> Iterator[Server]:
    """A web process in broker mode with no worker process: every briefing stays queued."""
    cluster = Cluster(tmp_path_factory.mktemp("idle"), postgres, redis, workers=0).start()
    yield cluster.server
    cluster.stop()


def test_streams_are_bounded_per_client_and_end_when_their_briefing_is_deleted(idle_server: Server) -> None:
    waiting = idle_server.submit(long_article(60, "Waiting In Line", seed=12))
    other = idle_server.submit(long_article(60, "Also Waiting", seed=14))
    listeners = [Listener(idle_server, waiting).start() for _ in range(STREAMS_PER_CLIENT)]
    assert [listener.status for listener in listeners] == [200] * STREAMS_PER_CLIENT
    refused = httpx.get(f"{idle_server.url}/media/{other}/stream.mp3", timeout=10)
    assert refused.status_code == 429
    assert refused.json() == {"detail": f"{STREAMS_PER_CLIENT} streams are already open from your address: "
                                        "close one and try again"}
    assert refused.headers["retry-after"] == "10"

    assert httpx.delete(f"{idle_server.url}/api/briefings/{waiting}").status_code == 204
    for listener in listeners:
        assert listener.ended.wait(END_S), "a stream outlived its deleted briefing"
        assert listener.body == b""
    freed = Listener(idle_server, other).start()  # the slots were given back
    assert freed.status == 200
    assert httpx.delete(f"{idle_server.url}/api/briefings/{other}").status_code == 204
    assert freed.ended.wait(END_S)


def test_a_stream_ends_when_its_briefing_fails(server: Server) -> None:
    busy = server.submit(long_article(900, "Busy Speaker Keeps Talking", seed=11), voice=VOICE)
    site = ArticleSite()
    site.hold()  # its article is read beside busy's making: held, it cannot fail before the stream opens
    try:
        doomed = httpx.post(f"{server.url}/api/briefings", json={"articles": [{"url": site.empty_url}]},
                            timeout=30).json()["id"]
        failing = Listener(server, doomed).start()
        assert failing.status == 200
        site.release()  # nothing but spaces: nothing to read, the briefing fails
        assert failing.ended.wait(400), "a stream outlived its failed briefing"
    finally:
        site.close()
    assert failing.body == b""
    assert server.wait(doomed)["state"] == "failed"
    after = httpx.get(f"{server.url}/media/{doomed}/stream.mp3", timeout=10)
    assert after.status_code == 404
    assert after.json()["detail"].startswith("this briefing could not be made: ")
    assert server.wait(busy, timeout=400)["state"] == "done"


def test_a_stream_opened_late_still_gets_every_frame(server: Server) -> None:
    briefing_id = server.submit(long_article(300, "Late Listener Arrives", seed=13), voice=VOICE)
    deadline = time.monotonic() + 120
    while httpx.get(f"{server.url}/media/{briefing_id}/cues.json").json()["cues"] == []:
        assert time.monotonic() < deadline, "no cue was laid out"
        time.sleep(0.1)
    listener = Listener(server, briefing_id).start()
    assert listener.ended.wait(400)
    assert server.wait(briefing_id)["state"] == "done"
    mp3 = httpx.get(f"{server.url}/media/{briefing_id}/audio.mp3").content
    assert bytes(listener.body) == mp3[id3_length(mp3[:10]):]


def test_not_found(server: Server) -> None:
    answer = httpx.get(f"{server.url}/media/{'0' * 32}/stream.mp3")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "no such briefing"}
