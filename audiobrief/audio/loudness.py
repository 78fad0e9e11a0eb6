"""Loudness: one calibrated gain per voice (ITU-R BS.1770) and a peak limiter per clip."""

from __future__ import annotations

import json
import math
import os
import wave
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import scratch_beside

if TYPE_CHECKING:
    import numpy as np

TARGET_LUFS = -19.0  #: integrated loudness for mono speech (AES TD1004)
CEILING_DBFS = -2.0  #: sample ceiling, leaving room for the encoder to stay under -1 dBTP
CALIBRATION_TEXT = (
    "This is a short calibration passage. It has the ordinary rhythm of news speech, with "
    "statements, numbers such as twenty twenty-four, and a question now and then? Reporters say "
    "the measure passed on Tuesday, and officials expect further changes before the summer."
)
_BLOCK = 64  #: limiter block length in samples (1.5 ms at 44.1 kHz)
#: Integrated loudness (LUFS) of CALIBRATION_TEXT as a shipped voice speaks it, by the calibration
#: clip's cache key (which holds the engine, its version, the model's SHA-256 and every synthesis
#: and preparation setting): the default preset (Piper en_US-joe-medium at 175 words a minute)
#: needs no calibration passage before its first clip. The mean of 4 runs (Piper's noise varies
#: it by about 0.2 LU); tests/test_loudness.py speaks the passage again and checks both the key
#: and the figure, so a changed model or setting is noticed. Other voices are measured once.
SHIPPED_LOUDNESS = {
    "500c0d8b738aee3c74dd77f7d77eea2eb39ee419a7d59d08dacf88276b26b8db": -27.46,
}


def measure_lufs(path: Path) -> float:
    """Integrated loudness of a 16-bit mono WAV."""
    import numpy as np

    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    return integrated_loudness(data.astype(np.float64) / 32768, rate)


def _biquad_response(b: tuple[float, float, float], a: tuple[float, float, float],
                     z1: np.ndarray) -> np.ndarray:
    """Frequency response of one biquad at z1 = exp(-i omega), built in place (these arrays are
    as long as the calibration passage)."""
    z2 = z1 * z1
    numerator = b[2] * z2
    numerator += b[1] * z1
    numerator += b[0]
    z2 *= a[2]
    z2 += a[1] * z1
    z2 += a[0]
    numerator /= z2
    return numerator


def _k_weighting(rate: int, z1: np.ndarray) -> np.ndarray:
    """Frequency response of the BS.1770 K-weighting (a high shelf, then a high pass) at
    z1 = exp(-i omega)."""
    gain_db, shelf_q, shelf_hz = 4.0, 1 / math.sqrt(2), 1500.0
    amp = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * shelf_hz / rate
    alpha = math.sin(w0) / (2 * shelf_q)
    cos, root = math.cos(w0), 2 * math.sqrt(amp) * alpha
    shelf = _biquad_response(
        (amp * ((amp + 1) + (amp - 1) * cos + root), -2 * amp * ((amp - 1) + (amp + 1) * cos),
         amp * ((amp + 1) + (amp - 1) * cos - root)),
        ((amp + 1) - (amp - 1) * cos + root, 2 * ((amp - 1) - (amp + 1) * cos),
         (amp + 1) - (amp - 1) * cos - root), z1)
    pass_q, pass_hz = 0.5, 38.0
    w0 = 2 * math.pi * pass_hz / rate
    alpha, cos = math.sin(w0) / (2 * pass_q), math.cos(w0)
    high_pass = _biquad_response(((1 + cos) / 2, -(1 + cos), (1 + cos) / 2),
                                 (1 + alpha, -2 * cos, 1 - alpha), z1)
    shelf *= high_pass
    return shelf


def _k_weighted(samples: np.ndarray, rate: int) -> np.ndarray:
    """samples through the K-weighting by FFT overlap-add: pieces of about 3 s, each followed by
    room for the filters' response to die out (under 0.2 s)."""
    import numpy as np

    tail = 1 << math.ceil(math.log2(rate / 5))
    size = 16 * tail
    piece = size - tail
    response = _k_weighting(rate, np.exp(-2j * math.pi * np.fft.rfftfreq(size)))
    out = np.zeros(samples.size + size)
    for start in range(0, samples.size, piece):
        spectrum = np.fft.rfft(samples[start:start + piece], size) * response
        out[start:start + size] += np.fft.irfft(spectrum, size)
    return out[: samples.size]


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """ITU-R BS.1770-4 gated loudness of mono float samples in [-1, 1], in LUFS.

    The K-weighting filters are applied in the frequency domain, piece by piece (FFT
    overlap-add), which for these fast-decaying filters matches time-domain filtering to well
    under 0.1 LU and keeps the arrays small.
    """
    import numpy as np

    weighted = _k_weighted(samples, rate)
    block, step = int(0.4 * rate), int(0.1 * rate)
    if weighted.size < block:
        return -math.inf
    weighted *= weighted
    energy = np.concatenate(([0.0], np.cumsum(weighted)))
    starts = np.arange(0, weighted.size - block + 1, step)
    power = (energy[starts + block] - energy[starts]) / block
    power = power[power > 10 ** ((-70 + 0.691) / 10)]
    if not power.size:
        return -math.inf
    relative_gate = 10 ** ((-0.691 + 10 * math.log10(power.mean()) - 10 + 0.691) / 10)
    power = power[power > relative_gate]
    return -0.691 + 10 * math.log10(power.mean())


def known_gain_db(cache_file: Path, key: str, target_lufs: float = TARGET_LUFS) -> float | None:
    """The gain for a shipped voice or a voice measured before (None for any other)."""
    measured = SHIPPED_LOUDNESS.get(key)
    if measured is None:
        measured = _read_measurements(cache_file).get(key)
    return None if measured is None else target_lufs - measured


def voice_gain_db(calibration_wav: Path, cache_file: Path, key: str,
                  target_lufs: float = TARGET_LUFS) -> float:
    """Gain bringing this voice to target_lufs, measured once per voice and cached in cache_file."""
    known = _read_measurements(cache_file)
    if key not in known:
        known[key] = measure_lufs(calibration_wav)
        scratch = scratch_beside(cache_file, "part")
        scratch.write_text(json.dumps(known, indent=1), "utf-8")
        os.replace(scratch, cache_file)
    return target_lufs - known[key]


def _read_measurements(cache_file: Path) -> dict[str, float]:
    """Loudness measured per voice key, from cache_file (empty when missing or unreadable)."""
    try:
        return json.loads(cache_file.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def apply_gain_limited(pcm: bytes, gain_db: float, ceiling_dbfs: float = CEILING_DBFS) -> bytes:
    """16-bit PCM with gain applied and peaks held under the ceiling by a smooth block limiter:
    the gain each short block needs, held over its neighbours and interpolated between block
    centres, worked out only around the blocks that need any (few full passes: this runs on
    every sample of the briefing)."""
    import numpy as np

    ints = np.frombuffer(pcm, dtype="<i2")
    if not ints.size:
        return pcm
    factor = math.pow(10, gain_db / 20)
    ceiling = 32768 * math.pow(10, ceiling_dbfs / 20)
    samples = ints * np.float32(factor)
    block_peaks = _block_peaks(ints) * factor
    if block_peaks.max() > ceiling:
        _limit(samples, block_peaks, ceiling)
    return samples.astype("<i2").tobytes()


def _block_peaks(ints: np.ndarray) -> np.ndarray:
    """Largest magnitude in each block of _BLOCK samples (the last block may be short)."""
    import numpy as np

    whole = ints.size // _BLOCK * _BLOCK
    blocks = [ints[:whole].reshape(-1, _BLOCK)] + ([ints[whole:].reshape(1, -1)] if whole < ints.size else [])
    return np.concatenate([np.maximum(b.max(axis=1).astype(np.int32), -b.min(axis=1).astype(np.int32))
                           for b in blocks]).astype(np.float64)


def _limit(samples: np.ndarray, block_peaks: np.ndarray, ceiling: float) -> None:
    """Scale samples in place around the blocks whose peaks pass the ceiling, without clicks."""
    import numpy as np

    count = samples.size
    block_gain = np.minimum(1.0, ceiling / np.maximum(block_peaks, 1e-9)).astype(np.float32)
    held = block_gain.copy()
    held[1:] = np.minimum(held[1:], block_gain[:-1])
    held[:-1] = np.minimum(held[:-1], block_gain[1:])
    limited = held < 1.0
    near = limited.copy()
    near[1:] |= limited[:-1]
    near[:-1] |= limited[1:]
    positions = (np.flatnonzero(near)[:, None] * _BLOCK + np.arange(_BLOCK)).ravel()
    positions = positions[positions < count]
    centres = np.arange(held.size) * _BLOCK + _BLOCK / 2
    samples[positions] *= np.interp(positions, centres, held).astype(np.float32)
