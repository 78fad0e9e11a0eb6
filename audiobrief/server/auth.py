"""Who is asking, and may they: sessions, API tokens, CSRF tokens, ownership, the login pages.

Two modes. With no account (only allowed on loopback) the server is open, as a local tool: no
login, every briefing public. Once an account exists, making, deleting and private briefings need
a login (browser session, or an API token as `Authorization: Bearer`), on loopback too; public
briefings stay readable by anyone.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated, Protocol
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..digits import ascii_int
from .accounts import Accounts, User
from .config import Settings
from .guard import HostCheck, same_origin
from .quotas import Buckets, SubmitLimits, client_key
from .signing import feed_key, load_secret, media_key, sign, signed
from .store import Record, Store

SESSION_COOKIE = "audiobrief_session"
LOGIN_COOKIE = "audiobrief_login"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
LOGIN_BURST = 10  #: failed logins an address may make at once
LOGIN_PER_HOUR = 30  #: and then per hour

router = APIRouter(include_in_schema=False)


class Owned(Protocol):
    """A briefing or a show: whose it is and whether everyone may see it."""

    @property
    def owner_id(self) -> int | None: ...

    @property
    def public(self) -> bool: ...


@dataclass(frozen=True)
class Visitor:
    """The person behind a request, as far as the server knows."""

    user: User | None = None
    csrf: str = ""  #: the session's synchronizer token ("" without a session)
    by_token: bool = False  #: authenticated by an API token (not cookie-borne: no CSRF token needed)
    accounts: bool = False  #: the server has accounts (else it is open: everything public)

    @property
    def owner_id(self) -> int | None:
        """The account new briefings belong to."""
        return self.user.id if self.user else None

    def can_see(self, item: Owned) -> bool:
        """Public briefings and shows, one's own, and (for an admin) all; everything on an open server."""
        return item.public or self.can_change(item)

    def can_change(self, item: Owned) -> bool:
        """One's own briefings and shows (an admin: any); everything on an open server."""
        if not self.accounts:
            return True
        return self.user is not None and (self.user.admin or item.owner_id == self.user.id)


def install(app: FastAPI, settings: Settings, store: Store) -> None:
    """Give an app its accounts, signing key, rate limits, Host check and login pages."""
    app.state.accounts = Accounts(store)
    app.state.secret = load_secret(settings.secret_file)
    app.state.limits = SubmitLimits(settings)
    app.state.login_limits = Buckets(LOGIN_BURST, LOGIN_PER_HOUR)
    app.add_middleware(HostCheck, settings=settings)
    app.include_router(router)


def accounts_of(request: Request) -> Accounts:
    """The app's account tables."""
    return request.app.state.accounts


def secret_of(request: Request) -> bytes:
    """The app's signing key."""
    return request.app.state.secret


def visitor(request: Request) -> Visitor:
    """Who sent the request: an API token, a session cookie, or nobody; 401 for a bad token."""
    known = getattr(request.state, "visitor", None)
    if known is not None:
        return known
    accounts = accounts_of(request)
    found = Visitor(accounts=accounts.exist())
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        user = accounts.token_user(token.strip())
        if user is None:
            request.state.visitor = found  # the error page is shown to nobody in particular
            raise HTTPException(401, "the API token is not valid: create one with "
                                     "`audiobrief token create NAME`",
                                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
        found = Visitor(user, by_token=True, accounts=True)
    elif cookie := request.cookies.get(SESSION_COOKIE):
        session = accounts.session(cookie)
        if session is not None:
            found = Visitor(session.user, session.csrf, accounts=True)
    request.state.visitor = found
    return found


def same_secret(given: str, expected: str) -> bool:
    """Whether a token someone sent is the expected one, in constant time (any characters)."""
    return secrets.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode("utf-8"))


def page_visitor(request: Request) -> Visitor:
    """The visitor a page is rendered for: nobody in particular when the token was bad."""
    try:
        return visitor(request)
    except HTTPException:
        return request.state.visitor


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


def login_redirect(request: Request) -> RedirectResponse | None:
    """A redirect to the login page for a page that needs a login when nobody is logged in."""
    found = visitor(request)
    if found.accounts and found.user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    return None


def media_query(request: Request, record: Record, name: str) -> str:
    """For a private briefing, the query string that lets anyone holding the link fetch this file
    (podcast apps fetch media without cookies); public briefings need none."""
    return "" if record.public else f"?key={media_key(secret_of(request), record.id, name)}"


def require_media_access(request: Request, record: Record, name: str) -> None:
    """404 unless the visitor may see the briefing or the link carries its signed key."""
    key = request.query_params.get("key", "")
    if key and signed(secret_of(request), key, "media", record.id, name):
        return
    if not visitor(request).can_see(record):
        raise HTTPException(404, "no such briefing, or it is not finished")


def private_feed_path(request: Request, user: User) -> str:
    """The unguessable path of an account's own feed."""
    return f"/feeds/{feed_key(secret_of(request), user.id, user.feed_version, user.feed_salt)}/feed.xml"


def feed_owner(request: Request, key: str) -> User:
    """The account whose private feed key this is; 404 for a wrong or revoked key."""
    user_id, _, _signature = key.partition("-")
    number = ascii_int(user_id, max_digits=11)
    user = accounts_of(request).by_id(number) if number is not None else None
    expected = feed_key(secret_of(request), user.id, user.feed_version, user.feed_salt) if user else ""
    if user is None or not same_secret(key, expected):
        raise HTTPException(404, "no such feed: the address may have been reset")
    return user


def _cookie_options(request: Request) -> dict[str, object]:
    settings: Settings = request.app.state.settings
    return {"httponly": True, "samesite": "lax", "secure": settings.https, "path": "/"}


def _safe_next(target: str) -> str:
    """Only paths of this site (no scheme, no //host) may follow a login."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"


def _login_page(request: Request, next_path: str, status_code: int = 200, problem: str = "",
                name: str = "") -> HTMLResponse:
    from .pages import page

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
    from .pages import page
    from .urls import base_url

    if redirect := login_redirect(request):
        return redirect
    user = visitor(request).user
    if user is None:  # an open server has no accounts
        return RedirectResponse("/", status_code=303)
    private_feed = base_url(request) + private_feed_path(request, user)
    return page(request, "account.html", {"user": user, "reset": bool(reset), "private_feed": private_feed})


@router.post("/account/feed")
async def reset_feed(request: Request, found: Annotated[Visitor, Depends(writer)]) -> Response:
    """Give the private feed a new address; apps subscribed to the old one stop getting it."""
    if found.user is None:
        raise HTTPException(404, "an open server has no private feeds")
    accounts_of(request).reset_feed(found.user.name)
    return RedirectResponse("/account?reset=1", status_code=303)
