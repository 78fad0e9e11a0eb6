"""Claims on briefings for worker processes: a worker makes a briefing only while its claim in the
database is live (renewed by heartbeats), so a briefing delivered twice is made once, and one whose
worker died is taken over once its lease runs out."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from enum import Enum

from sqlalchemy import and_, or_, select, update

from .records import Store
from .tables import briefings

HEARTBEAT_S = 2.0  #: how often a worker renews its claim (and so learns that it was deleted)
LEASE_S = 15.0  #: a claim not renewed for this long (several beats missed) belongs to a dead worker


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


def note_held(store: Store, record_ids: Collection[str], worker: str, now: float) -> None:
    """Note (or renew) that this worker holds these queued briefings' messages without making them
    yet (waiting for a slot), so that if it dies they are sent again (revive)."""
    if record_ids:
        with store.connect() as db:
            db.execute(update(briefings)
                       .where(briefings.c.id.in_(list(record_ids)), briefings.c.state == "queued")
                       .values(claimed_by=worker, heartbeat_at=now))


def revive(store: Store, now: float) -> list[str]:
    """Queue again the briefings whose worker stopped renewing its claim, or its note of a message
    it holds, LEASE_S ago (it died; an attempt stays counted): their ids, to be sent again. Of
    processes looking at once, each briefing goes to one."""
    silent = or_(briefings.c.heartbeat_at.is_(None), briefings.c.heartbeat_at < now - LEASE_S)
    stale = or_(and_(briefings.c.state == "running", silent),
                and_(briefings.c.state == "queued", briefings.c.claimed_by != "", silent))
    revived = []
    with store.connect() as db:
        for record_id in db.execute(select(briefings.c.id).where(stale)).scalars().all():
            if db.execute(update(briefings).where(briefings.c.id == record_id, stale)
                          .values(state="queued", stage="", progress=0, claimed_by="", heartbeat_at=None)
                          ).rowcount == 1:
                revived.append(record_id)
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
