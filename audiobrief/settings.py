"""Where audiobrief keeps its data: AUDIOBRIEF_HOME, else the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path


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
