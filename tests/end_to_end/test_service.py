"""Running it like a service, in cluster mode on real PostgreSQL and Redis: readiness that follows
Redis going and coming back, the same checks as `audiobrief worker --check`, a worker's own metrics."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from support.cluster import Cluster, Worker
from support.databases import Postgres, Redis
from support.server import STORIES, free_port

pytestmark = pytest.mark.slow


def worker_check(cluster: Cluster) -> tuple[int, str, str]:
    """`audiobrief worker --check` with the cluster's settings: exit status, output, errors."""
    result = subprocess.run([sys.executable, "-m", "audiobrief", "worker", "--check"], capture_output=True,
                            text=True, env=cluster.server.env, timeout=60)
    return result.returncode, result.stdout, result.stderr


def test_readyz_and_worker_check_follow_redis_going_and_back(tmp_path: Path, postgres: Postgres) -> None:
    redis = Redis().start()
    cluster = Cluster(tmp_path / "home", postgres, redis, workers=0).start()
    url = cluster.server.url
    try:
        assert httpx.get(f"{url}/healthz", timeout=30).json() == {"status": "ok"}
        ready = httpx.get(f"{url}/readyz", timeout=30)
        assert (ready.status_code, ready.json()) == (200, {"status": "ready"})
        assert worker_check(cluster) == (0, "ready: database, redis reachable\n", "")

        redis.stop_process()
        down = httpx.get(f"{url}/readyz", timeout=30)
        assert (down.status_code, down.json()) == (503, {"status": "unready", "failed": ["redis"]})
        assert httpx.get(f"{url}/healthz", timeout=30).status_code == 200  # alive, only not ready
        assert worker_check(cluster) == (1, "not ready: redis out of reach\n", "")

        redis.start()
        back = httpx.get(f"{url}/readyz", timeout=30)
        assert (back.status_code, back.json()) == (200, {"status": "ready"})
        assert worker_check(cluster)[0] == 0
    finally:
        cluster.stop()
        redis.stop()


def test_readyz_names_the_database_when_it_stops_answering(tmp_path: Path) -> None:
    postgres, redis = Postgres().start(), Redis().start()
    cluster = Cluster(tmp_path / "home", postgres, redis, workers=0).start()
    url = cluster.server.url
    try:
        postgres.pause()  # stopped at once, as a crash
        down = httpx.get(f"{url}/readyz", timeout=30)
        assert (down.status_code, down.json()) == (503, {"status": "unready", "failed": ["database"]})
        postgres.resume()
        assert httpx.get(f"{url}/readyz", timeout=30).status_code == 200
    finally:
        cluster.stop()
        postgres.stop()
        redis.stop()


def test_a_worker_serves_its_own_metrics(tmp_path: Path, postgres: Postgres, redis: Redis) -> None:
    cluster = Cluster(tmp_path / "home", postgres, redis, workers=0).start()
    port = free_port()
    worker = Worker(cluster.server, "worker1", "--metrics-port", str(port)).start()
    try:
        before = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=30).text
        assert "audiobrief_briefings_made_total 0.0" in before
        cluster.server.make(STORIES["orchard"], voice="en-us-espeak")
        made = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=30).text
        assert "audiobrief_briefings_made_total 1.0" in made
        assert "audiobrief_briefings_in_hand 0.0" in made
        web = httpx.get(f"{cluster.server.url}/metrics", timeout=30).text
        assert "audiobrief_briefings_submitted_total 1.0" in web
        assert "audiobrief_briefings_made_total 0.0" in web  # made by the worker, counted there
    finally:
        worker.stop()
        cluster.stop()
