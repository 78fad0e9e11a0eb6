"""The store: one row per briefing (request, state, progress, result, owner) and its inputs; the
account tables live here too (accounts.py reads and writes them). SQLAlchemy Core, so the same code
runs on SQLite (the default) and PostgreSQL."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    update,
)

from ..config import Settings
from .database import make_engine, upgrade
from .naming import provisional_title
from .tables import briefings, inputs

State = Literal["queued", "running", "done", "failed"]


@dataclass(frozen=True)
class Source:
    """One article of a request: pasted text, an uploaded file, or a URL."""

    kind: Literal["text", "file", "url"]
    label: str  #: how error messages name it: "article 1", the file's name, or the URL
    data: bytes  #: the text or file bytes; for a URL, the URL itself
    #: the article as cleaned when the request was checked (its JSON form), so the job need not clean it
    #: again; "" for a URL (read only by the job) and for inputs stored before it was kept
    cleaned: str = field(default="", compare=False)


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

    @property
    def quoted_title(self) -> str:
        """The title in curly quotes, once: a name made of pasted words is quoted already."""
        shown = self.display_title
        return shown if shown.startswith("“") and shown.endswith("”") else f"“{shown}”"


RECORD_COLUMNS = [briefings.c[name] for name in Record.__dataclass_fields__]


class Store:
    """A pooled engine; each call runs in its own short transaction, so worker threads and
    requests never share a connection. Opening a store migrates its database to the newest schema."""

    def __init__(self, target: Path | str) -> None:
        self.engine = make_engine(target)
        upgrade(self.engine)

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection in a transaction, committed when the block ends without an exception."""
        with self.engine.begin() as connection:
            yield connection

    def _insertion_order(self) -> ColumnElement[Any]:
        """The tie-break for rows made in the same instant: SQLite's rowid, else the id."""
        return literal_column("rowid") if self.engine.dialect.name == "sqlite" else briefings.c.id

    def add(self, record_id: str, requested_title: str, voice: str, rate: int | None,
            pronunciations: dict[str, str], sources: Sequence[Source], owner_id: int | None = None,
            public: bool = True) -> None:
        """Store a new queued briefing and its inputs; until it has its own title it is named by its
        first input (a requested title is shown instead, when given)."""
        with self.connect() as db:
            db.execute(insert(briefings).values(
                id=record_id, requested_title=requested_title, voice=voice, rate=rate,
                title="" if requested_title else provisional_title(sources),
                pronunciations=json.dumps(pronunciations), created_at=time.time(), owner_id=owner_id,
                public=int(public)))
            if sources:
                db.execute(insert(inputs), [
                    {"briefing_id": record_id, "position": n, "kind": source.kind, "label": source.label,
                     "data": source.data, "cleaned": source.cleaned or None}
                    for n, source in enumerate(sources)])

    def get(self, record_id: str) -> Record | None:
        """The briefing with this id, or None."""
        with self.connect() as db:
            row = db.execute(select(*RECORD_COLUMNS).where(briefings.c.id == record_id)).mappings().first()
        return record_from_row(row) if row else None

    def all(self, state: State | None = None) -> list[Record]:
        """Every briefing (or those in one state), newest first."""
        return self.select(state)

    def select(self, state: State | None = None, owner_id: int | None = None,
               public: bool = False) -> list[Record]:
        """Briefings in a state (any when None), newest first; with owner_id, only that account's,
        and with public also every public one; with public alone, only the public ones."""
        query = select(*RECORD_COLUMNS)
        if state:
            query = query.where(briefings.c.state == state)
        seen = [condition for condition, wanted in ((briefings.c.owner_id == owner_id, owner_id is not None),
                                                    (briefings.c.public == 1, public)) if wanted]
        if seen:
            query = query.where(or_(*seen))
        query = query.order_by(briefings.c.created_at.desc(), self._insertion_order().desc())
        with self.connect() as db:
            return [record_from_row(row) for row in db.execute(query).mappings()]

    def usage(self, owner_id: int | None) -> tuple[int, int]:
        """How many briefings an account (None: those made without one) has, and the bytes they take
        (MP3s and the inputs still kept)."""
        owned = briefings.c.owner_id.is_not_distinct_from(owner_id)
        kept = (select(func.coalesce(func.sum(func.length(inputs.c.data)), 0))
                .select_from(inputs.join(briefings, briefings.c.id == inputs.c.briefing_id))
                .where(owned).scalar_subquery())
        with self.connect() as db:
            mp3 = func.coalesce(func.sum(briefings.c.mp3_bytes), 0)
            count, size = db.execute(select(func.count(), mp3 + kept)
                                     .select_from(briefings).where(owned)).one()
        return int(count), int(size)

    def prune(self, keep_inputs: int, inputs_before: float, failed_before: float) -> list[str]:
        """Drop the inputs of finished briefings beyond each owner's newest keep_inputs or finished
        before inputs_before, and failed briefings finished before failed_before; returns their ids."""
        newest = func.row_number().over(partition_by=briefings.c.owner_id,
                                        order_by=(briefings.c.finished_at.desc(),
                                                  self._insertion_order().desc())).label("newest")
        ranked = (select(briefings.c.id, briefings.c.finished_at, newest)
                  .where(briefings.c.state.in_(("done", "failed"))).subquery())
        spare = select(ranked.c.id).where(or_(ranked.c.newest > keep_inputs,
                                              ranked.c.finished_at < inputs_before))
        old_failure = and_(briefings.c.state == "failed", briefings.c.finished_at < failed_before)
        with self.connect() as db:
            db.execute(delete(inputs).where(inputs.c.briefing_id.in_(spare)))
            gone = list(db.execute(select(briefings.c.id).where(old_failure)).scalars())
            if gone:
                db.execute(delete(briefings).where(briefings.c.id.in_(gone)))
        return gone

    def set_public(self, record_id: str, public: bool) -> None:
        """Show a briefing in the public feed and pages, or take it out."""
        self._update(record_id, public=int(public))

    def count(self, state: State) -> int:
        """How many briefings are in a state."""
        with self.connect() as db:
            return db.execute(select(func.count()).select_from(briefings)
                              .where(briefings.c.state == state)).scalar_one()

    def waiting(self, owner_id: int) -> int:
        """How many of an account's briefings are queued."""
        with self.connect() as db:
            return db.execute(select(func.count()).select_from(briefings).where(
                briefings.c.state == "queued", briefings.c.owner_id == owner_id)).scalar_one()

    def sources(self, record_id: str) -> list[Source]:
        """The inputs of a briefing, in order."""
        with self.connect() as db:
            rows = db.execute(select(inputs.c.kind, inputs.c.label, inputs.c.data, inputs.c.cleaned)
                              .where(inputs.c.briefing_id == record_id).order_by(inputs.c.position)).all()
        return [Source(kind, label, bytes(data), cleaned or "") for kind, label, data, cleaned in rows]

    def start(self, record_id: str) -> bool:
        """Mark a queued briefing running; False when it is gone or not queued."""
        with self.connect() as db:
            result = db.execute(update(briefings)
                                .where(briefings.c.id == record_id, briefings.c.state == "queued")
                                .values(state="running", stage="read", progress=0,
                                        attempts=briefings.c.attempts + 1))
        return result.rowcount == 1

    def set_progress(self, record_id: str, stage: str, progress: float) -> None:
        """Record how far a running briefing is."""
        self._update(record_id, stage=stage, progress=progress)

    def finish(self, record_id: str, title: str, duration_ms: int, mp3_bytes: int, description: str,
               claimant: str | None = None) -> bool:
        """Mark a briefing done, with what the feed needs (with claimant, only while that worker's
        claim holds); False when it is gone (deleted while it was made) or was taken over."""
        conditions = [briefings.c.id == record_id]
        if claimant is not None:
            conditions += [briefings.c.claimed_by == claimant, briefings.c.state == "running"]
        with self.connect() as db:
            return db.execute(update(briefings).where(*conditions).values(
                state="done", stage="done", progress=1, error="", title=title, duration_ms=duration_ms,
                mp3_bytes=mp3_bytes, description=description, finished_at=time.time())).rowcount == 1

    def fail(self, record_id: str, error: str) -> None:
        """Mark a briefing failed with the reason; its progress goes back to nothing done."""
        self._update(record_id, state="failed", stage="", progress=0, error=error, finished_at=time.time())

    def retry(self, record_id: str) -> bool:
        """Queue a failed briefing again, its attempts and claim reset; False unless it was failed."""
        with self.connect() as db:
            result = db.execute(update(briefings)
                                .where(briefings.c.id == record_id, briefings.c.state == "failed")
                                .values(state="queued", stage="", progress=0, error="", attempts=0,
                                        finished_at=None, claimed_by="", heartbeat_at=None))
        return result.rowcount == 1

    def has_sources(self, record_id: str) -> bool:
        """Whether a briefing's inputs are still kept (they are pruned after a while)."""
        with self.connect() as db:
            return db.execute(select(func.count()).select_from(inputs)
                              .where(inputs.c.briefing_id == record_id)).scalar_one() > 0

    def requeue(self, record_id: str) -> None:
        """Put an interrupted briefing back in the queue."""
        self._update(record_id, state="queued", stage="", progress=0)

    def delete(self, record_id: str) -> None:
        """Remove a briefing's row and inputs."""
        with self.connect() as db:
            db.execute(delete(briefings).where(briefings.c.id == record_id))

    def _update(self, record_id: str, **values: object) -> None:
        with self.connect() as db:
            db.execute(update(briefings).where(briefings.c.id == record_id).values(**values))


def record_from_row(row: Any) -> Record:
    """A briefing record from a row of RECORD_COLUMNS."""
    data = dict(row)
    data["pronunciations"] = json.loads(data["pronunciations"])
    data["public"] = bool(data["public"])
    return Record(**data)


def server_data() -> tuple[Settings, Store]:
    """The web server's settings and database (the data folder made if need be)."""
    settings = Settings.from_env()
    settings.home.mkdir(parents=True, exist_ok=True)
    return settings, Store(settings.store_target)
