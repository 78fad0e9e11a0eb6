"""The web form's "hear this voice" samples against a real server: every voice, both engines."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import ebur128
from mutagen.mp3 import MP3
from server_fixture import Server

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
    saved = tmp_path / "sample.mp3"
    saved.write_bytes(first.content)
    integrated, true_peak = ebur128(saved)
    assert integrated == pytest.approx(-19.0, abs=1.0)
    assert true_peak <= -1.0


def test_unknown_voice_has_no_sample(server: Server) -> None:
    assert httpx.get(f"{server.url}/voices/nobody/sample.mp3").status_code == 404
    assert httpx.get(f"{server.url}/voices/..%2Fetc/sample.mp3").status_code == 404
