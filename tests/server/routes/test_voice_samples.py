"""Voices in the web app, against a real server: the form's "hear this voice" samples (every
voice, both engines), and the speech workers (with their loaded model) kept between briefings."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from mutagen.mp3 import MP3
from support.server import STORIES, Server
from support.sound import ebur128

from audiobrief.presets import preset_names

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("samples")).start()
    yield running
    running.stop()


def test_form_links_a_sample_of_every_voice(server: Server) -> None:
    form = httpx.get(f"{server.url}/").text
    for name in preset_names():
        assert f'href="/voices/{name}/sample.mp3"' in form


@pytest.mark.parametrize("name", ["en-us", "en-us-espeak"])
def test_sample_is_a_few_seconds_of_mp3_made_once(server: Server, name: str, tmp_path: Path) -> None:
    url = f"{server.url}/voices/{name}/sample.mp3"
    first = httpx.get(url, timeout=120)
    assert first.status_code == 200 and first.headers["content-type"] == "audio/mpeg"
    assert len(first.content) < 100_000
    info = MP3(io.BytesIO(first.content)).info
    assert 2 < info.length < 15 and info.sample_rate == 44100 and info.channels == 1
    again = httpx.get(url, timeout=30)
    assert again.content == first.content, "the sample is made once, then served from the cache"
    assert httpx.head(url).status_code == 200
    revalidated = httpx.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert revalidated.status_code == 304 and revalidated.content == b""
    saved = tmp_path / "sample.mp3"
    saved.write_bytes(first.content)
    integrated, true_peak = ebur128(saved)
    assert integrated == pytest.approx(-19.0, abs=1.0)
    assert true_peak <= -1.0


def test_unknown_voice_has_no_sample(server: Server) -> None:
    unknown = httpx.get(f"{server.url}/voices/nobody/sample.mp3")
    assert (unknown.status_code, unknown.json()) == (404, {"detail": "no such voice"})
    assert httpx.get(f"{server.url}/voices/..%2Fetc/sample.mp3").status_code == 404


def _speech_workers(server: Server) -> set[int]:
    """The server's child processes started by multiprocessing's spawn (from any of its threads)."""
    assert server.process is not None
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = stat.with_name("cmdline").read_bytes()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if parent == server.process.pid and b"spawn_main" in command:
            found.add(int(stat.parent.name))
    return found


def test_speech_workers_stay_loaded_between_briefings(server: Server) -> None:
    server.make(STORIES["ferry"])
    first = _speech_workers(server)
    assert first, "no speech worker after a briefing"
    server.make(STORIES["ferry"].replace("ferry", "boat"))
    assert _speech_workers(server) == first
