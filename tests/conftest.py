"""Shared fixtures: an isolated data folder, the seed article, small articles of our own, one headless
Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from chromium import TIMEOUT_MS, csp_watched, launched_chromium
from playwright.sync_api import Browser, Page
from services import Postgres, Redis

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "atacms-newsweek.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = REPO / "samples" / "harbor-bridge.txt"


@pytest.fixture(autouse=True, scope="session")
def audiobrief_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test runs with its own data folder, never the user's."""
    home = tmp_path_factory.mktemp("audiobrief-home")
    patcher = pytest.MonkeyPatch()
    patcher.setenv("AUDIOBRIEF_HOME", str(home))
    yield home
    patcher.undo()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The real article copied from a web page (../shared/seed): a fresh clone has no ../shared,
    so tests needing it skip there, but fail under CI=true, where it must be present."""
    if not SEED.exists():
        reason = f"the seed article is not at {SEED} (a clone without ../shared beside it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI=true needs it")
        pytest.skip(reason)
    return SEED


def run(*args: str, stdin: str | None = None, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the audiobrief command as a user would."""
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)} if home else None
    return subprocess.run([sys.executable, "-m", "audiobrief", *args], capture_output=True,
                          text=True, input=stdin, timeout=900, env=env)


def make_seed_briefing(seed_path: Path, folder: Path, *options: str) -> Path:
    """The seed article made into a briefing in folder, with a cold cache of its own."""
    out = folder / "a.mp3"
    result = run("make", str(seed_path), "-o", str(out), *options, home=folder / "home")
    assert result.returncode == 0, result.stderr
    out.with_suffix(".summary").write_text(result.stdout, "utf-8")
    out.with_suffix(".stderr").write_text(result.stderr, "utf-8")
    return out


@pytest.fixture(scope="session")
def seed_briefing(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article made into a briefing once, with the default (neural) voice."""
    return make_seed_briefing(seed_path, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="session")
def seed_briefing_espeak(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article made into a briefing once, with the espeak-ng preset."""
    return make_seed_briefing(seed_path, tmp_path_factory.mktemp("seed-espeak"), "--voice", "en-us-espeak")


def write_wav(path: Path, pcm: bytes, rate: int = 44100) -> Path:
    """A 16-bit mono WAV of pcm at path (its folder made if need be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm)
    return path


def decode(path: Path) -> np.ndarray:
    """An MP3 decoded by ffmpeg to 44.1 kHz mono float samples in [-1, 1]."""
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is missing: run the tests through scripts/test.sh"
    raw = subprocess.run([ffmpeg, "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1",
                          "-ar", "44100", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768


def require_ffprobe() -> str:
    """Path of ffprobe; scripts/test.sh installs it, so its absence is a setup failure."""
    found = shutil.which("ffprobe")
    assert found, "ffprobe is missing: run the tests through scripts/test.sh"
    return found


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of an audio file, by ffmpeg's ebur128."""
    import re
    import subprocess

    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is missing: run the tests through scripts/test.sh"
    report = subprocess.run(
        [ffmpeg, "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True, text=True, check=True).stderr
    summary = report[report.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return integrated, peak


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """A PostgreSQL cluster of the test session's own (started at its first use)."""
    server = Postgres().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis() -> Iterator[Redis]:
    """A redis-server of the test session's own (started at its first use)."""
    server = Redis().start()
    yield server
    server.stop()


#: the server set-ups the API and feed tests run against (the cluster ones are slow)
SERVER_MODES = ["sqlite", pytest.param("cluster", marks=pytest.mark.slow)]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session's browser tests (each test opens contexts of its own)."""
    with launched_chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in a context of its own, with generous timeouts (briefings are made for real);
    nothing on it may break the server's Content-Security-Policy."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    opened, blocked = csp_watched(context)
    yield opened
    context.close()
    assert blocked == []
