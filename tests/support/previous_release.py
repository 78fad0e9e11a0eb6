"""A data folder as the release before accounts made it (its schema copied from that release), for
migration tests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

#: the database schema of the release before accounts (main at 7ce70c2)
PREVIOUS_SCHEMA = """
CREATE TABLE IF NOT EXISTS briefings (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    requested_title TEXT NOT NULL DEFAULT '',
    voice TEXT NOT NULL,
    rate INTEGER,
    pronunciations TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL DEFAULT 'queued',
    stage TEXT NOT NULL DEFAULT '',
    progress REAL NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    finished_at REAL,
    duration_ms INTEGER,
    mp3_bytes INTEGER,
    description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS inputs (
    briefing_id TEXT NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (briefing_id, position)
);
"""

#: (id, title, state, created_at, mp3_bytes) of the briefings in the old data folder
OLD_BRIEFINGS = (
    ("a" * 32, "Night Ferry Returns", "done", 1_700_000_000.0, 4000),
    ("b" * 32, "Library Opens Late", "done", 1_700_000_100.0, 5000),
    ("c" * 32, "", "failed", 1_700_000_200.0, None),
)


def make_previous_data_folder(home: Path) -> Path:
    """A data folder whose database has the previous release's schema and three briefings."""
    home.mkdir(parents=True, exist_ok=True)
    database = home / "server.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(PREVIOUS_SCHEMA)
        for record_id, title, state, created_at, size in OLD_BRIEFINGS:
            db.execute("INSERT INTO briefings (id, title, voice, pronunciations, state, stage, progress,"
                       " created_at, finished_at, duration_ms, mp3_bytes, error) VALUES"
                       " (?, ?, 'en', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (record_id, title, json.dumps({"Zyx": "zix"}), state, "done" if size else "",
                        1 if size else 0, created_at, created_at + 30, 9000 if size else None, size,
                        "" if size else "no text in article 1"))
            db.execute("INSERT INTO inputs VALUES (?, 0, 'text', 'article 1', ?)",
                       (record_id, f"{title or 'Nothing'}\n\nText of the story.".encode()))
    db.close()
    return database
