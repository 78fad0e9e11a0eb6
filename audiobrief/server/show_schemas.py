"""The JSON shapes of the shows API (/api/shows)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
SCHEDULE_HELP = ("'every day at 06:30 Europe/Berlin', 'weekdays at 07:00', 'every 4 hours' (days: every day, "
                 "weekdays, weekends, every monday...; an IANA time zone, UTC when none); '' for none")


class ShowIn(BaseModel):
    """A new show."""

    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=SLUG_PATTERN, description="its name in addresses: lowercase letters, digits, "
                                                        "inner hyphens")
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=2000)
    voice: str | None = Field(None, max_length=100, description="a voice preset (GET /api/voices)")
    schedule: str = Field("", max_length=200, description=SCHEDULE_HELP)
    sources: list[str] = Field(default_factory=list, max_length=50, description="RSS or Atom feed URLs")
    max_stories: int | None = Field(None, ge=1, le=20, strict=True, description="stories in one episode")
    max_per_source: int | None = Field(None, ge=1, le=20, strict=True,
                                       description="stories one source gives an episode")
    keep_episodes: int | None = Field(None, ge=1, le=100000, strict=True, description="newest episodes kept")
    keep_days: int | None = Field(None, ge=0, le=100000, strict=True,
                                   description="days an episode is kept; 0: no bound")
    public: bool = Field(True, strict=True, description="in its public feed; else only its owner's")


class ShowChange(BaseModel):
    """Changes to a show: only the fields given change."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=2000)
    voice: str | None = Field(None, max_length=100)
    schedule: str | None = Field(None, max_length=200, description=SCHEDULE_HELP)
    max_stories: int | None = Field(None, ge=1, le=20, strict=True)
    max_per_source: int | None = Field(None, ge=1, le=20, strict=True)
    keep_episodes: int | None = Field(None, ge=1, le=100000, strict=True)
    keep_days: int | None = Field(None, ge=0, le=100000, strict=True)
    public: bool | None = Field(None, strict=True)


class SourceIn(BaseModel):
    """A feed to add to a show."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=2000, description="an RSS or Atom feed's http(s) URL")


class SourceOut(BaseModel):
    """One source of a show, with what its last read left."""

    url: str
    title: str
    checked_at: str | None = Field(description="when it was last read (ISO 8601, UTC)")
    error: str | None = Field(description="why the last read failed; null when it did not")
    error_at: str | None


class ShowOut(BaseModel):
    """A show."""

    slug: str
    title: str
    description: str
    voice: str
    schedule: str | None
    next_run_at: str | None
    last_run_at: str | None
    max_stories: int
    max_per_source: int
    keep_episodes: int
    keep_days: int
    public: bool
    feed_url: str | None = Field(description="its podcast feed; a private show's is at its owner's secret "
                                             "feed address, shown to the owner only (else null)")
    sources: list[SourceOut]


class ShowList(BaseModel):
    """Every show the visitor may see."""

    shows: list[ShowOut]


class StoryOut(BaseModel):
    """One story of an episode."""

    title: str
    link: str
    source: str
    origin: Literal["page", "entry"] = Field(description="'page': its web page was read; 'entry': the "
                                                         "feed's own text was, the page being unreadable")


class EpisodeOut(BaseModel):
    """An episode: a briefing of the show's new stories."""

    id: str
    state: Literal["queued", "running", "done", "failed"]
    title: str
    status_url: str
    audio_url: str | None
    created_at: str
    stories: list[StoryOut]


class EpisodeList(BaseModel):
    """A show's episodes, newest first."""

    episodes: list[EpisodeOut]


class FailureOut(BaseModel):
    """A source a run could not read."""

    url: str
    error: str
    at: str


class RunOut(BaseModel):
    """A run of a show: queued when asked for, made off the request path, and what it did."""

    id: str
    show: str = Field(description="the show's slug")
    trigger: Literal["hand", "schedule"] = Field(description="asked for, or the show's schedule")
    state: Literal["queued", "running", "done", "failed"]
    outcome: Literal["episode", "nothing-new", "refused"] | None = Field(
        description="once done: an episode was queued; nothing was new; or nothing was made (the account "
                    "keeps its quota, or its share of the briefing queue is waiting): message says why")
    message: str | None = Field(description="why it was refused or failed; null otherwise")
    created_at: str
    started_at: str | None
    finished_at: str | None
    status_url: str = Field(description="where to follow it")
    episode: EpisodeOut | None = Field(description="the episode it queued (null when none, or once deleted)")
    failures: list[FailureOut] = Field(description="the sources it could not read (the others were read)")


class RunList(BaseModel):
    """A show's newest runs, newest first."""

    runs: list[RunOut]


class ImportOut(BaseModel):
    """The feeds an OPML import added."""

    added: list[str]
