"""The shows' web pages: the list, the create and edit form, a show's page (sources, OPML, runs,
episodes, feed), delete confirmation. Same rules as the briefing pages: forms post with the session's
CSRF token, only the owner (or an admin) changes a show, every change redirects (POST-redirect-GET)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, TypeVar
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.datastructures import UploadFile

from ...errors import AudiobriefError
from ...presets import DEFAULT_VOICE, list_voices
from ...shows.errors import OverQuota, RunBusy, RunsFull, ShowExists, ShowLimit, ShowNotFound
from ...shows.model import Run, Show
from ...shows.opml import MAX_OPML_BYTES
from ...shows.service import without_credentials
from ..http.csrf import writer
from ..http.render import RELOAD_S, page
from ..services.access import Visitor, login_redirect, visitor
from ..services.briefings import RETRY_AFTER_S
from ..services.quotas import rate_limit
from ..services.show_access import ShowAccess, show_feed_url, shows_of, visible_episodes
from ..urls import ID_PATTERN
from .show_form import FREQUENCIES, ShowForm, read_show_form, show_values, time_zones

router = APIRouter(include_in_schema=False)
T = TypeVar("T")
NOT_FOUND = "There is no show at this address. It may have been deleted."
NOT_YOURS = "This show belongs to another account: only its owner or an admin may change it."
ACCESS = ShowAccess(NOT_FOUND, NOT_YOURS)
NOTICES = {
    "created": "The show was made. Add its sources below, then make an episode or wait for the schedule.",
    "saved": "The show's settings were saved.",
    "source-added": "The source was added.",
    "source-removed": "The source was removed.",
}
RUN_WORDS = {
    "queued": "The run is waiting its turn: the sources are read soon.",
    "running": "Reading the sources and their stories.",
    "episode": "An episode of the new stories is being made",
    "nothing-new": "Nothing new: the sources have no story this show has not read already, so no episode "
                   "was made.",
}
RECENT_RUNS = 5  #: runs listed on a show's page
_IMPORTED = re.compile(r"^imported-([0-9]{1,4})$")
DEFAULTS = {"frequency": "every day", "time": "07:00", "hours": "4", "zone": "UTC"}


def _back(slug: str, **notice: str) -> RedirectResponse:
    query = f"?{urlencode(notice)}" if notice else ""
    return RedirectResponse(f"/shows/{slug}{query}", status_code=303)


def local_time(stamp: float | None, show: Show) -> Markup:
    """A time element in words in the show's own time zone (UTC without a schedule), marked for times.js
    to show in the viewer's zone; "—" for none."""
    if stamp is None:
        return Markup("—")
    zone = ZoneInfo(show.schedule.zone) if show.schedule else UTC
    moment = datetime.fromtimestamp(stamp, zone)
    words = moment.strftime("%-d %B %Y, %H:%M ") + (moment.tzname() or "UTC")
    stamp_text = moment.isoformat(timespec="seconds")
    return Markup('<time datetime="{}" data-local>{}</time>').format(stamp_text, words)


def schedule_words(show: Show) -> str:
    """The show's schedule as a sentence's start: "Every day at 06:30 Europe/Berlin"."""
    if show.schedule is None:
        return "Only when asked"
    return show.schedule.text[:1].upper() + show.schedule.text[1:]


def form_page(request: Request, form: ShowForm | None = None, show: Show | None = None,
              status_code: int = 200, problem: str = "") -> HTMLResponse:
    """The create form (or, with a show, its edit form), filled with values and showing errors."""
    values = form.values if form else (show_values(show) if show else {"voice": DEFAULT_VOICE, **DEFAULTS, **{
        name: str(getattr(request.app.state.settings, f"show_{name}")) for name in
        ("max_stories", "max_per_source", "keep_episodes", "keep_days")}, "public": "on"})
    return page(request, "show_form.html", {
        "values": values, "errors": form.errors if form else {}, "problem": problem, "show": show,
        "voices": list_voices(), "frequencies": FREQUENCIES, "zones": time_zones(),
        "max_articles": request.app.state.settings.max_articles}, status_code)


def show_page(request: Request, show: Show, status_code: int = 200, errors: dict[str, str] | None = None,
              values: dict[str, str] | None = None) -> HTMLResponse:
    """A show's page, with notices from the query string, the run it names (?run=ID, followed until it
    ends) and, for its owner, the latest runs; after a refused change, the errors."""
    episodes = visible_episodes(request, show.slug)
    query = request.query_params
    may_change = visitor(request).can_change(show)
    asked = query.get("run", "")
    service = shows_of(request)
    run = service.get_run(show.slug, asked) if may_change and ID_PATTERN.match(asked) else None
    feed = show_feed_url(request, show)
    return page(request, "show.html", {
        "show": without_credentials(show), "episodes": episodes, "errors": errors or {},
        "values": values or {},
        "feed": feed, "podcast_link": "podcast://" + feed.split("://", 1)[1] if feed else "",
        "may_change": may_change, "local_time": local_time, "schedule_words": schedule_words,
        "notice": notice_text(query.get("notice", "")), "run": run, "run_words": run_words,
        "runs": service.recent_runs(show.slug, RECENT_RUNS) if may_change else [], "reload_s": RELOAD_S,
    }, status_code)


def run_words(run: Run) -> str:
    """What a run is doing, or did, as a sentence for its show's page."""
    if run.state == "failed":
        return f"The run failed: {run.message}."
    if run.outcome == "refused":
        return f"Nothing was made: {run.message}."
    return RUN_WORDS[run.outcome or run.state]


def notice_text(key: str) -> str:
    """What a notice key in the query string says after a change ("" for none or an unknown key)."""
    if imported := _IMPORTED.match(key):
        count = int(imported[1])
        return f"{count} new source{'s' * (count != 1)} imported from the OPML file."
    return NOTICES.get(key, "")


def _call(action: Callable[[], T]) -> T:
    """A service call whose refusals become HTTP errors (a field's refusal is handled by the caller)."""
    try:
        return action()
    except ShowNotFound:
        raise HTTPException(404, NOT_FOUND) from None
    except RunBusy as exc:
        raise HTTPException(409, f"{_message(exc)}.") from None
    except RunsFull as exc:
        raise HTTPException(exc.status, f"{_message(exc)}. Please try again in a minute.",
                            headers={"Retry-After": str(RETRY_AFTER_S)}) from None
    except (OverQuota, ShowLimit) as exc:
        raise HTTPException(403, f"{_message(exc)}.") from None


def _message(exc: Exception) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:]


@router.get("/shows", response_class=HTMLResponse)
def list_shows(request: Request, deleted: str = "") -> HTMLResponse:
    """Every show the visitor may see, with its schedule, runs, the episodes they may see and feed."""
    found = visitor(request)
    records = shows_of(request).records
    shows = [(show, records.episode_count(show.slug, public_only=not found.can_change(show)),
              show_feed_url(request, show)) for show in shows_of(request).list_shows() if found.can_see(show)]
    return page(request, "shows.html", {"shows": shows, "deleted": bool(deleted), "local_time": local_time,
                                        "schedule_words": schedule_words})


@router.get("/new-show", response_class=HTMLResponse)
def new_show(request: Request) -> Response:
    """The empty create form (the login page first when the server has accounts)."""
    return login_redirect(request) or form_page(request)


@router.post("/shows", response_class=HTMLResponse)
async def create_show(request: Request, found: Annotated[Visitor, Depends(writer)]) -> Response:
    """Make a show: 303 to its page, or the form again with every problem beside its field (422)."""
    async with request.form() as submitted:
        form = read_show_form(submitted, request.app.state.settings.max_articles, found.accounts, new=True)
    if form.errors:
        return form_page(request, form, status_code=422)
    try:
        shows_of(request).create(owner_id=found.owner_id, **form.checked)
    except ShowExists as exc:
        form.errors["slug"] = _message(exc)
        return form_page(request, form, status_code=422)
    except ShowLimit as exc:
        return form_page(request, form, status_code=403, problem=f"{_message(exc)}.")
    return _back(form.checked["slug"], notice="created")


@router.get("/shows/{slug}", response_class=HTMLResponse)
def show(slug: str, request: Request) -> Response:
    """A show: details, sources and their last read, episodes, feed, and (for its owner) the controls."""
    show = ACCESS.get(request, slug)
    if not visitor(request).can_see(show):
        if redirect := login_redirect(request):
            return redirect
        raise HTTPException(404, NOT_FOUND)
    return show_page(request, show)


@router.get("/shows/{slug}/edit", response_class=HTMLResponse)
def edit_show(slug: str, request: Request) -> Response:
    """The show's settings in the form."""
    if redirect := login_redirect(request):
        return redirect
    return form_page(request, show=ACCESS.changeable(request, slug))


@router.post("/shows/{slug}/edit", response_class=HTMLResponse)
async def change_show(slug: str, request: Request, found: Annotated[Visitor, Depends(writer)]) -> Response:
    """Save the show's settings: 303 to its page, or the form again with the problems (422)."""
    show = ACCESS.changeable(request, slug)
    async with request.form() as submitted:
        form = read_show_form(submitted, request.app.state.settings.max_articles, found.accounts, new=False)
    form.values["slug"] = slug
    if form.errors:
        return form_page(request, form, show, status_code=422)
    _call(lambda: shows_of(request).update(slug, **form.checked))
    return _back(show.slug, notice="saved")


@router.post("/shows/{slug}/sources", response_class=HTMLResponse, dependencies=[Depends(writer)])
async def add_source(slug: str, request: Request) -> Response:
    """Add a feed; a bad address shows the page again with the error beside the field (422)."""
    show = ACCESS.changeable(request, slug)
    async with request.form() as submitted:
        url = submitted.get("url")
    url = url.strip() if isinstance(url, str) else ""
    if not url:
        return show_page(request, show, 422, {"url": "Enter the address of an RSS or Atom feed"})
    try:
        _call(lambda: shows_of(request).add_source(slug, url))
    except AudiobriefError as exc:
        return show_page(request, show, 422, {"url": _message(exc)}, {"url": url})
    return _back(slug, notice="source-added")


@router.post("/shows/{slug}/sources/remove", dependencies=[Depends(writer)])
async def remove_source(slug: str, request: Request) -> Response:
    """Take a feed out of the show's sources."""
    ACCESS.changeable(request, slug)
    async with request.form() as submitted:
        url = submitted.get("url")
    try:
        _call(lambda: shows_of(request).remove_source(slug, url if isinstance(url, str) else ""))
    except AudiobriefError as exc:
        raise HTTPException(422, _message(exc)) from None
    return _back(slug, notice="source-removed")


@router.post("/shows/{slug}/opml", response_class=HTMLResponse, dependencies=[Depends(writer)])
async def import_opml(slug: str, request: Request) -> Response:
    """Add the feeds of an uploaded OPML file; a bad file shows the page with the error (422)."""
    show = ACCESS.changeable(request, slug)
    async with request.form(max_part_size=MAX_OPML_BYTES + 1) as submitted:
        upload = submitted.get("opml")
        data = await upload.read(MAX_OPML_BYTES + 1) if isinstance(upload, UploadFile) else b""
        given = upload.filename if isinstance(upload, UploadFile) else ""
        name = given[:80] or "the OPML file"
    if not data:
        return show_page(request, show, 422, {"opml": "Choose an OPML file to import"})
    if len(data) > MAX_OPML_BYTES:
        return show_page(request, show, 413, {"opml": f"{name} is over the 1 MB limit: export fewer feeds"})
    try:
        added = _call(lambda: shows_of(request).import_opml(slug, data, name))
    except AudiobriefError as exc:
        return show_page(request, show, 422, {"opml": _message(exc)})
    return _back(slug, notice=f"imported-{len(added)}")


@router.post("/shows/{slug}/run", dependencies=[Depends(writer)])
def run_show(slug: str, request: Request) -> RedirectResponse:
    """Queue a run now (made like a scheduled one, off the request path), then the show's page, which
    follows the run until it ends."""
    ACCESS.changeable(request, slug)
    rate_limit(request)
    run = _call(lambda: shows_of(request).request_run(slug))
    return _back(slug, run=run.id)


@router.get("/shows/{slug}/delete", response_class=HTMLResponse)
def confirm_delete(slug: str, request: Request) -> Response:
    """Ask before deleting a show and its episodes."""
    if redirect := login_redirect(request):
        return redirect
    show = ACCESS.changeable(request, slug)
    count = len(shows_of(request).episodes(slug))
    return page(request, "show_delete.html", {"show": show, "episodes": count})


@router.post("/shows/{slug}/delete", dependencies=[Depends(writer)])
def delete_show(slug: str, request: Request) -> RedirectResponse:
    """Delete after confirmation, then back to the list."""
    ACCESS.changeable(request, slug)
    _call(lambda: shows_of(request).remove(slug))
    return RedirectResponse("/shows?deleted=1", status_code=303)
