"""Accounts, login sessions and API tokens, kept in the server's database (store/records.py).

Passwords are hashed with argon2id (argon2-cffi). Session and API tokens are long random strings;
only their SHA-256 is stored, so a copy of the database lets nobody log in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ...errors import AudiobriefError
from ..signing import new_salt
from .records import Store
from .tables import api_tokens, sessions, users

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
TOKEN_PREFIX = "abt_"
_hasher = PasswordHasher()  # argon2id with the library's current recommended cost


class AccountError(AudiobriefError):
    """A bad account name, password or token request (one line, naming the fix)."""


@dataclass(frozen=True)
class User:
    """One account."""

    id: int
    name: str
    admin: bool
    feed_version: int  #: bumped to revoke the private feed's address
    feed_salt: str  #: random, signed into the private feed's address ("" for accounts made before it)


@dataclass(frozen=True)
class Session:
    """A logged-in browser: whose it is and its synchronizer token for forms."""

    user: User
    csrf: str


@dataclass(frozen=True)
class ApiToken:
    """An API token as listed (the token itself is shown once, at creation)."""

    id: int
    user: str
    label: str
    created_at: float


def digest(token: str) -> str:
    """The stored form of a session or API token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    """The account name, or AccountError naming the rule."""
    if not NAME_PATTERN.match(name):
        raise AccountError(f"'{name[:70]}' is not a usable account name: use 1 to 64 letters, digits, "
                           "'.', '_' or '-', starting with a letter or digit")
    return name


def check_password(password: str) -> str:
    """The password, or AccountError naming the rule."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password is {len(password)} characters long: use at least {MIN_PASSWORD}")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"the password is over {MAX_PASSWORD} characters: use a shorter one")
    return password


@cache
def decoy_hash() -> str:
    """A hash to verify against when the name is unknown, so a wrong name costs as long as a wrong
    password (made once, on the first such login)."""
    return _hasher.hash(secrets.token_hex(16))


def _user(row: Any) -> User:
    return User(row["id"], row["name"], bool(row["admin"]), row["feed_version"], row["feed_salt"])


class Accounts:
    """Reads and writes the users, sessions and api_tokens tables of a Store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _one(self, query: Any) -> Any:
        with self.store.connect() as db:
            return db.execute(query).mappings().first()

    def exist(self) -> bool:
        """Whether any account exists (then the server asks who is there)."""
        return self._one(select(users.c.id).limit(1)) is not None

    def add(self, name: str, password: str, admin: bool = False) -> User:
        """Create an account; AccountError when the name is taken or the password too short."""
        check_name(name)
        check_password(password)
        try:
            with self.store.connect() as db:
                db.execute(insert(users).values(name=name, password_hash=_hasher.hash(password),
                                                admin=int(admin), created_at=time.time(),
                                                feed_salt=new_salt()))
        except IntegrityError:
            raise AccountError(f"there is already an account called '{name}': choose another name") from None
        return self.named(name)

    def named(self, name: str) -> User:
        """The account with this name, or AccountError."""
        row = self._one(select(users).where(users.c.name == name))
        if row is None:
            raise AccountError(f"there is no account called '{name[:70]}': see `audiobrief user list`")
        return _user(row)

    def by_id(self, user_id: int) -> User | None:
        """The account with this id, or None."""
        row = self._one(select(users).where(users.c.id == user_id))
        return _user(row) if row else None

    def all(self) -> list[User]:
        """Every account, by name."""
        with self.store.connect() as db:
            return [_user(row) for row in db.execute(select(users).order_by(users.c.name)).mappings()]

    def remove(self, name: str) -> User:
        """Delete an account with its sessions and tokens (its briefings are the caller's to delete)."""
        user = self.named(name)
        with self.store.connect() as db:
            db.execute(delete(users).where(users.c.id == user.id))
        return user

    def set_password(self, name: str, password: str) -> User:
        """Give the account a new password and log out all its sessions."""
        user = self.named(name)
        check_password(password)
        with self.store.connect() as db:
            db.execute(update(users).where(users.c.id == user.id)
                       .values(password_hash=_hasher.hash(password)))
            db.execute(delete(sessions).where(sessions.c.user_id == user.id))
        return user

    def reset_feed(self, name: str) -> User:
        """Give the account's private feed a new address; the old one stops working."""
        user = self.named(name)
        with self.store.connect() as db:
            db.execute(update(users).where(users.c.id == user.id)
                       .values(feed_version=users.c.feed_version + 1, feed_salt=new_salt()))
        return self.named(name)

    def verify(self, name: str, password: str) -> User | None:
        """The account when the password is right, else None (in the same time either way)."""
        row = self._one(select(users).where(users.c.name == name))
        try:
            _hasher.verify(row["password_hash"] if row else decoy_hash(), password)
        except (VerificationError, InvalidHashError):
            return None
        return _user(row) if row else None

    def open_session(self, user: User, days: int) -> str:
        """A new login session; returns its cookie value."""
        token = secrets.token_urlsafe(32)
        with self.store.connect() as db:
            db.execute(delete(sessions).where(sessions.c.expires_at < time.time()))
            db.execute(insert(sessions).values(token_hash=digest(token), user_id=user.id,
                                               csrf=secrets.token_urlsafe(32),
                                               expires_at=time.time() + days * 86400))
        return token

    def session(self, token: str) -> Session | None:
        """The live session with this cookie value, or None."""
        row = self._one(select(users, sessions.c.csrf).join(sessions, users.c.id == sessions.c.user_id)
                        .where(sessions.c.token_hash == digest(token), sessions.c.expires_at >= time.time()))
        return Session(_user(row), row["csrf"]) if row else None

    def close_session(self, token: str) -> None:
        """Log a session out."""
        with self.store.connect() as db:
            db.execute(delete(sessions).where(sessions.c.token_hash == digest(token)))

    def create_token(self, name: str, label: str) -> str:
        """A new API token for the account; the token is returned once and stored only hashed."""
        user = self.named(name)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.store.connect() as db:
            db.execute(insert(api_tokens).values(user_id=user.id, label=label, token_hash=digest(token),
                                                 created_at=time.time()))
        return token

    def tokens(self, name: str | None = None) -> list[ApiToken]:
        """The API tokens of one account, or of all."""
        query = (select(api_tokens.c.id, users.c.name, api_tokens.c.label, api_tokens.c.created_at)
                 .join(users, users.c.id == api_tokens.c.user_id))
        if name is not None:
            query = query.where(users.c.id == self.named(name).id)
        with self.store.connect() as db:
            return [ApiToken(*row) for row in db.execute(query.order_by(api_tokens.c.id))]

    def revoke_token(self, token_id: int) -> None:
        """Delete an API token; AccountError when there is none with this id."""
        with self.store.connect() as db:
            gone = db.execute(delete(api_tokens).where(api_tokens.c.id == token_id)).rowcount
        if not gone:
            raise AccountError(f"there is no API token {token_id}: see `audiobrief token list`")

    def token_user(self, token: str) -> User | None:
        """The account an API token belongs to, or None."""
        row = self._one(select(users).join(api_tokens, users.c.id == api_tokens.c.user_id)
                        .where(api_tokens.c.token_hash == digest(token)))
        return _user(row) if row else None
