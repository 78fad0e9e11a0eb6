"""The show_runs table read and written: runs asked for, claimed by the process making them (renewed
by heartbeats, so a dead process's run is taken up again), finished with what they did."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..server.store.claims import abandoned, revive_runs
from ..server.store.records import Store
from ..server.store.tables import show_runs, shows
from .model import Outcome, Run, RunState, SourceFailure, Trigger

ACTIVE = ("queued", "running")
RUN_COLUMNS = (show_runs.c.id, shows.c.slug, show_runs.c.trigger, show_runs.c.state, show_runs.c.outcome,
               show_runs.c.message, show_runs.c.briefing_id, show_runs.c.failures, show_runs.c.created_at,
               show_runs.c.started_at, show_runs.c.finished_at)


class RunRecords:
    """Show runs in the briefings' database (same engine, same migrations)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, run_id: str, show_id: int, trigger: Trigger, now: float) -> bool:
        """Queue a run of the show; False when the show has a run queued or going already."""
        try:
            with self.store.connect() as db:
                db.execute(insert(show_runs).values(id=run_id, show_id=show_id, active=show_id,
                                                    trigger=trigger, created_at=now))
        except IntegrityError:
            return False
        return True

    def add_refused(self, run_id: str, show_id: int, trigger: Trigger, now: float, message: str) -> None:
        """Record a run that was refused before it was queued (a scheduled one: nobody was asking)."""
        with self.store.connect() as db:
            db.execute(insert(show_runs).values(id=run_id, show_id=show_id, trigger=trigger, state="done",
                                                outcome="refused", message=message, created_at=now,
                                                finished_at=now))

    def active(self, owner_id: int | None) -> tuple[int, int]:
        """Runs queued or going: this account's (None: those of shows made without one), and all."""
        owned = shows.c.owner_id.is_not_distinct_from(owner_id)
        query = (select(func.count(), func.coalesce(func.sum(case((owned, 1), else_=0)), 0))
                 .select_from(show_runs.join(shows, shows.c.id == show_runs.c.show_id))
                 .where(show_runs.c.state.in_(ACTIVE)))
        with self.store.connect() as db:
            everyone, mine = db.execute(query).one()
        return int(mine), int(everyone)

    def get(self, run_id: str) -> Run | None:
        """The run with this id, or None."""
        found = self._runs(show_runs.c.id == run_id, 1)
        return found[0] if found else None

    def recent(self, slug: str, limit: int) -> list[Run]:
        """A show's newest runs, newest first."""
        return self._runs(shows.c.slug == slug, limit)

    def _runs(self, condition: Any, limit: int) -> list[Run]:
        query = (select(*RUN_COLUMNS).join(shows, shows.c.id == show_runs.c.show_id).where(condition)
                 .order_by(show_runs.c.created_at.desc(), show_runs.c.id).limit(limit))
        with self.store.connect() as db:
            return [_run(row) for row in db.execute(query).mappings()]

    def waiting(self) -> list[str]:
        """The runs queued, oldest first (a restarted process takes them up)."""
        query = select(show_runs.c.id).where(show_runs.c.state == "queued").order_by(show_runs.c.created_at)
        with self.store.connect() as db:
            return list(db.execute(query).scalars())

    def revive(self, now: float, lease_s: float) -> list[str]:
        """Queue again the runs whose process stopped renewing its claim, or its note of holding the
        run's message (it died), or whose message was lost: their ids, to be sent again."""
        return revive_runs(self.store, now, lease_s)

    def claim(self, run_id: str, worker: str, now: float, lease_s: float) -> Run | None:
        """Take a queued run (or one whose process died) for this worker; None when it is not to be
        made here (made already, being made by a live process, or gone with its show)."""
        takeable = or_(show_runs.c.state == "queued", abandoned(show_runs, now, lease_s))
        with self.store.connect() as db:
            taken = db.execute(update(show_runs).where(show_runs.c.id == run_id, takeable)
                               .values(state="running", claimed_by=worker, heartbeat_at=now, started_at=now)
                               ).rowcount
        return self.get(run_id) if taken == 1 else None

    def beat(self, run_id: str, worker: str, now: float) -> bool:
        """Renew this worker's claim; False when the run is no longer its own."""
        mine = and_(show_runs.c.id == run_id, show_runs.c.claimed_by == worker,
                    show_runs.c.state == "running")
        with self.store.connect() as db:
            return db.execute(update(show_runs).where(mine).values(heartbeat_at=now)).rowcount == 1

    def finish(self, run_id: str, worker: str, now: float, state: RunState, outcome: Outcome | None,
               message: str, briefing_id: str | None, failures: Sequence[SourceFailure]) -> None:
        """Settle this worker's run with what it did; the show may be run again."""
        with self.store.connect() as db:
            db.execute(update(show_runs).where(show_runs.c.id == run_id, show_runs.c.claimed_by == worker)
                       .values(state=state, outcome=outcome or "", message=message, briefing_id=briefing_id,
                               failures=json.dumps([failure.__dict__ for failure in failures]),
                               finished_at=now, active=None, heartbeat_at=None))

    def discard(self, run_id: str) -> None:
        """Forget a run that could not be queued."""
        with self.store.connect() as db:
            db.execute(delete(show_runs).where(show_runs.c.id == run_id))

    def prune(self, show_id: int, keep: int) -> None:
        """Forget a show's finished runs beyond its newest `keep` runs."""
        kept = (select(show_runs.c.id).where(show_runs.c.show_id == show_id)
                .order_by(show_runs.c.created_at.desc(), show_runs.c.id).limit(keep))
        with self.store.connect() as db:
            db.execute(delete(show_runs).where(show_runs.c.show_id == show_id,
                                               show_runs.c.state.not_in(ACTIVE), show_runs.c.id.not_in(kept)))


def _run(row: Any) -> Run:
    return Run(id=row["id"], show=row["slug"], trigger=row["trigger"], state=row["state"],
               outcome=row["outcome"] or None, message=row["message"], briefing_id=row["briefing_id"],
               failures=tuple(SourceFailure(**failure) for failure in json.loads(row["failures"])),
               created_at=row["created_at"], started_at=row["started_at"], finished_at=row["finished_at"])


@contextmanager
def heartbeat(renew: Callable[[], object], every_s: float) -> Iterator[None]:
    """Call renew (a run's claim renewed) every every_s seconds on a thread while the block runs."""
    done = threading.Event()

    def beat() -> None:
        while not done.wait(every_s):
            try:
                renew()
            except Exception:  # the database is out of reach for a moment: try at the next beat
                continue

    thread = threading.Thread(target=beat, name="show-run-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
