"""The server-rendered pages: the form, a briefing, the library, delete confirmation, errors."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...presets import DEFAULT_VOICE, list_voices
from ..http.csrf import writer
from ..http.render import RELOAD_S, page
from ..jobs.about import load_notes
from ..jobs.queue_room import QueueFull
from ..jobs.runner import briefing_dir
from ..schemas import MAX_RATE, MAX_TITLE, MIN_RATE
from ..services.access import login_redirect, visitor
from ..services.briefings import RETRY_AFTER_S, delete_record, retry, share, visible
from ..services.editing import edit_values
from ..services.intake import InvalidRequest, form_values
from ..services.left_out import blocks_of, made_again
from ..services.listening import mode, places
from ..services.show_access import episode_of
from ..services.submit import accept
from ..store.records import Record
from ..transcript import load_transcript
from ..urls import ID_PATTERN
from .submission import read_request

router = APIRouter(include_in_schema=False)
SPEEDS = ("0.5", "0.75", "1", "1.25", "1.5", "1.75", "2", "2.25", "2.5", "3")
_SECONDS = re.compile(r"^[0-9]{1,6}(?:\.[0-9]{1,3})?$")


def form_page(request: Request, values: dict[str, str] | None = None,
              errors: dict[str, str] | None = None, status_code: int = 200, problem: str = "",
              headers: dict[str, str] | None = None, notice: str = "") -> HTMLResponse:
    """The request form, filled with values and showing errors beside their fields."""
    return page(request, "form.html", {
        "values": values or {}, "errors": errors or {}, "problem": problem, "notice": notice,
        "voices": list_voices(), "default_voice": DEFAULT_VOICE, "min_rate": MIN_RATE,
        "max_rate": MAX_RATE, "max_title": MAX_TITLE,
        "max_articles": request.app.state.settings.max_articles,
    }, status_code, headers)


def _stored(request: Request, briefing_id: str) -> Record | None:
    """The briefing with this id, whoever may see it; None for no such briefing or a malformed id."""
    return request.app.state.store.get(briefing_id) if ID_PATTERN.match(briefing_id) else None


def _record(request: Request, briefing_id: str) -> Record:
    record = _stored(request, briefing_id)
    if record is None or not visitor(request).can_see(record):
        raise HTTPException(404, "There is no briefing at this address. It may have been deleted.")
    return record


@router.get("/", response_class=HTMLResponse)
def new_briefing(request: Request) -> Response:
    """The empty form (the login page first when the server has accounts)."""
    return login_redirect(request) or form_page(request)


@router.post("/briefings", response_class=HTMLResponse, dependencies=[Depends(writer)])
async def submit_form(request: Request) -> Response:
    """The form without JavaScript: 303 to the briefing page, or the form again with the errors."""
    try:
        intake = await read_request(request)
        record_id = accept(request, intake)
    except InvalidRequest as exc:
        return form_page(request, await _submitted(request), exc.by_field(), 413 if exc.too_large else 422)
    except QueueFull as exc:
        return form_page(request, await _submitted(request), status_code=exc.status,
                         headers={"Retry-After": str(RETRY_AFTER_S)}, problem=exc.sentence())
    return RedirectResponse(f"/briefings/{record_id}", status_code=303)


async def _submitted(request: Request) -> dict[str, str]:
    """The form's fields as sent, to fill the form in again."""
    async with request.form() as form:
        return form_values(form)


@router.get("/briefings/{briefing_id}", response_class=HTMLResponse)
def briefing_page(briefing_id: str, request: Request, t: str = "", updates: str = "") -> Response:
    """A briefing: the player, chapters, transcript and downloads, or its progress or error. Without
    JavaScript, t (seconds) starts the player there, and a briefing being made reloads itself unless
    updates=off."""
    if not visitor(request).user and (redirect := _hidden_from_anonymous(request, briefing_id)):
        return redirect
    record = _record(request, briefing_id)
    transcript, notes, left_out = None, [], []
    if record.state == "done":
        folder = briefing_dir(request.app.state.settings, record.id)
        transcript = load_transcript(folder / "audio.json")
        notes = load_notes(folder)
        left_out = blocks_of(request, record)
    return page(request, "briefing.html", {
        "record": record, "transcript": transcript, "notes": notes, "left_out": left_out, "speeds": SPEEDS,
        "start": t if _SECONDS.match(t) else "", "reloading": updates != "off", "reload_s": RELOAD_S,
        "episode": episode_of(request, record), "listening": mode(request),
        "place": places(request, [record])[record.id]})


@router.get("/library", response_class=HTMLResponse)
def library(request: Request, deleted: str = "") -> HTMLResponse:
    """Every briefing, newest first, with where the account is in each (played, time left)."""
    records = visible(request)
    return page(request, "library.html", {"records": records, "deleted": bool(deleted),
                                          "listening": mode(request), "places": places(request, records)})


def _hidden_from_anonymous(request: Request, briefing_id: str) -> Response | None:
    """The login page for a private briefing asked for by someone not logged in."""
    record = _stored(request, briefing_id)
    if record is not None and not visitor(request).can_see(record):
        return login_redirect(request)
    return None


@router.post("/briefings/{briefing_id}/sharing", dependencies=[Depends(writer)])
async def change_sharing(briefing_id: str, request: Request) -> RedirectResponse:
    """Make a briefing public or private, then back to its page."""
    async with request.form() as form:
        public = form.get("public") == "on"
    share(request, _record(request, briefing_id), public)
    return RedirectResponse(f"/briefings/{briefing_id}", status_code=303)


def _owners_page(request: Request, briefing_id: str, allowed: str,
                 respond: Callable[[Record], Response]) -> Response:
    """A page only the briefing's owner (or an admin) may open: the login page first when nobody is logged
    in, 403 (saying what only they are allowed to do) for anyone else, else respond(record)."""
    if redirect := login_redirect(request):
        return redirect
    record = _record(request, briefing_id)
    if not visitor(request).can_change(record):
        raise HTTPException(403, "This briefing belongs to another account: only its owner or an admin "
                                 f"may {allowed}.")
    return respond(record)


@router.get("/briefings/{briefing_id}/delete", response_class=HTMLResponse)
def confirm_delete(briefing_id: str, request: Request) -> Response:
    """Ask before deleting (only the owner, or an admin, may)."""
    return _owners_page(request, briefing_id, "delete it",
                        lambda record: page(request, "delete.html", {"record": record}))


@router.post("/briefings/{briefing_id}/retry", dependencies=[Depends(writer)])
def retry_briefing(briefing_id: str, request: Request) -> Response:
    """Try a failed briefing again, then its page (which follows the progress)."""
    try:
        retry(request, _record(request, briefing_id))
    except QueueFull as exc:
        raise HTTPException(exc.status, exc.sentence(), headers={"Retry-After": str(RETRY_AFTER_S)}) from None
    return RedirectResponse(f"/briefings/{briefing_id}", status_code=303)


@router.post("/briefings/{briefing_id}/again", dependencies=[Depends(writer)])
async def make_again(briefing_id: str, request: Request) -> Response:
    """A new briefing with the chosen left-out blocks read where they stood, then its page."""
    async with request.form() as form:
        ids = [value for value in form.getlist("block") if isinstance(value, str)]
    record = _record(request, briefing_id)
    if not visitor(request).can_change(record):
        raise HTTPException(403, "This briefing belongs to another account: only its owner or an admin may "
                                 "make it again.")
    try:
        record_id = accept(request, made_again(request, record, ids))
    except QueueFull as exc:
        raise HTTPException(exc.status, exc.sentence(), headers={"Retry-After": str(RETRY_AFTER_S)}) from None
    return RedirectResponse(f"/briefings/{record_id}", status_code=303)


@router.get("/briefings/{briefing_id}/edit", response_class=HTMLResponse)
def edit_briefing(briefing_id: str, request: Request) -> Response:
    """The form filled in with a briefing's articles, voice and pronunciations, to make a new one."""
    return _owners_page(request, briefing_id, "open it in the form",
                        lambda record: _edit_form(request, record))


def _edit_form(request: Request, record: Record) -> HTMLResponse:
    sources = request.app.state.store.sources(record.id)
    notice = (f"The form holds what {record.quoted_title} was made from. Change what you like: "
              "making it gives a new briefing, and sentences that are unchanged are not voiced again.")
    problem = "" if sources else (f"The articles of {record.quoted_title} are no longer kept (they are "
                                  "kept for a week, for the newest briefings only): paste, upload or give "
                                  "their addresses again. Its voice and pronunciations are filled in.")
    return form_page(request, edit_values(record, sources), notice=notice if sources else "",
                     problem=problem)


@router.post("/briefings/{briefing_id}/delete", dependencies=[Depends(writer)])
def delete_briefing(briefing_id: str, request: Request) -> RedirectResponse:
    """Delete after confirmation, then back to the library."""
    delete_record(request, _record(request, briefing_id))
    return RedirectResponse("/library?deleted=1", status_code=303)
