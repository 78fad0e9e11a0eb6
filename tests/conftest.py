"""Shared fixtures: an isolated data folder, the seed article, small articles of our own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "atacms-newsweek.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = REPO / "samples" / "harbor-bridge.txt"


@pytest.fixture(autouse=True, scope="session")
def audiobrief_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test runs with its own data folder, never the user's."""
    home = tmp_path_factory.mktemp("audiobrief-home")
    patcher = pytest.MonkeyPatch()
    patcher.setenv("AUDIOBRIEF_HOME", str(home))
    yield home
    patcher.undo()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The real article copied from a web page (../shared/seed)."""
    assert SEED.exists(), f"the seed article is missing at {SEED}"
    return SEED


def require_ffprobe() -> str:
    """Path of ffprobe; scripts/test.sh installs it, so its absence is a setup failure."""
    found = shutil.which("ffprobe")
    assert found, "ffprobe is missing: run the tests through scripts/test.sh"
    return found
