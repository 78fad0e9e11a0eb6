"""Listening state kept per account (store/records.py holds the tables): where the account stopped in
each briefing and whether it played it, and its queue of briefings to play next."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from .records import Store
from .tables import listening, up_next


@dataclass(frozen=True)
class Listening:
    """One account's place in one briefing."""

    briefing_id: str
    position_s: float
    played: bool
    updated_at: float


class ListeningStore:
    """Reads and writes the listening and up_next tables of a Store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def states(self, user_id: int, briefing_ids: Iterable[str] | None = None) -> dict[str, Listening]:
        """The account's state in these briefings (all it has, when None), by briefing id."""
        query = select(listening).where(listening.c.user_id == user_id)
        if briefing_ids is not None:
            query = query.where(listening.c.briefing_id.in_(list(briefing_ids)))
        with self.store.connect() as db:
            rows = db.execute(query).mappings().all()
        return {row["briefing_id"]: _listening(row) for row in rows}

    def save(self, user_id: int, briefing_id: str, position_s: float | None = None,
             played: bool | None = None) -> Listening:
        """Record a position, a played mark or both (what is not given keeps its stored value, or
        0 and unplayed for a briefing not listened to before)."""
        changes: dict[str, Any] = {"updated_at": time.time()}
        if position_s is not None:
            changes["position_s"] = position_s
        if played is not None:
            changes["played"] = int(played)
        with self.store.connect() as db:
            db.execute(_upsert(db.dialect.name, {"user_id": user_id, "briefing_id": briefing_id, **changes},
                               changes))
            row = db.execute(select(listening).where(listening.c.user_id == user_id,
                                                     listening.c.briefing_id == briefing_id)).mappings().one()
        return _listening(row)

    def queue(self, user_id: int) -> list[str]:
        """The account's queue: briefing ids in the order they play."""
        with self.store.connect() as db:
            return list(db.execute(select(up_next.c.briefing_id).where(up_next.c.user_id == user_id)
                                   .order_by(up_next.c.position)).scalars())

    def set_queue(self, user_id: int, briefing_ids: Sequence[str]) -> None:
        """Replace the account's queue with these briefings, in this order, in one transaction."""
        with self.store.connect() as db:
            db.execute(delete(up_next).where(up_next.c.user_id == user_id))
            if briefing_ids:
                db.execute(insert(up_next), [{"user_id": user_id, "position": n, "briefing_id": briefing_id}
                                             for n, briefing_id in enumerate(briefing_ids)])


def _upsert(dialect: str, values: dict[str, Any], changes: dict[str, Any]) -> Any:
    """INSERT ... ON CONFLICT (account, briefing) DO UPDATE, in the database's own words."""
    build = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = build(listening).values(**values)
    return statement.on_conflict_do_update(index_elements=[listening.c.user_id, listening.c.briefing_id],
                                           set_=changes)


def _listening(row: Any) -> Listening:
    return Listening(row["briefing_id"], float(row["position_s"]), bool(row["played"]),
                     float(row["updated_at"]))
