"""The show service: every operation on shows, for the command line, the API and the scheduler.

A run is work like a briefing: asked for (by hand or by the schedule) it is stored as queued and
handed to `enqueue` (the web process's run queue, or a Celery task), never made on the request path;
`execute` makes it wherever it is taken, under a claim renewed by heartbeats."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from .. import metrics
from ..netguard import display_url
from ..presets import DEFAULT_VOICE
from ..server.config import Settings
from ..server.jobs.queue_room import over_quota
from ..server.jobs.runner import remove_files
from ..server.store.claims import HEARTBEAT_S, LEASE_S
from ..server.store.records import Store
from .checks import (
    MAX_SOURCES,
    check_description,
    check_number,
    check_slug,
    check_sources,
    check_title,
    check_voice,
    feed_address,
)
from .cover import remove_cover
from .errors import (
    AccountRunsFull,
    OverQuota,
    RunBusy,
    RunsFull,
    ShowError,
    ShowExists,
    ShowLimit,
    ShowNotFound,
)
from .making import EpisodeMaker, RunLost, Submit
from .model import Episode, Run, RunResult, Show, Trigger
from .opml import opml_urls, show_opml
from .records import DuplicateShow, ShowRecords
from .run_records import RunRecords, heartbeat
from .schedule import next_run, parse_schedule

log = logging.getLogger("audiobrief.shows")

__all__ = ["RunBusy", "ShowError", "ShowExists", "ShowNotFound", "ShowService", "without_credentials"]

DAY_S = 86400
RUN_HEARTBEAT_S = HEARTBEAT_S  #: how often the process making a run says it is alive (as for briefings)
RUN_LEASE_S = LEASE_S  #: a run not renewed for this long belongs to a dead process
KEEP_RUNS = 20  #: a show's newest runs remembered (its page lists the latest)
CHANGEABLE = ("title", "description", "voice", "schedule", "max_stories", "max_per_source",
              "keep_episodes", "keep_days", "public")


class ShowService:
    """Shows stored in the briefings' database; new episodes go to `submit` as ordinary briefings,
    runs to `enqueue` (None: each run is made at once, in the caller's thread)."""

    def __init__(self, store: Store, settings: Settings, submit: Submit | None = None,
                 enqueue: Callable[[str], None] | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.settings = settings
        self.records = ShowRecords(store)
        self.runs = RunRecords(store)
        self.maker = EpisodeMaker(store, settings, self.records, submit or store.add, clock)
        self.enqueue = enqueue
        self.clock = clock
        self.admission = threading.Lock()  #: runs are counted and added one at a time in this process
        self.worker = f"{socket.gethostname()}:{os.getpid()}"

    def create(self, slug: str, title: str, *, description: str = "", voice: str | None = None,
               schedule: str = "", sources: Sequence[str] = (), max_stories: int | None = None,
               max_per_source: int | None = None, keep_episodes: int | None = None,
               keep_days: int | None = None, public: bool = True, owner_id: int | None = None) -> Show:
        """Make a show (checked field by field: the first problem is raised as one line); an account
        has at most max_shows (the command line and the open server are not bound)."""
        settings = self.settings
        now = self.clock()
        values: dict[str, Any] = {
            "slug": check_slug(slug), "owner_id": owner_id, "created_at": now, "public": int(public),
            **self._checked({"title": title, "description": description, "voice": voice or DEFAULT_VOICE,
                             "schedule": schedule,
                             "max_stories": settings.show_max_stories if max_stories is None else max_stories,
                             "max_per_source": (settings.show_max_per_source if max_per_source is None
                                                else max_per_source),
                             "keep_episodes": (settings.show_keep_episodes if keep_episodes is None
                                               else keep_episodes),
                             "keep_days": settings.show_keep_days if keep_days is None else keep_days}, now)}
        urls = check_sources(sources)
        if owner_id is not None and (owned := self.records.count(owner_id)) >= settings.max_shows:
            raise ShowLimit(f"this account has {owned} shows, the most one account may have: remove one "
                            "to make another")
        try:
            self.records.add(values, urls)
        except DuplicateShow:
            raise ShowExists(f"a show called '{slug}' exists already: choose another name, or change "
                             "that one") from None
        return self.get(slug)

    def list_shows(self) -> list[Show]:
        """Every show, by slug."""
        return self.records.all()

    def get(self, slug: str) -> Show:
        """The show with this slug, or ShowNotFound."""
        show = self.records.get(slug)
        if show is None:
            raise ShowNotFound(f"there is no show called '{slug[:64]}': see `audiobrief show list`")
        return show

    def update(self, slug: str, **changes: Any) -> Show:
        """Change a show's title, description, voice, schedule, limits, retention or sharing (when its
        sharing changes, its episodes are shared as the show is; an episode made private stays so
        through any other change)."""
        show = self.get(slug)
        unknown = sorted(set(changes) - set(CHANGEABLE))
        if unknown:
            raise ShowError(f"a show has no setting called '{unknown[0]}': change one of "
                            f"{', '.join(CHANGEABLE)}")
        values = self._checked({name: value for name, value in changes.items() if name != "public"},
                               self.clock())
        if "public" in changes and bool(changes["public"]) != show.public:
            values["public"] = int(bool(changes["public"]))
            for episode in self.records.episodes(slug):
                self.store.set_public(episode.briefing_id, bool(changes["public"]))
        if values:
            self.records.change(slug, values)
        return self.get(slug)

    def remove(self, slug: str) -> None:
        """Delete a show with its episodes, their files and its cover."""
        for episode in self.episodes(slug):
            self._delete_briefing(episode.briefing_id)
        self.records.remove(slug)
        remove_cover(self.settings.home, slug)

    def add_source(self, slug: str, url: str) -> Show:
        """Add an RSS or Atom feed to a show (nothing changes when it has that address already, with
        or without a user name and password)."""
        show = self.get(slug)
        (url,) = check_sources([url])
        if any(feed_address(source.url) == feed_address(url) for source in show.sources):
            return show
        if len(show.sources) >= MAX_SOURCES:
            raise ShowError(f"show '{slug}' has {MAX_SOURCES} sources, the most one show takes: remove one")
        self.records.add_source(slug, url)
        return self.get(slug)

    def remove_source(self, slug: str, url: str) -> Show:
        """Take a feed out of a show's sources, named as stored or as shown (without credentials)."""
        show = self.get(slug)
        address = feed_address(url)
        stored = next((source.url for source in show.sources if feed_address(source.url) == address), None)
        if stored is None or not self.records.remove_source(slug, stored):
            raise ShowError(f"'{display_url(url)[:100]}' is not a source of show '{slug}': see "
                            f"`audiobrief show sources {slug}`")
        return self.get(slug)

    def import_opml(self, slug: str, data: bytes, name: str = "the OPML file") -> list[str]:
        """Add every feed an OPML file lists; returns those that were new to the show."""
        show = self.get(slug)
        urls = check_sources(opml_urls(data, name, MAX_SOURCES))
        known = {feed_address(source.url) for source in show.sources}
        fresh = [url for url in urls if feed_address(url) not in known]
        if len(known) + len(fresh) > MAX_SOURCES:
            raise ShowError(f"'{name}' would give show '{slug}' more than {MAX_SOURCES} sources: "
                            "import fewer feeds")
        for url in fresh:
            self.records.add_source(slug, url)
        return fresh

    def export_opml(self, slug: str, credentials: bool = True) -> bytes:
        """The show's sources as an OPML 2.0 document (without user names and passwords in the
        addresses unless credentials: only its owner's own export keeps them)."""
        show = self.get(slug)
        return show_opml(show if credentials else without_credentials(show))

    def episodes(self, slug: str) -> list[Episode]:
        """The show's episodes, newest first."""
        self.get(slug)
        return self.records.episodes(slug)

    def episode(self, briefing_id: str) -> Episode | None:
        """The episode a briefing is (with its show and stories), or None for a briefing made by hand."""
        return self.records.episode(briefing_id)

    def request_run(self, slug: str) -> Run:
        """Queue a run of the show asked for by hand and hand it to the run queue: RunBusy while the
        show has one waiting or going, RunsFull (AccountRunsFull) when too many runs wait in all (for
        this account), OverQuota when the account keeps its quota of briefings."""
        run = self._add_run(self.get(slug), "hand")
        self._start(run.id)
        return run

    def run(self, slug: str) -> RunResult:
        """Make a run of the show here and now (the command line): the same checks as request_run;
        RunBusy when the show has a run waiting or going."""
        run = self._add_run(self.get(slug), "hand")
        result = self.execute(run.id)
        if result is None:
            raise RunBusy(f"show '{slug}' is being run by another process: wait for that run to end")
        return result

    def get_run(self, slug: str, run_id: str) -> Run | None:
        """A run of this show, or None."""
        run = self.runs.get(run_id)
        return run if run is not None and run.show == slug else None

    def recent_runs(self, slug: str, limit: int = KEEP_RUNS) -> list[Run]:
        """The show's newest runs, newest first."""
        self.get(slug)
        return self.runs.recent(slug, limit)

    def due(self, now: float | None = None) -> list[Show]:
        """Shows whose scheduled run time has come."""
        return self.records.due(self.clock() if now is None else now)

    def run_due(self, now: float | None = None) -> list[Run]:
        """Queue a run of every show that is due, once each however many of its slots were missed; a
        slot is taken in the database first, so two processes never queue the same run. A scheduled
        run is bound by its show (one at a time) only: a show whose run is still waiting or going
        skips the slot."""
        now = self.clock() if now is None else now
        queued = []
        for show in self.records.due(now):
            if show.schedule is None:
                continue
            following = next_run(show.schedule, datetime.fromtimestamp(now, UTC)).timestamp()
            if not self.records.take_slot(show.slug, show.next_run_at, following, now):
                continue
            try:
                run = self._add_run(show, "schedule")
            except RunBusy:
                log.info("show %s is due but its last run is still waiting or going: this slot is skipped",
                         show.slug)
                continue
            self._start(run.id)
            queued.append(run)
        return queued

    def pending_runs(self) -> list[str]:
        """Runs to hand to the run queue when it starts: those waiting, and those whose process died."""
        self.runs.revive(time.time(), RUN_LEASE_S)
        return self.runs.waiting()

    def revive_runs(self) -> list[str]:
        """Queue again the runs whose process died (the scheduler looks each time): their ids."""
        revived = self.runs.revive(time.time(), RUN_LEASE_S)
        for run_id in revived:
            self._start(run_id)
        return revived

    def execute(self, run_id: str) -> RunResult | None:
        """Make a queued run (or one whose process died), its claim renewed while it goes; None when
        it is not to be made here (made, being made by a live process, or gone with its show)."""
        worker = self.worker
        run = self.runs.claim(run_id, worker, time.time(), RUN_LEASE_S)
        if run is None:
            return None
        show = self.records.get(run.show)
        if show is None:
            return None

        def still_mine() -> bool:
            return self.runs.beat(run_id, worker, time.time())

        try:
            with heartbeat(still_mine, RUN_HEARTBEAT_S):
                result = self.maker.make(show, still_mine)
        except RunLost:
            log.warning("run %s of show %s was taken over by another process", run_id, show.slug)
            return None
        except Exception as exc:
            log.exception("run %s of show %s failed", run_id, show.slug)
            self.runs.finish(run_id, worker, time.time(), "failed", None,
                             f"internal error ({type(exc).__name__}): please report it", None, ())
            metrics.SHOW_RUNS.labels(outcome="failed").inc()
            raise
        episode = result.episode.briefing_id if result.episode else None
        self.runs.finish(run_id, worker, time.time(), "done", result.outcome, result.message, episode,
                         result.failures)
        metrics.SHOW_RUNS.labels(outcome=result.outcome).inc()
        self.runs.prune(self._show_id(show.slug), KEEP_RUNS)
        self.prune(show.slug)
        return result

    def _add_run(self, show: Show, trigger: Trigger) -> Run:
        """Store a queued run of the show; a run by hand is first checked against the bounds on runs
        and the account's quota."""
        run_id = uuid.uuid4().hex
        with self.admission:
            if trigger == "hand":
                self._check_room(show)
            if not self.runs.add(run_id, self._show_id(show.slug), trigger, time.time()):
                raise RunBusy(f"show '{show.slug}' has a run waiting or going already: wait for that run "
                              "to end")
        run = self.runs.get(run_id)
        if run is None:  # the show was removed meanwhile, its runs with it
            raise ShowNotFound(f"there is no show called '{show.slug}': see `audiobrief show list`")
        return run

    def _check_room(self, show: Show) -> None:
        settings = self.settings
        mine, everyone = self.runs.active(show.owner_id)
        if everyone >= settings.show_run_queue:
            raise RunsFull(f"{everyone} show runs are already waiting or going")
        if mine >= settings.show_runs_per_account:
            holder = "this server" if show.owner_id is None else "this account"
            raise AccountRunsFull(f"{holder} has {mine} show runs waiting or going, the most it may have "
                                  "at once")
        if refusal := over_quota(self.store, settings, show.owner_id):
            raise OverQuota(refusal)

    def _start(self, run_id: str) -> None:
        """Hand a queued run to the run queue (forgotten again when the queue is out of reach), or
        (without one) make it here and now."""
        if self.enqueue is None:
            self.execute(run_id)
            return
        try:
            self.enqueue(run_id)
        except Exception:
            self.runs.discard(run_id)
            raise

    def _show_id(self, slug: str) -> int:
        show_id = self.records.show_id(slug)
        if show_id is None:
            raise ShowNotFound(f"there is no show called '{slug[:64]}': see `audiobrief show list`")
        return show_id

    def prune(self, slug: str) -> list[str]:
        """Delete episodes beyond the show's bounds (count and age), with their files."""
        show = self.get(slug)
        before = self.clock() - show.keep_days * DAY_S if show.keep_days else None
        gone = self.records.expired(slug, show.keep_episodes, before)
        for briefing_id in gone:
            self._delete_briefing(briefing_id)
        return gone

    def prune_all(self) -> list[str]:
        """Apply every show's retention (the scheduler does it each time it looks: days pass)."""
        return [gone for show in self.records.all() for gone in self.prune(show.slug)]

    def _delete_briefing(self, briefing_id: str) -> None:
        record = self.store.get(briefing_id)
        if record is None or record.state == "running":
            return
        self.store.delete(briefing_id)
        remove_files(self.settings, briefing_id)

    def _checked(self, values: dict[str, Any], now: float) -> dict[str, Any]:
        """The given settings checked and tidied; a schedule also sets the next run."""
        checked: dict[str, Any] = {}
        for name, value in values.items():
            if name == "title":
                checked[name] = check_title(value)
            elif name == "description":
                checked[name] = check_description(value)
            elif name == "voice":
                checked[name] = check_voice(value)
            elif name == "schedule":
                text = " ".join(str(value or "").split())
                schedule = parse_schedule(text) if text else None
                checked[name] = schedule.text if schedule else ""
                checked["next_run_at"] = (next_run(schedule, datetime.fromtimestamp(now, UTC)).timestamp()
                                          if schedule else None)
            else:
                checked[name] = check_number(name, value, self.settings)
        return checked


def without_credentials(show: Show) -> Show:
    """The show as anyone but its owner's own export shows it: no user name or password in a
    source's address."""
    shown = tuple(replace(source, url=display_url(source.url)) for source in show.sources)
    return replace(show, sources=shown)
