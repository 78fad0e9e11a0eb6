"""Fixtures for every test: an isolated data folder, the seed article and its briefings, PostgreSQL and
Redis started on loopback ports in temporary folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from support.commands import REPO, make_seed_briefing
from support.databases import Postgres, Redis

from audiobrief.server.store import accounts

SEED = REPO.parent / "shared" / "seed" / "atacms-newsweek.txt"


@pytest.fixture(autouse=True, scope="session")
def audiobrief_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test runs with its own data folder, never the user's."""
    home = tmp_path_factory.mktemp("audiobrief-home")
    patcher = pytest.MonkeyPatch()
    patcher.setenv("AUDIOBRIEF_HOME", str(home))
    yield home
    patcher.undo()


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashing() -> Iterator[None]:
    """Passwords hashed at argon2's least cost in the test process, which logs in thousands of times;
    servers and commands the tests start hash at the users' cost (test_auth_cli checks it)."""
    patcher = pytest.MonkeyPatch()
    patcher.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    yield
    patcher.undo()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The real article copied from a web page (../shared/seed): a fresh clone has no ../shared,
    so tests needing it skip there, but fail under CI=true, where it must be present."""
    if not SEED.exists():
        reason = f"the seed article is not at {SEED} (a clone without ../shared beside it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI=true needs it")
        pytest.skip(reason)
    return SEED


@pytest.fixture(scope="session")
def seed_briefing(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article made into a briefing once, with the default (neural) voice."""
    return make_seed_briefing(seed_path, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="session")
def seed_briefing_espeak(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article made into a briefing once, with the espeak-ng preset."""
    return make_seed_briefing(seed_path, tmp_path_factory.mktemp("seed-espeak"), "--voice", "en-us-espeak")


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """A PostgreSQL cluster of the test session's own (started at its first use)."""
    server = Postgres().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis() -> Iterator[Redis]:
    """A redis-server of the test session's own (started at its first use)."""
    server = Redis().start()
    yield server
    server.stop()
