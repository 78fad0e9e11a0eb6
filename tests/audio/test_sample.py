"""The voice sample's level: one sentence brought to the briefings' integrated loudness, its peaks
limited, whatever its wording does to its loudness."""

from __future__ import annotations

import numpy as np
import pytest

from audiobrief.audio.loudness import TARGET_LUFS, apply_gain_limited, integrated_loudness
from audiobrief.audio.sample import sample_gain_db

RATE = 44100


def speech_like(level: float, spikes_per_s: int) -> bytes:
    """Two seconds of a 220 Hz tone at this level with short spikes near full scale (the sharp
    consonants that the limiter holds down while adding little to the loudness)."""
    sound = level * np.sin(2 * np.pi * 220 * np.arange(2 * RATE) / RATE)
    for start in range(0, sound.size, RATE // spikes_per_s) if spikes_per_s else ():
        sound[start:start + 64] = 0.9
    return (sound * 32767).astype("<i2").tobytes()


def loudness(pcm: bytes) -> float:
    return integrated_loudness(np.frombuffer(pcm, "<i2") / 32768, RATE)


@pytest.mark.parametrize(("level", "spikes_per_s"), [(0.05, 0), (0.5, 0), (0.1, 3), (0.1, 10), (0.05, 10)])
def test_the_sample_lands_on_the_target_after_its_peaks_are_limited(level: float, spikes_per_s: int) -> None:
    pcm = speech_like(level, spikes_per_s)
    levelled = apply_gain_limited(pcm, sample_gain_db(pcm, RATE))
    assert loudness(levelled) == pytest.approx(TARGET_LUFS, abs=0.1)
    assert np.abs(np.frombuffer(levelled, "<i2")).max() <= 32768 * 10 ** (-2 / 20)


def test_measuring_once_would_leave_a_limited_sample_quiet() -> None:
    """What the second measurement is for: the gain from the sentence alone, then limited, is low."""
    pcm = speech_like(0.1, 10)
    once = apply_gain_limited(pcm, TARGET_LUFS - loudness(pcm))
    assert loudness(once) < TARGET_LUFS - 0.5
