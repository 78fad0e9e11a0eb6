"""Synthesis with the real engine: verification, retries, cache, worker failures."""

from __future__ import annotations

import os
import signal
import threading
import time
import wave
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from support import synth_tasks
from support.sound import write_wav

from audiobrief.audio.cache import ClipCache
from audiobrief.audio.synth import (
    Synthesizer,
    SynthJob,
    start_worker,
    synthesize_batch,
    synthesize_one,
    verify_clip,
)
from audiobrief.audio.workers import WorkerPool, call_by_name
from audiobrief.cancel import Cancelled, CancelToken
from audiobrief.engines import engine_id
from audiobrief.engines.espeak import Pyttsx3Engine
from audiobrief.errors import SynthesisError
from audiobrief.presets import load_voice

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server or browser

VOICE = load_voice("en-us-espeak")
SENTENCE = "The council approved the budget after a long debate on Tuesday evening."


@pytest.fixture(scope="module")
def engine() -> Pyttsx3Engine:
    return Pyttsx3Engine()


class CountingEngine:
    """The real engine, counting calls and failing (writing nothing) the first `fail` times."""

    def __init__(self, real: Pyttsx3Engine, fail: int = 0) -> None:
        self.real, self.fail, self.calls = real, fail, 0
        self.engine_id = real.engine_id

    def synthesize(self, text: str, voice, path: Path) -> None:
        self.calls += 1
        if self.calls > self.fail:
            self.real.synthesize(text, voice, path)


def test_clip_is_verified_and_cached(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    counting = CountingEngine(engine)
    job = SynthJob("a0-p0-s0", SENTENCE, VOICE)
    clip = synthesize_one(job, cache, counting)
    calls = counting.calls
    assert clip.segment_id == "a0-p0-s0"
    assert clip.sample_rate == 44100
    assert 2.0 < clip.samples / clip.sample_rate < 8.0
    with wave.open(str(clip.path), "rb") as wav:
        assert wav.getframerate() == 44100 and wav.getnframes() == clip.samples
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    edge = 44100 // 50
    assert np.abs(pcm[:edge]).max() > 100 and np.abs(pcm[-edge:]).max() > 100, "engine silence left"
    again = synthesize_one(job, cache, counting)
    assert counting.calls == calls
    assert again.path == clip.path


def test_failed_attempt_is_retried(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    counting = CountingEngine(engine, fail=2)
    clip = synthesize_one(SynthJob("s1", SENTENCE, VOICE), ClipCache(tmp_path), counting)
    assert counting.calls == 3
    assert clip.path.exists()


def test_persistent_failure_names_the_segment(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    counting = CountingEngine(engine, fail=10)
    with pytest.raises(SynthesisError, match=r"segment a3-p1-s2 .*wrote no audio"):
        synthesize_one(SynthJob("a3-p1-s2", SENTENCE, VOICE), ClipCache(tmp_path), counting)
    assert not list(tmp_path.rglob("*.wav"))


def test_truncated_clip_is_rejected(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    short = tmp_path / "short.wav"
    engine.synthesize("Yes.", VOICE, short)
    long_job = SynthJob("s9", " ".join([SENTENCE] * 4), VOICE)
    with pytest.raises(SynthesisError, match="implausible"):
        verify_clip(short, long_job)


def test_silence_is_rejected(tmp_path: Path) -> None:
    silent = write_wav(tmp_path / "silent.wav", b"\0\0" * 22050 * 3, 22050)
    with pytest.raises(SynthesisError, match="silence"):
        verify_clip(silent, SynthJob("s2", "Ten short words are spoken here in about three seconds.",
                                     VOICE))


def _jobs(count: int) -> list[SynthJob]:
    return [SynthJob(f"s{n}", f"Sentence number {n} of the pool test is spoken now.", VOICE)
            for n in range(count)]


def test_pool_yields_clips_in_order(tmp_path: Path) -> None:
    jobs = _jobs(12)
    with WorkerPool(2, initializer=partial(start_worker, VOICE)) as pool:
        clips = list(Synthesizer(ClipCache(tmp_path), pool, window=4).run(jobs))
    assert [c.segment_id for c in clips] == [j.segment_id for j in jobs]


def test_killed_worker_is_replaced(tmp_path: Path) -> None:
    jobs = _jobs(40)
    seen: list[str] = []
    killed: list[int] = []
    with WorkerPool(2, initializer=partial(start_worker, VOICE)) as pool:
        for clip in Synthesizer(ClipCache(tmp_path), pool).run(jobs):
            if len(seen) == 5:
                killed.append(pool.pids()[0])
                os.kill(killed[0], signal.SIGKILL)
            seen.append(clip.segment_id)
            assert clip.path.exists()
    assert seen == [j.segment_id for j in jobs]


HANG_TIMEOUT_S = 15.0  #: no clip for this long means a hung worker; a cold worker under load takes 1 to 3 s


def warm(pool: WorkerPool, folder: Path) -> None:
    """Start every worker and wait until each has run a task (its engine loaded)."""
    folder.mkdir()
    futures = [pool.submit(synth_tasks.check_in, str(folder), pool.workers)[0] for _ in range(pool.workers)]
    assert len({future.result() for future in futures}) == pool.workers


def test_hung_worker_is_killed_and_segment_retried(tmp_path: Path) -> None:
    jobs = _jobs(6)
    with WorkerPool(2, initializer=partial(start_worker, VOICE)) as pool:
        warm(pool, tmp_path / "workers")
        clips = list(Synthesizer(ClipCache(tmp_path / "cache"), pool, hang_timeout=HANG_TIMEOUT_S,
                                 task=synth_tasks.hang_once).run(jobs))
        assert pool.generation == 1, "the hung worker's pool was replaced exactly once"
    assert [c.segment_id for c in clips] == [j.segment_id for j in jobs]
    assert (tmp_path / "cache" / "hung-s3").exists() and all(c.path.exists() for c in clips)


def test_same_text_same_audio_whatever_came_before(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    """Clips are cached by text, so the engine's output must not depend on its history:
    the same length to the sample and the same level (espeak-ng's waveform phase still varies)."""
    heard = []
    for before in ([], ["Something else entirely, spoken first."], ["One.", "Two, three and four."]):
        for number, text in enumerate(before):
            engine.synthesize(text, VOICE, tmp_path / f"before{number}.wav")
        engine.synthesize(SENTENCE, VOICE, tmp_path / "target.wav")
        with wave.open(str(tmp_path / "target.wav"), "rb") as wav:
            heard.append(np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(int))
    assert heard[0].size == heard[1].size == heard[2].size
    levels = [np.sqrt((clip.astype(float) ** 2).mean()) for clip in heard]
    assert max(levels) / min(levels) < 1.02


def test_broken_wav_is_rejected(tmp_path: Path) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF" + b"x" * 100)
    with pytest.raises(SynthesisError, match="broken WAV"):
        verify_clip(broken, SynthJob("s3", SENTENCE, VOICE))


def test_cached_clips_are_taken_without_a_worker(tmp_path: Path) -> None:
    """With the engine id known, clips already cached never reach the pool; the others do."""
    jobs = _jobs(8)
    cache = ClipCache(tmp_path)
    asked: list[str] = []
    with WorkerPool(2, initializer=partial(start_worker, VOICE)) as pool:
        first = list(Synthesizer(cache, pool).run(jobs[:5]))
        engine_id = pool.call(call_by_name, "audiobrief.engines.espeak:pyttsx3_engine_id")()

        class CountingPool:
            workers, generation = pool.workers, pool.generation

            def submit(self, fn, job: SynthJob, *args):
                asked.append(job.segment_id)
                return pool.submit(fn, job, *args)

        progress: list[int] = []
        again = list(Synthesizer(cache, CountingPool(), engine_id=lambda voice: engine_id)
                     .run(jobs, lambda done, total: progress.append(done)))
    assert asked == ["s5", "s6", "s7"]
    assert [c.path for c in again[:5]] == [c.path for c in first]
    assert [c.segment_id for c in again] == [j.segment_id for j in jobs]
    assert progress[-1] == len(jobs)


def test_released_pool_stops_its_workers_and_starts_new_ones_on_demand() -> None:
    with WorkerPool(2) as pool:
        pool.start()
        first = set(pool.pids())
        assert len(first) == 2
        pool.release()
        assert pool.pids() == []
        assert pool.call(os.getpid)() not in first


def die_on_s2(job: SynthJob, cache: ClipCache):
    """A task whose worker always dies on segment s2."""
    if job.segment_id == "s2":
        os._exit(1)
    return synthesize_one(job, cache)


def test_segment_that_keeps_killing_workers_fails_the_briefing_by_name(tmp_path: Path) -> None:
    expected = r"segment s2 \('Sentence number 2 .*kept failing"
    with (WorkerPool(2, initializer=partial(start_worker, VOICE)) as pool,
          pytest.raises(SynthesisError, match=expected)):
        list(Synthesizer(ClipCache(tmp_path), pool, task=die_on_s2).run(_jobs(4)))


def test_a_worker_speaking_on_two_threads_gets_batches_and_yields_clips_in_order(tmp_path: Path) -> None:
    """The Piper worker's layout: one process, one loaded model, two speaking threads; the jobs go
    in batches of eight per thread and come back in order, each clip verified and cached."""
    neural = load_voice("en-us")
    jobs = [SynthJob(f"s{n}", f"Sentence {n} is {'rather longer than most ' * (n % 3)}here.", neural)
            for n in range(20)]
    sizes: list[int] = []

    class RecordingPool(WorkerPool):
        def submit(self, fn, *args):
            sizes.append(len(args[1]) if fn is synthesize_batch else 1)
            return super().submit(fn, *args)

    with RecordingPool(1, initializer=partial(start_worker, neural), threads=2) as pool:
        clips = list(Synthesizer(ClipCache(tmp_path), pool, engine_id=engine_id).run(jobs))
    assert [c.segment_id for c in clips] == [j.segment_id for j in jobs]
    assert all(c.path.exists() and c.samples > 0 for c in clips)
    assert sizes == [16, 4]


def test_a_clip_of_a_running_batch_is_yielded_as_soon_as_the_worker_caches_it(tmp_path: Path) -> None:
    """The first clip does not wait for the rest of its batch (streaming starts with it)."""
    neural = load_voice("en-us")
    jobs = [SynthJob("s0", "The first clip is a short one.", neural),
            SynthJob("s1", "The second one waits for the test to say go.", neural)]
    cache = ClipCache(tmp_path)
    with WorkerPool(1, initializer=partial(start_worker, neural), threads=2) as pool:
        clips = Synthesizer(cache, pool, task=synth_tasks.speak_s1_after_go, engine_id=engine_id).run(jobs)
        first = next(clips)
        assert first.segment_id == "s0"
        assert not cache.has(engine_id(neural), neural, jobs[1].spoken)
        (tmp_path / "go").touch()
        assert [clip.segment_id for clip in clips] == ["s1"]


def hold_s1(job: SynthJob, cache: ClipCache) -> object:
    """A task that, on s1, says it holds it (a "holding" file) and waits for a "go" file (at most 60 s)."""
    if job.segment_id == "s1":
        (cache.root / "holding").touch()
        deadline = time.monotonic() + 60
        while not (cache.root / "go").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
    return synthesize_one(job, cache)


def test_a_cancelled_synthesis_stops_at_once_and_leaves_the_shared_pool_alone(tmp_path: Path) -> None:
    """A briefing deleted while it waits for a clip stops waiting at once; the workers it shares
    with other briefings are neither killed nor replaced, and speak the next briefing's clips."""
    cache = ClipCache(tmp_path)
    token = CancelToken()
    with WorkerPool(2, initializer=partial(start_worker, VOICE)) as pool:
        pool.start()
        workers = sorted(pool.pids())
        clips = Synthesizer(cache, pool, task=hold_s1, cancel=token).run(_jobs(8))
        assert next(clips).segment_id == "s0"

        def cancel_once_s1_is_held() -> None:
            while not (tmp_path / "holding").exists():
                time.sleep(0.02)
            token.cancel()

        canceller = threading.Thread(target=cancel_once_s1_is_held)
        canceller.start()
        with pytest.raises(Cancelled):
            next(clips)
        canceller.join(30)
        assert not (tmp_path / "go").exists(), "it stopped while its clip was still being spoken"
        (tmp_path / "go").touch()

        others = [SynthJob(f"o{n}", f"Another briefing's sentence {n} is spoken as usual.", VOICE)
                  for n in range(4)]
        assert [clip.segment_id for clip in Synthesizer(cache, pool).run(others)] == [
            job.segment_id for job in others]
        assert sorted(pool.pids()) == workers and pool.generation == 0


def test_a_cancelled_synthesis_starts_no_further_job_of_its_running_batch(tmp_path: Path) -> None:
    """A worker speaking a batch of the cancelled briefing's sentences (Piper's layout: two threads)
    finishes the ones it speaks and starts no other, so the next briefing's clips do not wait behind
    the rest of that batch."""
    neural = load_voice("en-us")
    jobs = [SynthJob(f"s{n}", f"Sentence number {n} of the cancelled batch is spoken now.", neural)
            for n in range(16)]
    cache = ClipCache(tmp_path)
    token = CancelToken()
    with WorkerPool(1, initializer=partial(start_worker, neural), threads=2) as pool:
        synthesizer = Synthesizer(cache, pool, task=synth_tasks.note_and_hold_s0_s1, engine_id=engine_id,
                                  cancel=token)
        assert synthesizer.batch == 16
        clips = synthesizer.run(jobs)

        def cancel_once_both_threads_speak() -> None:
            wait_for_file(tmp_path / "spoken-s0")
            wait_for_file(tmp_path / "spoken-s1")
            token.cancel()

        canceller = threading.Thread(target=cancel_once_both_threads_speak)
        canceller.start()
        with pytest.raises(Cancelled):
            next(clips)
        canceller.join(30)
        assert synthesizer.stop_flag.exists(), "the batch is told to stop while s0 and s1 are spoken"
        (tmp_path / "go").touch()
        others = [SynthJob("o0", "Another briefing's sentence is spoken as usual.", neural)]
        after = Synthesizer(cache, pool, engine_id=engine_id).run(others)
        assert [clip.segment_id for clip in after] == ["o0"]
    spoken = sorted(path.name for path in tmp_path.glob("spoken-*"))
    assert spoken == ["spoken-s0", "spoken-s1"], "the batch's other 14 jobs were never started"
    assert not synthesizer.stop_flag.exists(), "the flag goes once the batch has ended"


def wait_for_file(path: Path, limit_s: float = 60) -> None:
    """Wait until path exists (at most limit_s)."""
    deadline = time.monotonic() + limit_s
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)
