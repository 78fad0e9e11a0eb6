"""Stopping workers gracefully (real PostgreSQL and Redis, the default visibility timeout): SIGTERM
stops a worker taking work; it finishes the briefing in hand within AUDIOBRIEF_WORKER_GRACE, or
hands it back at once when the grace runs out, and nothing is lost or made twice."""

from __future__ import annotations

import collections
import signal
import socket
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from support.cluster import Cluster, Worker, made, made_once_logged
from support.databases import Postgres, Redis
from support.long_article import long_article
from support.server import STORIES

from audiobrief.server.jobs.broker import SLOT_WAIT_S

pytestmark = pytest.mark.slow

BRIEFINGS = 12
FIRST_WAVE = 4  #: submitted before the first SIGTERM; the other 8 before the second
DEFAULT_GRACE_S = 30.0
HAND_BACK_S = 10.0  #: a worker's own unwinding once the grace is over: cancel, release, publish, exit
LONG_PARAGRAPHS = 200  #: a briefing that takes well over the grace to make
MADE_AGAIN_S = 600.0  #: the long briefing, made again on a loaded machine


def states(database_url: str) -> dict[str, tuple[str, int]]:
    with psycopg.connect(database_url) as db:
        return {row[0]: (row[1], row[2]) for row in db.execute("SELECT id, state, attempts FROM briefings")}


def making_on(database_url: str, worker: Worker) -> str | None:
    """The briefing this worker process is making (its audio begun), if any."""
    claimant = f"{socket.gethostname()}:{worker.process.pid}"
    with psycopg.connect(database_url) as db:
        row = db.execute("SELECT id FROM briefings WHERE state = 'running' AND claimed_by = %s "
                         "AND stage = 'synthesize'", (claimant,)).fetchone()
    return row[0] if row else None


def wait_making(cluster: Cluster, workers: list[Worker], deadline_s: float) -> tuple[Worker, str]:
    """The first of these workers seen making a briefing, and that briefing: one must, while some
    briefings are not yet done (queued, or taken and waiting for a making slot)."""
    deadline = time.monotonic() + deadline_s
    while True:
        for worker in workers:
            if (found := making_on(cluster.database_url, worker)) is not None:
                return worker, found
        waiting = collections.Counter(state for state, _ in states(cluster.database_url).values())
        assert waiting["queued"] + waiting["running"] and time.monotonic() < deadline, \
            f"no worker took one: {waiting}"
        time.sleep(0.05)


def terminate(worker: Worker, deadline_s: float) -> float:
    """SIGTERM the worker (not its engines: it stops them itself); seconds until it exited."""
    assert worker.process is not None
    started = time.monotonic()
    worker.process.send_signal(signal.SIGTERM)
    try:
        code = worker.process.wait(deadline_s)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"worker still running {deadline_s} s after SIGTERM") from None
    assert code == 0, worker.log.read_text()[-3000:]
    worker.process = None
    return time.monotonic() - started


def wait_all_done(cluster: Cluster, count: int, deadline_s: float) -> dict[str, tuple[str, int]]:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        found = states(cluster.database_url)
        if sum(state in ("done", "failed") for state, _ in found.values()) >= count:
            return found
        time.sleep(0.5)
    raise AssertionError(f"not all done: {collections.Counter(s for s, _ in found.values())}")


def queue_waits(database_url: str, making: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    """Each briefing's seconds in the queue (from submitted to done, less its making), and the most it
    may wait: the making of every briefing submitted before it, each after a slot's retry wait, as if
    one worker made them all while the other was stopping or starting."""
    with psycopg.connect(database_url) as db:
        rows = db.execute("SELECT id, created_at, finished_at FROM briefings ORDER BY created_at").fetchall()
    waits, ahead = {}, 0.0
    for record_id, created_at, finished_at in rows:
        waits[record_id] = (finished_at - created_at - making[record_id][0], ahead)
        ahead += making[record_id][0] + SLOT_WAIT_S
    return waits


def articles(count: int, paragraphs: int = 1) -> list[str]:
    """Different articles (so none is answered from the cache), each of this many extra paragraphs."""
    texts = list(STORIES.values())
    bodies = [text.split("\n", 2)[2].strip() for text in texts]
    return [f"{texts[n % len(texts)]}\n\n" + "\n\n".join(
        f"Paragraph {p + 1} of report number {n + 1}: {bodies[(n + p) % len(bodies)]}"
        for p in range(paragraphs)) for n in range(count)]


def test_a_rolling_sigterm_loses_nothing_and_holds_nothing_past_the_grace(tmp_path: Path, postgres: Postgres,
                                                                          redis: Redis) -> None:
    cluster = Cluster(tmp_path / "home", postgres, redis, workers=2, queue_size="100",
                      submit_burst="100").start()
    try:
        # new text throughout (nothing from the cache), each long enough to be seen being made; some
        # before each SIGTERM, so some wait at each however fast the others make them while a stopped
        # worker restarts (a loaded run saw all 12 done before the second stop); the first stopped is
        # whichever is first seen making one, the second the other (none sits idle by luck of the queue)
        texts = [long_article(300, f"Rolling Report {n + 1}", seed=300 + n) for n in range(BRIEFINGS)]
        waves = [texts[:FIRST_WAVE], texts[FIRST_WAVE:]]
        ids: list[str] = []
        originals = list(cluster.workers)
        for number, wave in enumerate(waves, 1):
            ids += [cluster.server.submit(text, voice="en-us-espeak") for text in wave]
            worker, in_hand = wait_making(cluster, originals, BRIEFINGS * 60)
            originals.remove(worker)
            stopped_s = terminate(worker, DEFAULT_GRACE_S + HAND_BACK_S)
            took = made(cluster.server.home).get(in_hand, [])
            # finished by this worker before it left (its making well within the grace), not handed back
            assert states(cluster.database_url)[in_hand] == ("done", 1)
            assert took and stopped_s <= DEFAULT_GRACE_S + took[0] + HAND_BACK_S
            print(f"stop {number}: exited {stopped_s:.1f} s after SIGTERM, in hand made in {took[0]:.1f} s")
            place = cluster.workers.index(worker)
            cluster.workers[place] = Worker(cluster.server, f"worker{place + 1}-again").start()
        found = wait_all_done(cluster, BRIEFINGS, BRIEFINGS * 60)
        assert sorted(found) == sorted(ids)
        assert set(found.values()) == {("done", 1)}  # all made, none taken over from a stopped worker
        logged = made_once_logged(cluster.server.home, ids)
        counts = {record_id: len(times) for record_id, times in logged.items()}
        assert counts == dict.fromkeys(ids, 1)
        waits = queue_waits(cluster.database_url, logged)
        waited, ahead = max(waits.values())
        making = sorted(times[0] for times in logged.values())
        print(f"longest wait in the queue {waited:.1f} s (bound {ahead + DEFAULT_GRACE_S:.1f} s); "
              f"making {making[0]:.1f} to {making[-1]:.1f} s")
        late = {record_id: wait for record_id, wait in waits.items() if wait[0] > wait[1] + DEFAULT_GRACE_S}
        assert not late, f"waited past the grace and the work ahead of them: {late}"
    finally:
        cluster.stop()


def test_a_briefing_past_the_grace_is_handed_back_at_once(tmp_path: Path, postgres: Postgres,
                                                           redis: Redis) -> None:
    grace_s = 2.0
    cluster = Cluster(tmp_path / "home", postgres, redis, workers=2, worker_grace=str(int(grace_s))).start()
    first, second = cluster.workers
    try:
        record_id = cluster.server.submit(articles(1, paragraphs=LONG_PARAGRAPHS)[0], voice="en-us-espeak")
        holder = holding(cluster, (first, second))
        other = second if holder is first else first
        holder_log = holder.log
        stopped_at = time.monotonic()
        stopped_s = terminate(holder, grace_s + HAND_BACK_S)
        assert stopped_s >= grace_s  # it did try to finish first
        status = cluster.server.wait(record_id, timeout=MADE_AGAIN_S)
        done_after_s = time.monotonic() - stopped_at
        assert status["state"] == "done"
        times = made_once_logged(cluster.server.home, [record_id])
        assert len(times[record_id]) == 1  # made to the end once, by the other worker
        assert f"briefing {record_id}: handed back to the queue" in holder_log.read_text()
        assert f"{socket.gethostname()}:{other.process.pid}" in claimant(cluster.database_url, record_id)
        assert states(cluster.database_url)[record_id] == ("done", 1)  # the handed-back attempt not counted
        # handed back at once: done within the grace, the hand-back and its own making time (not after
        # the visibility timeout of an hour)
        print(f"handed back: holder exited {stopped_s:.1f} s after SIGTERM (grace {grace_s:.0f} s); done "
              f"{done_after_s:.1f} s after it, made again in {times[record_id][0]:.1f} s")
        assert done_after_s <= grace_s + HAND_BACK_S + times[record_id][0] + HAND_BACK_S
    finally:
        cluster.stop()


def holding(cluster: Cluster, workers: tuple[Worker, Worker]) -> Worker:
    """The worker that is making the one briefing (it takes well over the grace to make)."""
    deadline = time.monotonic() + MADE_AGAIN_S
    while time.monotonic() < deadline:
        for worker in workers:
            if making_on(cluster.database_url, worker) is not None:
                return worker
        now = states(cluster.database_url)
        assert all(state in ("queued", "running") for state, _ in now.values()), \
            f"the briefing ended before it was seen being made: {now}"
        time.sleep(0.05)
    raise AssertionError("no worker took the briefing")


def claimant(database_url: str, record_id: str) -> str:
    with psycopg.connect(database_url) as db:
        return db.execute("SELECT claimed_by FROM briefings WHERE id = %s", (record_id,)).fetchone()[0]
