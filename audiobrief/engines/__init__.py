"""Speech engines: one protocol, one module per engine. A voice preset names its engine; only
this package turns that name into an engine."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Protocol

from ..errors import VoiceError
from ..model import Voice
from .piper import WORKING_MEMORY_BUDGET as WORKING_MEMORY_BUDGET  # the speech workers' bound

ESPEAK = "espeak-ng"
PIPER = "piper"
ENGINES = (ESPEAK, PIPER)


class Engine(Protocol):
    """Anything that turns spoken text into a mono 16-bit WAV file."""

    engine_id: str  #: name, version, model and settings: part of every cache key

    def start(self) -> None:
        """Load what the first utterance would otherwise wait for."""
        ...

    def synthesize(self, text: str, voice: Voice, path: Path) -> None:
        """Write the WAV for text, in voice, to path (it may silently fail: verify it)."""
        ...


def check_engine(voice: Voice) -> None:
    """VoiceError unless the voice names an engine audiobrief has."""
    if voice.engine not in ENGINES:
        raise VoiceError(f"voice preset '{voice.name}' names engine '{voice.engine}': "
                         f"use one of {', '.join(ENGINES)}")


def engine_id(voice: Voice) -> str:
    """The id of the engine that speaks voice, without loading it (for cache keys)."""
    check_engine(voice)
    if voice.engine == PIPER:
        from .piper import piper_engine_id

        return piper_engine_id(voice)
    from .espeak import pyttsx3_engine_id

    return pyttsx3_engine_id()


_engines: dict[tuple[str, str], Engine] = {}
_making = threading.Lock()


def engine_for(voice: Voice) -> Engine:
    """This process's engine for voice, made on first use and kept (a Piper model stays loaded)."""
    check_engine(voice)
    key = (voice.engine, voice.engine_voice if voice.engine == PIPER else "")
    with _making:
        if key not in _engines:
            if voice.engine == PIPER:
                from .piper import PiperEngine

                _engines[key] = PiperEngine(voice)
            else:
                from .espeak import Pyttsx3Engine

                _engines[key] = Pyttsx3Engine()
        return _engines[key]


def voice_label(voice: Voice) -> str:
    """The engine and its voice, for messages: "espeak-ng voice roa/fr", "piper voice NAME"."""
    name = voice.engine_voice
    if voice.engine == PIPER:
        name = Path(name).name.removesuffix(".onnx")
    return f"{voice.engine} voice {name}"


def prepare_shared_data() -> None:
    """Make what every worker's engines share, once, before the workers start (espeak-ng's data
    folder with audiobrief's voice variant), rather than by every worker at the same time."""
    from .espeak import espeak_data_path

    espeak_data_path()


def is_neural(voice: Voice) -> bool:
    """Whether the voice is neural (preferred for an article in its language over espeak-ng)."""
    return voice.engine == PIPER


def workers_for(voice: Voice, cores: int) -> int:
    """Speech worker processes for a briefing read mainly in voice: one per core for espeak-ng;
    one for Piper, whose loaded model is too large to hold twice within the memory bound."""
    return 1 if voice.engine == PIPER else cores


def threads_for(voice: Voice, cores: int) -> int:
    """Utterances each speech worker speaks at once: for Piper one per core, all on the one
    loaded model (its onnxruntime session runs each on the calling thread, without holding
    Python's lock: measured faster on 2 cores than one utterance on two onnxruntime threads);
    one for espeak-ng (pyttsx3's engine is not thread-safe)."""
    return cores if voice.engine == PIPER else 1


def working_memory(voice: Voice, spoken: str) -> int:
    """Bytes the engine holds at most while speaking `spoken` (0 where that is small): for Piper
    from the phonemes the loaded model will speak."""
    if voice.engine != PIPER:
        return 0
    from .piper import PiperEngine

    engine = engine_for(voice)
    assert isinstance(engine, PiperEngine)
    return engine.working_memory(spoken, voice)


def sample_rate(voice: Voice) -> int:
    """The rate the engine speaks voice at, before audiobrief resamples it."""
    if voice.engine == PIPER:
        from .piper import model_config

        return int(model_config(voice)["audio"]["sample_rate"])
    return 22050
