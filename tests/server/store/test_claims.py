"""Claims on briefings (the database logic workers rely on), on SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, update

from audiobrief.server.store.claims import (
    LEASE_S,
    UNSENT,
    Claim,
    claim,
    holds,
    note_held,
    note_unsent,
    release,
    revive,
)
from audiobrief.server.store.records import Source, Store
from audiobrief.server.store.tables import briefings


def queued(tmp_path: Path) -> Store:
    store = Store(tmp_path / "db.sqlite3")
    store.add("b1", "", "en", None, {}, [Source("text", "article 1", b"Some text.")])
    return store


def silence(store: Store, seconds: float) -> None:
    """Move the last heartbeat back, as if the claimant had stopped this long ago."""
    with store.connect() as db:
        db.execute(update(briefings).values(heartbeat_at=briefings.c.heartbeat_at - seconds))


def test_a_live_claim_keeps_a_second_delivery_out(tmp_path: Path) -> None:
    store = queued(tmp_path)
    assert claim(store, "b1", "w1", max_attempts=3) is Claim.MINE
    assert claim(store, "b1", "w2", max_attempts=3) is Claim.BUSY
    assert holds(store, "b1", "w1") and not holds(store, "b1", "w2")
    record = store.get("b1")
    assert (record.state, record.attempts) == ("running", 1)


def test_a_dead_workers_claim_is_taken_over_once_its_lease_runs_out(tmp_path: Path) -> None:
    store = queued(tmp_path)
    claim(store, "b1", "w1", max_attempts=3)
    silence(store, LEASE_S + 1)
    assert claim(store, "b1", "w2", max_attempts=3) is Claim.MINE
    assert not holds(store, "b1", "w1")  # the first worker may no longer put its files in place
    assert store.get("b1").attempts == 2


def test_a_briefing_that_keeps_killing_workers_is_failed_with_the_reason(tmp_path: Path) -> None:
    store = queued(tmp_path)
    for worker in ("w1", "w2"):
        assert claim(store, "b1", worker, max_attempts=2) is Claim.MINE
        silence(store, LEASE_S + 1)
    assert claim(store, "b1", "w3", max_attempts=2) is Claim.EXHAUSTED
    record = store.get("b1")
    assert record.state == "failed"
    assert record.error == ("a worker stopped 2 times while making this briefing: "
                            "try again with fewer or shorter articles")


def test_settled_and_missing_briefings_are_left_alone(tmp_path: Path) -> None:
    store = queued(tmp_path)
    store.finish("b1", "Title", 1000, 10, "")
    assert claim(store, "b1", "w1", max_attempts=3) is Claim.SETTLED
    assert claim(store, "nope", "w1", max_attempts=3) is Claim.SETTLED
    assert store.get("b1").state == "done"


@pytest.mark.parametrize(("env", "line"), [
    ({}, "audiobrief: error: AUDIOBRIEF_BROKER_URL is not set: set it to the redis:// address the web "
         "server enqueues briefings on"),
    ({"AUDIOBRIEF_BROKER_URL": "amqp://guest:secret@host//"},
     "audiobrief: error: AUDIOBRIEF_BROKER_URL starts with 'amqp': use a redis:// or rediss:// address, "
     "or unset it"),
    ({"AUDIOBRIEF_BROKER_URL": "redis://x", "AUDIOBRIEF_DATABASE_URL": "mysql://u:secret@h/db"},
     "audiobrief: error: AUDIOBRIEF_DATABASE_URL starts with 'mysql': use a postgresql:// or postgres:// "
     "address, or unset it"),
])
def test_bad_worker_settings_are_one_line(tmp_path: Path, env: dict[str, str], line: str) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.endswith(("BROKER_URL", "DATABASE_URL"))}
    result = subprocess.run([sys.executable, "-m", "audiobrief", "worker"], capture_output=True, text=True,
                            env={**clean, "AUDIOBRIEF_HOME": str(tmp_path), **env}, timeout=120)
    assert (result.returncode, result.stderr.strip()) == (1, line)
    assert "secret" not in result.stderr


def test_a_stopping_worker_hands_its_briefing_back_without_counting_the_attempt(tmp_path: Path) -> None:
    store = queued(tmp_path)
    claim(store, "b1", "w1", max_attempts=3)
    assert not release(store, "b1", "w2")  # only the claimant may hand it back
    assert release(store, "b1", "w1")
    record = store.get("b1")
    assert (record.state, record.attempts) == ("queued", 0)
    assert not holds(store, "b1", "w1")
    assert claim(store, "b1", "w2", max_attempts=1) is Claim.MINE  # at once, not after the lease


def test_claims_left_by_a_dead_worker_are_queued_again_once(tmp_path: Path) -> None:
    store = queued(tmp_path)
    store.add("b2", "", "en", None, {}, [Source("text", "article 2", b"More text.")])
    claim(store, "b1", "w1", max_attempts=3)
    claim(store, "b2", "w2", max_attempts=3)
    assert revive(store, time.time()) == []  # both claims are live
    silence(store, LEASE_S + 1)
    assert holds(store, "b2", "w2")  # w2 is alive and renews; w1 died
    assert revive(store, time.time()) == ["b1"]
    assert revive(store, time.time()) == []  # a second process looking finds nothing more
    record = store.get("b1")
    assert (record.state, record.attempts) == ("queued", 1)  # the dead worker's attempt still counts
    assert claim(store, "b1", "w3", max_attempts=3) is Claim.MINE
    assert store.get("b1").attempts == 2


def test_a_held_message_of_a_dead_worker_is_sent_again_and_a_live_ones_is_not(tmp_path: Path) -> None:
    store = queued(tmp_path)
    note_held(store, briefings, ["b1"], "w1", time.time())  # w1 holds b1's message, waiting for a slot
    assert revive(store, time.time()) == []
    note_held(store, briefings, ["b1"], "w1", time.time() + LEASE_S)  # renewed while w1 lives
    assert revive(store, time.time() + LEASE_S + 1) == []
    assert revive(store, time.time() + 2 * LEASE_S + 1) == ["b1"]  # w1 stopped renewing: it died
    record = store.get("b1")
    assert (record.state, record.attempts) == ("queued", 0)  # never made: no attempt counted
    assert claim(store, "b1", "w2", max_attempts=3) is Claim.MINE
    note_held(store, briefings, ["b1"], "w1", time.time())  # a late note does not touch a running briefing
    assert holds(store, "b1", "w2")


def claimant(store: Store, record_id: str) -> str:
    with store.connect() as db:
        return db.execute(select(briefings.c.claimed_by).where(briefings.c.id == record_id)).scalar_one()


def test_a_queued_briefing_whose_message_is_lost_is_sent_again_after_the_lease(tmp_path: Path) -> None:
    """Its message neither waits in the queue nor is held by a worker (the worker that took it died
    before noting it, or Redis lost it): noted UNSENT, and sent again when the note outlives the lease."""
    store = queued(tmp_path)
    now = time.time()
    note_unsent(store, briefings, {"b1"}, now)  # its message waits in the queue: nothing to do
    assert claimant(store, "b1") == ""
    note_unsent(store, briefings, set(), now)  # gone from the queue, and no worker has noted it
    assert claimant(store, "b1") == UNSENT
    note_unsent(store, briefings, set(), now + LEASE_S)  # a later scan keeps the first time it was missed
    assert revive(store, now + LEASE_S) == []
    assert revive(store, now + LEASE_S + 1) == ["b1"]
    record = store.get("b1")
    assert (record.state, record.attempts) == ("queued", 0)
    assert claimant(store, "b1") == ""


def test_an_unsent_note_gives_way_to_the_message_turning_up_or_a_worker_holding_it(tmp_path: Path) -> None:
    store = queued(tmp_path)
    store.add("b2", "", "en", None, {}, [Source("text", "article 2", b"More text.")])
    now = time.time()
    note_unsent(store, briefings, set(), now)  # read between storing and sending: both look lost
    note_unsent(store, briefings, {"b1"}, now + 1)  # b1's message was in the queue after all
    note_held(store, briefings, ["b2"], "w1", now + 1)  # b2's was taken by a live worker
    assert (claimant(store, "b1"), claimant(store, "b2")) == ("", "w1")
    note_unsent(store, briefings, set(), now + 2)  # a worker's note is never taken for a lost message
    assert claimant(store, "b2") == "w1"
    assert revive(store, now + 2 + LEASE_S / 2) == []
    claim(store, "b1", "w2", max_attempts=3)
    note_unsent(store, briefings, set(), now + 3)  # nor is a briefing being made
    assert claimant(store, "b1") == "w2"
