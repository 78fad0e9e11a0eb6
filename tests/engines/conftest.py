"""What the engine tests share: the default neural voice, loaded once per test file."""

from __future__ import annotations

import pytest

from audiobrief.engines.piper import PiperEngine
from audiobrief.presets import load_voice


@pytest.fixture(scope="module")
def engine() -> PiperEngine:
    loaded = PiperEngine(load_voice("en-us"))
    loaded.start()
    return loaded
