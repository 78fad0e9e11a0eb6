"""The Celery app's broker options as kombu's Redis transport applies them: a dead worker's briefing
is looked for within half the visibility timeout, and the first scan after its timeout puts it back
on the queue (against a redis-server of the session's own)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from support.databases import Redis

from audiobrief.server.jobs.broker import QUEUE, celery_app

VISIBILITY_S = 60  #: long enough that no scan finds the briefing due unless the test backdates it


@pytest.fixture
def broker_url(redis: Redis) -> Iterator[str]:
    """A database of the session's redis-server for this test alone, emptied afterwards."""
    url = redis.url.removesuffix("/0") + "/7"
    yield url
    with celery_app(url, VISIBILITY_S).connection_for_write() as connection:
        connection.default_channel.client.flushdb()


@pytest.mark.parametrize(("visibility_s", "scan_s"), [(3600, 10), (20, 10), (6, 3), (1, 1)])
def test_a_dead_workers_briefing_is_looked_for_within_half_the_visibility_timeout(
        broker_url: str, visibility_s: int, scan_s: int) -> None:
    """The worker's scans for unacknowledged briefings, as kombu's channel takes them: every scan_s
    seconds, each one a real scan (kombu's default scans every tenth time only)."""
    with celery_app(broker_url, visibility_s).connection_for_write() as connection:
        channel = connection.default_channel
        assert channel.visibility_timeout == visibility_s
        assert (channel.unacked_restore_interval, channel.unacked_restore_throttle) == (scan_s, 1)


def test_a_briefing_whose_worker_died_is_queued_again_by_the_first_scan_after_its_timeout(
        broker_url: str) -> None:
    app = celery_app(broker_url, VISIBILITY_S)
    app.send_task("audiobrief.make_briefing", args=("b1",), queue=QUEUE)
    with app.connection_for_write() as dying:
        channel = dying.default_channel
        taken = channel.basic_get(QUEUE, no_ack=False)
        assert taken is not None and channel.client.llen(QUEUE) == 0
        channel.qos.restore_at_shutdown = False  # killed: it gives nothing back on its way out
    with app.connection_for_write() as worker:
        channel = worker.default_channel

        def scan() -> int:
            """One of the worker's periodic scans; the briefings waiting on the queue after it."""
            channel.qos.restore_visible(num=channel.unacked_restore_limit,
                                        interval=channel.unacked_restore_throttle)
            return channel.client.llen(QUEUE)

        assert scan() == 0, "within its visibility timeout the briefing is still its worker's"
        channel.client.zadd(channel.unacked_index_key, {taken.delivery_tag: time.time() - VISIBILITY_S - 1})
        assert scan() == 1, "the next scan after the timeout queues it again"
        again = channel.basic_get(QUEUE, no_ack=True)
        assert again is not None and again.delivery_tag == taken.delivery_tag
        assert again.headers["argsrepr"] == "('b1',)"
