"""How a speech worker speaking on several threads takes the jobs of a batch: order, and the
working-memory budget that keeps two long Piper utterances from being spoken at once (logic
only: the task is a stand-in; test_synth.py runs the real engines)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from audiobrief.audio.cache import ClipCache
from audiobrief.audio.synth import SynthJob, synthesize_batch
from audiobrief.engines import WORKING_MEMORY_BUDGET, working_memory
from audiobrief.model import Clip
from audiobrief.presets import load_voice

NEURAL = load_voice("en-us")
LONG = " ".join(["word"] * 50)  #: about 16 s of speech: two of these exceed the budget
SHORT = "A short one."


class RecordingTask:
    """Stands in for synthesize_one: records start order and the working memory held at once."""

    def __init__(self, fail_on: str = "") -> None:
        self.started: list[str] = []
        self.held = self.most_held = self.most_at_once = self.at_once = 0
        self.fail_on = fail_on
        self.lock = threading.Lock()

    def __call__(self, job: SynthJob, cache: ClipCache) -> Clip:
        memory = working_memory(job.voice, job.spoken)
        with self.lock:
            self.started.append(job.segment_id)
            self.held += memory
            self.at_once += 1
            self.most_held = max(self.most_held, self.held)
            self.most_at_once = max(self.most_at_once, self.at_once)
        try:
            time.sleep(0.05)
            if job.segment_id == self.fail_on:
                raise RuntimeError(f"engine failed on {job.segment_id}")
            return Clip(job.segment_id, cache.root / f"{job.segment_id}.wav", 44100, 1)
        finally:
            with self.lock:
                self.held -= memory
                self.at_once -= 1


def test_one_long_utterance_fits_the_budget_and_two_do_not() -> None:
    assert working_memory(NEURAL, LONG) <= WORKING_MEMORY_BUDGET < 2 * working_memory(NEURAL, LONG)
    assert working_memory(load_voice("en-us-espeak"), LONG) == 0


def test_long_jobs_are_never_spoken_together_and_short_ones_fill_the_other_thread(tmp_path: Path) -> None:
    jobs = [SynthJob(f"s{n}", LONG if n % 2 else SHORT, NEURAL) for n in range(12)]
    task = RecordingTask()
    clips = synthesize_batch(task, jobs, ClipCache(tmp_path), threads=2)
    assert [clip.segment_id for clip in clips] == [job.segment_id for job in jobs]
    assert task.most_held <= WORKING_MEMORY_BUDGET
    assert task.most_at_once == 2
    assert sorted(task.started) == sorted(job.segment_id for job in jobs)


def test_the_first_jobs_go_in_order_and_the_rest_longest_first(tmp_path: Path) -> None:
    texts = ["One.", "Two words.", "Three words here.", "Four.", LONG, "Six words in this one now."]
    jobs = [SynthJob(f"s{n}", text, NEURAL) for n, text in enumerate(texts)]
    task = RecordingTask()
    synthesize_batch(task, jobs, ClipCache(tmp_path), threads=1, in_order=2)
    assert task.started == ["s0", "s1", "s4", "s5", "s2", "s3"]


def test_a_failing_job_fails_the_batch_and_no_later_job_starts(tmp_path: Path) -> None:
    jobs = [SynthJob(f"s{n}", SHORT, NEURAL) for n in range(6)]
    task = RecordingTask(fail_on="s1")
    with pytest.raises(RuntimeError, match="engine failed on s1"):
        synthesize_batch(task, jobs, ClipCache(tmp_path), threads=1, in_order=6)
    assert task.started == ["s0", "s1"]
