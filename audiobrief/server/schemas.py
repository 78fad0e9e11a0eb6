"""The API's JSON shapes (pydantic models; they appear in /openapi.json)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

MIN_RATE = 80
MAX_RATE = 450
MAX_TITLE = 200


class ArticleIn(BaseModel):
    """One article: pasted text or a URL to fetch (exactly one of them)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="the article's text, as pasted from a page")
    url: str | None = Field(None, description="an http(s) URL of the article")

    @model_validator(mode="after")
    def _one_of(self) -> ArticleIn:
        if (self.text is None) == (self.url is None):
            raise ValueError("give either text or url for each article")
        return self


class BriefingRequest(BaseModel):
    """A request for one briefing; several articles make one episode with a chapter each."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=MAX_TITLE, description="the briefing's title")
    voice: str | None = Field(None, description="voice preset name (GET /api/voices)")
    rate: int | None = Field(None, ge=MIN_RATE, le=MAX_RATE, description="speaking rate, words a minute")
    articles: list[ArticleIn] = Field(min_length=1, description="the articles, in reading order")
    pronunciations: dict[str, str] = Field(default_factory=dict,
                                           description='extra pronunciations {"written": "spoken"}')
    public: bool = Field(False, description="list it in the public feed and pages (with accounts; "
                                            "a server without accounts makes every briefing public)")


class BriefingUpload(BaseModel):
    """The same request as a multipart form (the web form's fields)."""

    title: str | None = None
    voice: str | None = None
    rate: str | None = Field(None, description="words a minute, 80 to 450; empty for the voice's own")
    text: list[str] = Field(default_factory=list,
                            description="pasted articles; a line of three dashes (---) separates articles")
    urls: str | None = Field(None, description="article URLs, one a line")
    files: list[bytes] = Field(default_factory=list, json_schema_extra={"items": {"format": "binary"}},
                               description=".txt, .md or .html files, one article each")
    pronunciations: str | None = Field(None, description="one 'written = spoken' a line")
    public: str | None = Field(None, description="'on' to list it in the public feed and pages")


class Accepted(BaseModel):
    """The answer to a new briefing request."""

    id: str
    status_url: str


class BriefingStatus(BaseModel):
    """Where a briefing is, and where to get it when done."""

    id: str
    state: Literal["queued", "running", "done", "failed"]
    progress: float = Field(ge=0, le=1)
    error: str | None
    title: str
    duration_s: float | None
    audio_url: str | None
    page_url: str
    created_at: str
    public: bool = Field(True, description="listed in the public feed and pages")


class SharingChange(BaseModel):
    """A change to who may see a briefing."""

    model_config = ConfigDict(extra="forbid")

    public: bool = Field(description="list it in the public feed and pages, or only for its owner")


class BriefingList(BaseModel):
    """Every briefing, newest first."""

    briefings: list[BriefingStatus]


class VoiceInfo(BaseModel):
    """A voice preset."""

    name: str
    description: str
    rate: int
