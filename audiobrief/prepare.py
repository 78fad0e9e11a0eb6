"""Per-clip audio preparation (pydub): trim the engine's own silence, resample to 44.1 kHz."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from pydub import AudioSegment

OUTPUT_RATE = 44100
TRIM_THRESHOLD_DBFS = -50.0
PREP_VERSION = "trim-50dB/44100/v2"  #: part of every cache key: change it when preparation changes


def sound_bounds(samples: np.ndarray, threshold_dbfs: float = TRIM_THRESHOLD_DBFS) -> tuple[int, int]:
    """First and one-past-last sample louder than the threshold ((0, 0) for silence)."""
    import numpy as np

    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > 32768 * 10 ** (threshold_dbfs / 20))
    return (int(loud[0]), int(loud[-1]) + 1) if loud.size else (0, 0)


def prepare_clip(audio: AudioSegment, out_wav: Path) -> int:
    """Write the engine's audio, its own leading and trailing silence cut off to the sample and
    resampled to the output rate (pydub), as out_wav; return its sample count. (numpy and pydub
    are imported here, in the workers: the main process needs only this module's constants.)"""
    import numpy as np

    start, end = sound_bounds(np.frombuffer(audio.raw_data, dtype="<i2"))
    if end > start:
        audio = audio._spawn(audio.raw_data[2 * start : 2 * end])
    audio = audio.set_frame_rate(OUTPUT_RATE).set_channels(1).set_sample_width(2)
    audio.export(out_wav, format="wav")
    return len(audio.raw_data) // 2
