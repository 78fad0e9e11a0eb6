"""The JSON API: create, list, inspect, follow (Server-Sent Events) and delete briefings."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

from ... import metrics
from ...presets import list_voices
from ..http.csrf import writer
from ..http.json_body import JsonBodyRoute
from ..jobs.queue_room import QueueFull
from ..schemas import (
    CREATED_LINKS,
    Accepted,
    AgainRequest,
    BriefingList,
    BriefingStatus,
    LeftOutList,
    Problem,
    SharingChange,
    VoiceInfo,
    error_answers,
)
from ..services.access import media_query
from ..services.briefings import (
    RETRY_AFTER_S,
    delete_record,
    found,
    must_own,
    retry,
    share,
    store_of,
    visible,
)
from ..services.intake import InvalidRequest
from ..services.left_out import blocks_of, made_again
from ..services.submit import accept
from ..store.records import Record
from ..urls import base_url, media_path, page_path
from .submission import read_request

EVENT_POLL_S = 0.5
BROKER_EVENT_POLL_S = 1.0  #: with workers elsewhere each poll is a database query: once a second

router = APIRouter(prefix="/api", tags=["briefings"], route_class=JsonBodyRoute, responses={
    401: {"description": "the Bearer token is not valid (or, for changes, nobody is logged in)"}})

REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/BriefingRequest"}},
        "multipart/form-data": {"schema": {"$ref": "#/components/schemas/BriefingUpload"}},
    },
}
CREATE_ANSWERS = {202: {"description": "queued; follow status_url", "links": CREATED_LINKS},
                  **error_answers(400, 401, 403, 408, 413, 415, 422, 429, 503)}


def status(record: Record, request: Request) -> BriefingStatus:
    """The API view of a stored briefing."""
    base = base_url(request)
    done = record.state == "done"
    audio = media_path(record.id, "audio.mp3") + media_query(request, record, "audio.mp3")
    return BriefingStatus(
        id=record.id, state=record.state, progress=min(1.0, max(0.0, record.progress)),
        error=record.error or None, title=record.display_title,
        duration_s=round(record.duration_ms / 1000, 3) if done and record.duration_ms else None,
        audio_url=base + audio if done else None,
        page_url=base + page_path(record.id),
        created_at=datetime.fromtimestamp(record.created_at, UTC).isoformat(timespec="seconds"),
        public=record.public,
    )


def invalid_response(exc: InvalidRequest) -> JSONResponse:
    """422 (or 413) with FastAPI's error shape: one entry per problem with its location."""
    detail = [{"type": "too_large" if exc.too_large else "value_error", "loc": list(e.loc), "msg": e.message}
              for e in exc.errors]
    return JSONResponse({"detail": detail}, status_code=413 if exc.too_large else 422)


def busy_response(exc: QueueFull) -> JSONResponse:
    """503 with Retry-After (429 when it is the account's share that is full)."""
    return JSONResponse({"detail": f"{exc}: try again in a minute"}, status_code=exc.status,
                        headers={"Retry-After": str(RETRY_AFTER_S)})



def _accepted(request: Request, briefing_id: str) -> JSONResponse:
    """202 for a queued briefing, with where to follow it."""
    body = Accepted(id=briefing_id, status_url=f"{base_url(request)}/api/briefings/{briefing_id}")
    return JSONResponse(body.model_dump(), status_code=202,
                        headers={"Location": f"/api/briefings/{briefing_id}"})


@router.post("/briefings", status_code=202, response_model=Accepted, responses=CREATE_ANSWERS,
             openapi_extra={"requestBody": REQUEST_BODY}, summary="Request a briefing",
             dependencies=[Depends(writer)])
async def create_briefing(request: Request) -> Response:
    """Queue a briefing from JSON or multipart (with files); answers 202 with where to follow it."""
    try:
        intake = await read_request(request)
        record_id = accept(request, intake)
    except InvalidRequest as exc:
        return invalid_response(exc)
    except QueueFull as exc:
        return busy_response(exc)
    return _accepted(request, record_id)


@router.get("/briefings", response_model=BriefingList, summary="List briefings, newest first")
def list_briefings(request: Request) -> BriefingList:
    """Every briefing, newest first."""
    return BriefingList(briefings=[status(r, request) for r in visible(request)])


@router.get("/briefings/{briefing_id}", response_model=BriefingStatus, summary="A briefing's status",
            responses=error_answers(404))
def get_briefing(briefing_id: str, request: Request) -> BriefingStatus:
    """State, progress and, when done, the audio URL."""
    return status(found(request, briefing_id), request)


@router.get("/briefings/{briefing_id}/events", summary="Follow a briefing (Server-Sent Events)",
            response_class=StreamingResponse,
            responses={200: {"content": {"text/event-stream": {}},
                             "description": "a status event at each change, until done or failed"},
                       **error_answers(404)})
def follow_briefing(briefing_id: str, request: Request) -> StreamingResponse:
    """Server-Sent Events: the status JSON at each change; the stream ends when done or failed."""
    found(request, briefing_id)
    return StreamingResponse(_events(request, briefing_id), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


async def _events(request: Request, briefing_id: str) -> AsyncIterator[str]:
    with metrics.SSE_FOLLOWERS.track_inprogress():
        async for event in _status_events(request, briefing_id):
            yield event


async def _status_events(request: Request, briefing_id: str) -> AsyncIterator[str]:
    last = ""
    while not await request.is_disconnected():
        record = store_of(request).get(briefing_id)
        if record is None:
            yield "event: gone\ndata: {}\n\n"
            return
        payload = status(record, request).model_dump_json()
        if payload != last:
            yield f"event: status\ndata: {payload}\n\n"
            last = payload
        if record.state in ("done", "failed"):
            return
        await asyncio.sleep(BROKER_EVENT_POLL_S if request.app.state.settings.broker_url else EVENT_POLL_S)


@router.delete("/briefings/{briefing_id}", status_code=204, summary="Delete a briefing and its files",
               responses=error_answers(401, 403, 404),
               dependencies=[Depends(writer)])
def delete_briefing(briefing_id: str, request: Request) -> Response:
    """Remove a briefing and its files; one being made is stopped (within seconds) and keeps nothing."""
    record = store_of(request).get(briefing_id)
    if record is None:
        raise HTTPException(404, "no such briefing")
    delete_record(request, record)
    return Response(status_code=204)


@router.post("/briefings/{briefing_id}/retry", status_code=202, response_model=Accepted,
             summary="Try a failed briefing again", responses={
                 202: {"description": "queued again; follow status_url", "links": CREATED_LINKS},
                 **error_answers(401, 403, 404, 410, 429, 503),
                 409: {"model": Problem, "description": "the briefing has not failed (it is waiting, being "
                                                        "made or done)"}},
             dependencies=[Depends(writer)])
def retry_briefing(briefing_id: str, request: Request) -> Response:
    """Queue a failed briefing again with the same articles and settings."""
    try:
        retry(request, found(request, briefing_id))
    except QueueFull as exc:
        return busy_response(exc)
    return _accepted(request, briefing_id)


@router.patch("/briefings/{briefing_id}", response_model=BriefingStatus,
              summary="Make a briefing public or private",
              responses={**error_answers(401, 403, 404, 408, 413, 422),
                         409: {"description": "private briefings need accounts on the server"}},
              dependencies=[Depends(writer)])
def change_sharing(briefing_id: str, change: SharingChange, request: Request) -> BriefingStatus:
    """Show a briefing to everyone (public feed, library) or to its owner only."""
    return status(share(request, found(request, briefing_id), change.public), request)


NOT_MADE = {409: {"model": Problem,
                  "description": "the briefing is not made yet (waiting, being made or failed)"}}


@router.get("/briefings/{briefing_id}/left-out", response_model=LeftOutList, responses={
                **error_answers(404), **NOT_MADE}, summary="What was left out of a briefing's articles")
def left_out(briefing_id: str, request: Request) -> LeftOutList:
    """Each article's blocks that are not read (menus, captions, promos, repeats ...), with the reason
    and the paragraph each came after."""
    articles = blocks_of(request, found(request, briefing_id))
    return LeftOutList.model_validate(
        {"articles": [{"title": a.title, "left_out": list(map(vars, a.blocks))} for a in articles]})


@router.post("/briefings/{briefing_id}/again", status_code=202, response_model=Accepted,
             summary="Make a briefing again with left-out blocks read where they stood", responses={
                 202: {"description": "queued; follow status_url", "links": CREATED_LINKS},
                 **error_answers(401, 403, 404, 408, 413, 422, 429, 503), **NOT_MADE},
             dependencies=[Depends(writer)])
def make_again(briefing_id: str, choice: AgainRequest, request: Request) -> Response:
    """A new briefing of the same articles, voice and settings, with the chosen blocks (ids from
    GET left-out) read in their place; sentences already spoken come from the cache."""
    record = found(request, briefing_id)
    must_own(request, record, "make it again")
    try:
        record_id = accept(request, made_again(request, record, choice.blocks))
    except QueueFull as exc:
        return busy_response(exc)
    return _accepted(request, record_id)


@router.get("/voices", response_model=list[VoiceInfo], summary="Voice presets")
def voices() -> list[VoiceInfo]:
    """The voice presets a request may name."""
    return [VoiceInfo(name=v.name, description=v.description, rate=v.rate) for v in list_voices()]
