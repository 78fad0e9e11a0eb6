"""What can be done to a briefing: find it for a visitor, list what they may see, retry, share, delete."""

from __future__ import annotations

from dataclasses import replace

from fastapi import Request
from starlette.exceptions import HTTPException

from ..jobs.runner import JobRunner, remove_files
from ..store.records import Record, Store
from .access import visitor
from .quotas import rate_limit

RETRY_AFTER_S = 30  #: how long a full queue asks a client to wait
INPUTS_GONE = ("the articles of this briefing are no longer kept (they are kept for a week, for the newest "
               "briefings only): give them again in a new briefing")


def store_of(request: Request) -> Store:
    """The app's briefing records."""
    return request.app.state.store


def found(request: Request, briefing_id: str) -> Record:
    """The briefing when it exists and the visitor may see it, else 404."""
    record = store_of(request).get(briefing_id)
    if record is None or not visitor(request).can_see(record):
        raise HTTPException(404, "no such briefing")
    return record


def must_own(request: Request, record: Record, allowed: str) -> None:
    """403 (saying what only they are allowed to do) unless the visitor owns the briefing or is an admin."""
    if not visitor(request).can_change(record):
        raise HTTPException(403, "this briefing belongs to another account: only its owner or an admin "
                                 f"may {allowed}")


def visible(request: Request) -> list[Record]:
    """The briefings the visitor may see, newest first: all on an open server, else public and own ones."""
    found = visitor(request)
    if not found.accounts or (found.user and found.user.admin):
        return store_of(request).all()
    return store_of(request).select(owner_id=found.owner_id, public=True)


def retry(request: Request, record: Record) -> None:
    """Queue a failed briefing again: 403 for another account's, 409 unless it failed, 410 when its
    articles are no longer kept, 429 over the rate limit, QueueFull when the queue is full."""
    must_own(request, record, "try it again")
    if record.state != "failed":
        raise HTTPException(409, f"only a failed briefing can be tried again, and this one is {record.state}")
    if not store_of(request).has_sources(record.id):
        raise HTTPException(410, INPUTS_GONE)
    rate_limit(request)
    runner: JobRunner = request.app.state.runner
    if not runner.retry(record.id):
        raise HTTPException(409, "this briefing is already being tried again")


def share(request: Request, record: Record, public: bool) -> Record:
    """Make a briefing public or private (403 unless it is the visitor's, or they are an admin;
    409 for private on a server without accounts, where everything is public)."""
    if not visitor(request).accounts and not public:
        raise HTTPException(409, "a server without accounts keeps every briefing public: add an account "
                                 "(audiobrief user add NAME) to have private ones")
    must_own(request, record, "change it")
    store_of(request).set_public(record.id, public)
    return replace(record, public=public)


def delete_record(request: Request, record: Record) -> None:
    """Delete a briefing unless it belongs to another account (403). One being made is cancelled:
    its row goes first, so whatever finishes after that keeps nothing of it."""
    must_own(request, record, "delete it")
    runner: JobRunner = request.app.state.runner
    store_of(request).delete(record.id)
    runner.cancel(record.id)
    remove_files(runner.settings, record.id)
