"""Both engines voice the sample article, heard by a machine listener (PocketSphinx and its
bundled English model): the neural voice is understood far better, and both keep the same pace."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from support.commands import SAMPLE, run
from support.heard import word_error_rate, words_of

pytestmark = pytest.mark.slow
LISTENER_RATE = 16000  #: PocketSphinx's English model hears 16 kHz audio
VOICES = ("en-us", "en-us-espeak")  #: the neural voice first, then espeak-ng


@pytest.fixture(scope="module")
def briefings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample article made by each engine's newsreader-pace preset."""
    folder = tmp_path_factory.mktemp("heard")
    made = {}
    for voice in VOICES:
        out = folder / f"{voice}.mp3"
        result = run("make", str(SAMPLE), "-o", str(out), "--voice", voice, home=folder / "home")
        assert result.returncode == 0, result.stderr
        made[voice] = out
    return made


def transcribed_wer(mp3: Path) -> float:
    """PocketSphinx's word error rate on each cue of the briefing against its spoken text (the decoder
    holds the GIL, so each briefing is heard in a process of its own)."""
    from pocketsphinx import Decoder

    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is missing: run the tests through scripts/test.sh"
    raw = subprocess.run([ffmpeg, "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1",
                          "-ar", str(LISTENER_RATE), "-"], capture_output=True, check=True).stdout
    pcm = np.frombuffer(raw, "<i2")
    decoder = Decoder(samprate=LISTENER_RATE, loglevel="FATAL")
    reference: list[str] = []
    heard: list[str] = []
    per_ms = LISTENER_RATE // 1000
    for cue in json.loads(mp3.with_suffix(".json").read_text("utf-8"))["segments"]:
        decoder.start_utt()
        decoder.process_raw(pcm[cue["start_ms"] * per_ms : cue["end_ms"] * per_ms].tobytes(), full_utt=True)
        decoder.end_utt()
        reference += words_of(cue["spoken"])
        heard += words_of(decoder.hyp().hypstr if decoder.hyp() else "")
    return word_error_rate(reference, heard)


def test_word_error_rate_helper() -> None:
    assert word_error_rate(["a", "b", "c", "d"], ["a", "x", "c"]) == 0.5
    assert word_error_rate(["a"], ["a"]) == 0.0


def test_neural_voice_is_understood_better(briefings: dict[str, Path]) -> None:
    with ProcessPoolExecutor(len(VOICES), mp_context=multiprocessing.get_context("spawn")) as listeners:
        neural, espeak = listeners.map(transcribed_wer, (briefings[voice] for voice in VOICES))
    assert neural < 0.45, f"neural word error rate {neural:.3f}"
    assert neural <= 0.6 * espeak, f"neural {neural:.3f} against espeak-ng {espeak:.3f}"


def _pace(mp3: Path) -> float:
    """Words a minute while speaking (the cues' time, pauses left out)."""
    segments = json.loads(mp3.with_suffix(".json").read_text("utf-8"))["segments"]
    words = sum(len(s["spoken"].split()) for s in segments)
    return words * 60000 / sum(s["end_ms"] - s["start_ms"] for s in segments)


def test_both_engines_speak_a_preset_at_the_same_pace(briefings: dict[str, Path]) -> None:
    neural, espeak = _pace(briefings["en-us"]), _pace(briefings["en-us-espeak"])
    assert neural == pytest.approx(espeak, rel=0.05), f"{neural:.0f} against {espeak:.0f} words a minute"


def test_both_engines_keep_the_same_pace_at_another_rate(tmp_path: Path) -> None:
    paces = {}
    for voice in VOICES:
        out = tmp_path / f"{voice}.mp3"
        result = run("make", str(SAMPLE), "-o", str(out), "--voice", voice, "--rate", "262",
                     home=tmp_path / "home")
        assert result.returncode == 0, result.stderr
        paces[voice] = _pace(out)
    assert paces["en-us"] == pytest.approx(paces["en-us-espeak"], rel=0.05), paces
    assert paces["en-us"] > 240, paces
