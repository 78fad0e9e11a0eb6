"""A bounded load test on loopback: GETs of the feed and the library while a briefing is being made.

Starts `audiobrief serve` on a free 127.0.0.1 port with a fresh data folder, makes one short briefing
(so the feed and library hold an item), measures REQUESTS GETs of /feed.xml and of /library at
CONCURRENCY with the server idle, then starts a long briefing and measures the same again while it is
made. Prints errors, p50/p95 for each and the loaded/idle ratios. Figures, not pass/fail.

Usage: python bench/load_test.py [--requests 200] [--concurrency 20] [--words 1500]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ARTICLE = Path(__file__).resolve().parents[1] / "samples" / "harbor-bridge.txt"
WORDS = Path(__file__).resolve().parent / "wordlist.txt"
STARTUP_S = 60.0
PATHS = ("/feed.xml", "/library")


@dataclass(frozen=True)
class Figures:
    """What one batch of GETs of one path measured."""

    path: str
    errors: int
    p50_ms: float
    p95_ms: float


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(home: Path, port: int) -> subprocess.Popen[bytes]:
    """`audiobrief serve` in its own process group, answering once /openapi.json does."""
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)}
    log = (home / "server.log").open("ab")
    process = subprocess.Popen([sys.executable, "-m", "audiobrief", "serve", "--port", str(port)], env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited: see {home / 'server.log'}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("the server did not start in time")


def generated_article(words: int) -> str:
    """A title and paragraphs of sentences drawn from the word list (seeded: the same text every run;
    sentences do not repeat, so the clip cache cannot shorten the briefing)."""
    vocabulary = WORDS.read_text(encoding="utf-8").split()
    chooser = random.Random(12)
    sentences = []
    for _ in range(words // 12):
        sentence = " ".join(chooser.choice(vocabulary) for _ in range(12))
        sentences.append(sentence.capitalize() + ".")
    paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    return "Load Test Briefing\n\n" + "\n\n".join(paragraphs)


def submit(base: str, text: str, title: str) -> str:
    """Queue a briefing; its id."""
    response = httpx.post(f"{base}/api/briefings", json={"articles": [{"text": text}], "title": title},
                          timeout=30)
    response.raise_for_status()
    return response.json()["id"]


def state(base: str, briefing_id: str) -> str:
    """A briefing's state."""
    return httpx.get(f"{base}/api/briefings/{briefing_id}", timeout=30).json()["state"]


async def measure(base: str, path: str, requests: int, concurrency: int) -> Figures:
    """requests GETs of path, concurrency at a time: errors and p50/p95 latency."""
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:

        async def one() -> None:
            nonlocal errors
            async with gate:
                started = time.perf_counter()
                try:
                    response = await client.get(path)
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - started) * 1000)

        await asyncio.gather(*(one() for _ in range(requests)))
    quantiles = statistics.quantiles(latencies, n=20)
    return Figures(path, errors, statistics.median(latencies), quantiles[18])


def report(label: str, figures: list[Figures]) -> None:
    """One line per path."""
    for item in figures:
        print(f"{label:<8} {item.path:<10} errors {item.errors:>3}   p50 {item.p50_ms:7.1f} ms   "
              f"p95 {item.p95_ms:7.1f} ms")


def main() -> None:
    """Run the idle and the loaded measurement and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="GETs of each path per measurement")
    parser.add_argument("--concurrency", type=int, default=20, help="GETs in flight at once")
    parser.add_argument("--words", type=int, default=1500, help="length of the briefing made under load")
    args = parser.parse_args()
    article = ARTICLE.read_text(encoding="utf-8")
    long_text = generated_article(args.words)
    with tempfile.TemporaryDirectory(prefix="audiobrief-load-") as folder:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(Path(folder), port)
        try:
            first = submit(base, article, "Warm-up")
            while state(base, first) not in ("done", "failed"):
                time.sleep(0.5)
            idle = [asyncio.run(measure(base, path, args.requests, args.concurrency)) for path in PATHS]
            long_id = submit(base, long_text, "Under load")
            while state(base, long_id) != "running":
                time.sleep(0.1)
            started = time.monotonic()
            loaded = [asyncio.run(measure(base, path, args.requests, args.concurrency)) for path in PATHS]
            measured_s = time.monotonic() - started
            still = state(base, long_id)
            while state(base, long_id) not in ("done", "failed"):
                time.sleep(0.5)
            final = state(base, long_id)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(10)
    print(f"{args.requests} GETs per path at concurrency {args.concurrency}, loopback, one uvicorn process")
    report("idle", idle)
    report("loaded", loaded)
    for quiet, busy in zip(idle, loaded, strict=True):
        print(f"ratio    {busy.path:<10} p50 x{busy.p50_ms / quiet.p50_ms:.2f}   "
              f"p95 x{busy.p95_ms / quiet.p95_ms:.2f}")
    print(f"the loaded GETs took {measured_s:.1f} s; the briefing ({args.words} words) was {still} "
          f"when they ended, then {final}")


if __name__ == "__main__":
    main()
