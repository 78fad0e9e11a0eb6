"""The store's schema comes from Alembic migrations; a data folder made by the release before
accounts upgrades in place without losing a briefing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from support.accounts import BASE
from support.previous_release import OLD_BRIEFINGS, make_previous_data_folder

from audiobrief.server.app import create_app
from audiobrief.server.config import Settings
from audiobrief.server.store.database import current_revision
from audiobrief.server.store.records import Store


def columns(database: Path, table: str) -> set[str]:
    with sqlite3.connect(database) as db:
        return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def test_a_new_database_is_made_by_the_migrations(tmp_path: Path) -> None:
    store = Store(tmp_path / "server.sqlite3")
    assert current_revision(store.engine) == "0007"
    assert {"owner_id", "public", "attempts"} <= columns(tmp_path / "server.sqlite3", "briefings")
    assert {"token_hash", "csrf"} <= columns(tmp_path / "server.sqlite3", "sessions")


def test_the_previous_release_data_folder_lists_its_briefings_after_upgrade(tmp_path: Path) -> None:
    database = make_previous_data_folder(tmp_path / "home")
    store = Store(database)
    assert current_revision(store.engine) == "0007"
    records = store.all()
    assert [(r.id, r.title, r.state) for r in records] == [
        (record_id, title, state) for record_id, title, state, *_ in reversed(OLD_BRIEFINGS)]
    assert all(r.public and r.owner_id is None for r in records)
    assert records[-1].pronunciations == {"Zyx": "zix"} and records[-1].mp3_bytes == 4000
    assert store.sources("a" * 32)[0].data == b"Night Ferry Returns\n\nText of the story."
    Store(database)  # opening it again changes nothing
    assert len(Store(database).all()) == 3


def test_the_upgraded_folder_serves_its_briefings_in_the_feed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    make_previous_data_folder(home)
    with TestClient(create_app(Settings(home=home)), base_url=BASE) as client:
        listed = client.get("/api/briefings").json()
        feed = client.get("/feed.xml").text
    done = {record_id for record_id, _, state, *_ in OLD_BRIEFINGS if state == "done"}
    assert {item["id"] for item in listed["briefings"]} == done  # the old failure went by the 7-day rule
    assert "Night Ferry Returns" in feed and "Library Opens Late" in feed


def test_db_upgrade_command_migrates_and_names_the_revision(tmp_path: Path) -> None:
    home = tmp_path / "home"
    make_previous_data_folder(home)
    result = subprocess.run([sys.executable, "-m", "audiobrief", "db", "upgrade"], capture_output=True,
                            text=True, env={**os.environ, "AUDIOBRIEF_HOME": str(home)}, timeout=120)
    assert (result.returncode, result.stdout) == (0, "the database is at revision 0007, the newest\n")
    assert "owner_id" in columns(home / "server.sqlite3", "briefings")
