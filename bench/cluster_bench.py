"""Briefings per minute with 1 and 2 worker processes, and the web's GET /feed.xml latency while
workers are busy, on real PostgreSQL and Redis (started here on loopback ports, in temporary folders,
the way the tests start them: tests/support/databases.py and tests/support/cluster.py).

For each worker count: a fresh database and data folder, one web process, N `audiobrief worker`
processes (espeak-ng voice); ARTICLES short generated articles submitted through the API at once;
the time from the first submit until the last is done gives briefings per minute. During the
2-worker run, REQUESTS GETs of /feed.xml at CONCURRENCY measure p50/p95 while workers are busy; the
same GETs once everything is done give the idle baseline. Figures, not pass/fail.

Usage: python bench/cluster_bench.py [--articles 20] [--requests 200] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the real-server helpers the tests use

from support.cluster import Cluster  # noqa: E402
from support.databases import Postgres, Redis  # noqa: E402

sys.path.insert(0, str(HERE))
from load_test import Figures, measure  # noqa: E402

WORDS = HERE / "wordlist.txt"
DONE_S = 1800.0


def articles(count: int) -> list[str]:
    """Short articles (a title and about 60 words), seeded and without repeated sentences, so the
    clip cache cannot make one briefing out of another."""
    vocabulary = WORDS.read_text(encoding="utf-8").split()
    chooser = random.Random(15)
    made = []
    for number in range(count):
        sentences = [" ".join(chooser.choice(vocabulary) for _ in range(10)).capitalize() + "."
                     for _ in range(6)]
        made.append(f"Bench Story {number + 1}\n\n" + " ".join(sentences))
    return made


def wait_done(base: str, ids: list[str]) -> None:
    """Poll until every briefing is done (a failure stops the bench)."""
    deadline = time.monotonic() + DONE_S
    pending = set(ids)
    while pending:
        assert time.monotonic() < deadline, f"{len(pending)} briefings not done in time"
        for briefing_id in list(pending):
            state = httpx.get(f"{base}/api/briefings/{briefing_id}", timeout=30).json()["state"]
            if state == "failed":
                raise SystemExit(f"briefing {briefing_id} failed")
            if state == "done":
                pending.discard(briefing_id)
        time.sleep(0.5)


def run(workers: int, texts: list[str], postgres: Postgres, redis: Redis, args: argparse.Namespace,
        ) -> tuple[float, Figures | None, Figures | None]:
    """Briefings per minute with this many workers; with load, the feed's figures busy and idle."""
    with tempfile.TemporaryDirectory(prefix="audiobrief-cluster-bench-") as folder:
        cluster = Cluster(Path(folder) / "home", postgres, redis, workers=workers,
                          queue_size=str(len(texts) + 10), submit_burst=str(len(texts) + 10)).start()
        base = cluster.server.url
        try:
            started = time.monotonic()
            ids = [httpx.post(f"{base}/api/briefings", json={"articles": [{"text": text}]},
                              timeout=30).json()["id"] for text in texts]
            busy = (asyncio.run(measure(base, "/feed.xml", args.requests, args.concurrency))
                    if args.requests and workers == 2 else None)
            wait_done(base, ids)
            elapsed = time.monotonic() - started
            idle = (asyncio.run(measure(base, "/feed.xml", args.requests, args.concurrency))
                    if busy else None)
        finally:
            cluster.stop()
    return len(texts) / (elapsed / 60), busy, idle


def main() -> None:
    """Run with 1, then 2 workers, and print the figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20, help="briefings per run (one short article each)")
    parser.add_argument("--requests", type=int, default=200, help="GETs of /feed.xml per measurement")
    parser.add_argument("--concurrency", type=int, default=20, help="GETs in flight at once")
    args = parser.parse_args()
    texts = articles(args.articles)
    postgres, redis = Postgres().start(), Redis().start()
    try:
        one, _, _ = run(1, texts, postgres, redis, args)
        two, busy, idle = run(2, texts, postgres, redis, args)
    finally:
        postgres.stop()
        redis.stop()
    print(f"{args.articles} short briefings (espeak-ng), PostgreSQL + Redis on loopback")
    print(f"1 worker    {one:6.1f} briefings/min")
    print(f"2 workers   {two:6.1f} briefings/min   ratio x{two / one:.2f}")
    if busy and idle:
        print(f"GET /feed.xml at concurrency {args.concurrency}: busy p50 {busy.p50_ms:.1f} ms "
              f"p95 {busy.p95_ms:.1f} ms ({busy.errors} errors); idle p95 {idle.p95_ms:.1f} ms; "
              f"busy/idle p95 x{busy.p95_ms / idle.p95_ms:.2f}")


if __name__ == "__main__":
    main()
