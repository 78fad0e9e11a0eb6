"""The shows API: /api/shows to create, list, change and remove shows, manage their sources (one
by one or as OPML), make an episode now and list the episodes. Same rules as the briefings API:
changes need the same origin and (with accounts) a login with its CSRF token, or an API token."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from ...errors import AudiobriefError
from ...shows.errors import OverQuota, RunBusy, RunsFull, ShowExists, ShowLimit, ShowNotFound
from ...shows.model import Episode, Run, Show
from ...shows.opml import MAX_OPML_BYTES
from ...shows.service import without_credentials
from ..http.csrf import writer
from ..http.json_body import JsonBodyRoute
from ..schemas import Problem
from ..services.access import media_query, visitor
from ..services.briefings import RETRY_AFTER_S
from ..services.quotas import rate_limit
from ..services.show_access import ShowAccess, show_feed_url, shows_of, visible_episodes
from ..show_schemas import (
    EpisodeList,
    EpisodeOut,
    FailureOut,
    ImportOut,
    RunList,
    RunOut,
    ShowChange,
    ShowIn,
    ShowList,
    ShowOut,
    SourceIn,
    SourceOut,
    StoryOut,
)
from ..store.records import Record
from ..urls import base_url, media_path

T = TypeVar("T")
OPML_TYPES = ("text/x-opml", "application/xml", "text/xml")


def _answers(**described: str) -> dict[int | str, dict[str, Any]]:
    return {int(status[1:]): {"model": Problem, "description": text} for status, text in described.items()}


NOT_FOUND = "no such show (or it is another account's private show)"
NOT_YOURS = "this show belongs to another account: only its owner or an admin may change it"
ACCESS = ShowAccess(NOT_FOUND, NOT_YOURS)
RUNS = ShowAccess(NOT_FOUND, "this show belongs to another account: only its owner or an admin may see "
                             "its runs")
NO_RUN = "no such run of this show (a show remembers its newest 20)"
RUN_ID = Path(pattern=r"^[0-9a-f]{32}$", description="the run's id, from the answer that queued it")
_RUN = "#/paths/~1api~1shows~1{slug}~1runs~1{run_id}"
#: OpenAPI link from a queued run to following it (clients and schemathesis follow it)
RUN_LINKS = {"GetRun": {"operationRef": f"{_RUN}/get",
                        "parameters": {"slug": "$request.path.slug", "run_id": "$response.body#/id"}}}
BODY_ANSWERS = _answers(s408="the request body came too slowly",
                        s413="the request is too large")
CHANGE_ANSWERS = _answers(s401="the server has accounts: log in, or send an API token",
                          s403="from another site, without the CSRF token, or another account's show",
                          s404=NOT_FOUND, s422="a field is invalid; detail says which and how to fix it")

router = APIRouter(prefix="/api/shows", tags=["shows"], route_class=JsonBodyRoute, responses=_answers(
    s401="the Bearer token is not valid (or, for changes, nobody is logged in)"))


def _iso(stamp: float | None) -> str | None:
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds") if stamp is not None else None


def show_out(request: Request, show: Show) -> ShowOut:
    """The API view of a show (its sources' addresses without credentials, for everyone)."""
    show = without_credentials(show)
    return ShowOut(
        slug=show.slug, title=show.title, description=show.description, voice=show.voice,
        schedule=show.schedule.text if show.schedule else None, next_run_at=_iso(show.next_run_at),
        last_run_at=_iso(show.last_run_at), max_stories=show.max_stories, max_per_source=show.max_per_source,
        keep_episodes=show.keep_episodes, keep_days=show.keep_days, public=show.public,
        feed_url=show_feed_url(request, show),
        sources=[SourceOut(url=s.url, title=s.title, checked_at=_iso(s.checked_at), error=s.error or None,
                           error_at=_iso(s.error_at)) for s in show.sources])


def episode_out(request: Request, episode: Episode, record: Record) -> EpisodeOut:
    """The API view of an episode (its audio link signed when the briefing is private)."""
    base = base_url(request)
    audio = media_path(record.id, "audio.mp3") + media_query(request, record, "audio.mp3")
    return EpisodeOut(id=record.id, state=record.state, title=record.display_title,
                      status_url=f"{base}/api/briefings/{record.id}",
                      audio_url=base + audio if record.state == "done" else None,
                      created_at=_iso(episode.created_at) or "",
                      stories=[StoryOut(**story.__dict__) for story in episode.stories])


def run_out(request: Request, run: Run) -> RunOut:
    """The API view of a run, with its episode when the visitor may see it."""
    record = request.app.state.store.get(run.briefing_id) if run.briefing_id else None
    episode = shows_of(request).episode(record.id) if record and visitor(request).can_see(record) else None
    shown = episode_out(request, episode, record) if episode and record else None
    return RunOut(id=run.id, show=run.show, trigger=run.trigger, state=run.state, outcome=run.outcome,
                  message=run.message or None, created_at=_iso(run.created_at) or "",
                  started_at=_iso(run.started_at), finished_at=_iso(run.finished_at),
                  status_url=f"{base_url(request)}/api/shows/{run.show}/runs/{run.id}", episode=shown,
                  failures=[FailureOut(url=f.url, error=f.error, at=_iso(f.at) or "") for f in run.failures])


def _call(action: Callable[[], T]) -> T:
    """Run a service call, its errors turned into HTTP answers."""
    try:
        return action()
    except ShowNotFound:
        raise HTTPException(404, NOT_FOUND) from None
    except (ShowExists, RunBusy) as exc:
        raise HTTPException(409, str(exc)) from None
    except RunsFull as exc:
        raise HTTPException(exc.status, f"{exc}: try again in a minute",
                            headers={"Retry-After": str(RETRY_AFTER_S)}) from None
    except (OverQuota, ShowLimit) as exc:
        raise HTTPException(403, str(exc)) from None
    except AudiobriefError as exc:
        raise HTTPException(422, [{"type": "value_error", "loc": ["body"], "msg": str(exc)}]) from None


def _sharing(request: Request, public: bool | None) -> None:
    if public is False and not visitor(request).accounts:
        raise HTTPException(409, "a server without accounts keeps every show public: add an account "
                                 "(audiobrief user add NAME) to have private ones")


@router.get("", response_model=ShowList, summary="List shows")
def list_shows(request: Request) -> ShowList:
    """Every show the visitor may see, by name."""
    found = visitor(request)
    return ShowList(shows=[show_out(request, s) for s in shows_of(request).list_shows() if found.can_see(s)])


@router.post("", status_code=201, response_model=ShowOut, summary="Create a show",
             responses={**CHANGE_ANSWERS, **BODY_ANSWERS,
                        **_answers(s409="a show with this name exists already, or a "
                                                          "private show on a server without accounts")},
             dependencies=[Depends(writer)])
def create_show(show: ShowIn, request: Request) -> JSONResponse:
    """A new show with its sources and schedule (checked: an unknown time zone or voice is 422)."""
    _sharing(request, show.public)
    values = show.model_dump()
    made = _call(lambda: shows_of(request).create(owner_id=visitor(request).owner_id, **values))
    return JSONResponse(show_out(request, made).model_dump(), status_code=201,
                        headers={"Location": f"/api/shows/{made.slug}"})


@router.get("/{slug}", response_model=ShowOut, summary="A show", responses=_answers(s404=NOT_FOUND))
def get_show(slug: str, request: Request) -> ShowOut:
    """The show, its sources and when each was last read (or why it failed)."""
    return show_out(request, ACCESS.seen(request, slug))


@router.patch("/{slug}", response_model=ShowOut, summary="Change a show",
              responses={**CHANGE_ANSWERS, **BODY_ANSWERS,
                         **_answers(s409="private shows need accounts on the server")},
              dependencies=[Depends(writer)])
def change_show(slug: str, change: ShowChange, request: Request) -> ShowOut:
    """Change the fields given; the others stay."""
    ACCESS.changeable(request, slug)
    _sharing(request, change.public)
    values = change.model_dump(exclude_none=True)
    return show_out(request, _call(lambda: shows_of(request).update(slug, **values)))


@router.delete("/{slug}", status_code=204, summary="Remove a show with its episodes",
               responses=CHANGE_ANSWERS, dependencies=[Depends(writer)])
def remove_show(slug: str, request: Request) -> Response:
    """The show, its sources and its episodes (with their files) are deleted."""
    ACCESS.changeable(request, slug)
    _call(lambda: shows_of(request).remove(slug))
    return Response(status_code=204)


@router.post("/{slug}/sources", response_model=ShowOut, summary="Add a source to a show",
             responses={**CHANGE_ANSWERS, **BODY_ANSWERS}, dependencies=[Depends(writer)])
def add_source(slug: str, source: SourceIn, request: Request) -> ShowOut:
    """Add an RSS or Atom feed (nothing changes when the show has it already)."""
    ACCESS.changeable(request, slug)
    return show_out(request, _call(lambda: shows_of(request).add_source(slug, source.url)))


@router.delete("/{slug}/sources", response_model=ShowOut, summary="Remove a source from a show",
               responses=CHANGE_ANSWERS, dependencies=[Depends(writer)])
def remove_source(slug: str, request: Request,
                  url: str = Query(min_length=1, max_length=2000, description="the feed's URL")) -> ShowOut:
    """Take a feed out of the show's sources."""
    ACCESS.changeable(request, slug)
    return show_out(request, _call(lambda: shows_of(request).remove_source(slug, url)))


@router.get("/{slug}/opml", summary="A show's sources as OPML", response_class=Response,
            responses={200: {"content": {"text/x-opml": {}}, "description": "an OPML 2.0 document"},
                       **_answers(s404=NOT_FOUND)})
def export_opml(slug: str, request: Request) -> Response:
    """The sources, for a feed reader or another show (user names and passwords in their addresses
    only in the owner's own export)."""
    show = ACCESS.seen(request, slug)
    own = visitor(request).can_change(show)
    body = _call(lambda: shows_of(request).export_opml(slug, credentials=own))
    return Response(body, media_type="text/x-opml; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{slug}.opml"'})


@router.put("/{slug}/opml", response_model=ImportOut, summary="Add the feeds of an OPML file to a show",
            openapi_extra={"requestBody": {"required": True, "content": {
                kind: {"schema": {"type": "string"}} for kind in OPML_TYPES}}},
            responses={**CHANGE_ANSWERS, **_answers(s408="the request body came too slowly",
                                                     s413="the OPML file is over 1 MB",
                                                     s415="the body is not OPML (text/x-opml or XML)")},
            dependencies=[Depends(writer)])
async def import_opml(slug: str, request: Request) -> ImportOut:
    """Every outline's xmlUrl is added (those the show has already are left as they are)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in OPML_TYPES:
        raise HTTPException(415, "send the OPML file as text/x-opml (or application/xml)")
    data = await request.body()
    if len(data) > MAX_OPML_BYTES:
        raise HTTPException(413, "the OPML file is over the 1 MB limit: export fewer feeds")
    ACCESS.changeable(request, slug)
    return ImportOut(added=_call(lambda: shows_of(request).import_opml(slug, data, "the OPML file")))


RUN_ANSWERS = {202: {"description": "queued; follow status_url", "links": RUN_LINKS}, **CHANGE_ANSWERS,
               **_answers(s403="from another site, without the CSRF token, another account's show, or the "
                               "account keeps its quota of briefings",
                          s409="the show has a run waiting or going already",
                          s429="too many runs (or briefings) asked for in a short time, or the account "
                               "has its most runs waiting; retry after Retry-After seconds",
                          s503="too many show runs are waiting; retry after Retry-After seconds")}


@router.post("/{slug}/runs", status_code=202, response_model=RunOut, summary="Make an episode now",
             responses=RUN_ANSWERS, dependencies=[Depends(writer)])
def run_show(slug: str, request: Request) -> JSONResponse:
    """Queue a run (it reads the sources and queues an episode of the new stories) and answer at once
    with where to follow it; an episode counts against the account's quota and rate limits."""
    ACCESS.changeable(request, slug)
    rate_limit(request)
    run = _call(lambda: shows_of(request).request_run(slug))
    return JSONResponse(run_out(request, run).model_dump(), status_code=202,
                        headers={"Location": f"/api/shows/{slug}/runs/{run.id}"})


@router.get("/{slug}/runs", response_model=RunList, summary="A show's newest runs",
            responses=_answers(s403="another account's show", s404=NOT_FOUND))
def list_runs(slug: str, request: Request) -> RunList:
    """Its newest runs, newest first, each with its state and what it did (for its owner)."""
    RUNS.changeable(request, slug)
    return RunList(runs=[run_out(request, run) for run in _call(lambda: shows_of(request).recent_runs(slug))])


@router.get("/{slug}/runs/{run_id}", response_model=RunOut, summary="A run of a show",
            responses=_answers(s403="another account's show", s404=f"{NOT_FOUND}; or {NO_RUN}"))
def get_run(slug: str, request: Request, run_id: str = RUN_ID) -> RunOut:
    """The run's state and, once done, what it did: the episode, nothing new, or why nothing was made."""
    RUNS.changeable(request, slug)
    run = shows_of(request).get_run(slug, run_id)
    if run is None:
        raise HTTPException(404, NO_RUN)
    return run_out(request, run)


@router.get("/{slug}/episodes", response_model=EpisodeList, summary="A show's episodes, newest first",
            responses=_answers(s404=NOT_FOUND))
def list_episodes(slug: str, request: Request) -> EpisodeList:
    """Each episode's state, audio and stories (with where each story's text came from); a private
    episode only for its owner (and admins)."""
    ACCESS.seen(request, slug)
    return EpisodeList(episodes=[episode_out(request, episode, record)
                                 for episode, record in visible_episodes(request, slug)])
