"""Voice presets: small TOML files shipped in voices/ (package audiobrief.voices)."""

from __future__ import annotations

import tomllib
from dataclasses import fields
from importlib import resources

from .errors import VoiceError
from .model import Voice

DEFAULT_VOICE = "en-us"
_INT_FIELDS = {"rate", "pitch", "sentence_pause_ms", "paragraph_pause_ms", "article_pause_ms"}


def preset_names() -> list[str]:
    """Names of the shipped presets, sorted."""
    folder = resources.files("audiobrief").joinpath("voices")
    return sorted(entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".toml"))


def list_voices() -> list[Voice]:
    """Every shipped preset, sorted by name."""
    return [load_voice(name) for name in preset_names()]


def load_voice(name: str) -> Voice:
    """The preset called name, checked field by field."""
    entry = resources.files("audiobrief").joinpath("voices").joinpath(f"{name}.toml")
    if "/" in name or not entry.is_file():
        known = ", ".join(preset_names())
        raise VoiceError(f"unknown voice '{name}': choose one of {known} (see `audiobrief voices`)")
    try:
        data = tomllib.loads(entry.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise VoiceError(f"voice preset '{name}' is not valid TOML ({exc}): fix the file") from exc
    allowed = {f.name for f in fields(Voice)} - {"name"}
    unknown = set(data) - allowed
    if unknown:
        raise VoiceError(f"voice preset '{name}' has unknown keys {sorted(unknown)}: remove them")
    for key in _INT_FIELDS & set(data):
        if not isinstance(data[key], int) or data[key] < 0:
            raise VoiceError(f"voice preset '{name}': {key} must be a non-negative whole number")
    if "engine_voice" not in data:
        raise VoiceError(f"voice preset '{name}' lacks engine_voice: add an espeak-ng voice id")
    return Voice(name=name, **data)
