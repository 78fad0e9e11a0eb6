"""Worker tasks for the synthesis tests, in a module of their own: a spawned worker imports this
small module to find them, not a test module (and with it conftest, pytest and the browser tools)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from audiobrief.audio.cache import ClipCache
from audiobrief.audio.synth import SynthJob, synthesize_one
from audiobrief.model import Clip

POLL_S = 0.02
CHECK_IN_LIMIT_S = 300.0  #: a worker that checked in stops waiting for the others after this long


def check_in(folder: str, workers: int) -> int:
    """Leave this worker's pid in folder, then wait until `workers` workers have: each worker takes
    one such task, so every one of them has started (its engine loaded). Returns the pid."""
    Path(folder, str(os.getpid())).touch()
    deadline = time.monotonic() + CHECK_IN_LIMIT_S
    while len(os.listdir(folder)) < workers and time.monotonic() < deadline:
        time.sleep(POLL_S)
    return os.getpid()


def hang_once(job: SynthJob, cache: ClipCache) -> Clip:
    """Hang for good the first time segment s3 comes (leaving a marker), then speak as usual."""
    marker = cache.root / f"hung-{job.segment_id}"
    if job.segment_id == "s3" and not marker.exists():
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
        while True:
            time.sleep(60)
    return synthesize_one(job, cache)


def speak_s1_after_go(job: SynthJob, cache: ClipCache) -> Clip:
    """Speak s1 only once the test has written a "go" file (the pool kills this worker if the test
    fails before that)."""
    if job.segment_id == "s1":
        while not (cache.root / "go").exists():
            time.sleep(POLL_S)
    return synthesize_one(job, cache)


def note_and_hold_s0_s1(job: SynthJob, cache: ClipCache) -> Clip:
    """Leave a file named after each job started; on s0 and s1, wait for a "go" file (the pool kills
    this worker if the test fails before that)."""
    (cache.root / f"spoken-{job.segment_id}").touch()
    if job.segment_id in ("s0", "s1"):
        while not (cache.root / "go").exists():
            time.sleep(POLL_S)
    return synthesize_one(job, cache)
