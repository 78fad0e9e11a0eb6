"""The job runner: a bounded queue and threads in the server process running the pipeline.

A briefing is read (its URLs fetched, every article cleaned) and then made (spoken, encoded). Reading
waits on other servers, making on this one's cores, so they are bounded apart: `workers + readers`
threads take briefings from the queue and read them, and at most `workers` of them make one at a
time. A slow site holds a thread that reads, never the making of someone else's briefing.

A briefing can be cancelled while it is read or made (its owner deleted it): its token fires, which
shuts its fetch's socket, stops its wait for a making slot or for its clips (the speech workers,
shared with other briefings, are left alone), and its scratch folder is removed as it unwinds.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ... import metrics
from ...audio.lifeline import Stopped, Stopper, stopping
from ...audio.pools import KeptPools
from ...cancel import Cancelled, CancelToken
from ...clean import clean
from ...clean.saved import article_from_json
from ...errors import AudiobriefError
from ...ingest import document_from_bytes, read_source
from ...model import Article, Briefing
from ...pipeline import MakeOptions, Progress, make_from_articles
from ...presets import load_voice
from ...speak import load_lexicon
from ..config import Settings
from ..store.records import Record, Source, Store
from .about import notes_for, stories_description, write_notes
from .preview import render_preview
from .queue_room import check_room

log = logging.getLogger("audiobrief.server")

MAX_ATTEMPTS = 2  #: a briefing interrupted this many times by a crash is marked failed
READ_SHARE = 0.1  #: share of the progress bar for reading articles; synthesis gets the rest
STOP_WAIT_S = 10.0  #: how long stop waits for each worker thread to unwind
DAY_S = 86400


class Slots:
    """At most `count` holders at once; a waiter whose token fires stops waiting (Cancelled)."""

    def __init__(self, count: int) -> None:
        self.free = count
        self.changed = threading.Condition()

    @contextmanager
    def held(self, token: CancelToken) -> Iterator[None]:
        """Hold a slot for the block, waiting for one to be free."""
        forget = token.on_cancel(self._wake)
        try:
            with self.changed:
                while self.free == 0 and not token.cancelled:
                    self.changed.wait()
                token.check()
                self.free -= 1
        finally:
            forget()
        try:
            yield
        finally:
            with self.changed:
                self.free += 1
                self.changed.notify()

    def _wake(self) -> None:
        with self.changed:
            self.changed.notify_all()


def briefing_threads(settings: Settings) -> int:
    """Threads that take briefings: `workers` making and `readers` reading ahead of them (none when
    no briefing is made: workers=0)."""
    return settings.workers + settings.readers if settings.workers else 0


def briefing_dir(settings: Settings, record_id: str) -> Path:
    """The folder of a finished briefing (the id is ours, never user input)."""
    return settings.briefings_dir / record_id


class JobRunner:
    """Runs queued briefings on worker threads; recovers briefings interrupted by a crash."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self.queue: queue.Queue[str | None] = queue.Queue()
        self.admission = threading.Lock()
        self.threads: list[threading.Thread] = []
        self.stopper = Stopper()
        self.pools = KeptPools()  #: speech workers kept between briefings, their voices loaded
        self.making = Slots(settings.workers)  #: briefings being made (read ones wait for a slot)
        self.tokens: dict[str, CancelToken] = {}  #: the briefings in hand, by id
        self.tokens_lock = threading.Lock()

    def start(self) -> None:
        """Recover interrupted work, then start the workers."""
        self.settings.briefings_dir.mkdir(parents=True, exist_ok=True)
        self.recover()
        for number in range(briefing_threads(self.settings)):
            thread = threading.Thread(target=self._work, name=f"briefing-worker-{number}", daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        """Stop now: kill the engine workers of the briefings being made and cut their fetches
        short (they are queued again and resumed at the next start), and wait for the threads to
        unwind."""
        self.stopper.stop()
        with self.tokens_lock:
            held = list(self.tokens.values())
        for token in held:
            token.cancel()
        for _ in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join(STOP_WAIT_S)
        self.pools.close()

    def recover(self) -> None:
        """Re-queue briefings a crash left running (or fail them after MAX_ATTEMPTS); queue the rest."""
        for work in self.settings.briefings_dir.glob(".work-*"):
            shutil.rmtree(work, ignore_errors=True)
        for record in reversed(self.store.all("running")):
            if record.attempts >= MAX_ATTEMPTS:
                self.store.fail(record.id, f"the server stopped {record.attempts} times while making this "
                                           "briefing: try again with fewer or shorter articles")
            else:
                log.info("resuming briefing %s interrupted by a restart", record.id)
                self.store.requeue(record.id)
        for record in reversed(self.store.all("queued")):
            self.queue.put(record.id)
        self.prune()

    def prune(self) -> None:
        """Forget inputs no longer needed for making a briefing again, and old failed briefings."""
        settings = self.settings
        now = time.time()
        for record_id in self.store.prune(settings.keep_inputs, now - settings.keep_inputs_days * DAY_S,
                                          now - settings.keep_failed_days * DAY_S):
            remove_files(settings, record_id)

    def submit(self, record_id: str, requested_title: str, voice: str, rate: int | None,
               pronunciations: dict[str, str], sources: list[Source], owner_id: int | None = None,
               public: bool = True) -> None:
        """Store and queue a new briefing, or raise QueueFull (ShareFull for the account's share)."""
        with self.admission:
            check_room(self.store, self.settings, owner_id)
            self.store.add(record_id, requested_title, voice, rate, pronunciations, sources, owner_id, public)
        metrics.SUBMITTED.inc()
        self.queue.put(record_id)

    def retry(self, record_id: str) -> bool:
        """Queue a failed briefing again (False when it is not failed), or raise QueueFull."""
        with self.admission:
            record = self.store.get(record_id)
            check_room(self.store, self.settings, record.owner_id if record else None)
            if not self.store.retry(record_id):
                return False
        self.queue.put(record_id)
        return True

    def cancel(self, record_id: str) -> None:
        """Stop reading or making a briefing whose row was just deleted (its owner deleted it): it
        unwinds within moments and keeps nothing (a briefing not in hand has nothing to stop)."""
        with self.tokens_lock:
            token = self.tokens.get(record_id)
        if token is not None:
            token.cancel()

    @contextmanager
    def in_hand(self, record_id: str) -> Iterator[CancelToken]:
        """The token that cancels this briefing, known to cancel() while the block runs (taken
        before the briefing is marked running, so a deletion after that always finds it)."""
        token = CancelToken()
        with self.tokens_lock:
            self.tokens[record_id] = token
        if self.stopper.stopped:
            token.cancel()
        try:
            yield token
        finally:
            with self.tokens_lock:
                self.tokens.pop(record_id, None)

    def _work(self) -> None:
        with stopping(self.stopper):
            self._serve_queue()

    def _serve_queue(self) -> None:
        while (record_id := self.queue.get()) is not None and not self.stopper.stopped:
            with self.in_hand(record_id) as token:
                if not self.store.start(record_id):
                    continue
                record = self.store.get(record_id)
                if record is None:
                    continue
                try:
                    self.make_claimed(record, token)
                except Stopped:
                    log.info("briefing %s cut short by a shutdown; it resumes at the next start", record_id)
                    self.store.requeue(record_id)

    def make_claimed(self, record: Record, token: CancelToken) -> None:
        """Make a briefing marked running for this runner; a known error fails it with the reason,
        a cancelled one leaves nothing behind (Stopped instead when the runner is stopping)."""
        metrics.IN_HAND.inc()
        try:
            self.run(record, token)
        except Cancelled:
            if self.stopper.stopped:
                raise Stopped from None
            log.info("briefing %s stopped: it is no longer this runner's to make (deleted, or taken over)",
                     record.id)
        except AudiobriefError as exc:
            metrics.FAILED.labels(reason=metrics.failure_reason(exc)).inc()
            self.store.fail(record.id, str(exc))
        except Exception as exc:
            log.exception("briefing %s failed", record.id)
            metrics.FAILED.labels(reason="internal").inc()
            self.store.fail(record.id, f"internal error ({type(exc).__name__}: {exc}): please report it")
        finally:
            metrics.IN_HAND.dec()
            shutil.rmtree(self._work_dir(record.id), ignore_errors=True)
            self.prune()

    def _work_dir(self, record_id: str) -> Path:
        return self.settings.briefings_dir / f".work-{record_id}"

    def run(self, record: Record, token: CancelToken) -> None:
        """Read a briefing's articles, then, in a making slot, make it in a scratch folder, move it
        into place and mark it done."""
        sources = self.store.sources(record.id)
        articles = [self._read(source, record.id, n, len(sources), token)
                    for n, source in enumerate(sources, 1)]
        with self.making.held(token):
            self._make(record, sources, articles, token)

    def _make(self, record: Record, sources: list[Source], articles: list[Article],
              token: CancelToken) -> None:
        voice = load_voice(record.voice)
        if record.rate:
            voice = replace(voice, rate=record.rate)
        options = MakeOptions(voice=voice, title=record.requested_title or None,
                              lexicon=load_lexicon(extra=record.pronunciations),
                              allow_private_urls=self.settings.allow_private_urls,
                              cache_bytes=self.settings.cache_bytes)
        work = self._work_dir(record.id)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        started = time.monotonic()
        synthesis: list[float] = []  #: when the first clip was asked for

        def on_progress(event: Progress) -> None:
            if event.stage == "synthesize" and event.total:
                if not synthesis:
                    synthesis.append(time.monotonic())
                if event.done == event.total and len(synthesis) == 1:  # observed once per briefing
                    synthesis.append(time.monotonic())
                    spoken_s = time.monotonic() - synthesis[0]
                    metrics.SYNTHESIS_SECONDS.labels(engine=voice.engine).observe(spoken_s)
                share = READ_SHARE + (1 - READ_SHARE) * 0.95 * event.done / event.total
                self.store.set_progress(record.id, "synthesize", round(share, 3))

        briefing, plan = make_from_articles(articles, work / "audio.mp3", options, on_progress,
                                            self.pools.pool_for(voice), token)
        notes = notes_for(sources, articles)
        write_notes(work, notes)
        token.check()
        if self._finish(record.id, plan.title, briefing, work, stories_description(notes)):
            seconds = time.monotonic() - started
            metrics.MADE.inc()
            metrics.MAKING_SECONDS.observe(seconds)
            metrics.PER_AUDIO_SECOND.observe(seconds / max(briefing.duration_ms / 1000, 0.001))

    def _read(self, source: Source, record_id: str, number: int, total: int, token: CancelToken) -> Article:
        token.check()
        if source.kind == "url":
            try:
                document = read_source(source.data.decode("utf-8"),
                                       allow_private_urls=self.settings.allow_private_urls,
                                       deadline_s=self.settings.fetch_deadline_s, cancel=token)
            except Cancelled:
                raise
            except Exception as exc:
                metrics.FETCH_ERRORS.labels(kind=metrics.failure_reason(exc)).inc()
                raise
            article = clean(document)
        elif source.cleaned:  # cleaned when the request was checked: that article, not cleaned again
            article = article_from_json(source.cleaned, source.label)
        else:  # not cleaned at submission: an episode of a show, made again, or stored before
            article = clean(document_from_bytes(source.data, source.label))
        self.store.set_progress(record_id, "read", round(READ_SHARE * number / total, 3))
        return article

    def _finish(self, record_id: str, title: str, briefing: Briefing, work: Path, description: str) -> bool:
        """Put a made briefing in place and mark it done, described for the feed; False when it is no
        longer ours to."""
        os.replace(work / "audio.png", work / "cover.png")
        (work / "spoken.txt").write_text(render_preview(title, briefing.cues), "utf-8")
        self.store.set_progress(record_id, "assemble", 0.99)
        if not self._still_mine(record_id):
            return False
        final = briefing_dir(self.settings, record_id)
        shutil.rmtree(final, ignore_errors=True)
        os.replace(work, final)
        size = (final / "audio.mp3").stat().st_size
        if self.store.finish(record_id, title, briefing.duration_ms, size, description,
                             self._claimant()):
            return True
        if self.store.get(record_id) is None:
            shutil.rmtree(final, ignore_errors=True)  # deleted meanwhile: nothing of it is kept
        return False

    def _still_mine(self, record_id: str) -> bool:
        """Whether this runner may put the briefing in place (worker processes check their claim)."""
        return self.store.get(record_id) is not None

    def _claimant(self) -> str | None:
        """The claim a finished briefing must still be under (worker processes have one)."""
        return None


def remove_files(settings: Settings, record_id: str) -> None:
    """Delete a briefing's folder."""
    shutil.rmtree(briefing_dir(settings, record_id), ignore_errors=True)
