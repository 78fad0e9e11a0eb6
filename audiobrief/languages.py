"""Which voice speaks an article's language: a neural (Piper) voice for it, else the espeak-ng
voice for it from the bundled espeak-ng data."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from .model import Voice


@cache
def espeak_language_voices() -> dict[str, str]:
    """Language tags (lower case, e.g. "fr", "pt-br") mapped to espeak-ng voice ids ("roa/fr")."""
    import espeakng_loader

    root = Path(os.environ.get("ESPEAK_DATA_PATH") or espeakng_loader.get_data_path()) / "lang"
    voices: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            voice_id = path.relative_to(root).as_posix()
            voices.setdefault(path.name.lower(), voice_id)
    return voices


def voice_for_language(voice: Voice, language: str, neural: Sequence[Voice] = ()) -> Voice:
    """voice itself when it speaks language (or the language is unknown to espeak-ng), else a
    copy speaking that language: with the first of the neural voices that speaks it, or with
    espeak-ng's voice for it (the fallback for a language with no neural voice)."""
    language = language.lower()
    if not language or language == voice.language.lower():
        return voice
    for candidate in neural:
        if candidate.language.lower() == language:
            return replace(voice, engine=candidate.engine, engine_voice=candidate.engine_voice,
                           language=language, origin=candidate.origin)
    engine_voice = espeak_language_voices().get(language)
    if engine_voice is None:
        return voice
    return replace(voice, engine="espeak-ng", engine_voice=engine_voice, language=language)
