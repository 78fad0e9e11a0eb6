"""The listening API: each account's place in its briefings, played marks, and its queue ("Up next").
A server without accounts answers 409: there the browser keeps its own (docs/web.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Path, Request

from ..http.csrf import writer
from ..http.json_body import json_route_limited_to
from ..schemas import (
    ListeningChange,
    ListeningOverview,
    ListeningQueue,
    ListeningState,
    Problem,
    QueueChange,
    QueuedBriefing,
)
from ..services.access import media_query
from ..services.listening import Place, overview, queue, save, set_queue
from ..store.records import Record
from ..urls import base_url, media_path, page_path

MAX_BODY_BYTES = 16_384  #: a full queue of ids is under 4 KB; nothing this API takes needs more


def _answers(**described: str) -> dict[int | str, dict[str, Any]]:
    return {int(status[1:]): {"model": Problem, "description": text} for status, text in described.items()}


NO_ACCOUNTS = "the server has no accounts: each browser keeps its own listening state"
READ_ANSWERS = _answers(s401="the server has accounts and nobody is logged in (or the token is not valid)",
                        s409=NO_ACCOUNTS)
CHANGE_ANSWERS = _answers(
    s401="the server has accounts and nobody is logged in (or the token is not valid)",
    s403="from another site, or without the session's CSRF token",
    s404="no such briefing (or another account's private briefing); the detail names it",
    s408="the request body came too slowly",
    s409=f"{NO_ACCOUNTS}; or a briefing is not finished (the detail names it)",
    s422="a field is invalid: a position below 0 or past the briefing's end, a queue over its bound or "
         "naming a briefing twice; detail says which and how")
BRIEFING = Path(description="the briefing's id")

router = APIRouter(prefix="/api/listening", tags=["listening"],
                   route_class=json_route_limited_to(MAX_BODY_BYTES))


def _iso(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds")


def state_out(place: Place) -> ListeningState:
    """The API view of an account's place in a briefing."""
    assert place.state is not None
    return ListeningState(id=place.record.id, position_s=round(place.state.position_s, 3),
                          played=place.state.played, left_s=place.left_s and round(place.left_s, 3),
                          updated_at=_iso(place.state.updated_at))


def queue_out(request: Request, records: list[Record]) -> ListeningQueue:
    """The API view of a queue."""
    base = base_url(request)
    return ListeningQueue(briefings=[QueuedBriefing(
        id=record.id, title=record.display_title, page_url=base + page_path(record.id),
        duration_s=round(record.duration_ms / 1000, 3) if record.duration_ms else None,
        audio_url=base + media_path(record.id, "audio.mp3") + media_query(request, record, "audio.mp3"),
    ) for record in records])


@router.get("", response_model=ListeningOverview, responses=READ_ANSWERS,
            summary="Where the account is in its briefings, and its queue")
def listening_overview(request: Request) -> ListeningOverview:
    """The account's place in every briefing it has listened to and may still see (newest briefing
    first), and its queue."""
    return ListeningOverview(briefings=[state_out(place) for place in overview(request)],
                             queue=queue_out(request, queue(request)))


@router.put("/briefings/{briefing_id}", response_model=ListeningState, responses=CHANGE_ANSWERS,
            summary="Record the position in a briefing, or mark it played", dependencies=[Depends(writer)])
def change_state(change: ListeningChange, request: Request, briefing_id: str = BRIEFING) -> ListeningState:
    """Where the account stopped (seconds from the start) and whether it played the briefing to the end."""
    return state_out(save(request, briefing_id, change.position_s, change.played))


@router.get("/queue", response_model=ListeningQueue, responses=READ_ANSWERS,
            summary="The account's queue (Up next)")
def get_queue(request: Request) -> ListeningQueue:
    """The briefings to play next, in order (those deleted or made private since are left out)."""
    return queue_out(request, queue(request))


@router.put("/queue", response_model=ListeningQueue, responses=CHANGE_ANSWERS,
            summary="Replace the account's queue", dependencies=[Depends(writer)])
def replace_queue(change: QueueChange, request: Request) -> ListeningQueue:
    """The whole queue, in the order it plays: adding, moving and removing are each one PUT."""
    return queue_out(request, set_queue(request, change.briefings))
