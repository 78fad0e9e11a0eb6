"""What a run of a show does once it is its turn: read the sources (several at once), pick the new
entries, read their stories, and queue one briefing of them as the episode, unless the show's account
may make no more briefings (quota, share of the queue) or the job queue is out of reach: then nothing
is made, the run says why, and the stories stay new for the next run."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from ..netguard import PrivateAddressError, display_url
from ..server.config import Settings
from ..server.jobs.queue_room import QueueFull, over_quota
from ..server.outages import BrokerUnavailable
from ..server.store.records import Source as Input
from ..server.store.records import Store
from .feeds import FeedRead, entry_keys
from .model import Entry, Episode, RunResult, Show, SourceFailure
from .reading import read_sources, read_stories
from .records import ShowRecords
from .stories import pick_entries

log = logging.getLogger("audiobrief.shows")

PRIVATE_SOURCE_FIX = "set AUDIOBRIEF_ALLOW_PRIVATE_URLS=1 if you mean it"
#: what a show hands a new episode to: the runner's submit (room checked, stored, queued), or Store.add
Submit = Callable[[str, str, str, int | None, dict[str, str], list[Input], int | None, bool], None]


class RunLost(Exception):
    """Another process took the run over (this one stopped saying it was alive): it makes nothing."""


class EpisodeMaker:
    """Makes a show's run: its reading, and the episode handed to `submit`."""

    def __init__(self, store: Store, settings: Settings, records: ShowRecords, submit: Submit,
                 clock: Callable[[], float]) -> None:
        self.store = store
        self.settings = settings
        self.records = records
        self.submit = submit
        self.clock = clock

    def make(self, show: Show, still_mine: Callable[[], bool]) -> RunResult:
        """Read the show's sources and queue an episode of the new stories; RunLost when the run is
        no longer this process's by the time the episode would be queued."""
        if refusal := over_quota(self.store, self.settings, show.owner_id):
            return RunResult(show.slug, "refused", message=refusal)
        settings = self.settings
        reads = read_sources(show.sources, allow_private=settings.allow_private_urls,
                             deadline_s=settings.fetch_deadline_s,
                             concurrency=settings.show_fetch_concurrency)
        feeds, failures = self._note_reads(show, reads)
        seen = self.records.seen(show.slug, (key for _, entries in feeds for e in entries
                                             for key in entry_keys(e)))
        picked = pick_entries([entries for _, entries in feeds], seen, show.max_per_source, show.max_stories)
        taken = {key for entry in picked for key in entry_keys(entry)}
        self._forget_validators(show.slug, feeds, taken | seen)
        read = read_stories(picked, allow_private=settings.allow_private_urls,
                            deadline_s=settings.fetch_deadline_s, concurrency=settings.show_fetch_concurrency)
        stories = [story for story in read if story is not None]
        keys = [key for entry in picked for key in entry_keys(entry)]
        if not stories:
            self.records.record_episode(show.slug, None, (), keys)
            return RunResult(show.slug, "nothing-new", failures=failures)
        if not still_mine():
            raise RunLost(show.slug)
        briefing_id = uuid.uuid4().hex
        try:
            if refusal := over_quota(self.store, settings, show.owner_id):
                raise QueueFull(refusal)
            self.submit(briefing_id, self.episode_title(show), show.voice, None, {},
                        [story.input for story in stories], show.owner_id, show.public)
        except (QueueFull, BrokerUnavailable) as exc:
            self._forget_validators(show.slug, feeds, seen)
            reason = "the job queue is out of reach" if isinstance(exc, BrokerUnavailable) else str(exc)
            return RunResult(show.slug, "refused", failures=failures,
                             message=f"{reason}: its new stories are read again at the next run")
        made = self.records.record_episode(show.slug, briefing_id, [s.story for s in stories], keys)
        episode = Episode(briefing_id, show.slug, made, tuple(s.story for s in stories))
        return RunResult(show.slug, "episode", episode, failures)

    def _note_reads(self, show: Show, reads: Sequence[FeedRead | Exception],
                    ) -> tuple[list[tuple[str, tuple[Entry, ...]]], tuple[SourceFailure, ...]]:
        """Record each source's read (validators, title, or why it failed); the entries of those read."""
        feeds: list[tuple[str, tuple[Entry, ...]]] = []
        failures: list[SourceFailure] = []
        now = self.clock()
        for source, read in zip(show.sources, reads, strict=True):
            if isinstance(read, FeedRead):
                self.records.note_source(show.slug, source.url, checked_at=now, error="", error_at=None,
                                         etag=read.etag, last_modified=read.last_modified,
                                         title=read.title or source.title)
                feeds.append((source.url, read.entries))
                continue
            refusal = read.with_fix(PRIVATE_SOURCE_FIX) if isinstance(read, PrivateAddressError) else read
            message = str(refusal)
            failures.append(SourceFailure(display_url(source.url), message, now))
            self.records.note_source(show.slug, source.url, checked_at=now, error=message, error_at=now)
        return feeds, tuple(failures)

    def _forget_validators(self, slug: str, feeds: Sequence[tuple[str, tuple[Entry, ...]]],
                           taken: set[str]) -> None:
        """A source with entries this run did not take (no room, or nothing was made) is read in full
        next time: a 304 would hide them."""
        for url, entries in feeds:
            if any(not taken.intersection(entry_keys(entry)) for entry in entries):
                self.records.note_source(slug, url, etag="", last_modified="")

    def episode_title(self, show: Show) -> str:
        """An episode's title: the show's, and the day in the schedule's zone."""
        zone = ZoneInfo(show.schedule.zone) if show.schedule else UTC
        day = datetime.fromtimestamp(self.clock(), zone)
        return f"{show.title}, {day:%B} {day.day}, {day.year}"
