"""Loudness measurement against ffmpeg's EBU R128 meter, and the peak limiter."""

from __future__ import annotations

import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from support.sound import ebur128, write_wav

from audiobrief.audio.cache import ClipCache
from audiobrief.audio.loudness import (
    CALIBRATION_TEXT,
    SHIPPED_LOUDNESS,
    apply_gain_limited,
    integrated_loudness,
    known_gain_db,
    measure_lufs,
)
from audiobrief.audio.synth import SynthJob, synthesize_one
from audiobrief.engines import engine_id
from audiobrief.presets import DEFAULT_VOICE, load_voice

DEFAULT = load_voice(DEFAULT_VOICE)


@pytest.mark.parametrize("rate", [22050, 44100, 48000])
def test_measure_matches_ffmpeg(rate: int, tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    seconds = np.arange(rate * 6) / rate
    bursts = (np.sin(2 * np.pi * 0.7 * seconds) > 0) * rng.normal(0, 0.1, seconds.size)
    signal = np.clip(bursts + 0.2 * np.sin(2 * np.pi * 440 * seconds), -1, 1)
    write_wav(tmp_path / "test.wav", (signal * 32767).astype("<i2").tobytes(), rate)
    reference, _ = ebur128(tmp_path / "test.wav")
    assert integrated_loudness(signal, rate) == pytest.approx(reference, abs=0.2)


def test_sine_reads_as_the_standard_says() -> None:
    rate = 48000
    seconds = np.arange(rate * 3) / rate
    signal = 10 ** (-20 / 20) * np.sin(2 * np.pi * 997 * seconds)
    assert integrated_loudness(signal, rate) == pytest.approx(-23.0, abs=0.1)


def test_limiter_holds_peaks_and_keeps_quiet_parts() -> None:
    rate = 44100
    seconds = np.arange(rate) / rate
    loud = 0.9 * np.sin(2 * np.pi * 220 * seconds)
    quiet = 0.05 * np.sin(2 * np.pi * 220 * seconds)
    pcm = (np.concatenate([quiet, loud]) * 32767).astype("<i2").tobytes()
    out = np.frombuffer(apply_gain_limited(pcm, 6.0, -2.0), dtype="<i2").astype(float) / 32768
    assert np.abs(out).max() <= 10 ** (-2 / 20) + 1e-3
    quiet_gain = np.abs(out[: rate // 2]).max() / 0.05
    assert 20 * math.log10(quiet_gain) == pytest.approx(6.0, abs=0.1)


def _calibration_loudness(folder: Path) -> float:
    """The shipped voice's calibration passage, spoken and prepared into folder's cache, measured."""
    clip = synthesize_one(SynthJob("calibration", CALIBRATION_TEXT, DEFAULT), ClipCache(folder))
    return measure_lufs(clip.path)


def test_shipped_voice_loudness_is_what_it_measures(tmp_path: Path) -> None:
    """The default preset's pre-measured loudness (SHIPPED_LOUDNESS) is recomputed: its
    calibration passage is spoken and prepared as in a briefing and measured. A changed model,
    setting or preparation changes the key; a changed level fails the figure (Piper's noise moves
    single runs by about 0.2 LU, so the mean of three is compared)."""
    key = ClipCache(tmp_path).path_for(engine_id(DEFAULT), DEFAULT, CALIBRATION_TEXT).stem
    assert key in SHIPPED_LOUDNESS, f"re-measure the shipped voice: its calibration key is now {key}"
    # Spoken in a fresh process, as briefings are: Piper's bundled espeak-ng must not meet the
    # system espeak-ng that other tests load into this process.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as speaker:
        measured = list(speaker.map(_calibration_loudness, [tmp_path / f"run{n}" for n in range(3)]))
    assert sum(measured) / 3 == pytest.approx(SHIPPED_LOUDNESS[key], abs=0.3), measured


def test_shipped_voice_needs_no_calibration_but_others_do(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    shipped = cache.path_for(engine_id(DEFAULT), DEFAULT, CALIBRATION_TEXT).stem
    # -19 LUFS wanted, the shipped voice measured at -27.46 LUFS: 8.46 dB up, with nothing spoken
    assert known_gain_db(tmp_path / "loudness.json", shipped) == pytest.approx(8.46)
    assert not (tmp_path / "loudness.json").exists()
    slower = replace(DEFAULT, rate=120)
    other = cache.path_for(engine_id(slower), slower, CALIBRATION_TEXT).stem
    assert known_gain_db(tmp_path / "loudness.json", other) is None
