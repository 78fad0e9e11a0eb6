"""/healthz and /readyz in process: exact answers, no login, any Host header; the readiness checks
bounded in time; `audiobrief worker --check` answering for a Redis nobody listens on."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from support.accounts import ARTICLE, add_user, make_client
from support.server import free_port

from audiobrief.server.services.health import CHECK_S, Probe, Readiness


def test_healthz_and_readyz_answer_without_login_on_any_host(tmp_path: Path) -> None:
    with make_client(tmp_path, public_url="https://briefs.example.org") as client:
        add_user(client, "alice")
        assert client.post("/api/briefings", json=ARTICLE).status_code == 401  # submitting needs a login
        for host in ("10.1.2.3:8000", "briefs.example.org"):
            alive = client.get("/healthz", headers={"Host": host})
            assert (alive.status_code, alive.json()) == (200, {"status": "ok"})
            ready = client.get("/readyz", headers={"Host": host})
            assert (ready.status_code, ready.json()) == (200, {"status": "ready"})
            assert ready.headers["cache-control"] == "no-store"
        assert client.get("/metrics-nope", headers={"Host": "10.1.2.3:8000"}).status_code == 400


def test_readyz_names_the_service_out_of_reach_and_nothing_else(tmp_path: Path) -> None:
    def refused() -> None:
        raise ConnectionRefusedError("connect to 10.0.0.5:6379 refused (secret detail)")

    with make_client(tmp_path) as client:
        client.app.state.readiness = Readiness({"database": lambda: None, "redis": refused})
        answer = client.get("/readyz")
        assert (answer.status_code, answer.json()) == (503, {"status": "unready", "failed": ["redis"]})
        assert "10.0.0.5" not in answer.text


def test_a_hanging_check_fails_within_its_bound_and_is_not_started_twice() -> None:
    release = threading.Event()
    started = []

    def hangs() -> None:
        started.append(1)
        release.wait()

    probe = Probe(hangs)
    for _ in range(3):
        before = time.monotonic()
        assert not probe.reachable()
        assert time.monotonic() - before >= CHECK_S
    assert started == [1]  # the hung check is waited on again, not joined by new threads
    release.set()
    assert probe.attempt is not None and probe.attempt.done.wait(CHECK_S)
    assert probe.reachable()  # a new check starts once the last one has answered
    assert started == [1, 1]


def test_worker_check_names_redis_when_nobody_listens(tmp_path: Path) -> None:
    env = {**os.environ, "AUDIOBRIEF_HOME": str(tmp_path),
           "AUDIOBRIEF_BROKER_URL": f"redis://127.0.0.1:{free_port()}/0"}
    result = subprocess.run([sys.executable, "-m", "audiobrief", "worker", "--check"], capture_output=True,
                            text=True, env=env, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (1, "not ready: redis out of reach\n", "")
