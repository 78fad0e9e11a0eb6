"""Briefings and show runs whose message is lost (taken from Redis by a worker that died before
noting it, or gone with Redis's data) are sent again once the lease has passed, by the claims'
reviver reading what waits in Redis (a redis-server of the session's own) and the database."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from support.databases import Redis

from audiobrief.server.config import Settings
from audiobrief.server.jobs.broker import QUEUE, RUN_QUEUE, BrokerRunner, Reviver, waiting_ids
from audiobrief.server.store.claims import LEASE_S, UNSENT
from audiobrief.server.store.records import Source, Store
from audiobrief.server.store.tables import show_runs
from audiobrief.shows.records import ShowRecords
from audiobrief.shows.run_records import RunRecords
from audiobrief.shows.service import RUN_LEASE_S

ARTICLE = [Source("text", "article", b"The bridge on Elm Street opens on Monday.")]


@pytest.fixture
def runner(tmp_path: Path, redis: Redis) -> Iterator[BrokerRunner]:
    """A web process's side on a database of the session's redis-server for this test alone."""
    url = redis.url.removesuffix("/0") + "/6"
    made = BrokerRunner(Settings(home=tmp_path, broker_url=url), Store(tmp_path / "db.sqlite3"))
    yield made
    with made.app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()


def take(runner: BrokerRunner, queue: str) -> None:
    """What a worker does as it takes a message, dying before it notes it: the message leaves the list."""
    with runner.app.connection_for_write() as connection:
        assert connection.default_channel.client.rpop(queue) is not None


def test_the_reviver_reads_which_jobs_wait_in_redis(runner: BrokerRunner) -> None:
    for record_id in ("b1", "b2"):
        runner.store.add(record_id, "", "en-us-espeak", None, {}, ARTICLE)
        runner.send(record_id)
    runner.send_run("r1")
    with runner.app.connection_for_write() as connection:
        client = connection.default_channel.client
        client.lpush(QUEUE, b"not a message", b'{"body": 7}')  # what no task of ours looks like
        assert waiting_ids(client, QUEUE) == {"b1", "b2"}
        assert waiting_ids(client, RUN_QUEUE) == {"r1"}


def test_a_briefing_whose_message_was_taken_by_a_dead_worker_is_sent_again(runner: BrokerRunner) -> None:
    for record_id in ("b1", "b2"):
        runner.store.add(record_id, "", "en-us-espeak", None, {}, ARTICLE)
        runner.send(record_id)
    take(runner, QUEUE)  # b1's, the first sent
    reviver = Reviver(runner)
    now = time.time()
    assert reviver.scan(now) == []
    assert reviver.scan(now + LEASE_S / 2) == []  # a worker noting it late would have cleared the note
    assert reviver.scan(now + LEASE_S + 1) == ["b1"]
    with runner.app.connection_for_write() as connection:
        assert waiting_ids(connection.default_channel.client, QUEUE) == {"b1", "b2"}
    assert reviver.scan(now + 3 * LEASE_S) == []  # b2 waited in the queue all along: never sent twice


def test_a_show_run_whose_message_was_lost_is_sent_again(runner: BrokerRunner) -> None:
    store = runner.store
    ShowRecords(store).add({"slug": "news", "title": "News", "voice": "en-us-espeak", "max_stories": 4,
                            "max_per_source": 2, "keep_episodes": 3, "keep_days": 0, "owner_id": None,
                            "created_at": time.time()}, [])
    runs = RunRecords(store)
    show_id = ShowRecords(store).show_id("news")
    assert show_id is not None and runs.add("r1", show_id, "hand", time.time())
    runner.send_run("r1")
    take(runner, RUN_QUEUE)
    reviver = Reviver(runner)
    now = time.time()
    reviver.scan(now)
    with store.connect() as db:
        assert db.execute(select(show_runs.c.claimed_by)).scalar_one() == UNSENT
    assert runs.revive(now + RUN_LEASE_S / 2, RUN_LEASE_S) == []
    reviver.scan(now + RUN_LEASE_S + 1)  # the web and every worker scan: a worker sends it again
    with runner.app.connection_for_write() as connection:
        assert waiting_ids(connection.default_channel.client, RUN_QUEUE) == {"r1"}
    assert runs.waiting() == ["r1"]
    with store.connect() as db:
        assert db.execute(select(show_runs.c.claimed_by)).scalar_one() == ""
