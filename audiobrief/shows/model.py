"""The frozen dataclasses of shows: a show, its sources and schedule, its episodes and runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Literal

Origin = Literal["page", "entry"]  #: where a story's text came from: its web page, or the feed entry
RunState = Literal["queued", "running", "done", "failed"]
#: what a finished run did: queued an episode, found nothing new, or made nothing and says why
Outcome = Literal["episode", "nothing-new", "refused"]
Trigger = Literal["hand", "schedule"]  #: asked for (the page, the API, the command line), or due


@dataclass(frozen=True)
class Schedule:
    """When a show makes an episode by itself: at a local time on some weekdays, or every N hours."""

    text: str  #: as the user wrote it, tidied ("every day at 06:30 Europe/Berlin")
    zone: str = "UTC"  #: IANA time zone of `at`
    at: time | None = None  #: local time of day; None for an interval
    weekdays: tuple[int, ...] = ()  #: days it runs (Monday 0 .. Sunday 6) with `at`
    every_hours: int = 0  #: hours between runs for an interval; 0 with `at`


@dataclass(frozen=True)
class Source:
    """One RSS or Atom feed of a show, with what the last read of it left."""

    url: str  #: the feed's address
    title: str = ""  #: the feed's own title, once read
    etag: str = ""  #: ETag of the last answer, sent back as If-None-Match
    last_modified: str = ""  #: Last-Modified of the last answer, sent back as If-Modified-Since
    checked_at: float | None = None  #: when it was last read (or found unchanged)
    error: str = ""  #: why the last read failed; "" when it did not
    error_at: float | None = None  #: when it failed


@dataclass(frozen=True)
class Show:
    """A titled series of briefings made from its sources, with its own feed."""

    slug: str  #: the show's name in addresses and commands: lowercase letters, digits, hyphens
    title: str
    description: str
    voice: str  #: voice preset of its episodes
    schedule: Schedule | None  #: None: episodes only when asked for
    max_stories: int  #: stories in one episode, all sources together
    max_per_source: int  #: stories one source may give one episode
    keep_episodes: int  #: newest episodes kept (0: no bound by count)
    keep_days: int  #: episodes older than this many days are deleted (0: no bound by age)
    public: bool  #: in its public feed and the all-briefings feed; else its owner's only
    owner_id: int | None
    created_at: float
    last_run_at: float | None
    next_run_at: float | None  #: when the schedule next runs it (None without a schedule)
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One item of a source's feed, as read by feedparser."""

    key: str  #: the entry's id (or link, or title when it has neither)
    link: str  #: the canonical link ("" when it has none)
    title: str
    content: str  #: the entry's content or summary, HTML or text
    published: float  #: Unix time (0 when the feed gives none)
    source: str  #: the feed's URL


@dataclass(frozen=True)
class Story:
    """One story of an episode."""

    title: str
    link: str
    source: str  #: the feed it came from
    origin: Origin  #: "page" when its web page was read, "entry" when the feed's own text was


@dataclass(frozen=True)
class Episode:
    """A show's episode: an ordinary briefing, linked to the show, with the stories it reads."""

    briefing_id: str
    show: str  #: the show's slug
    created_at: float
    stories: tuple[Story, ...]


@dataclass(frozen=True)
class SourceFailure:
    """A source that could not be read in a run, and why."""

    url: str
    error: str
    at: float


@dataclass(frozen=True)
class RunResult:
    """What one run of a show did: the episode it queued (None when nothing was new or it was
    refused, message saying why), and the sources that failed (the others' stories are made all the
    same)."""

    show: str
    outcome: Outcome
    episode: Episode | None = None
    failures: tuple[SourceFailure, ...] = ()
    message: str = ""


@dataclass(frozen=True)
class Run:
    """One run of a show as stored: asked for, queued, made off the request path, and what it did."""

    id: str
    show: str  #: the show's slug
    trigger: Trigger
    state: RunState
    outcome: Outcome | None  #: None until it is done
    message: str  #: why it was refused, or why it failed
    briefing_id: str | None  #: the episode it queued (None too once that episode is deleted)
    failures: tuple[SourceFailure, ...]
    created_at: float
    started_at: float | None
    finished_at: float | None
