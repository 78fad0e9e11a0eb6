"""The show service: every operation on shows, for the command line, the API and the scheduler."""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from ..errors import AudiobriefError, InputError
from ..invisible import plain_title
from ..netguard import PrivateAddressError, display_url
from ..presets import DEFAULT_VOICE, RENAMED, preset_names
from ..server.config import Settings
from ..server.jobs import remove_files
from ..server.store import Source as Input
from ..server.store import Store
from .feeds import entry_keys, read_feed
from .model import Entry, Episode, RunResult, Show, SourceFailure
from .opml import opml_urls, show_opml
from .records import DuplicateShow, ShowRecords
from .schedule import next_run, parse_schedule
from .stories import pick_entries, read_story

log = logging.getLogger("audiobrief.shows")

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_SOURCES = 500
MAX_URL = 2000
RUN_LEASE_S = 1800  #: a run lock older than this was left by a process that died
PRIVATE_SOURCE_FIX = "set AUDIOBRIEF_ALLOW_PRIVATE_URLS=1 if you mean it"
DAY_S = 86400
#: what the service hands a new episode to: the runner's submit (store and queue), or Store.add
Submit = Callable[[str, str, str, int | None, dict[str, str], list[Input], int | None, bool], None]
CHANGEABLE = ("title", "description", "voice", "schedule", "max_stories", "max_per_source",
              "keep_episodes", "keep_days", "public")


class ShowError(AudiobriefError):
    """A show request that cannot be done; the message names the input and the fix."""


class ShowNotFound(ShowError):
    """No show has this slug."""


class ShowExists(ShowError):
    """A show with this slug exists already."""


class RunBusy(ShowError):
    """The show is being run by another request or process."""


class ShowService:
    """Shows stored in the briefings' database; new episodes go to `submit` as ordinary briefings."""

    def __init__(self, store: Store, settings: Settings, submit: Submit | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.settings = settings
        self.records = ShowRecords(store)
        self.submit: Submit = submit or store.add
        self.clock = clock

    def create(self, slug: str, title: str, *, description: str = "", voice: str | None = None,
               schedule: str = "", sources: Sequence[str] = (), max_stories: int | None = None,
               max_per_source: int | None = None, keep_episodes: int | None = None,
               keep_days: int | None = None, public: bool = True, owner_id: int | None = None) -> Show:
        """Make a show (checked field by field: the first problem is raised as one line)."""
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
        """Change a show's title, description, voice, schedule, limits, retention or sharing (its
        episodes are shared as the show is)."""
        self.get(slug)
        unknown = sorted(set(changes) - set(CHANGEABLE))
        if unknown:
            raise ShowError(f"a show has no setting called '{unknown[0]}': change one of "
                            f"{', '.join(CHANGEABLE)}")
        values = self._checked({name: value for name, value in changes.items() if name != "public"},
                               self.clock())
        if "public" in changes:
            values["public"] = int(bool(changes["public"]))
            for episode in self.records.episodes(slug):
                self.store.set_public(episode.briefing_id, bool(changes["public"]))
        if values:
            self.records.change(slug, values)
        return self.get(slug)

    def remove(self, slug: str) -> None:
        """Delete a show with its episodes and their files."""
        for episode in self.episodes(slug):
            self._delete_briefing(episode.briefing_id)
        self.records.remove(slug)

    def add_source(self, slug: str, url: str) -> Show:
        """Add an RSS or Atom feed to a show (nothing changes when it is there already)."""
        show = self.get(slug)
        (url,) = check_sources([url])
        if len(show.sources) >= MAX_SOURCES:
            raise ShowError(f"show '{slug}' has {MAX_SOURCES} sources, the most one show takes: remove one")
        self.records.add_source(slug, url)
        return self.get(slug)

    def remove_source(self, slug: str, url: str) -> Show:
        """Take a feed out of a show's sources."""
        self.get(slug)
        if not self.records.remove_source(slug, url.strip()):
            raise ShowError(f"'{display_url(url)[:100]}' is not a source of show '{slug}': see "
                            f"`audiobrief show sources {slug}`")
        return self.get(slug)

    def import_opml(self, slug: str, data: bytes, name: str = "the OPML file") -> list[str]:
        """Add every feed an OPML file lists; returns those that were new to the show."""
        show = self.get(slug)
        urls = check_sources(opml_urls(data, name))
        known = {source.url for source in show.sources}
        fresh = [url for url in urls if url not in known]
        if len(known) + len(fresh) > MAX_SOURCES:
            raise ShowError(f"'{name}' would give show '{slug}' more than {MAX_SOURCES} sources: "
                            "import fewer feeds")
        for url in fresh:
            self.records.add_source(slug, url)
        return fresh

    def export_opml(self, slug: str) -> bytes:
        """The show's sources as an OPML 2.0 document."""
        return show_opml(self.get(slug))

    def episodes(self, slug: str) -> list[Episode]:
        """The show's episodes, newest first."""
        self.get(slug)
        return self.records.episodes(slug)

    def episode_show(self, briefing_id: str) -> str | None:
        """The slug of the show a briefing belongs to, or None for a briefing made by hand."""
        return self.records.episode_of(briefing_id)

    def run(self, slug: str) -> RunResult:
        """Read the show's sources and queue an episode of the new stories (none when nothing is new).
        A source that cannot be read is noted with the reason and left out; RunBusy when another
        run of the show is going."""
        self.get(slug)
        holder = f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
        if not self.records.lock_run(slug, holder, self.clock(), RUN_LEASE_S):
            raise RunBusy(f"show '{slug}' is being run already: wait for that run to end")
        try:
            return self._run(self.get(slug))
        finally:
            self.records.unlock_run(slug, holder)

    def due(self, now: float | None = None) -> list[Show]:
        """Shows whose scheduled run time has come."""
        return self.records.due(self.clock() if now is None else now)

    def run_due(self, now: float | None = None) -> list[RunResult]:
        """Run every show that is due, once each however many of its slots were missed; a slot is
        taken in the database first, so two processes never make the same run."""
        now = self.clock() if now is None else now
        results = []
        for show in self.records.due(now):
            if show.schedule is None:
                continue
            following = next_run(show.schedule, datetime.fromtimestamp(now, UTC)).timestamp()
            if not self.records.take_slot(show.slug, show.next_run_at, following, now):
                continue
            try:
                results.append(self.run(show.slug))
            except AudiobriefError as exc:
                log.warning("scheduled run of show %s: %s", show.slug, exc)
        return results

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

    def _run(self, show: Show) -> RunResult:
        failures: list[SourceFailure] = []
        feeds: list[tuple[str, tuple[Entry, ...]]] = []
        for source in show.sources:
            now = self.clock()
            try:
                read = read_feed(source, allow_private=self.settings.allow_private_urls,
                                 deadline_s=self.settings.fetch_deadline_s)
            except InputError as exc:
                message = str(exc.with_fix(PRIVATE_SOURCE_FIX) if isinstance(exc, PrivateAddressError)
                              else exc)
                failures.append(SourceFailure(source.url, message, now))
                self.records.note_source(show.slug, source.url, checked_at=now, error=message, error_at=now)
                continue
            self.records.note_source(show.slug, source.url, checked_at=now, error="", error_at=None,
                                     etag=read.etag, last_modified=read.last_modified,
                                     title=read.title or source.title)
            feeds.append((source.url, read.entries))
        seen = self.records.seen(show.slug, (key for _, entries in feeds for e in entries
                                             for key in entry_keys(e)))
        picked = pick_entries([entries for _, entries in feeds], seen, show.max_per_source, show.max_stories)
        self._forget_validators_of_leftovers(show.slug, feeds, seen, picked)
        stories = []
        for entry in picked:
            story = read_story(entry, allow_private=self.settings.allow_private_urls,
                               deadline_s=self.settings.fetch_deadline_s)
            if story is None:
                log.info("show %s: entry %r has nothing to read; skipped", show.slug, entry.key)
            else:
                stories.append(story)
        keys = [key for entry in picked for key in entry_keys(entry)]
        if not stories:
            self.records.record_episode(show.slug, None, (), keys)
            return RunResult(show.slug, None, tuple(failures))
        briefing_id = uuid.uuid4().hex
        self.submit(briefing_id, self.episode_title(show), show.voice, None, {},
                    [story.input for story in stories], show.owner_id, show.public)
        made = self.records.record_episode(show.slug, briefing_id, [s.story for s in stories], keys)
        self.prune(show.slug)
        episode = Episode(briefing_id, show.slug, made, tuple(s.story for s in stories))
        return RunResult(show.slug, episode, tuple(failures))

    def _forget_validators_of_leftovers(self, slug: str, feeds: Sequence[tuple[str, tuple[Entry, ...]]],
                                        seen: set[str], picked: Sequence[Entry]) -> None:
        """A source with new entries this run had no room for is read in full next time (a 304 would
        hide them)."""
        taken = {key for entry in picked for key in entry_keys(entry)} | seen
        for url, entries in feeds:
            if any(not taken.intersection(entry_keys(entry)) for entry in entries):
                self.records.note_source(slug, url, etag="", last_modified="")

    def episode_title(self, show: Show) -> str:
        """An episode's title: the show's, and the day in the schedule's zone."""
        zone = ZoneInfo(show.schedule.zone) if show.schedule else UTC
        day = datetime.fromtimestamp(self.clock(), zone)
        return f"{show.title}, {day:%B} {day.day}, {day.year}"

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


def check_slug(slug: str) -> str:
    """A show's name in addresses: 1 to 64 lowercase letters, digits and inner hyphens."""
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise ShowError(f"'{str(slug)[:64]}' is not a show name: use 1 to 64 lowercase letters, digits "
                        "and hyphens, like morning-news")
    return slug


def check_title(title: str) -> str:
    """A show's title: one line of plain text, 1 to MAX_TITLE characters."""
    tidy = plain_title(" ".join(str(title).split()))
    if not tidy:
        raise ShowError("the show has no title: give one with --title")
    if len(tidy) > MAX_TITLE:
        raise ShowError(f"the title is {len(tidy)} characters long: keep it to {MAX_TITLE}")
    return tidy


def check_description(description: str) -> str:
    """A show's description: plain text up to MAX_DESCRIPTION characters."""
    tidy = " ".join(str(description).split())
    if len(tidy) > MAX_DESCRIPTION:
        raise ShowError(f"the description is {len(tidy)} characters long: keep it to {MAX_DESCRIPTION}")
    return tidy


def check_voice(voice: str) -> str:
    """A voice preset's name."""
    names = preset_names()
    if voice not in names and voice not in RENAMED:
        raise ShowError(f"there is no voice called '{str(voice)[:60]}': choose one of {', '.join(names)}")
    return voice


def check_number(name: str, value: Any, settings: Settings) -> int:
    """A limit: stories (1 to the briefing's article limit) or retention (0 for no bound)."""
    lowest, highest = (1, settings.max_articles) if name in ("max_stories", "max_per_source") else (0, 100000)
    if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
        raise ShowError(f"{name.replace('_', '-')} must be a whole number from {lowest} to {highest}")
    return value


def check_sources(urls: Sequence[str]) -> list[str]:
    """Feed addresses checked to be http or https URLs with a host, each once, in order."""
    checked: list[str] = []
    for raw in urls:
        url = str(raw).strip()
        try:
            parsed = httpx.URL(url)
            valid = parsed.scheme in ("http", "https") and bool(parsed.host) and len(url) <= MAX_URL
        except (httpx.InvalidURL, ValueError, TypeError):
            valid = False
        if not valid or any(ch.isspace() for ch in url):
            raise ShowError(f"'{display_url(url)[:100]}' is not an http or https address: give the "
                            "feed's URL")
        if url not in checked:
            checked.append(url)
    if len(checked) > MAX_SOURCES:
        raise ShowError(f"{len(checked)} sources is too many: a show takes at most {MAX_SOURCES}")
    return checked
