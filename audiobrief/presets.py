"""Voice presets: small TOML files shipped in voices/ (package audiobrief.voices), and the user's
Piper voices (NAME.onnx + NAME.onnx.json in $AUDIOBRIEF_HOME/voices or AUDIOBRIEF_VOICES_DIR)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import fields
from importlib import resources
from pathlib import Path

from .errors import VoiceError
from .model import Voice

DEFAULT_VOICE = "en-us"
#: Names the espeak-ng presets had before the neural voice became the default.
RENAMED = {"en-gb": "en-gb-espeak", "en-us-fast": "en-us-espeak-fast",
           "en-us-slow": "en-us-espeak-slow"}
_INT_FIELDS = {"rate", "pitch", "sentence_pause_ms", "paragraph_pause_ms", "article_pause_ms"}
MODEL_SUFFIX = ".onnx"


def preset_names() -> list[str]:
    """Names of the shipped presets and the user's voices, sorted."""
    folder = resources.files("audiobrief").joinpath("voices")
    shipped = {entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".toml")}
    return sorted(shipped | set(user_models()))


def list_voices() -> list[Voice]:
    """Every preset, sorted by name."""
    return [load_voice(name) for name in preset_names()]


def user_voices_dir() -> Path:
    """Where the user's Piper voices live: AUDIOBRIEF_VOICES_DIR, else voices/ in the data folder."""
    explicit = os.environ.get("AUDIOBRIEF_VOICES_DIR")
    if explicit:
        return Path(explicit).expanduser()
    from .settings import data_home

    return data_home() / "voices"


def user_models() -> dict[str, Path]:
    """The user's voices by name: every NAME.onnx, or NAME.onnx.json, in the voices folder
    (a pair missing its other half is listed, and reported when it is loaded)."""
    folder = user_voices_dir()
    if not folder.is_dir():
        return {}
    models: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        name = path.name.removesuffix(".json")
        if name.endswith(MODEL_SUFFIX) and name != MODEL_SUFFIX:
            models[name[: -len(MODEL_SUFFIX)]] = folder / name
    return models


def load_voice(name: str) -> Voice:
    """The preset called name: a shipped one (checked field by field), else a user's voice."""
    name = RENAMED.get(name, name)
    entry = resources.files("audiobrief").joinpath("voices").joinpath(f"{name}.toml")
    if "/" not in name and entry.is_file():
        return _shipped_voice(name, entry.read_text("utf-8"))
    model = user_models().get(name) if "/" not in name else None
    if model is None:
        known = ", ".join(preset_names())
        raise VoiceError(f"unknown voice '{name}': choose one of {known} (see `audiobrief voices`)")
    return _user_voice(name, model)


def _shipped_voice(name: str, text: str) -> Voice:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VoiceError(f"voice preset '{name}' is not valid TOML ({exc}): fix the file") from exc
    allowed = {f.name for f in fields(Voice)} - {"name", "origin"}
    unknown = set(data) - allowed
    if unknown:
        raise VoiceError(f"voice preset '{name}' has unknown keys {sorted(unknown)}: remove them")
    for key in _INT_FIELDS & set(data):
        if not isinstance(data[key], int) or data[key] < 0:
            raise VoiceError(f"voice preset '{name}': {key} must be a non-negative whole number")
    if "engine_voice" not in data:
        raise VoiceError(f"voice preset '{name}' lacks engine_voice: add the engine's voice id")
    from .engines import check_engine

    voice = Voice(name=name, **data)
    check_engine(voice)
    return voice


def _user_voice(name: str, model: Path) -> Voice:
    """A user's Piper model as a preset; its files are checked (a one-line error names a
    missing or broken one)."""
    from .engines.piper import model_config

    voice = Voice(name=name, engine_voice=str(model), engine="piper", origin=str(model))
    data = model_config(voice)
    code = str(data.get("language", {}).get("code") or data.get("espeak", {}).get("voice") or "en")
    language = code.replace("_", "-").split("-")[0].lower()
    return Voice(name=name, engine_voice=str(model), engine="piper", origin=str(model),
                 language=language, description=f"your Piper voice ({code})")
