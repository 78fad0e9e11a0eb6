"""The briefing's audio against its cues, for both engines and a briefing mixing them: speech
inside cues, silence between, exact pauses, loudness, no click where clips join, and a worker
killed mid-briefing changing nothing."""

from __future__ import annotations

import itertools
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from support.commands import FIXTURES, run
from support.sound import decode, ebur128

from audiobrief.model import Voice
from audiobrief.presets import load_voice

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server or browser

RATE = 44100
SILENT = 10 ** (-50 / 20)  #: below -50 dBFS counts as silence
EDGE_MS = 20  #: cue tolerance
#: Per briefing checked, its fixture and the preset it is made with (whose pauses it keeps): the
#: seed briefing of each engine's preset (conftest.py) and the mixed one below.
BRIEFINGS = {"en-us": ("seed_briefing", "en-us"), "en-us-espeak": ("seed_briefing_espeak", "en-us-espeak"),
             "mixed": ("mixed_briefing", "en-us")}


@pytest.fixture(scope="module")
def mixed_briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An English article (the neural voice) and a French one (espeak-ng, the fallback for a
    language with no neural voice) in one briefing, made once, with its own data folder."""
    folder = tmp_path_factory.mktemp("mixed")
    out = folder / "mixed.mp3"
    result = run("make", str(FIXTURES / "library-hours.txt"), str(FIXTURES / "marche-fermier.txt"),
                 "-o", str(out), home=folder / "home")
    assert result.returncode == 0, result.stderr
    assert "article 2 is in 'fr': read with espeak-ng voice roa/fr" in result.stdout
    return out


@pytest.fixture(params=sorted(BRIEFINGS))
def briefing(request: pytest.FixtureRequest) -> tuple[str, Path]:
    """The preset a briefing is made with, and the briefing."""
    fixture, preset = BRIEFINGS[request.param]
    return preset, request.getfixturevalue(fixture)


def _sidecar(mp3: Path) -> dict:
    return json.loads(mp3.with_suffix(".json").read_text("utf-8"))


def _window(audio: np.ndarray, start_ms: float, end_ms: float) -> np.ndarray:
    return audio[int(start_ms * RATE / 1000) : int(end_ms * RATE / 1000)]


def test_cues_hold_speech_and_gaps_hold_silence(briefing: tuple[str, Path]) -> None:
    _, mp3 = briefing
    audio = decode(mp3)
    segments = _sidecar(mp3)["segments"]
    for index in random.Random(4).sample(range(len(segments) - 1), 10):
        cue, following = segments[index], segments[index + 1]
        spoken = _window(audio, cue["start_ms"] + EDGE_MS, cue["end_ms"] - EDGE_MS)
        frames = spoken[: spoken.size // 441 * 441].reshape(-1, 441)
        active = (np.sqrt((frames ** 2).mean(axis=1)) > 0.01).mean()
        assert active > 0.6, f"cue {cue['id']} is mostly silent ({active:.0%} active)"
        gap = _window(audio, cue["end_ms"] + EDGE_MS, following["start_ms"] - EDGE_MS)
        assert gap.size and np.abs(gap).max() < SILENT, f"sound between {cue['id']} and {following['id']}"


def _sound_edges(audio: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    loud = np.abs(audio) > SILENT
    change = np.diff(loud.astype(np.int8))
    return np.flatnonzero(change == 1) + 1, np.flatnonzero(change == -1) + 1


def _expected_pause(cue_id: str, following_id: str, voice: Voice) -> int:
    """The pause the preset puts between two segments, from their ids ("intro-s0", "a0-title-s1",
    "a1-p3-s0"): between articles (the intro counts as one), paragraphs, or sentences."""
    if cue_id.split("-")[0] != following_id.split("-")[0]:
        return voice.article_pause_ms
    if cue_id.rsplit("-", 1)[0] != following_id.rsplit("-", 1)[0]:
        return voice.paragraph_pause_ms
    return voice.sentence_pause_ms


def test_pauses_match_the_preset(briefing: tuple[str, Path]) -> None:
    name, mp3 = briefing
    voice = load_voice(name)
    audio = decode(mp3)
    starts, ends = _sound_edges(audio)
    segments = _sidecar(mp3)["segments"]
    checked = 0
    for cue, following in itertools.pairwise(segments):
        expected = _expected_pause(cue["id"], following["id"], voice)
        last_sound = ends[ends <= following["start_ms"] * RATE / 1000 - RATE * 0.05].max()
        next_sound = starts[starts >= last_sound].min()
        measured = (next_sound - last_sound) * 1000 / RATE
        assert measured == pytest.approx(expected, abs=10), f"pause after {cue['id']}"
        checked += 1
    assert checked == len(segments) - 1


def test_loudness_and_true_peak(briefing: tuple[str, Path]) -> None:
    """-19 LUFS integrated (within 1 LU) and a true peak at most -1 dBTP, by ffmpeg's meter."""
    _, mp3 = briefing
    integrated, true_peak = ebur128(mp3)
    assert integrated == pytest.approx(-19.0, abs=1.0)
    assert true_peak <= -1.0


def test_no_click_where_clips_join(briefing: tuple[str, Path]) -> None:
    """At every clip's start and end, no step between samples is larger than the largest step
    inside the speech next to it."""
    _, mp3 = briefing
    audio = decode(mp3)
    steps = np.abs(np.diff(audio))
    for cue in _sidecar(mp3)["segments"]:
        for edge, inside in ((cue["start_ms"], (cue["start_ms"] + 5, cue["start_ms"] + 300)),
                             (cue["end_ms"], (cue["end_ms"] - 300, cue["end_ms"] - 5))):
            join = _window(steps, edge - 5, edge + 5).max()
            speech = _window(steps, *inside).max()
            assert join <= speech, f"a click at {edge} ms ({cue['id']}): {join:.3f} > {speech:.3f}"


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def _workers(pid: int) -> list[int]:
    """Pool workers: the command's children started by multiprocessing's spawn."""
    found = []
    for child in _children(pid):
        try:
            if "spawn_main" in Path(f"/proc/{child}/cmdline").read_text(errors="replace"):
                found.append(child)
        except FileNotFoundError:
            continue
    return found


def test_killed_worker_leaves_the_briefing_unchanged(seed_path: Path, seed_briefing_espeak: Path,
                                                      tmp_path: Path) -> None:
    """With espeak-ng, whose clips are the same length whichever process speaks them (Piper
    draws each phoneme's length at random, so only its cache makes a briefing repeatable)."""
    seed_briefing = seed_briefing_espeak
    out = tmp_path / "killed.mp3"
    env = {**os.environ, "AUDIOBRIEF_HOME": str(tmp_path / "home")}
    process = subprocess.Popen([sys.executable, "-m", "audiobrief", "make", str(seed_path), "-o", str(out),
                                "--voice", "en-us-espeak"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    victim = None
    deadline = time.monotonic() + 60
    while victim is None and time.monotonic() < deadline and process.poll() is None:
        workers = _workers(process.pid)
        if workers and list((tmp_path / "home" / "cache" / "clips").glob("*/*.wav")):
            victim = workers[0]
            os.kill(victim, signal.SIGKILL)
        time.sleep(0.02)
    _, stderr = process.communicate(timeout=600)
    assert victim is not None, "no worker was seen to kill"
    assert process.returncode == 0, stderr
    assert _sidecar(out)["duration_ms"] == _sidecar(seed_briefing)["duration_ms"]
    assert [s["id"] for s in _sidecar(out)["segments"]] == [
        s["id"] for s in _sidecar(seed_briefing)["segments"]]


def test_mixed_briefing_calibrates_only_its_fallback_voice(mixed_briefing: Path) -> None:
    """Its loudness is checked with the others'; the shipped neural voice comes measured, so
    the French espeak-ng voice is the only one calibrated."""
    calibrations = json.loads((mixed_briefing.parent / "home" / "cache" / "loudness.json").read_text("utf-8"))
    assert len(calibrations) == 1
    # the intro and both articles: the pause test meets the pauses between articles here
    assert {cue["id"].split("-")[0] for cue in _sidecar(mixed_briefing)["segments"]} == {"intro", "a0", "a1"}
