"""The login, logout and account pages: sessions begin and end here, and the private feed is reset."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from ..config import Settings
from ..http.csrf import CSRF_FIELD, writer
from ..http.guard import same_origin
from ..http.render import page
from ..services.access import (
    SESSION_COOKIE,
    Visitor,
    accounts_of,
    login_redirect,
    private_feed_path,
    secret_of,
    visitor,
)
from ..services.quotas import client_key
from ..services.sharing import bookmarklet
from ..signing import sign, signed
from ..urls import base_url

LOGIN_COOKIE = "audiobrief_login"


LOGIN_BURST = 10  #: failed logins an address may make at once


LOGIN_PER_HOUR = 30  #: and then per hour


router = APIRouter(include_in_schema=False)


def _cookie_options(request: Request) -> dict[str, object]:
    settings: Settings = request.app.state.settings
    return {"httponly": True, "samesite": "lax", "secure": settings.https, "path": "/"}


def _safe_next(target: str) -> str:
    """Only paths of this site (no scheme, no //host) may follow a login."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"


def _login_page(request: Request, next_path: str, status_code: int = 200, problem: str = "",
                name: str = "") -> HTMLResponse:
    nonce = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(16)
    response = page(request, "login.html", {"next": _safe_next(next_path), "problem": problem, "name": name,
                                            "login_token": sign(secret_of(request), "login", nonce)},
                    status_code)
    response.set_cookie(LOGIN_COOKIE, nonce, max_age=3600, **_cookie_options(request))  # type: ignore[arg-type]
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    """The login form (an open server has no accounts: back to the start page)."""
    if not visitor(request).accounts:
        return RedirectResponse("/", status_code=303)
    return _login_page(request, next)


@router.post("/login", dependencies=[Depends(same_origin)])
async def log_in(request: Request) -> Response:
    """Check the name and password; on success a session cookie and back to where the visitor was."""
    async with request.form() as form:
        fields = {key: value for key, value in form.items() if isinstance(value, str)}
    next_path = _safe_next(fields.get("next", "/"))
    nonce = request.cookies.get(LOGIN_COOKIE, "")
    if not nonce or not signed(secret_of(request), fields.get(CSRF_FIELD, ""), "login", nonce):
        return _login_page(request, next_path, 403, "The login form expired. Please log in again.")
    address = client_key(request)
    wait = request.app.state.login_limits.wait(address, spend=False)
    if wait:
        return _login_page(request, next_path, 429, f"Too many failed logins. Try again in {wait} seconds.")
    name = fields.get("name", "").strip()
    user = accounts_of(request).verify(name, fields.get("password", ""))
    if user is None:
        request.app.state.login_limits.wait(address)
        return _login_page(request, next_path, 401, "The name or password is wrong.", name)
    settings: Settings = request.app.state.settings
    token = accounts_of(request).open_session(user, settings.session_days)
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_days * 86400,
                        **_cookie_options(request))  # type: ignore[arg-type]
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
async def log_out(request: Request, _found: Annotated[Visitor, Depends(writer)]) -> Response:
    """End the session."""
    if cookie := request.cookies.get(SESSION_COOKIE):
        accounts_of(request).close_session(cookie)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, reset: str = "") -> Response:
    """The account's private feed address and how to reset it."""
    if redirect := login_redirect(request):
        return redirect
    user = visitor(request).user
    if user is None:  # an open server has no accounts
        return RedirectResponse("/", status_code=303)
    private_feed = base_url(request) + private_feed_path(request, user)
    return page(request, "account.html", {"user": user, "reset": bool(reset), "private_feed": private_feed,
                                          "bookmarklet": bookmarklet(base_url(request))})


@router.post("/account/feed")
async def reset_feed(request: Request, found: Annotated[Visitor, Depends(writer)]) -> Response:
    """Give the private feed a new address; apps subscribed to the old one stop getting it."""
    if found.user is None:
        raise HTTPException(404, "an open server has no private feeds")
    accounts_of(request).reset_feed(found.user.name)
    return RedirectResponse("/account?reset=1", status_code=303)
