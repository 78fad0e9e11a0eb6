"""The distributed set-up for tests: one web process and `audiobrief worker` processes sharing a
data folder, PostgreSQL and Redis (real servers from services.py)."""

from __future__ import annotations

import collections
import contextlib
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from support.databases import Postgres, Redis
from support.server import GroupedProcess, Server

WORKER_START_S = 60.0
MINE = re.compile(r"briefing ([0-9a-f]{32}): mine in ([0-9.]+) s")
LOGGED_S = 30.0  #: a task logs its making just after the briefing is marked done (a loaded run read between)


def made(home: Path) -> dict[str, list[float]]:
    """Each briefing made to the end, with the seconds each making took, from every worker log."""
    found: dict[str, list[float]] = collections.defaultdict(list)
    for log in home.glob("worker*.log"):
        for record_id, seconds in MINE.findall(log.read_text(errors="replace")):
            found[record_id].append(float(seconds))
    return found


def made_once_logged(home: Path, ids: list[str]) -> dict[str, list[float]]:
    """made(), once every one of these briefings (already done) has its making in a worker log."""
    deadline = time.monotonic() + LOGGED_S
    while not all((found := made(home)).get(record_id) for record_id in ids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


class Worker(GroupedProcess):
    """One `audiobrief worker` process in its own process group (so a kill takes its engines too)."""

    stop_wait_s = 20.0

    def __init__(self, server: Server, name: str, *options: str) -> None:
        self.server = server
        self.options = options  #: more command-line options for `audiobrief worker`
        self.log = server.home / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Worker:
        """Start the worker and wait until Celery says it is ready."""
        with self.log.open("ab") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "audiobrief", "worker", *self.options],
                                            env=self.server.env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        deadline = time.monotonic() + WORKER_START_S
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"worker exited: {self.log.read_text()[-3000:]}"
            if " ready." in self.log.read_text(errors="replace"):
                return self
            time.sleep(0.2)
        raise AssertionError(f"worker did not start: {self.log.read_text()[-3000:]}")



def distributed_server(home: Path, database_url: str, broker_url: str, **settings: str) -> Server:
    """A web process (not started) that stores in PostgreSQL and enqueues on Redis."""
    return Server(home, database_url=database_url, broker_url=broker_url, **settings)


class Cluster:
    """A web process and worker processes on one PostgreSQL database and one Redis."""

    def __init__(self, home: Path, postgres: Postgres, redis: Redis, workers: int = 1, **settings: str,
                 ) -> None:
        self.database_url = postgres.new_database()
        self.server = distributed_server(home, self.database_url, redis.url, **settings)
        self.workers = [Worker(self.server, f"worker{n}") for n in range(1, workers + 1)]

    def start(self) -> Cluster:
        """Start the web process, then the workers."""
        self.server.start()
        for worker in self.workers:
            worker.start()
        return self

    def stop(self) -> None:
        """Stop the workers and the web process."""
        for worker in self.workers:
            worker.stop()
        self.server.stop()


@contextlib.contextmanager
def server_in_mode(mode: str, home: Path, request: pytest.FixtureRequest,
                   prepare: Callable[[Server], None] = lambda _: None, **settings: str) -> Iterator[Server]:
    """A started server: "sqlite" is the embedded default (threads and SQLite in one process),
    "cluster" a web process with PostgreSQL, Redis and one worker process; prepare sees the server
    before it starts."""
    if mode == "sqlite":
        server = Server(home, **settings)
        prepare(server)
        try:
            yield server.start()
        finally:
            server.stop()
        return
    cluster = Cluster(home, request.getfixturevalue("postgres"), request.getfixturevalue("redis"), **settings)
    prepare(cluster.server)
    try:
        yield cluster.start().server
    finally:
        cluster.stop()
