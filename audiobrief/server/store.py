"""SQLite store: one row per briefing (request, state, progress, result, owner) and its inputs;
the account tables live here too (accounts.py reads and writes them)."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

State = Literal["queued", "running", "done", "failed"]

SCHEMA = """
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
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    admin INTEGER NOT NULL DEFAULT 0,
    feed_version INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL
);
"""
#: columns added to briefings after the first release: (name, SQLite declaration)
ADDED_COLUMNS = (
    ("owner_id", "INTEGER REFERENCES users(id) ON DELETE SET NULL"),  # NULL: made without an account
    ("public", "INTEGER NOT NULL DEFAULT 1"),  # rows from before accounts were all public
)


@dataclass(frozen=True)
class Source:
    """One article of a request: pasted text, an uploaded file, or a URL."""

    kind: Literal["text", "file", "url"]
    label: str  #: how error messages name it: "article 1", the file's name, or the URL
    data: bytes  #: the text or file bytes; for a URL, the URL itself


@dataclass(frozen=True)
class Record:
    """One briefing as stored."""

    id: str
    title: str
    requested_title: str
    voice: str
    rate: int | None
    pronunciations: dict[str, str]
    state: State
    stage: str
    progress: float
    error: str
    attempts: int
    created_at: float
    finished_at: float | None
    duration_ms: int | None
    mp3_bytes: int | None
    description: str
    owner_id: int | None = None  #: the account that made it; None when made without accounts
    public: bool = True  #: listed in the public feed and pages

    @property
    def display_title(self) -> str:
        """The title to show: the final one, the requested one, or a placeholder."""
        return self.title or self.requested_title or "Untitled briefing"


class Store:
    """Opens a short-lived connection per call, so worker threads and requests never share one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with self.connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
            present = {row["name"] for row in db.execute("PRAGMA table_info(briefings)")}
            for name, declaration in ADDED_COLUMNS:
                if name not in present:
                    db.execute(f"ALTER TABLE briefings ADD COLUMN {name} {declaration}")

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys=ON")
            with db:
                yield db

    def add(self, record_id: str, requested_title: str, voice: str, rate: int | None,
            pronunciations: dict[str, str], sources: Sequence[Source], owner_id: int | None = None,
            public: bool = True) -> None:
        """Store a new queued briefing and its inputs."""
        with self.connect() as db:
            db.execute("INSERT INTO briefings (id, requested_title, voice, rate, pronunciations, created_at,"
                       " owner_id, public) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (record_id, requested_title, voice, rate, json.dumps(pronunciations), time.time(),
                        owner_id, int(public)))
            db.executemany("INSERT INTO inputs VALUES (?, ?, ?, ?, ?)",
                           [(record_id, n, s.kind, s.label, s.data) for n, s in enumerate(sources)])

    def get(self, record_id: str) -> Record | None:
        """The briefing with this id, or None."""
        with self.connect() as db:
            row = db.execute("SELECT * FROM briefings WHERE id = ?", (record_id,)).fetchone()
        return _record(row) if row else None

    def all(self, state: State | None = None) -> list[Record]:
        """Every briefing (or those in one state), newest first."""
        return self.select(state)

    def select(self, state: State | None = None, owner_id: int | None = None,
               public: bool = False) -> list[Record]:
        """Briefings in a state (any when None), newest first; with owner_id, only that account's,
        and with public also every public one; with public alone, only the public ones."""
        conditions: list[str] = []
        args: list[object] = []
        if state:
            conditions.append("state = ?")
            args.append(state)
        mine = "owner_id = ?" if owner_id is not None else ""
        if owner_id is not None:
            args.append(owner_id)
        seen = " OR ".join(part for part in (mine, "public = 1" if public else "") if part)
        if seen:
            conditions.append(f"({seen})")
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        with self.connect() as db:
            rows = db.execute(f"SELECT * FROM briefings{where} ORDER BY created_at DESC, rowid DESC",
                              args).fetchall()
        return [_record(row) for row in rows]

    def usage(self, owner_id: int | None) -> tuple[int, int]:
        """How many briefings an account (None: those made without one) has, and the bytes they take
        (MP3s and the inputs still kept)."""
        with self.connect() as db:
            row = db.execute("SELECT COUNT(*), COALESCE(SUM(mp3_bytes), 0) + COALESCE(("
                             "SELECT SUM(LENGTH(data)) FROM inputs"
                             " JOIN briefings ON briefings.id = inputs.briefing_id WHERE owner_id IS ?), 0)"
                             " FROM briefings WHERE owner_id IS ?",
                             (owner_id, owner_id)).fetchone()
        return row[0], row[1]

    def prune(self, keep_inputs: int, inputs_before: float, failed_before: float) -> list[str]:
        """Drop the inputs of finished briefings beyond each owner's newest keep_inputs or finished
        before inputs_before, and failed briefings finished before failed_before; returns their ids."""
        with self.connect() as db:
            db.execute("""
                DELETE FROM inputs WHERE briefing_id IN (
                    SELECT id FROM (
                        SELECT id, finished_at, ROW_NUMBER() OVER (
                            PARTITION BY owner_id ORDER BY finished_at DESC, rowid DESC) AS newest
                        FROM briefings WHERE state IN ('done', 'failed'))
                    WHERE newest > ? OR finished_at < ?)""", (keep_inputs, inputs_before))
            gone = [row[0] for row in db.execute(
                "SELECT id FROM briefings WHERE state = 'failed' AND finished_at < ?", (failed_before,))]
            db.executemany("DELETE FROM briefings WHERE id = ?", [(record_id,) for record_id in gone])
        return gone

    def set_public(self, record_id: str, public: bool) -> None:
        """Show a briefing in the public feed and pages, or take it out."""
        with self.connect() as db:
            db.execute("UPDATE briefings SET public = ? WHERE id = ?", (int(public), record_id))

    def count(self, state: State) -> int:
        """How many briefings are in a state."""
        with self.connect() as db:
            return db.execute("SELECT COUNT(*) FROM briefings WHERE state = ?", (state,)).fetchone()[0]

    def sources(self, record_id: str) -> list[Source]:
        """The inputs of a briefing, in order."""
        with self.connect() as db:
            rows = db.execute("SELECT kind, label, data FROM inputs WHERE briefing_id = ? ORDER BY position",
                              (record_id,)).fetchall()
        return [Source(row["kind"], row["label"], bytes(row["data"])) for row in rows]

    def start(self, record_id: str) -> bool:
        """Mark a queued briefing running; False when it is gone or not queued."""
        with self.connect() as db:
            cursor = db.execute("UPDATE briefings SET state = 'running', stage = 'read', progress = 0,"
                                " attempts = attempts + 1 WHERE id = ? AND state = 'queued'", (record_id,))
        return cursor.rowcount == 1

    def set_progress(self, record_id: str, stage: str, progress: float) -> None:
        """Record how far a running briefing is."""
        with self.connect() as db:
            db.execute("UPDATE briefings SET stage = ?, progress = ? WHERE id = ?",
                       (stage, progress, record_id))

    def finish(self, record_id: str, title: str, duration_ms: int, mp3_bytes: int, description: str) -> None:
        """Mark a briefing done, with what the feed needs."""
        with self.connect() as db:
            db.execute("UPDATE briefings SET state = 'done', stage = 'done', progress = 1, error = '',"
                       " title = ?, duration_ms = ?, mp3_bytes = ?, description = ?, finished_at = ?"
                       " WHERE id = ?", (title, duration_ms, mp3_bytes, description, time.time(), record_id))

    def fail(self, record_id: str, error: str) -> None:
        """Mark a briefing failed with the reason; its progress goes back to nothing done."""
        with self.connect() as db:
            db.execute("UPDATE briefings SET state = 'failed', stage = '', progress = 0, error = ?,"
                       " finished_at = ? WHERE id = ?",
                       (error, time.time(), record_id))

    def requeue(self, record_id: str) -> None:
        """Put an interrupted briefing back in the queue."""
        with self.connect() as db:
            db.execute("UPDATE briefings SET state = 'queued', stage = '', progress = 0 WHERE id = ?",
                       (record_id,))

    def delete(self, record_id: str) -> None:
        """Remove a briefing's row and inputs."""
        with self.connect() as db:
            db.execute("DELETE FROM briefings WHERE id = ?", (record_id,))


def _record(row: sqlite3.Row) -> Record:
    data = dict(row)
    data["pronunciations"] = json.loads(data["pronunciations"])
    data["public"] = bool(data["public"])
    return Record(**data)
