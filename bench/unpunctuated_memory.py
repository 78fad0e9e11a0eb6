"""Peak memory of `audiobrief serve` making a briefing of one huge article with no punctuation.

One command: `.venv/bin/python bench/unpunctuated_memory.py` (see bench/README.md). It starts a real
server on a free loopback port with an empty data folder, measures a short article first (the
baseline), then the unpunctuated article (by default "word " 200,000 times, about 1 MB: the shape
of the probe that once crashed the segmenter; --varied draws the words from a list instead), both
through POST /api/briefings with an espeak-ng voice. Peak memory is the RSS summed over the
server's whole process tree (speech workers included), sampled from /proc. Prints figures, not
pass/fail.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from engine_bench import RANDOM_SEED, WORDLIST, tree_rss_bytes

SAMPLE_INTERVAL_S = 0.05
STARTUP_S = 60.0
BASELINE_TEXT = ("Night Ferry Returns\n\nThe night ferry between the two harbour towns runs again from "
                 "Monday. It stopped last winter when its engine failed. Tickets cost the same as before.\n")


@dataclass(frozen=True)
class Run:
    """One briefing made through the server."""

    seconds: float
    peak_mb: float
    state: str
    audio_s: float | None
    error: str


class ServerUnderTest:
    """`audiobrief serve` in its own session, with a sampler of its process tree's memory."""

    def __init__(self, home: Path, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "AUDIOBRIEF_HOME": str(home), "PYTHONUNBUFFERED": "1"}
        self.log = (home / "server.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "audiobrief", "serve", "--port", str(port)],
            env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.peak = 0
        self._sampling = threading.Event()
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            if self._sampling.is_set():
                self.peak = max(self.peak, tree_rss_bytes(self.process.pid))
            self._stop.wait(SAMPLE_INTERVAL_S)

    def wait_ready(self) -> None:
        """Wait until the server answers."""
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server exited with {self.process.returncode}: see {self.log.name}")
            try:
                if httpx.get(f"{self.url}/api/voices", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise SystemExit("the server did not start within a minute")

    def resident_mb(self) -> float:
        """The process tree's resident memory now."""
        return tree_rss_bytes(self.process.pid) / 1e6

    def make(self, text: str, voice: str, cap_s: float) -> Run:
        """POST one article, wait for the briefing; time and peak tree RSS from the POST to the end."""
        self.peak = 0
        self._sampling.set()
        start = time.perf_counter()
        answer = httpx.post(f"{self.url}/api/briefings", timeout=120,
                            json={"articles": [{"text": text}], "voice": voice})
        answer.raise_for_status()
        status_url = f"{self.url}/api/briefings/{answer.json()['id']}"
        status: dict[str, object] = {"state": "queued"}
        while status["state"] in ("queued", "running") and time.perf_counter() - start < cap_s:
            time.sleep(1.0)
            status = httpx.get(status_url, timeout=30).json()
        seconds = time.perf_counter() - start
        self._sampling.clear()
        state = str(status["state"])
        audio = status.get("duration_s")
        return Run(seconds, self.peak / 1e6, state if state != "running" else f"capped at {cap_s:.0f} s",
                   float(audio) if isinstance(audio, int | float) else None, str(status.get("error") or ""))

    def stop(self) -> None:
        """SIGTERM, then SIGKILL for the whole session if it lingers."""
        self._stop.set()
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unpunctuated(words: int, varied: bool) -> str:
    """The article: "word" again and again, or words drawn from bench/wordlist.txt (seeded, so
    the same text every run); no punctuation at all, one line."""
    if not varied:
        return "word " * words
    vocabulary = WORDLIST.read_text("utf-8").split()
    pick = random.Random(RANDOM_SEED).choice
    return " ".join(pick(vocabulary) for _ in range(words)) + " "


def describe(label: str, run: Run) -> str:
    """One line of the table."""
    audio = f"{run.audio_s / 3600:.2f} h of audio" if run.audio_s else "no audio"
    error = f"; error: {run.error}" if run.error else ""
    return f"{label:<44} {run.seconds:>8.1f} s {run.peak_mb:>9.1f} MB  {run.state}, {audio}{error}"


def main(argv: list[str] | None = None) -> int:
    """Run the baseline and the unpunctuated article; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000, help="words in the article (default 200000)")
    parser.add_argument("--varied", action="store_true",
                        help="draw the words from bench/wordlist.txt, so no two pieces are alike and "
                             "every piece is synthesized (slow: about 29 s of audio per 100 words)")
    parser.add_argument("--voice", default="en-us-espeak",
                        help="voice preset (the issue measures an espeak-ng voice: default en-us-espeak)")
    parser.add_argument("--cap", type=float, default=7200.0, help="give up on a briefing after this long (s)")
    parser.add_argument("--limit-mb", type=float, default=400.0, help="the bound to compare against (MB)")
    args = parser.parse_args(argv)
    text = unpunctuated(args.words, args.varied)
    with tempfile.TemporaryDirectory(prefix="audiobrief-unpunctuated-") as folder:
        server = ServerUnderTest(Path(folder), free_port())
        try:
            server.wait_ready()
            idle = server.resident_mb()
            baseline = server.make(BASELINE_TEXT, args.voice, args.cap)
            big = server.make(text, args.voice, args.cap)
            after = server.resident_mb()
        finally:
            server.stop()
    print(f"server process tree (uvicorn + speech workers), RSS sampled every "
          f"{SAMPLE_INTERVAL_S * 1000:.0f} ms; voice {args.voice}")
    print(f"{'run':<44} {'time':>10} {'peak RSS':>12}")
    print(f"{'idle server':<44} {'':>10} {idle:>9.1f} MB")
    print(describe("baseline: three-sentence article", baseline))
    kind = "varied words" if args.varied else "one word"
    print(describe(f"unpunctuated: {len(text.encode()) / 1e6:.2f} MB, {args.words} {kind}", big))
    print(f"{'idle again after both':<44} {'':>10} {after:>9.1f} MB")
    print(f"peak ratio unpunctuated/baseline: {big.peak_mb / baseline.peak_mb:.2f}; "
          f"bound {args.limit_mb:.0f} MB: {'under' if big.peak_mb < args.limit_mb else 'OVER'}")
    return 0 if big.state == "done" else 1


if __name__ == "__main__":
    sys.exit(main())
