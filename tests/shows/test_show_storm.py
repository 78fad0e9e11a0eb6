"""The issue's storm against a real server (uvicorn on loopback): 41 shows, each with one source on a
hostile loopback server that promises 5 MB and trickles a few bytes a second, and 41 runs asked for at
once. Every run is answered 202 at once; the runs are made a few at a time on threads of their own;
and meanwhile GET /api/voices and /library answer everyone as fast as ever. The latencies measured
are printed (run with -s to see them)."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from support.server import Server

pytestmark = pytest.mark.slow

SHOWS = 41
RUN_WORKERS = 4  #: the server's run threads: at most this many sources are read at once
TRICKLE_S = 1.0  #: one chunk of the trickle every this many seconds (under any per-read timeout)
TRICKLE_FOR_S = 24.0  #: how long each connection trickles before it gives up (a blocked request waits this)
PROBES = 40  #: rounds of GET /api/voices and /library during the storm
PROBE_EVERY_S = 0.2


@dataclass
class Trickle:
    """What the hostile server saw: connections open now, and the most open at once."""

    base: str = ""
    open: int = 0
    most: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)


@contextmanager
def trickling_server() -> Iterator[Trickle]:
    """A loopback server answering every GET with 200, Content-Length: 5000000, and 28 bytes every
    TRICKLE_S for TRICKLE_FOR_S, then closing the connection."""
    state = Trickle()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:
            pass

        def do_GET(self) -> None:
            with state.lock:
                state.open += 1
                state.most = max(state.most, state.open)
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", "5000000")
                self.end_headers()
                ends = time.monotonic() + TRICKLE_FOR_S
                while time.monotonic() < ends and not state.stopping.wait(TRICKLE_S):
                    self.wfile.write(b"<!-- " + b"x" * 18 + b" -->\n")
                    self.wfile.flush()
            except OSError:
                pass
            finally:
                with state.lock:
                    state.open -= 1
                self.close_connection = True

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stopping.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """An open loopback server whose bounds on runs let all 41 in (the hard case: every run queued)."""
    running = Server(tmp_path / "home", allow_private_urls="1", show_run_workers=str(RUN_WORKERS),
                     show_runs_per_account=str(SHOWS), show_run_queue=str(SHOWS),
                     show_check_seconds="3600").start()
    yield running
    running.stop()


def timed(client: httpx.Client, method: str, path: str) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    answer = client.request(method, path)
    return time.perf_counter() - started, answer


def test_41_runs_against_trickling_sources_leave_the_server_answering(server: Server) -> None:
    with trickling_server() as trickle, httpx.Client(base_url=server.url, timeout=120) as client:
        for number in range(SHOWS):
            made = client.post("/api/shows", json={"slug": f"storm-{number}", "title": f"Storm {number}",
                                                   "voice": "en-us-espeak",
                                                   "sources": [f"{trickle.base}/feed-{number}.xml"]})
            assert made.status_code == 201, made.text
        for path in ("/api/voices", "/library"):  # warm: the first answer of each loads templates, presets
            assert client.get(path).status_code == 200

        def ask(number: int) -> tuple[float, httpx.Response]:
            with httpx.Client(base_url=server.url, timeout=120) as own:
                return timed(own, "POST", f"/api/shows/storm-{number}/runs")

        with ThreadPoolExecutor(max_workers=SHOWS) as pool:
            asked = list(pool.map(ask, range(SHOWS)))
        assert [answer.status_code for _, answer in asked] == [202] * SHOWS, asked[0][1].text

        latencies: dict[str, list[float]] = {"/api/voices": [], "/library": []}
        during = 0
        for _ in range(PROBES):
            for path, seen in latencies.items():
                took, answer = timed(client, "GET", path)
                assert answer.status_code == 200
                seen.append(took)
            during += trickle.open > 0
            time.sleep(PROBE_EVERY_S)
        runs = [client.get(f"/api/shows/storm-{n}/runs").json()["runs"][0]["state"] for n in range(SHOWS)]

    posts = [took for took, _ in asked]
    print(f"\n41 runs asked at once: POST 202 in {statistics.median(posts) * 1000:.0f} ms median, "
          f"{max(posts) * 1000:.0f} ms at most")
    for path, seen in latencies.items():
        print(f"{path} during the storm ({len(seen)} probes): {statistics.median(seen) * 1000:.1f} ms "
              f"median, {max(seen) * 1000:.1f} ms at most")
    print(f"trickling connections open at once: at most {trickle.most}; runs then: "
          f"{ {state: runs.count(state) for state in set(runs)} }")
    assert during == PROBES, "every probe was made while sources were trickling"
    assert trickle.most <= RUN_WORKERS, "runs are made a few at a time, one source each here"
    assert runs.count("running") <= RUN_WORKERS and runs.count("queued") + runs.count("running") == SHOWS, \
        "the rest wait their turn"
    # a request held behind the trickle would wait for it to end (TRICKLE_FOR_S): the bound is a
    # quarter of that, far above what an idle loopback server takes, far below what a blocked one would
    slowest = max(max(seen) for seen in latencies.values())
    assert slowest < TRICKLE_FOR_S / 4, f"a probe took {slowest:.1f} s"
    assert max(posts) < TRICKLE_FOR_S / 4, f"a run was answered after {max(posts):.1f} s"
