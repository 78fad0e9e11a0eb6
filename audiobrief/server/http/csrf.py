"""The check every changing request passes: same origin, logged in when there are accounts, and the
session's CSRF token on a cookie-borne request."""

from __future__ import annotations

from fastapi import Request
from starlette.exceptions import HTTPException

from ..services.access import Visitor, same_secret, visitor
from .guard import same_origin

CSRF_FIELD = "csrf_token"


CSRF_HEADER = "x-csrf-token"


FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


async def supplied_csrf(request: Request) -> str:
    """The CSRF token sent in the X-CSRF-Token header or the form's csrf_token field."""
    if header := request.headers.get(CSRF_HEADER):
        return header
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in FORM_TYPES:
        return ""
    limit = request.app.state.settings.max_request_bytes
    await request.body()  # cached first, so the handler can still read the raw body after the form
    form = await request.form(max_part_size=limit)  # cached: the handler reads the same form
    value = form.get(CSRF_FIELD)
    return value if isinstance(value, str) else ""


async def writer(request: Request) -> Visitor:
    """For requests that change something: same origin, logged in (when there are accounts), and
    a cookie-borne request must carry its session's CSRF token."""
    same_origin(request)
    found = visitor(request)
    if found.by_token:
        return found
    if found.user is not None:
        if not same_secret(await supplied_csrf(request), found.csrf):
            raise HTTPException(403, "the form has expired or came from another site: reload the page "
                                     "and send it again")
        return found
    if found.accounts:
        raise HTTPException(401, "log in first (at /login), or send an API token as Authorization: Bearer",
                            headers={"WWW-Authenticate": "Bearer"})
    return found
