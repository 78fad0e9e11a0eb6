"""The espeak-ng engine: pyttsx3 driving espeak-ng from the espeakng-loader wheel."""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import shutil
import tempfile
import threading
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Voice

if TYPE_CHECKING:
    import pyttsx3


UTTERANCE_TIMEOUT_S = 30.0  #: longest wait for one utterance (a segment is at most 300 characters)
VARIANT = "audiobrief"  #: our espeak-ng voice variant, added to every voice


def steady_data_path(bundled: Path, home: Path) -> Path:
    """An espeak-ng data folder that is the bundled one plus our variant (flutter off, so what
    a worker said before changes a sentence's audio far less; the README says what still changes),
    built once from symlinks in the data folder. Its variants folder holds only ours: every voice
    we ask for names it."""
    target = home / f"espeak-ng-data-{bundled.stat().st_mtime_ns}"
    if target.exists():
        return target
    scratch = Path(tempfile.mkdtemp(dir=home, prefix=".espeak-ng-data-"))
    try:
        variants = scratch / "voices" / "!v"
        variants.mkdir(parents=True)
        with os.scandir(bundled) as entries:
            for entry in entries:
                if entry.name != "voices":
                    os.symlink(entry.path, scratch / entry.name)
        variant = resources.files("audiobrief").joinpath("data/espeak-variant-steady").read_bytes()
        (variants / VARIANT).write_bytes(variant)
        try:
            scratch.rename(target)
        except OSError:
            if not target.is_dir():  # another process or thread made it first: that one is as good
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def espeak_data_path() -> Path:
    """Our espeak-ng data folder (see steady_data_path), made on first use in this data folder.
    Make it before starting workers, or each of them makes its own."""
    import espeakng_loader

    from ..settings import data_home

    return steady_data_path(Path(espeakng_loader.get_data_path()), data_home())


@cache
def load_espeak_library() -> str:
    """Make the bundled libespeak-ng visible to pyttsx3 and return its version."""
    import espeakng_loader

    os.environ["ESPEAK_DATA_PATH"] = str(espeak_data_path())
    library = ctypes.CDLL(espeakng_loader.get_library_path())
    library.espeak_Info.restype = ctypes.c_char_p
    version = library.espeak_Info(None)
    return version.decode() if version else "unknown"


@cache
def pyttsx3_engine_id() -> str:
    """Name and version of the engine the workers run (the main process needs it for cache keys)."""
    return f"pyttsx3-2.99/espeak-ng-{load_espeak_library()}+{VARIANT}"


class Pyttsx3Engine:
    """One pyttsx3 engine for this process (espeak-ng can be initialised once per process)."""

    def __init__(self) -> None:
        self.engine_id = pyttsx3_engine_id()
        self._pyttsx3: pyttsx3.Engine | None = None
        self._settings: tuple[str, int, int] | None = None
        self._finished = threading.Event()

    def start(self) -> None:
        """Start pyttsx3 and espeak-ng now rather than on the first utterance."""
        self._started()

    def _started(self) -> pyttsx3.Engine:
        """The pyttsx3 engine, started on first use."""
        if self._pyttsx3 is None:
            import pyttsx3

            self._pyttsx3 = pyttsx3.init("espeak")
            self._pyttsx3.connect("finished-utterance", self._on_finished)
        return self._pyttsx3

    def _apply(self, voice: Voice) -> None:
        """Set voice, rate and pitch on the driver itself, once espeak-ng is idle: pyttsx3's own
        command queue can apply them late, and its stop() cancels what espeak-ng has not done."""
        from pyttsx3.drivers import _espeak

        settings = (f"{voice.engine_voice}+{VARIANT}", voice.rate, voice.pitch)
        if settings == self._settings:
            return
        driver = self._started().proxy._driver
        _espeak.Synchronize()
        driver.setProperty("voice", settings[0])
        driver.setProperty("rate", voice.rate)
        driver.setProperty("pitch", voice.pitch)
        _espeak.Synchronize()
        self._settings = settings

    def synthesize(self, text: str, voice: Voice, path: Path) -> None:
        """Speak text into path as a 22,050 Hz mono WAV."""
        self._apply(voice)
        self._save(text, path)

    def _save(self, text: str, path: Path) -> None:
        """One utterance into one WAV, written by pyttsx3's espeak driver when espeak-ng reports
        the end of the message; this waits for the driver's "finished-utterance" event. The driver
        is started directly: pyttsx3's runAndWait polls with 10 ms sleeps (a quarter of a worker's
        time went idle), can return while espeak-ng is still speaking, and espeak_Synchronize
        polls every 20 ms. A WAV missing after the wait is caught by the clip checks."""
        driver = self._started().proxy._driver
        self._finished.clear()
        with contextlib.redirect_stdout(io.StringIO()):
            driver.save_to_file(text, str(path))
            driver._start_synthesis(text)
            self._finished.wait(UTTERANCE_TIMEOUT_S)

    def _on_finished(self, name: str, completed: bool) -> None:
        """pyttsx3 callback (on espeak-ng's thread, after the WAV is written)."""
        self._finished.set()
