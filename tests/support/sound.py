"""Writing and reading sound in tests: WAV files, decoded samples, loudness by ffmpeg's EBU R 128 filter."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np


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
