"""Per-clip audio preparation (pydub): trim the engine's own silence, resample to 44.1 kHz."""

from __future__ import annotations

from pathlib import Path

from pydub import AudioSegment
from pydub.silence import detect_leading_silence

OUTPUT_RATE = 44100
TRIM_THRESHOLD_DBFS = -50.0
PREP_VERSION = "trim-50dB/44100/v1"  #: part of every cache key: change it when preparation changes


def prepare_clip(engine_wav: Path, out_wav: Path) -> int:
    """Write engine_wav trimmed and resampled as out_wav; return its sample count."""
    audio = AudioSegment.from_wav(engine_wav)
    lead = detect_leading_silence(audio, TRIM_THRESHOLD_DBFS, chunk_size=1)
    trail = detect_leading_silence(audio.reverse(), TRIM_THRESHOLD_DBFS, chunk_size=1)
    if lead + trail < len(audio):
        audio = audio[lead : len(audio) - trail]
    audio = audio.set_frame_rate(OUTPUT_RATE).set_channels(1).set_sample_width(2)
    audio.export(out_wav, format="wav")
    return len(audio.raw_data) // 2
