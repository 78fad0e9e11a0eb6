"""Segments to clips: a pool of worker processes, each with the engines its voices name, every
clip verified."""

from __future__ import annotations

import contextlib
import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pydub import AudioSegment
from pydub.exceptions import CouldntDecodeError

from ..cancel import Cancelled, CancelToken
from ..engines import (
    WORKING_MEMORY_BUDGET,
    Engine,
    engine_for,
    prepare_shared_data,
    threads_for,
    workers_for,
    working_memory,
)
from ..errors import AudiobriefError, SynthesisError
from ..model import Clip, Voice
from .cache import ClipCache, scratch_beside
from .prepare import OUTPUT_RATE, prepare_clip
from .workers import WorkerPool

ATTEMPTS = 3
HANG_TIMEOUT_S = 60.0
MAX_POOL_RESTARTS = 3
SILENCE_PEAK = 300  #: a clip whose loudest sample is below this is silent (about -40 dBFS)
#: Jobs handed out ahead of the clip being assembled, per worker thread: the workers keep
#: speaking while the assembler waits; the clips wait as files.
AHEAD_PER_WORKER = 16
#: Jobs in one call to a worker that speaks on several threads: its threads take them in order,
#: each the next as soon as it is free, so a core idles only at the end of a call (the clips do
#: not wait for it: each is taken from the cache as soon as it lands there).
BATCH_PER_THREAD = 8
CACHE_POLL_S = 0.02  #: how often the cache is looked at for the next clip of a running batch


@dataclass(frozen=True)
class SynthJob:
    """One segment to speak."""

    segment_id: str
    spoken: str
    voice: Voice


def start_worker(voice: Voice) -> None:
    """Pool initialiser: the engine for the briefing's voice, started now so that the first clip
    does not wait for it (a voice that cannot load is reported by the first clip instead)."""
    with contextlib.suppress(AudiobriefError):
        engine_for(voice).start()


def engine_pool(voice: Voice, workers: int | None = None) -> WorkerPool:
    """A pool of engine workers for a briefing read mainly in voice, started at once (they take
    a while to start), after the data their engines share is made."""
    prepare_shared_data()
    cores = os.cpu_count() or 1
    count = workers or workers_for(voice, cores)
    pool = WorkerPool(count, initializer=partial(start_worker, voice), threads=threads_for(voice, cores))
    try:
        pool.start()
    except BaseException:
        pool.close(kill=True)
        raise
    return pool


def synthesize_one(job: SynthJob, cache: ClipCache, engine: Engine | None = None) -> Clip:
    """The verified, prepared clip for one job, from the cache or the engine (retried)."""
    engine = engine or engine_for(job.voice)
    cached = cache.lookup(engine.engine_id, job.voice, job.spoken)
    if cached:
        return Clip(job.segment_id, cached[0], OUTPUT_RATE, cached[1])
    path = cache.path_for(engine.engine_id, job.voice, job.spoken)
    path.parent.mkdir(parents=True, exist_ok=True)
    problem = ""
    for _ in range(ATTEMPTS):
        scratch = scratch_beside(path, "engine.wav")
        scratch.unlink(missing_ok=True)
        engine.synthesize(job.spoken, job.voice, scratch)
        try:
            audio = verify_clip(scratch, job)
        except SynthesisError as exc:
            problem = str(exc)
            continue
        finally:
            scratch.unlink(missing_ok=True)
        prepared = scratch_beside(path, "part.wav")
        samples = cache.publish(prepared, path, prepare_clip(audio, prepared))
        return Clip(job.segment_id, path, OUTPUT_RATE, samples)
    raise SynthesisError(f"{problem} (after {ATTEMPTS} attempts)")


def synthesize_batch(task: Task, jobs: Sequence[SynthJob], cache: ClipCache, threads: int,
                     in_order: int = 0, stopped: Path | None = None) -> list[Clip]:
    """The clips for jobs, in order, spoken on `threads` threads of this worker sharing its
    engines (Piper's onnxruntime session runs without holding Python's lock), each thread taking
    the next job when it is free: the first `in_order` jobs in order (a listener waits for
    them), the rest longest first (so the threads finish together). A job starts only while the
    working memory of the jobs spoken with it stays within the budget (else a thread takes a
    smaller one, or waits); the jobs of an engine that speaks one utterance at a time
    (espeak-ng) take turns. Once the file `stopped` exists (its briefing was cancelled), no job
    starts and the call ends Cancelled when the jobs being spoken are done."""
    rest = sorted(range(in_order, len(jobs)), key=lambda index: -len(jobs[index].spoken))
    pending = [*range(min(in_order, len(jobs))), *rest]
    memory = [working_memory(job.voice, job.spoken) for job in jobs]
    clips: dict[int, Clip] = {}
    state = threading.Condition()
    held = 0  #: working memory of the jobs being spoken
    one_at_a_time = threading.Lock()

    def take() -> int | None:
        nonlocal held
        with state:
            if stopped is not None and stopped.exists():
                pending.clear()
            while pending:
                fitting = (i for i in pending if not held or held + memory[i] <= WORKING_MEMORY_BUDGET)
                index = next(fitting, None)
                if index is not None:
                    pending.remove(index)
                    held += memory[index]
                    return index
                state.wait()
            return None

    def speak() -> None:
        nonlocal held
        while (index := take()) is not None:
            job = jobs[index]
            try:
                if threads_for(job.voice, threads) > 1:
                    clips[index] = task(job, cache)
                else:
                    with one_at_a_time:
                        clips[index] = task(job, cache)
            except BaseException:
                with state:
                    pending.clear()
                raise
            finally:
                with state:
                    held -= memory[index]
                    state.notify_all()

    with ThreadPoolExecutor(threads) as speakers:
        for speaker in [speakers.submit(speak) for _ in range(threads)]:
            speaker.result()
    if len(clips) < len(jobs):
        raise Cancelled("the briefing these clips were for was cancelled")
    return [clips[index] for index in range(len(jobs))]


def verify_clip(path: Path, job: SynthJob) -> AudioSegment:
    """The engine's WAV, once checked: it exists, holds sound, and lasts about as long as its
    text should."""
    label = f"segment {job.segment_id} ({_preview(job.spoken)})"
    if not path.exists() or path.stat().st_size <= 44:
        raise SynthesisError(f"{label}: the engine wrote no audio")
    try:
        audio = AudioSegment.from_wav(path)
    except CouldntDecodeError as exc:
        raise SynthesisError(f"{label}: the engine wrote a broken WAV ({exc})") from exc
    samples = int(audio.frame_count())
    if audio.sample_width != 2 or samples == 0:
        raise SynthesisError(f"{label}: the engine wrote no 16-bit audio")
    seconds = samples / audio.frame_rate
    words = max(1, len(job.spoken.split()))
    expected = words * 60 / job.voice.rate
    if seconds < 0.25 * expected or seconds > 4 * expected + 2:
        raise SynthesisError(
            f"{label}: {seconds:.1f} s of audio for {words} words is implausible (truncated?)"
        )
    if audio.max < SILENCE_PEAK:
        raise SynthesisError(f"{label}: the engine wrote silence")
    return audio


def _preview(text: str) -> str:
    return repr(text if len(text) <= 50 else text[:47] + "...")


ProgressFn = Callable[[int, int], None]
Task = Callable[[SynthJob, ClipCache], Clip]


class Synthesizer:
    """Runs jobs on a worker pool, a bounded window ahead, and yields the clips in job order.
    Given each voice's engine id, it takes clips already in the cache without asking a worker,
    and a clip of a running batch as soon as the worker has put it in the cache. A pool whose
    workers speak on several threads gets the jobs in batches.

    A cancel token stops it at once, even while it waits for a clip (Cancelled): its calls not
    yet started are withdrawn, and its running batches start no further job (a flag file they
    look at), so the pool, which other briefings may share, is neither disturbed nor kept busy
    with clips nobody waits for (a clip being spoken finishes into the cache)."""

    def __init__(self, cache: ClipCache, pool: WorkerPool, hang_timeout: float = HANG_TIMEOUT_S,
                 task: Task | None = None, window: int | None = None,
                 engine_id: Callable[[Voice], str] | None = None, cancel: CancelToken | None = None) -> None:
        self.cancel = cancel or CancelToken()
        self.cache = cache
        self.engine_id = engine_id
        self.pool = pool
        self.task = task or synthesize_one
        self.hang_timeout = hang_timeout
        self.threads = getattr(pool, "threads", 1)  #: jobs each worker speaks at once
        self.window = window or AHEAD_PER_WORKER * pool.workers * self.threads
        self.batch = BATCH_PER_THREAD * self.threads if self.threads > 1 else 1
        self.stop_flag = cache.root / "stopped" / uuid.uuid4().hex  #: exists while its batches wind down

    def run(self, jobs: Sequence[SynthJob], progress: ProgressFn | None = None) -> Iterator[Clip]:
        """Clips for jobs, in order, as soon as each and all before it are ready."""
        running: dict[Future[Clip | list[Clip]], list[int]] = {}
        try:
            yield from self._run(jobs, progress, running)
        finally:
            unfinished = [future for future in running if not future.cancel() and not future.done()]
            if unfinished:
                self._stop_batches(unfinished)

    def _stop_batches(self, unfinished: list[Future[Clip | list[Clip]]]) -> None:
        """Tell running batches to start no further job; the flag goes once they have ended."""
        self.stop_flag.parent.mkdir(parents=True, exist_ok=True)
        self.stop_flag.touch()
        left = [len(unfinished)]
        lock = threading.Lock()

        def ended(_future: Future[Clip | list[Clip]]) -> None:
            with lock:
                left[0] -= 1
                if left[0] == 0:
                    self.stop_flag.unlink(missing_ok=True)

        for future in unfinished:
            future.add_done_callback(ended)

    def _run(self, jobs: Sequence[SynthJob], progress: ProgressFn | None,
             running: dict[Future[Clip | list[Clip]], list[int]]) -> Iterator[Clip]:
        ready: dict[int, Clip] = {}
        batch: list[int] = []  #: jobs gathered for the next call to a worker
        generation = self.pool.generation
        restarts = next_index = submitted = 0
        suspects: Counter[int] = Counter()  #: per job, how many broken pools it was running in
        while next_index < len(jobs):
            self.cancel.check()
            while submitted < min(len(jobs), next_index + self.window):
                if submitted in ready:
                    pass
                elif self._take_cached(jobs[submitted], submitted, ready):
                    if progress:
                        progress(len(ready) + next_index, len(jobs))
                else:
                    batch.append(submitted)
                    if len(batch) >= self.batch:
                        generation = self._submit(jobs, batch, running, next_index)
                        batch = []
                submitted += 1
            if batch and (submitted == len(jobs) or not running):
                generation = self._submit(jobs, batch, running, next_index)
                batch = []
            try:
                # wait for a worker only when the next clip in order is not ready: a clip
                # already in hand (from the cache) goes to the listener at once
                if running and next_index not in ready:
                    self._wait_for(jobs, next_index, running, ready)
                    if progress:
                        progress(len(ready) + next_index, len(jobs))
            except (BrokenProcessPool, CancelledError, TimeoutError) as exc:
                restarts += 1
                suspects.update(i for batch in running.values() for i in batch)
                if restarts > MAX_POOL_RESTARTS:
                    # the job running every time the pool broke, not one that was unlucky once
                    stuck = jobs[max(suspects, key=lambda i: (suspects[i], -i), default=next_index)]
                    raise SynthesisError(
                        f"segment {stuck.segment_id} ({_preview(stuck.spoken)}): the speech "
                        f"engine kept failing ({type(exc).__name__}); try again or report it"
                    ) from exc
                self.pool.replace(generation)
                running.clear()
                batch = []
                submitted = next_index
                continue
            while next_index in ready:
                yield ready.pop(next_index)
                next_index += 1

    def _wait_for(self, jobs: Sequence[SynthJob], index: int,
                  running: dict[Future[Clip | list[Clip]], list[int]], ready: dict[int, Clip]) -> None:
        """Wait until a call finishes (its clips go in ready) or, when job index is one of a
        running batch's, until its clip is in the cache; TimeoutError when no clip comes in
        time (a hung worker)."""
        in_batch = self.engine_id is not None and any(
            index in batch and len(batch) > 1 for batch in running.values())
        deadline = time.monotonic() + self.hang_timeout
        while True:
            timeout = min(CACHE_POLL_S, deadline - time.monotonic()) if in_batch else self.hang_timeout
            done, _ = wait([*running, self.cancel.fired], timeout=max(0.0, timeout),
                           return_when=FIRST_COMPLETED)
            self.cancel.check()
            # the clips that came are taken before a failure among them is raised: the jobs
            # still running when a pool breaks are the ones suspected of breaking it
            for future in sorted(done, key=lambda future: future.exception() is not None):
                result = future.result()
                clips = result if isinstance(result, list) else [result]
                for batch_index, clip in zip(running.pop(future), clips, strict=True):
                    if batch_index >= index:  # not one already taken from the cache and yielded
                        ready.setdefault(batch_index, clip)
            if done or (in_batch and self._take_cached(jobs[index], index, ready)):
                return
            if time.monotonic() >= deadline or not in_batch:
                raise TimeoutError("no clip finished in time")

    def _submit(self, jobs: Sequence[SynthJob], batch: list[int],
                running: dict[Future[Clip | list[Clip]], list[int]], waited_for: int) -> int:
        """Hand the batch's jobs to a worker (one job alone, as the task itself); a batch that
        starts with the clip the listener waits for has its first half spoken in order. Returns
        the pool generation it went to."""
        future: Future[Clip | list[Clip]]
        if len(batch) == 1:
            future, generation = self.pool.submit(self.task, jobs[batch[0]], self.cache)
        else:
            in_order = len(batch) // 2 if batch[0] == waited_for else 0
            future, generation = self.pool.submit(synthesize_batch, self.task, [jobs[i] for i in batch],
                                                  self.cache, self.threads, in_order, self.stop_flag)
        running[future] = list(batch)
        return generation

    def _take_cached(self, job: SynthJob, index: int, ready: dict[int, Clip]) -> bool:
        """Put the job's clip in ready if the cache has it."""
        cached = (self.cache.lookup(self.engine_id(job.voice), job.voice, job.spoken)
                  if self.engine_id else None)
        if cached:
            ready[index] = Clip(job.segment_id, cached[0], OUTPUT_RATE, cached[1])
        return bool(cached)
