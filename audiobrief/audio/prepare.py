"""Per-clip audio preparation (pydub): trim the engine's own silence, resample to 44.1 kHz."""

from __future__ import annotations

import audioop  # the standard library's until 3.13, then audioop-lts (both pydub's too)
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydub import AudioSegment

OUTPUT_RATE = 44100
TRIM_THRESHOLD_DBFS = -50.0
PREP_VERSION = "trim-50dB/44100/v2"  #: part of every cache key: change it when preparation changes
QUIET_LIMIT = int(32768 * 10 ** (TRIM_THRESHOLD_DBFS / 20))  #: largest quiet magnitude (103)



SCAN_BLOCK = 256  #: samples per step when looking for the first and last loud sample


def sound_bounds(pcm: bytes) -> tuple[int, int]:
    """First and one-past-last 16-bit sample louder than the trim threshold ((0, 0) for
    silence), found block by block with audioop (C), so the workers need no numpy."""
    view = memoryview(pcm)[: len(pcm) // 2 * 2].cast("h")
    count = len(view)
    blocks = range(0, count, SCAN_BLOCK)
    first = next((b for b in blocks if _loud(view[b : b + SCAN_BLOCK])), None)
    if first is None:
        return 0, 0
    last = next(b for b in reversed(blocks) if _loud(view[b : b + SCAN_BLOCK]))
    start = next(i for i in range(first, count) if abs(view[i]) > QUIET_LIMIT)
    end = next(i for i in range(min(last + SCAN_BLOCK, count) - 1, -1, -1) if abs(view[i]) > QUIET_LIMIT)
    return start, end + 1


def _loud(block: memoryview) -> bool:
    return audioop.max(block, 2) > QUIET_LIMIT


def prepare_clip(audio: AudioSegment, out_wav: Path) -> int:
    """Write the engine's audio, its own leading and trailing silence cut off to the sample and
    resampled to the output rate (pydub), as out_wav; return its sample count."""
    start, end = sound_bounds(audio.raw_data)
    if end > start:
        audio = audio._spawn(audio.raw_data[2 * start : 2 * end])
    audio = audio.set_frame_rate(OUTPUT_RATE).set_channels(1).set_sample_width(2)
    audio.export(out_wav, format="wav")
    return len(audio.raw_data) // 2
