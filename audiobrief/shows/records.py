"""The show tables read and written: shows, their sources, the entries each has spoken, its episodes."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..server.store.records import RECORD_COLUMNS, Record, Store, record_from_row
from ..server.store.tables import briefings, show_episodes, show_seen, show_sources, shows
from .model import Episode, Show, Source, Story
from .schedule import parse_schedule

SHOW_FIELDS = ("slug", "title", "description", "voice", "max_stories", "max_per_source", "keep_episodes",
               "keep_days", "owner_id", "created_at", "last_run_at", "next_run_at")
SOURCE_FIELDS = ("url", "title", "etag", "last_modified", "checked_at", "error", "error_at")


class DuplicateShow(Exception):
    """A show with this slug exists already."""


class ShowRecords:
    """The show tables in the briefings' database (same engine, same migrations)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, values: dict[str, Any], sources: Sequence[str]) -> None:
        """Store a new show and its sources; DuplicateShow when the slug is taken."""
        try:
            with self.store.connect() as db:
                show_id = db.execute(insert(shows).values(**values)).inserted_primary_key[0]
                for position, url in enumerate(sources):
                    db.execute(insert(show_sources).values(show_id=show_id, url=url, position=position))
        except IntegrityError as exc:
            raise DuplicateShow(values["slug"]) from exc

    def get(self, slug: str) -> Show | None:
        """The show with this slug, with its sources, or None."""
        found = self._shows(shows.c.slug == slug)
        return found[0] if found else None

    def all(self) -> list[Show]:
        """Every show, by slug."""
        return self._shows(None)

    def due(self, now: float) -> list[Show]:
        """Shows whose next scheduled run is at or before now."""
        return self._shows(shows.c.next_run_at <= now)

    def _shows(self, condition: Any) -> list[Show]:
        query = select(shows).order_by(shows.c.slug)
        if condition is not None:
            query = query.where(condition)
        with self.store.connect() as db:
            rows = db.execute(query).mappings().all()
            ids = [row["id"] for row in rows]
            sources: dict[int, list[Source]] = {show_id: [] for show_id in ids}
            if ids:
                for row in db.execute(select(show_sources).where(show_sources.c.show_id.in_(ids))
                                      .order_by(show_sources.c.position)).mappings():
                    sources[row["show_id"]].append(Source(**{name: row[name] for name in SOURCE_FIELDS}))
        return [_show(row, sources[row["id"]]) for row in rows]

    def count(self, owner_id: int) -> int:
        """How many shows an account has."""
        with self.store.connect() as db:
            return db.execute(select(func.count()).select_from(shows).where(shows.c.owner_id == owner_id)
                              ).scalar_one()

    def show_id(self, slug: str) -> int | None:
        """The row id of a show."""
        with self.store.connect() as db:
            return db.execute(select(shows.c.id).where(shows.c.slug == slug)).scalar_one_or_none()

    def change(self, slug: str, values: dict[str, Any]) -> None:
        """Change a show's columns."""
        with self.store.connect() as db:
            db.execute(update(shows).where(shows.c.slug == slug).values(**values))

    def remove(self, slug: str) -> None:
        """Delete a show (its sources, seen entries and episode links go with it)."""
        with self.store.connect() as db:
            db.execute(delete(shows).where(shows.c.slug == slug))

    def add_source(self, slug: str, url: str) -> bool:
        """Add a feed to a show's sources; False when it is there already."""
        show_id = self.show_id(slug)
        with self.store.connect() as db:
            if db.execute(select(show_sources.c.url).where(show_sources.c.show_id == show_id,
                                                            show_sources.c.url == url)).first():
                return False
            position = db.execute(select(func.coalesce(func.max(show_sources.c.position) + 1, 0))
                                  .where(show_sources.c.show_id == show_id)).scalar_one()
            db.execute(insert(show_sources).values(show_id=show_id, url=url, position=position))
        return True

    def remove_source(self, slug: str, url: str) -> bool:
        """Take a feed out of a show's sources; False when it was not one."""
        show_id = self.show_id(slug)
        with self.store.connect() as db:
            result = db.execute(delete(show_sources).where(show_sources.c.show_id == show_id,
                                                           show_sources.c.url == url))
        return result.rowcount == 1

    def note_source(self, slug: str, url: str, **values: Any) -> None:
        """Record what reading a source left: validators, title, check time, error."""
        show_id = self.show_id(slug)
        with self.store.connect() as db:
            db.execute(update(show_sources).where(show_sources.c.show_id == show_id,
                                                  show_sources.c.url == url).values(**values))

    def seen(self, slug: str, keys: Iterable[str]) -> set[str]:
        """Which of these entry keys the show has spoken (or skipped) before."""
        wanted = list(set(keys))
        if not wanted:
            return set()
        show_id = self.show_id(slug)
        found: set[str] = set()
        with self.store.connect() as db:
            for start in range(0, len(wanted), 500):
                batch = wanted[start:start + 500]
                found.update(db.execute(select(show_seen.c.key).where(
                    show_seen.c.show_id == show_id, show_seen.c.key.in_(batch))).scalars())
        return found

    def record_episode(self, slug: str, briefing_id: str | None, stories: Sequence[Story],
                       keys: Iterable[str]) -> float:
        """Mark entries seen and (with a briefing) link the new episode to the show; returns its time."""
        show_id = self.show_id(slug)
        now = time.time()
        with self.store.connect() as db:
            known = set(db.execute(select(show_seen.c.key).where(show_seen.c.show_id == show_id)).scalars())
            fresh = sorted(set(keys) - known)
            if fresh:
                db.execute(insert(show_seen), [{"show_id": show_id, "key": key, "seen_at": now}
                                               for key in fresh])
            if briefing_id:
                db.execute(insert(show_episodes).values(
                    briefing_id=briefing_id, show_id=show_id, created_at=now,
                    stories=json.dumps([story.__dict__ for story in stories])))
        return now

    def episodes(self, slug: str) -> list[Episode]:
        """A show's episodes, newest first."""
        query = (select(show_episodes).join(shows, shows.c.id == show_episodes.c.show_id)
                 .where(shows.c.slug == slug).order_by(show_episodes.c.created_at.desc()))
        with self.store.connect() as db:
            rows = db.execute(query).mappings().all()
        return [_episode(row, slug) for row in rows]

    def episode(self, briefing_id: str) -> Episode | None:
        """The episode a briefing is, or None."""
        query = (select(show_episodes, shows.c.slug).join(shows, shows.c.id == show_episodes.c.show_id)
                 .where(show_episodes.c.briefing_id == briefing_id))
        with self.store.connect() as db:
            row = db.execute(query).mappings().first()
        return _episode(row, row["slug"]) if row else None

    def episode_count(self, slug: str, public_only: bool) -> int:
        """How many episodes a show has (only the public ones, or all)."""
        query = (select(func.count()).select_from(show_episodes)
                 .join(briefings, briefings.c.id == show_episodes.c.briefing_id)
                 .join(shows, shows.c.id == show_episodes.c.show_id).where(shows.c.slug == slug))
        if public_only:
            query = query.where(briefings.c.public == 1)
        with self.store.connect() as db:
            return db.execute(query).scalar_one()

    def finished(self, slug: str, public_only: bool) -> list[Record]:
        """A show's finished episodes (only the public ones, or all) as briefing records, newest
        first (for its feed)."""
        query = (select(*RECORD_COLUMNS).join(show_episodes, show_episodes.c.briefing_id == briefings.c.id)
                 .join(shows, shows.c.id == show_episodes.c.show_id)
                 .where(shows.c.slug == slug, briefings.c.state == "done")
                 .order_by(show_episodes.c.created_at.desc()))
        if public_only:
            query = query.where(briefings.c.public == 1)
        with self.store.connect() as db:
            return [record_from_row(row) for row in db.execute(query).mappings()]

    def expired(self, slug: str, keep: int, before: float | None) -> list[str]:
        """Finished episodes beyond the newest `keep` or made before `before`."""
        query = (select(show_episodes.c.briefing_id, show_episodes.c.created_at)
                 .join(shows, shows.c.id == show_episodes.c.show_id)
                 .join(briefings, briefings.c.id == show_episodes.c.briefing_id)
                 .where(shows.c.slug == slug, briefings.c.state.in_(("done", "failed")))
                 .order_by(show_episodes.c.created_at.desc()))
        with self.store.connect() as db:
            rows = db.execute(query).all()
        return [briefing_id for rank, (briefing_id, made) in enumerate(rows)
                if rank >= keep or (before is not None and made < before)]

    def take_slot(self, slug: str, slot: float | None, following: float | None, now: float) -> bool:
        """Move a show's next run from `slot` to `following`, only if no other process did first:
        the process that moves it makes the run, so two processes never make the same one."""
        with self.store.connect() as db:
            result = db.execute(update(shows).where(shows.c.slug == slug,
                                                    shows.c.next_run_at.is_not_distinct_from(slot))
                                .values(next_run_at=following, last_run_at=now))
        return result.rowcount == 1


def _show(row: Any, sources: list[Source]) -> Show:
    schedule = parse_schedule(row["schedule"]) if row["schedule"] else None
    return Show(schedule=schedule, public=bool(row["public"]), sources=tuple(sources),
                **{name: row[name] for name in SHOW_FIELDS})


def _episode(row: Any, slug: str) -> Episode:
    return Episode(row["briefing_id"], slug, row["created_at"],
                   tuple(Story(**story) for story in json.loads(row["stories"])))
