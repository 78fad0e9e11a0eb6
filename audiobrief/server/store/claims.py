"""Claims on briefings for worker processes: a worker makes a briefing only while its claim in the
database is live (renewed by heartbeats), so a briefing delivered twice is made once, and one whose
worker died is taken over once its lease runs out."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any

from sqlalchemy import Table, and_, or_, select, update

from .records import Store
from .tables import briefings, show_runs

HEARTBEAT_S = 2.0  #: how often a worker renews its claim (and so learns that it was deleted)
LEASE_S = 15.0  #: a claim not renewed for this long (several beats missed) belongs to a dead worker
UNSENT = "(no message)"  #: the note on a queued job whose message neither waits in the queue nor is held


class Claim(Enum):
    """What a worker may do with a delivered briefing."""

    MINE = "mine"  #: make it
    BUSY = "busy"  #: a live worker is making it: look again when its lease could have run out
    SETTLED = "settled"  #: done, failed or deleted: nothing to do
    EXHAUSTED = "exhausted"  #: workers died on it too often: it has just been failed with the reason
    RETURNED = "handed back"  #: its worker was stopping: queued again, to be delivered anew


def claim(store: Store, record_id: str, worker: str, max_attempts: int) -> Claim:
    """Take a queued briefing, or one whose worker stopped renewing its claim, for this worker."""
    now = time.time()
    takeable = or_(briefings.c.state == "queued",
                   and_(briefings.c.state == "running",
                        or_(briefings.c.heartbeat_at.is_(None), briefings.c.heartbeat_at < now - LEASE_S)))
    with store.connect() as db:
        taken = db.execute(update(briefings)
                           .where(briefings.c.id == record_id, briefings.c.attempts < max_attempts, takeable)
                           .values(state="running", stage="read", progress=0,
                                   attempts=briefings.c.attempts + 1, claimed_by=worker, heartbeat_at=now)
                           ).rowcount
        if taken == 1:
            return Claim.MINE
        row = db.execute(select(briefings.c.state, briefings.c.heartbeat_at, briefings.c.attempts)
                         .where(briefings.c.id == record_id)).first()
    if row is None or row.state in ("done", "failed"):
        return Claim.SETTLED
    if row.state == "running" and row.heartbeat_at is not None and row.heartbeat_at >= now - LEASE_S:
        return Claim.BUSY
    with store.connect() as db:
        failed = db.execute(update(briefings).where(briefings.c.id == record_id, takeable).values(
            state="failed", stage="", progress=0, finished_at=now, error=(
                f"a worker stopped {row.attempts} times while making this briefing: "
                "try again with fewer or shorter articles"))).rowcount
    return Claim.EXHAUSTED if failed else Claim.BUSY


def holds(store: Store, record_id: str, worker: str) -> bool:
    """Renew this worker's claim; False when another worker has taken the briefing over."""
    with store.connect() as db:
        return db.execute(update(briefings)
                          .where(briefings.c.id == record_id, briefings.c.claimed_by == worker,
                                 briefings.c.state == "running")
                          .values(heartbeat_at=time.time())).rowcount == 1


def note_held(store: Store, table: Table, job_ids: Collection[str], worker: str, now: float) -> None:
    """Note (or renew) that this worker holds these queued jobs' messages (briefings or show runs)
    without making them yet (waiting for a slot), so that if it dies they are sent again."""
    if job_ids:
        with store.connect() as db:
            db.execute(update(table)
                       .where(table.c.id.in_(list(job_ids)), table.c.state == "queued")
                       .values(claimed_by=worker, heartbeat_at=now))


def note_unsent(store: Store, table: Table, waiting: Collection[str], now: float) -> None:
    """Note the queued jobs that no worker holds and whose message is not waiting in the queue
    (`waiting`, read just before) as UNSENT: their message was lost (a worker died between taking
    it and noting it, or Redis lost its data). A job still noted so after LEASE_S is sent again;
    one whose message turns up, or that a worker notes as held, loses the note."""
    unsent_or_free = and_(table.c.state == "queued", table.c.claimed_by.in_(("", UNSENT)))
    with store.connect() as db:
        found = db.execute(select(table.c.id, table.c.claimed_by).where(unsent_or_free)).all()
        lost = [job_id for job_id, by in found if by == "" and job_id not in waiting]
        turned_up = [job_id for job_id, by in found if by == UNSENT and job_id in waiting]
        if lost:
            db.execute(update(table).where(table.c.id.in_(lost), table.c.state == "queued",
                                           table.c.claimed_by == "")
                       .values(claimed_by=UNSENT, heartbeat_at=now))
        if turned_up:
            db.execute(update(table).where(table.c.id.in_(turned_up), table.c.claimed_by == UNSENT)
                       .values(claimed_by="", heartbeat_at=None))


def abandoned(table: Table, now: float, lease_s: float = LEASE_S) -> Any:
    """Jobs (briefings or show runs) whose process has not renewed its claim, or its note of holding
    the job's message, within the lease (it died), and queued jobs noted UNSENT as long."""
    silent = or_(table.c.heartbeat_at.is_(None), table.c.heartbeat_at < now - lease_s)
    return or_(and_(table.c.state == "running", silent),
               and_(table.c.state == "queued", table.c.claimed_by != "", silent))


def revive(store: Store, now: float) -> list[str]:
    """Queue again the briefings whose worker stopped renewing its claim, or its note of a message
    it holds, LEASE_S ago (it died; an attempt stays counted), and those noted UNSENT as long: their
    ids, to be sent again. Of processes looking at once, each briefing goes to one."""
    return _revive(store, briefings, now, LEASE_S, {"stage": "", "progress": 0})


def revive_runs(store: Store, now: float, lease_s: float = LEASE_S) -> list[str]:
    """The same for show runs: their ids, to be sent again."""
    return _revive(store, show_runs, now, lease_s, {})


def _revive(store: Store, table: Table, now: float, lease_s: float, reset: dict[str, Any]) -> list[str]:
    stale = abandoned(table, now, lease_s)
    revived = []
    with store.connect() as db:
        for job_id in db.execute(select(table.c.id).where(stale)).scalars().all():
            if db.execute(update(table).where(table.c.id == job_id, stale)
                          .values(state="queued", claimed_by="", heartbeat_at=None, **reset)).rowcount == 1:
                revived.append(job_id)
    return revived


def release(store: Store, record_id: str, worker: str) -> bool:
    """Give a briefing this worker holds back to the queue (the worker is stopping): queued again,
    the attempt not counted against it; False when it was not this worker's."""
    with store.connect() as db:
        return db.execute(update(briefings)
                          .where(briefings.c.id == record_id, briefings.c.claimed_by == worker,
                                 briefings.c.state == "running")
                          .values(state="queued", stage="", progress=0, attempts=briefings.c.attempts - 1,
                                  claimed_by="", heartbeat_at=None)).rowcount == 1


@contextmanager
def heartbeat(store: Store, record_id: str, worker: str, on_lost: Callable[[], None]) -> Iterator[None]:
    """Renew the claim every HEARTBEAT_S on a thread while the block runs; on_lost is called once
    the claim is found gone (the briefing was deleted, or taken over by another worker)."""
    done = threading.Event()

    def beat() -> None:
        while not done.wait(HEARTBEAT_S):
            try:
                if not holds(store, record_id, worker):
                    on_lost()
                    return
            except Exception:  # the database is out of reach for a moment: try at the next beat
                continue

    thread = threading.Thread(target=beat, name=f"heartbeat-{record_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
