"""Which espeak-ng voice speaks a language, read from the bundled espeak-ng data."""

from __future__ import annotations

import os
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


def voice_for_language(voice: Voice, language: str) -> Voice:
    """voice itself when it speaks language (or the language is unknown to espeak-ng), else a
    copy using the espeak-ng voice for that language."""
    language = language.lower()
    if not language or language == voice.language.lower():
        return voice
    engine_voice = espeak_language_voices().get(language)
    if engine_voice is None:
        return voice
    return replace(voice, engine_voice=engine_voice, language=language)
