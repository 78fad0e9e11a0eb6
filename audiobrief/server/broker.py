"""Briefings made by Celery workers on Redis (AUDIOBRIEF_BROKER_URL): the web process stores and
enqueues, `audiobrief worker` processes claim and make. A message is acknowledged only after its
briefing is settled (late acks), so a worker that dies leaves it to be delivered again once the
visibility timeout passes; the claim in the database keeps two deliveries from making it twice."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import time
from functools import cache
from typing import Any

from celery import Celery, Task

from ..audio.pools import KeptPools
from .claims import LEASE_S, Claim, claim, heartbeat, holds
from .config import Settings
from .jobs import JobRunner, QueueFull
from .outages import BrokerUnavailable
from .store import Source, Store

log = logging.getLogger("audiobrief.server")

TASK = "audiobrief.make_briefing"
QUEUE = "audiobrief-briefings"
CONNECT_TIMEOUT_S = 3  #: how long the web waits for Redis before answering 503
RESTORE_SCAN_S = 10  #: longest time between scans for a dead worker's briefings (one small Redis query)


def restore_scan_s(visibility_timeout_s: int) -> int:
    """Seconds between the scans for unacknowledged briefings: every RESTORE_SCAN_S, or within
    half the visibility timeout when that is shorter."""
    return max(1, min(RESTORE_SCAN_S, visibility_timeout_s // 2))


def celery_app(broker_url: str, visibility_timeout_s: int) -> Celery:
    """A Celery app on this Redis: late acks, requeue on a lost worker, one message at a time."""
    app = Celery("audiobrief", broker=broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        task_default_queue=QUEUE,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=CONNECT_TIMEOUT_S,
        # kombu looks for briefings whose worker died every 10 s but scans only every tenth time:
        # a scan at most every RESTORE_SCAN_S (and within half the visibility timeout) puts such
        # a briefing back on the queue soon after its timeout, not up to 100 s later
        broker_transport_options={"visibility_timeout": visibility_timeout_s,
                                  "unacked_restore_interval": restore_scan_s(visibility_timeout_s),
                                  "unacked_restore_throttle": 1,
                                  "socket_connect_timeout": CONNECT_TIMEOUT_S,
                                  "socket_timeout": CONNECT_TIMEOUT_S},
        task_publish_retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.5},
    )
    return app


class BrokerRunner:
    """The web process's side: store a briefing and enqueue it; no briefing is made here (only the
    few seconds of each voice's sample for the form, on speech workers kept for that)."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self.app = celery_app(settings.broker_url, settings.visibility_timeout_s)
        self.pools = KeptPools()  #: speech workers for voice samples, started on the first one asked for

    def start(self) -> None:
        """Enqueue again what is still queued (a restart may have come between storing and
        enqueueing; a second delivery finds the briefing claimed or settled and does nothing)."""
        self.settings.briefings_dir.mkdir(parents=True, exist_ok=True)
        try:
            for record in reversed(self.store.all("queued")):
                self._send(record.id)
        except BrokerUnavailable:
            log.warning("Redis is out of reach: queued briefings are enqueued again at the next start")

    def stop(self) -> None:
        """Let the voice-sample workers go; briefing workers keep going."""
        self.pools.close()

    def cancel(self, record_id: str) -> None:
        """Nothing to do here: the worker making a deleted briefing finds its row gone at its next
        heartbeat (within HEARTBEAT_S) and stops."""

    def submit(self, record_id: str, requested_title: str, voice: str, rate: int | None,
               pronunciations: dict[str, str], sources: list[Source], owner_id: int | None = None,
               public: bool = True) -> None:
        """Store and enqueue a new briefing, or raise QueueFull or BrokerUnavailable (then nothing
        is kept, so the client's retry makes it once)."""
        if self.store.count("queued") >= self.settings.queue_size:
            raise QueueFull(f"{self.settings.queue_size} briefings are already waiting")
        self.store.add(record_id, requested_title, voice, rate, pronunciations, sources, owner_id, public)
        try:
            self._send(record_id)
        except BrokerUnavailable:
            self.store.delete(record_id)
            raise

    def retry(self, record_id: str) -> bool:
        """Queue a failed briefing again (False when it is not failed), or raise QueueFull or
        BrokerUnavailable (then it stays queued, and is enqueued again at the next start)."""
        if self.store.count("queued") >= self.settings.queue_size:
            raise QueueFull(f"{self.settings.queue_size} briefings are already waiting")
        if not self.store.retry(record_id):
            return False
        self._send(record_id)
        return True

    def _send(self, record_id: str, countdown: float | None = None) -> None:
        try:
            self.app.send_task(TASK, args=[record_id], countdown=countdown)
        except Exception as exc:  # kombu and redis raise their own kinds for a broker out of reach
            raise BrokerUnavailable(f"Redis is out of reach: {exc}") from exc


class WorkerMaker(JobRunner):
    """A worker process's side: makes a claimed briefing in a folder of its own. Celery runs
    `workers + readers` tasks at once in the process and at most `workers` of them make a briefing
    at a time, the rest reading theirs (as in the web process's runner): a slow site holds a
    reading thread, not a making slot. The price: a busy process can hold up to `readers` briefings
    read and waiting for its slot while another process is idle."""

    def __init__(self, settings: Settings, store: Store) -> None:
        super().__init__(settings, store)
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        settings.briefings_dir.mkdir(parents=True, exist_ok=True)

    def _work_dir(self, record_id: str) -> Any:
        return self.settings.briefings_dir / f".work-{record_id}-{os.getpid()}"

    def _still_mine(self, record_id: str) -> bool:
        return holds(self.store, record_id, self.name)

    def _claimant(self) -> str | None:
        return self.name

    def make(self, record_id: str) -> Claim:
        """Claim the briefing and, when it is ours, make it (or fail it with the reason)."""
        outcome = claim(self.store, record_id, self.name, self.settings.max_attempts)
        if outcome is not Claim.MINE:
            return outcome
        for left in self.settings.briefings_dir.glob(f".work-{record_id}-*"):
            shutil.rmtree(left, ignore_errors=True)  # a dead worker's scratch folder: the claim is ours now
        record = self.store.get(record_id)
        if record is None:
            return Claim.SETTLED
        with self.in_hand(record_id) as token, heartbeat(self.store, record_id, self.name, token.cancel):
            self.make_claimed(record, token)
        return outcome


@cache
def worker_maker() -> WorkerMaker:
    """This worker process's maker, made at its first task (settings from the environment)."""
    settings = Settings.from_env()
    return WorkerMaker(settings, Store(settings.store_target))


def worker_app(settings: Settings) -> Celery:
    """The Celery app of `audiobrief worker`, with the briefing task registered."""
    app = celery_app(settings.broker_url, settings.visibility_timeout_s)

    @app.task(name=TASK, bind=True, max_retries=None)
    def make_briefing(task: Task, record_id: str) -> None:
        started = time.monotonic()
        outcome = worker_maker().make(record_id)
        if outcome is Claim.BUSY:
            raise task.retry(countdown=LEASE_S)
        log.info("briefing %s: %s in %.1f s", record_id, outcome.value, time.monotonic() - started)

    return app
