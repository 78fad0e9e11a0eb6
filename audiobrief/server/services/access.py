"""Who is asking, and may they: the visitor from a session or an API token, what they may see and change,
signed media links and private feed keys. The access rules of briefings live here (shows': show_access).

Two modes. With no account (only allowed on loopback) the server is open, as a local tool: no
login, every briefing public. Once an account exists, making, deleting and private briefings need
a login (browser session, or an API token as `Authorization: Bearer`), on loopback too; public
briefings stay readable by anyone.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse

from ...digits import ascii_int
from ..signing import feed_key, media_key, signed
from ..store.accounts import Accounts, User
from ..store.records import Record

SESSION_COOKIE = "audiobrief_session"


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
