"""Where audiobrief keeps its data (AUDIOBRIEF_HOME, else the user's data folder), and settings
read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from .digits import ascii_int
from .errors import AudiobriefError

MB = 1024 * 1024
DEFAULT_CACHE_BYTES = 1024 * MB  #: bound of the audio cache unless AUDIOBRIEF_CACHE_MB says otherwise
DEFAULT_FETCH_DEADLINE_S = 30  #: seconds one fetch may take unless AUDIOBRIEF_FETCH_DEADLINE says otherwise


def data_home() -> Path:
    """The data folder (cache, briefings, database), created on first use."""
    explicit = os.environ.get("AUDIOBRIEF_HOME")
    if explicit:
        home = Path(explicit).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        home = Path(base) / "audiobrief"
    home.mkdir(parents=True, exist_ok=True)
    return home


def cache_limit_bytes() -> int:
    """The audio cache's size bound: AUDIOBRIEF_CACHE_MB megabytes (1024 by default)."""
    return env_int("AUDIOBRIEF_CACHE_MB", DEFAULT_CACHE_BYTES // MB) * MB


def fetch_deadline_s() -> int:
    """Seconds one fetch (an article URL, a show's source, an entry's page) may take from its first
    connection to its last byte: AUDIOBRIEF_FETCH_DEADLINE (30 by default)."""
    return env_int("AUDIOBRIEF_FETCH_DEADLINE", DEFAULT_FETCH_DEADLINE_S)


def env_int(name: str, default: int) -> int:
    """A whole number of at least 1 from the environment variable name, or default when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    value = ascii_int(raw)
    if value is None:
        raise AudiobriefError(f"{name}={raw!r} is not a whole number: fix the variable")
    if value < 1:
        raise AudiobriefError(f"{name}={raw!r} must be at least 1: fix the variable")
    return value
