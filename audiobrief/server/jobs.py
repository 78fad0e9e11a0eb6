"""The job runner: a bounded queue and worker threads in the server process running the pipeline."""

from __future__ import annotations

import logging
import os
import queue
import shutil
import threading
import time
from dataclasses import replace
from pathlib import Path

from ..audio.lifeline import Stopped, Stopper, stopping
from ..audio.pools import KeptPools
from ..clean import clean
from ..errors import AudiobriefError
from ..ingest import document_from_bytes, read_source
from ..model import Article, Briefing
from ..pipeline import MakeOptions, Progress, make_from_articles
from ..presets import load_voice
from ..speak import load_lexicon
from .about import notes_for, write_notes
from .config import Settings
from .preview import describe, render_preview
from .queue_room import check_room
from .store import Record, Source, Store

log = logging.getLogger("audiobrief.server")

MAX_ATTEMPTS = 2  #: a briefing interrupted this many times by a crash is marked failed
READ_SHARE = 0.1  #: share of the progress bar for reading articles; synthesis gets the rest
STOP_WAIT_S = 10.0  #: how long stop waits for each worker thread to unwind
DAY_S = 86400


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

    def start(self) -> None:
        """Recover interrupted work, then start the workers."""
        self.settings.briefings_dir.mkdir(parents=True, exist_ok=True)
        self.recover()
        for number in range(self.settings.workers):
            thread = threading.Thread(target=self._work, name=f"briefing-worker-{number}", daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        """Stop now: kill the engine workers of the briefings being made (they are queued again
        and resumed at the next start) and wait for the threads to unwind."""
        self.stopper.stop()
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

    def _work(self) -> None:
        with stopping(self.stopper):
            self._serve_queue()

    def _serve_queue(self) -> None:
        while (record_id := self.queue.get()) is not None and not self.stopper.stopped:
            if not self.store.start(record_id):
                continue
            record = self.store.get(record_id)
            if record is None:
                continue
            try:
                self.make_claimed(record)
            except Stopped:
                log.info("briefing %s cut short by a shutdown; it resumes at the next start", record_id)
                self.store.requeue(record_id)

    def make_claimed(self, record: Record) -> None:
        """Make a briefing marked running for this runner; a known error fails it with the reason."""
        try:
            self.run(record)
        except AudiobriefError as exc:
            self.store.fail(record.id, str(exc))
        except Exception as exc:
            log.exception("briefing %s failed", record.id)
            self.store.fail(record.id, f"internal error ({type(exc).__name__}: {exc}): please report it")
        finally:
            shutil.rmtree(self._work_dir(record.id), ignore_errors=True)
            self.prune()

    def _work_dir(self, record_id: str) -> Path:
        return self.settings.briefings_dir / f".work-{record_id}"

    def run(self, record: Record) -> None:
        """Make one briefing in a scratch folder, move it into place, then mark it done."""
        sources = self.store.sources(record.id)
        articles = [self._read(source, record.id, n, len(sources)) for n, source in enumerate(sources, 1)]
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

        def on_progress(event: Progress) -> None:
            if event.stage == "synthesize" and event.total:
                share = READ_SHARE + (1 - READ_SHARE) * 0.95 * event.done / event.total
                self.store.set_progress(record.id, "synthesize", round(share, 3))

        briefing, plan = make_from_articles(articles, work / "audio.mp3", options, on_progress,
                                            self.pools.pool_for(voice))
        write_notes(work, notes_for(sources, articles))
        self._finish(record.id, plan.title, briefing, work)

    def _read(self, source: Source, record_id: str, number: int, total: int) -> Article:
        if source.kind == "url":
            document = read_source(source.data.decode("utf-8"),
                                   allow_private_urls=self.settings.allow_private_urls)
        else:
            document = document_from_bytes(source.data, source.label)
        article = clean(document)
        self.store.set_progress(record_id, "read", round(READ_SHARE * number / total, 3))
        return article

    def _finish(self, record_id: str, title: str, briefing: Briefing, work: Path) -> None:
        os.replace(work / "audio.png", work / "cover.png")
        (work / "spoken.txt").write_text(render_preview(title, briefing.cues), "utf-8")
        self.store.set_progress(record_id, "assemble", 0.99)
        if not self._still_mine(record_id):
            return
        final = briefing_dir(self.settings, record_id)
        shutil.rmtree(final, ignore_errors=True)
        os.replace(work, final)
        size = (final / "audio.mp3").stat().st_size
        self.store.finish(record_id, title, briefing.duration_ms, size, describe(briefing.cues))


    def _still_mine(self, record_id: str) -> bool:
        """Whether this runner may put the briefing in place (worker processes check their claim)."""
        return True


def remove_files(settings: Settings, record_id: str) -> None:
    """Delete a briefing's folder."""
    shutil.rmtree(briefing_dir(settings, record_id), ignore_errors=True)
