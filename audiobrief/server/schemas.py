"""The API's JSON shapes (pydantic models; they appear in /openapi.json)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..presets import preset_names

MIN_RATE = 80
MAX_RATE = 450
MAX_TITLE = 200
MAX_PRONUNCIATIONS = 200
TEXT_DESCRIPTION = ("the article's text, as pasted from a page: plain text, at least a sentence, "
                    "no NUL characters")
URL_DESCRIPTION = "an http(s) URL of the article, on a public address"


def _text_or_url(schema: dict[str, Any]) -> None:
    """The schema of an article says what the validator accepts: exactly one of text and url, a string."""
    schema["oneOf"] = [
        {"type": "object", "title": name.capitalize(), "required": [name], "additionalProperties": False,
         "properties": {name: {"type": "string", "minLength": 1, "description": description, **extra}}}
        for name, description, extra in (("text", TEXT_DESCRIPTION, {}),
                                         ("url", URL_DESCRIPTION, {"pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}))
    ]
    for key in ("properties", "type", "additionalProperties"):
        schema.pop(key, None)


class ArticleIn(BaseModel):
    """One article: pasted text or a URL to fetch (exactly one of them, a string)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_text_or_url)

    text: str | None = Field(None, description=TEXT_DESCRIPTION)
    url: str | None = Field(None, description=URL_DESCRIPTION)

    @model_validator(mode="after")
    def _one_of(self) -> ArticleIn:
        given = [name for name in ("text", "url") if getattr(self, name) is not None]
        if len(self.model_fields_set) != 1 or len(given) != 1:
            raise ValueError("give either text or url for each article, as a string")
        return self


EXAMPLE_REQUEST = {
    "title": "Harbour news",
    "articles": [{"text": "Night Ferry Returns\n\nThe night ferry between the two harbour towns runs again "
                          "from Monday. It stopped last winter when its engine failed."}],
}


class BriefingRequest(BaseModel):
    """A request for one briefing; several articles make one episode with a chapter each."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_REQUEST]})

    title: str | None = Field(None, max_length=MAX_TITLE, description="the briefing's title")
    voice: str | None = Field(None, description="voice preset name (GET /api/voices)",
                              json_schema_extra={"enum": [*preset_names(), None]})
    rate: int | None = Field(None, ge=MIN_RATE, le=MAX_RATE, strict=True,
                             description="speaking rate, words a minute (a JSON integer)")
    articles: list[ArticleIn] = Field(min_length=1, description="the articles, in reading order")
    pronunciations: dict[str, str] = Field(
        default_factory=dict, description='extra pronunciations {"written": "spoken"}',
        json_schema_extra={"maxProperties": MAX_PRONUNCIATIONS,
                           "propertyNames": {"maxLength": 100},
                           "additionalProperties": {"type": "string", "maxLength": 200}})
    public: bool = Field(False, strict=True,
                         description="list it in the public feed and pages (with accounts; "
                                     "a server without accounts makes every briefing public)")


class BriefingUpload(BaseModel):
    """The same request as a multipart form (the web form's fields)."""

    title: str | None = Field(None, description=f"at most {MAX_TITLE} characters once runs of spaces are one")
    voice: str | None = Field(None, description="voice preset name; empty for the default",
                              json_schema_extra={"enum": ["", *preset_names()]})
    rate: str | None = Field(None, description="words a minute, 80 to 450; empty for the voice's own",
                             json_schema_extra={"pattern": "^[ \t]*([0-9]{1,9})?[ \t]*$"})
    text: list[str] = Field(default_factory=list,
                            description="pasted articles; a line of three dashes (---) separates articles")
    urls: str | None = Field(None, description="article URLs, one a line")
    files: list[bytes] = Field(default_factory=list, json_schema_extra={"items": {"format": "binary"}},
                               description=".txt, .md, .html or .json (clean --json) files, one article each")
    pronunciations: str | None = Field(None, description="one 'written = spoken' a line")
    public: str | None = Field(None, description="'on' to list it in the public feed and pages")


class FieldProblem(BaseModel):
    """One problem with one field of a request."""

    type: str
    loc: list[str | int] = Field(description='where: ["body", field, ...]')
    msg: str


class Problem(BaseModel):
    """Every error answer: a message, or for a request's fields a list of problems with their locations."""

    detail: str | list[FieldProblem]


ERROR_ANSWERS = {
    400: "a query parameter is given more than once, or the form body was cut short or is malformed",
    401: "the server has accounts: log in, or send an API token (Authorization: Bearer)",
    403: "refused: from another site, without the session's CSRF token, another account's briefing, "
         "or over the account's quota",
    404: "no such briefing or file",
    408: "the request body came too slowly",
    409: "the briefing is being made; delete it when it is done",
    410: "the briefing's articles are no longer kept, so it cannot be tried again",
    412: "changed since the version named in If-Match or If-Unmodified-Since",
    413: "the request, an article or a file is too large",
    415: "the body is neither UTF-8 JSON nor a form",
    416: "no requested byte range lies inside the file",
    422: "a field is invalid (or an article cannot be read); detail lists each problem with its location",
    429: "too many briefings requested in a short time; retry after Retry-After seconds",
    503: "too many briefings are waiting; retry after Retry-After seconds",
}


def error_answers(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for these error statuses, each answered with a Problem."""
    return {status: {"model": Problem, "description": ERROR_ANSWERS[status]} for status in statuses}


_BRIEFING = "#/paths/~1api~1briefings~1{briefing_id}"
#: OpenAPI links from a new briefing's id to what can be done with it (clients and schemathesis follow them)
CREATED_LINKS = {
    "GetBriefing": {"operationRef": f"{_BRIEFING}/get", "parameters": {"briefing_id": "$response.body#/id"}},
    "FollowBriefing": {"operationRef": f"{_BRIEFING}~1events/get",
                       "parameters": {"briefing_id": "$response.body#/id"}},
    "DeleteBriefing": {"operationRef": f"{_BRIEFING}/delete",
                       "parameters": {"briefing_id": "$response.body#/id"}},
}


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

    public: bool = Field(strict=True,
                         description="list it in the public feed and pages, or only for its owner")


class BriefingList(BaseModel):
    """Every briefing, newest first."""

    briefings: list[BriefingStatus]


class VoiceInfo(BaseModel):
    """A voice preset."""

    name: str
    description: str
    rate: int


MAX_CHOSEN = 1000  #: left-out blocks one request may read again
BLOCK_ID = r"^[0-9]{1,4}-[0-9]{1,6}$"  #: "ARTICLE-BLOCK", both counted from 0


class LeftOutBlock(BaseModel):
    """A block of an article's page that the briefing does not read, and why."""

    id: str = Field(description='"ARTICLE-BLOCK", both counted from 0; name it to hear it in a briefing '
                                "made again")
    text: str = Field(description="its lines, joined by line breaks")
    reason: str = Field(description='what it is: "menu", "caption", "promo", "subscription", "repeat", ...')
    after_paragraph: int = Field(ge=-1, description="the paragraph (counted from 0) it came after; -1 when "
                                                    "it came before the first")


class LeftOutArticle(BaseModel):
    """One article of a briefing and what was left out of it, in page order."""

    title: str
    left_out: list[LeftOutBlock]


class LeftOutList(BaseModel):
    """What was left out of each article of a finished briefing."""

    articles: list[LeftOutArticle]


class AgainRequest(BaseModel):
    """Make a briefing again with some of the blocks left out of it read where they stood."""

    model_config = ConfigDict(extra="forbid")

    blocks: list[Annotated[str, Field(pattern=BLOCK_ID)]] = Field(
        min_length=1, max_length=MAX_CHOSEN,
        description="ids of left-out blocks (GET /api/briefings/{id}/left-out)")


MAX_QUEUE = 100  #: briefings one account's queue may hold
MAX_POSITION_S = 86_400.0  #: no briefing is longer than a day
BRIEFING_ID = r"^[0-9a-f]{32}$"


class ListeningState(BaseModel):
    """Where the account is in one briefing."""

    id: str = Field(description="the briefing's id")
    position_s: float = Field(ge=0, description="seconds from the start where the account stopped")
    played: bool = Field(description="heard to the end (or marked so)")
    left_s: float | None = Field(description="seconds left to hear; null when not started or played")
    updated_at: str = Field(description="when it last changed (ISO 8601, UTC)")


class ListeningChange(BaseModel):
    """A new position in a briefing, a played mark, or both (what is left out stays as it was)."""

    model_config = ConfigDict(extra="forbid")

    position_s: float | None = Field(None, ge=0, le=MAX_POSITION_S, strict=True, allow_inf_nan=False,
                                     description="seconds from the start, at most the briefing's length")
    played: bool | None = Field(None, strict=True, description="heard to the end")

    @model_validator(mode="after")
    def _something(self) -> ListeningChange:
        if self.position_s is None and self.played is None:
            raise ValueError("give position_s, played or both")
        return self


class QueuedBriefing(BaseModel):
    """One briefing in the queue."""

    id: str
    title: str
    duration_s: float | None
    page_url: str
    audio_url: str


class ListeningQueue(BaseModel):
    """The account's queue ("Up next"), in the order it plays."""

    briefings: list[QueuedBriefing]


class QueueChange(BaseModel):
    """The whole queue, in the order it should play (it replaces the one kept)."""

    model_config = ConfigDict(extra="forbid")

    briefings: list[Annotated[str, Field(pattern=BRIEFING_ID)]] = Field(
        max_length=MAX_QUEUE, description=f"finished briefings' ids, each once, at most {MAX_QUEUE}")


class ListeningOverview(BaseModel):
    """The account's state in every briefing it has listened to and may still see, and its queue."""

    briefings: list[ListeningState]
    queue: ListeningQueue
