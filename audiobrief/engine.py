"""The speech engine seam: pyttsx3 driving espeak-ng from the espeakng-loader wheel."""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
from functools import cache
from pathlib import Path
from typing import Protocol

from .model import Voice


class Engine(Protocol):
    """Anything that turns spoken text into a mono 16-bit WAV file."""

    engine_id: str  #: name and version, part of every cache key

    def synthesize(self, text: str, voice: Voice, path: Path) -> None:
        """Write the WAV for text, in voice, to path (it may silently fail: verify it)."""
        ...


@cache
def load_espeak_library() -> str:
    """Make the bundled libespeak-ng visible to pyttsx3 and return its version."""
    import espeakng_loader

    os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
    library = ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
    library.espeak_Info.restype = ctypes.c_char_p
    version = library.espeak_Info(None)
    return version.decode() if version else "unknown"


def espeak_voice_ids() -> dict[str, str]:
    """espeak-ng voice ids mapped to their language codes, from the bundled data."""
    load_espeak_library()
    import pyttsx3

    engine = pyttsx3.init("espeak")
    return {voice.id: (voice.languages or [""])[0] for voice in engine.getProperty("voices")}


class Pyttsx3Engine:
    """One pyttsx3 engine for this process (espeak-ng can be initialised once per process)."""

    def __init__(self) -> None:
        version = load_espeak_library()
        import pyttsx3

        self.engine_id = f"pyttsx3-2.99/espeak-ng-{version}"
        self._engine = pyttsx3.init("espeak")
        self._voices = {voice.id for voice in self._engine.getProperty("voices")}
        self._warm_up()

    def _warm_up(self) -> None:
        """pyttsx3 2.99 drops the first long utterance of a process; a short one first avoids it."""
        scratch = Path(os.environ.get("TMPDIR", "/tmp")) / f"audiobrief-warmup-{os.getpid()}.wav"
        self._save("Ready.", scratch)
        scratch.unlink(missing_ok=True)

    def has_voice(self, engine_voice: str) -> bool:
        """True when espeak-ng knows this voice id."""
        return engine_voice in self._voices

    def synthesize(self, text: str, voice: Voice, path: Path) -> None:
        """Speak text into path as a 22,050 Hz mono WAV."""
        driver = self._engine.proxy._driver
        driver.setProperty("voice", voice.engine_voice)
        driver.setProperty("rate", voice.rate)
        driver.setProperty("pitch", voice.pitch)
        self._save(text, path)

    def _save(self, text: str, path: Path) -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
