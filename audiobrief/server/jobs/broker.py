"""Briefings made by Celery workers on Redis (AUDIOBRIEF_BROKER_URL): the web process stores and
enqueues, `audiobrief worker` processes claim and make. A message is acknowledged only after its
briefing is settled (late acks), so a worker that dies leaves it to be delivered again once the
visibility timeout passes; the claim in the database keeps two deliveries from making it twice."""

from __future__ import annotations

import base64
import json
import logging
import os
import shutil
import socket
import threading
import time
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING, Any

from celery import Celery, Task
from celery.signals import task_postrun, task_received, worker_ready, worker_shutting_down

from ... import metrics
from ...audio.lifeline import Stopped
from ...audio.pools import KeptPools
from ..config import Settings
from ..outages import BrokerUnavailable
from ..store.claims import (
    LEASE_S,
    Claim,
    claim,
    heartbeat,
    holds,
    note_held,
    note_unsent,
    release,
    revive,
    revive_runs,
)
from ..store.records import Source, Store
from ..store.tables import briefings, show_runs
from .queue_room import check_room
from .runner import JobRunner, briefing_threads

if TYPE_CHECKING:
    from ...shows.service import ShowService

log = logging.getLogger("audiobrief.server")

TASK = "audiobrief.make_briefing"
QUEUE = "audiobrief-briefings"
RUN_TASK = "audiobrief.run_show"
RUN_QUEUE = "audiobrief-show-runs"
SLOT_WAIT_S = 5  #: a task that finds every slot of its kind taken comes back this much later
CONNECT_TIMEOUT_S = 3  #: how long the web waits for Redis before answering 503
RESTORE_SCAN_S = 10  #: longest time between scans for a dead worker's briefings (one small Redis query)
REVIVE_SCAN_S = 5.0  #: how often each process looks in the database for claims a dead worker left
PRIORITY_LISTS = ("", "\x06\x163", "\x06\x166", "\x06\x169")  #: kombu's Redis lists of a queue, by priority
TABLES = {TASK: briefings, RUN_TASK: show_runs}  #: where each task's jobs are claimed
QUEUES = {TASK: QUEUE, RUN_TASK: RUN_QUEUE}


def restore_scan_s(visibility_timeout_s: int) -> int:
    """Seconds between the scans for unacknowledged briefings: every RESTORE_SCAN_S, or within
    half the visibility timeout when that is shorter."""
    return max(1, min(RESTORE_SCAN_S, visibility_timeout_s // 2))


def redis_ping(broker_url: str, timeout_s: float) -> None:
    """PING the broker's Redis once, waiting at most timeout_s to connect and to read; raises when it
    is out of reach."""
    import redis

    client = redis.Redis.from_url(broker_url, socket_connect_timeout=timeout_s, socket_timeout=timeout_s)
    try:
        client.ping()
    finally:
        client.close()


def waiting_ids(client: Any, queue: str) -> set[str]:
    """The jobs (each task's one argument) whose messages wait in this queue on Redis, not yet taken
    by a worker."""
    found = set()
    for raw in (item for suffix in PRIORITY_LISTS for item in client.lrange(queue + suffix, 0, -1)):
        try:
            message = json.loads(raw)
            body = message["body"]
            if message["properties"].get("body_encoding") == "base64":
                body = base64.b64decode(body)
            found.add(str(json.loads(body)[0][0]))
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            continue  # not a task of ours: nothing to learn from it
    return found


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
        self.reviver = Reviver(self)

    def start(self) -> None:
        """Enqueue again what is still queued (a restart may have come between storing and
        enqueueing; a second delivery finds the briefing claimed or settled and does nothing)."""
        self.settings.briefings_dir.mkdir(parents=True, exist_ok=True)
        try:
            for record in reversed(self.store.all("queued")):
                self._send(record.id)
        except BrokerUnavailable:
            log.warning("Redis is out of reach: queued briefings are enqueued again at the next start")
        self.reviver.start()

    def stop(self) -> None:
        """Let the voice-sample workers go; briefing workers keep going."""
        self.reviver.stop()
        self.pools.close()

    def cancel(self, record_id: str) -> None:
        """Nothing to do here: the worker making a deleted briefing finds its row gone at its next
        heartbeat (within HEARTBEAT_S) and stops."""

    def submit(self, record_id: str, requested_title: str, voice: str, rate: int | None,
               pronunciations: dict[str, str], sources: list[Source], owner_id: int | None = None,
               public: bool = True) -> None:
        """Store and enqueue a new briefing, or raise QueueFull or BrokerUnavailable (then nothing
        is kept, so the client's retry makes it once)."""
        check_room(self.store, self.settings, owner_id)
        self.store.add(record_id, requested_title, voice, rate, pronunciations, sources, owner_id, public)
        try:
            self._send(record_id)
        except BrokerUnavailable:
            self.store.delete(record_id)
            raise
        metrics.SUBMITTED.inc()

    def retry(self, record_id: str) -> bool:
        """Queue a failed briefing again (False when it is not failed), or raise QueueFull or
        BrokerUnavailable (then it stays queued, and is enqueued again at the next start)."""
        record = self.store.get(record_id)
        check_room(self.store, self.settings, record.owner_id if record else None)
        if not self.store.retry(record_id):
            return False
        self._send(record_id)
        return True

    def send(self, record_id: str) -> None:
        """Enqueue a briefing stored as queued already, or raise BrokerUnavailable."""
        self._send(record_id)

    def send_run(self, run_id: str) -> None:
        """Enqueue a show run (stored as queued already), or raise BrokerUnavailable."""
        self._send(run_id, task=RUN_TASK, queue=RUN_QUEUE)

    def _send(self, record_id: str, countdown: float | None = None, *, task: str = TASK,
              queue: str = QUEUE) -> None:
        try:
            self.app.send_task(task, args=[record_id], countdown=countdown, queue=queue)
        except Exception as exc:  # kombu and redis raise their own kinds for a broker out of reach
            raise BrokerUnavailable(f"Redis is out of reach: {exc}") from exc


class Reviver:
    """Recovery from the claims: every REVIVE_SCAN_S, briefings and show runs whose worker has not
    renewed its claim for LEASE_S (it died), and those whose message was lost (neither waiting in
    Redis nor held by a worker for LEASE_S), are queued again and sent as new messages, so another
    worker makes them within seconds rather than after Redis's visibility timeout. The message
    Redis gives back later finds the job claimed or done and does nothing. The web and every
    worker run one."""

    def __init__(self, runner: BrokerRunner, holder: WorkerMaker | None = None) -> None:
        self.runner = runner
        self.holder = holder  #: in a worker: the maker whose held messages are renewed each scan
        self.stopped = threading.Event()
        self.thread: threading.Thread | None = None
        self.redis: Any = None

    def start(self) -> None:
        """Look on a thread of its own until stopped."""
        self.thread = threading.Thread(target=self._watch, name="claim-reviver", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Stop looking."""
        self.stopped.set()
        if self.thread is not None:
            self.thread.join()
        if self.redis is not None:
            self.redis.close()

    def scan(self, now: float | None = None) -> list[str]:
        """Renew this worker's notes of the messages it holds, note the jobs whose message is lost,
        then queue again and send the briefings and runs left by dead workers or lost: the
        briefings' ids."""
        now = time.time() if now is None else now
        store = self.runner.store
        if self.holder is not None:
            for task, table in TABLES.items():
                note_held(store, table, self.holder.held_ids(task), self.holder.name, now)
        for task, table in TABLES.items():
            note_unsent(store, table, waiting_ids(self._redis(), QUEUES[task]), now)
        revived = revive(store, now)
        for record_id in revived:
            log.warning("briefing %s: its worker stopped renewing its claim, or its message was lost; "
                        "queued again", record_id)
            self.runner.send(record_id)
        for run_id in revive_runs(store, now):
            log.warning("show run %s was cut short by a process that died, or its message was lost: "
                        "queued again", run_id)
            self.runner.send_run(run_id)
        return revived

    def _redis(self) -> Any:
        import redis

        if self.redis is None:
            self.redis = redis.Redis.from_url(self.runner.settings.broker_url,
                                              socket_connect_timeout=CONNECT_TIMEOUT_S,
                                              socket_timeout=CONNECT_TIMEOUT_S)
        return self.redis

    def _watch(self) -> None:
        while not self.stopped.wait(REVIVE_SCAN_S):
            try:
                self.scan()
            except Exception:  # the database or Redis is out of reach: the next scan tries again
                log.warning("could not look for briefings left by dead workers", exc_info=True)


class BrokerRuns:
    """The run queue with a broker: each show run is a Celery task, made by the workers."""

    def __init__(self, runner: BrokerRunner) -> None:
        self.runner = runner

    def start(self, waiting: list[str]) -> None:
        """Enqueue again the runs still waiting (a second delivery finds the run claimed or done)."""
        try:
            for run_id in waiting:
                self.submit(run_id)
        except BrokerUnavailable:
            log.warning("Redis is out of reach: waiting show runs are enqueued again at the next start")

    def submit(self, run_id: str) -> None:
        """Enqueue a run (stored as queued already), or raise BrokerUnavailable."""
        self.runner.send_run(run_id)

    def stop(self) -> None:
        """Nothing to stop: the workers make the runs."""


class WorkerMaker(JobRunner):
    """A worker process's side: makes a claimed briefing in a folder of its own. Celery runs
    `workers + readers` tasks at once in the process and at most `workers` of them make a briefing
    at a time, the rest reading theirs (as in the web process's runner): a slow site holds a
    reading thread, not a making slot. The price: a busy process can hold up to `readers` briefings
    read and waiting for its slot while another process is idle."""

    def __init__(self, settings: Settings, store: Store) -> None:
        super().__init__(settings, store)
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self.held: Counter[tuple[str, str]] = Counter()  #: (task, job) messages received, not yet run
        self.held_lock = threading.Lock()
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
        if outcome is Claim.EXHAUSTED:
            metrics.FAILED.labels(reason="worker_lost").inc()
        if outcome is not Claim.MINE:
            return outcome
        for left in self.settings.briefings_dir.glob(f".work-{record_id}-*"):
            shutil.rmtree(left, ignore_errors=True)  # a dead worker's scratch folder: the claim is ours now
        record = self.store.get(record_id)
        if record is None:
            return Claim.SETTLED
        with self.in_hand(record_id) as token, heartbeat(self.store, record_id, self.name, token.cancel):
            try:
                self.make_claimed(record, token)
            except Stopped:
                release(self.store, record_id, self.name)
                return Claim.RETURNED
        return outcome

    def hold(self, task: str, job_id: str) -> None:
        """A briefing's or a show run's message was received (perhaps to wait for its time): note
        it as held."""
        with self.held_lock:
            self.held[task, job_id] += 1
        note_held(self.store, TABLES[task], [job_id], self.name, time.time())

    def let_go(self, task: str, job_id: str) -> None:
        """A task for this job has run (made it, or sent it on as a new message)."""
        with self.held_lock:
            self.held[task, job_id] -= 1
            if self.held[task, job_id] <= 0:
                del self.held[task, job_id]

    def held_ids(self, task: str) -> list[str]:
        """The jobs of this task whose messages this worker holds now."""
        with self.held_lock:
            return [job_id for held_task, job_id in self.held if held_task == task]

    def hand_back(self) -> None:
        """The grace period is over: cut the briefings in hand short (each is given back to the
        queue by its task), and any task starting from now on hands its briefing back at once."""
        log.warning("the grace period is over: handing back the briefings in hand")
        self.stopper.stop()
        with self.tokens_lock:
            held = list(self.tokens.values())
        for token in held:
            token.cancel()


@cache
def worker_maker() -> WorkerMaker:
    """This worker process's maker, made at its first task (settings from the environment)."""
    settings = Settings.from_env()
    return WorkerMaker(settings, Store(settings.store_target))


@cache
def worker_shows() -> ShowService:
    """This worker process's show service: its episodes are enqueued like any briefing."""
    from ...shows.service import ShowService

    maker = worker_maker()
    return ShowService(maker.store, maker.settings, BrokerRunner(maker.settings, maker.store).submit)


def worker_app(settings: Settings) -> Celery:
    """The Celery app of `audiobrief worker`, with the briefing and show-run tasks registered: its
    threads run at most briefing_tasks briefings and `show_run_workers` runs at once (a task finding
    no slot of its kind comes back SLOT_WAIT_S later), so runs reading slow sources never hold up
    briefings, nor briefings runs."""
    app = celery_app(settings.broker_url, settings.visibility_timeout_s)

    @worker_shutting_down.connect(weak=False)
    def grace(**_: Any) -> None:
        """SIGTERM: Celery stops taking messages and waits for the tasks in hand; after the grace
        period their briefings are handed back rather than waited for."""
        timer = threading.Timer(settings.worker_grace_s, worker_maker().hand_back)
        timer.daemon = True
        timer.start()

    @worker_ready.connect(weak=False)
    def recover(**_: Any) -> None:
        """Watch for briefings that dead workers left, as the web does."""
        maker = worker_maker()
        Reviver(BrokerRunner(maker.settings, maker.store), maker).start()

    @task_received.connect(weak=False)
    def held(request: Any, **_: Any) -> None:
        if request.name in TABLES and request.args:
            worker_maker().hold(request.name, request.args[0])

    @task_postrun.connect(weak=False)
    def ran(task: Task | None = None, args: Any = None, **_: Any) -> None:
        if task is not None and task.name in TABLES and args:
            worker_maker().let_go(task.name, args[0])

    briefing_slots = threading.BoundedSemaphore(briefing_tasks(settings))
    run_slots = threading.BoundedSemaphore(settings.show_run_workers)

    @app.task(name=TASK, bind=True, max_retries=None)
    def make_briefing(task: Task, record_id: str) -> None:
        if not briefing_slots.acquire(blocking=False):
            raise task.retry(countdown=SLOT_WAIT_S)
        try:
            started = time.monotonic()
            outcome = worker_maker().make(record_id)
        finally:
            briefing_slots.release()
        if outcome is Claim.BUSY:
            raise task.retry(countdown=LEASE_S)
        if outcome is Claim.RETURNED:
            log.info("briefing %s: handed back to the queue", record_id)
            raise task.retry(countdown=0)
        log.info("briefing %s: %s in %.1f s", record_id, outcome.value, time.monotonic() - started)

    @app.task(name=RUN_TASK, bind=True, max_retries=None)
    def run_show(task: Task, run_id: str) -> None:
        if not run_slots.acquire(blocking=False):
            raise task.retry(countdown=SLOT_WAIT_S)
        try:
            result = worker_shows().execute(run_id)
        finally:
            run_slots.release()
        log.info("show run %s: %s", run_id, result.outcome if result else "not made here")

    return app


def briefing_tasks(settings: Settings) -> int:
    """Briefing tasks a worker process runs at once: at most `workers` of them make a briefing, the
    others read theirs meanwhile (WorkerMaker)."""
    return briefing_threads(settings)


def worker_queues(settings: Settings) -> tuple[str, str, int]:
    """What `audiobrief worker` consumes (briefings, show runs) and on how many threads: the briefing
    tasks' and the show runs' together."""
    return QUEUE, RUN_QUEUE, briefing_tasks(settings) + settings.show_run_workers
