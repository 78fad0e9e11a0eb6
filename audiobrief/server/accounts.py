"""Accounts, login sessions and API tokens, kept in the server's SQLite database.

Passwords are hashed with argon2id (argon2-cffi). Session and API tokens are long random strings;
only their SHA-256 is stored, so a copy of the database lets nobody log in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
import time
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import AudiobriefError
from .store import Store

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


def _user(row: sqlite3.Row) -> User:
    return User(row["id"], row["name"], bool(row["admin"]), row["feed_version"])


class Accounts:
    """Reads and writes the users, sessions and api_tokens tables of a Store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def exist(self) -> bool:
        """Whether any account exists (then the server asks who is there)."""
        with self.store.connect() as db:
            return db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def add(self, name: str, password: str, admin: bool = False) -> User:
        """Create an account; AccountError when the name is taken or the password too short."""
        check_name(name)
        check_password(password)
        try:
            with self.store.connect() as db:
                db.execute("INSERT INTO users (name, password_hash, admin, created_at) VALUES (?, ?, ?, ?)",
                           (name, _hasher.hash(password), int(admin), time.time()))
        except sqlite3.IntegrityError:
            raise AccountError(f"there is already an account called '{name}': choose another name") from None
        return self.named(name)

    def named(self, name: str) -> User:
        """The account with this name, or AccountError."""
        with self.store.connect() as db:
            row = db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise AccountError(f"there is no account called '{name[:70]}': see `audiobrief user list`")
        return _user(row)

    def by_id(self, user_id: int) -> User | None:
        """The account with this id, or None."""
        with self.store.connect() as db:
            row = db.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
        return _user(row) if row else None

    def all(self) -> list[User]:
        """Every account, by name."""
        with self.store.connect() as db:
            return [_user(row) for row in db.execute("SELECT * FROM users ORDER BY name")]

    def remove(self, name: str) -> User:
        """Delete an account with its sessions and tokens (its briefings are the caller's to delete)."""
        user = self.named(name)
        with self.store.connect() as db:
            db.execute("DELETE FROM users WHERE id = ?", (user.id,))
        return user

    def set_password(self, name: str, password: str) -> User:
        """Give the account a new password and log out all its sessions."""
        user = self.named(name)
        check_password(password)
        with self.store.connect() as db:
            db.execute("UPDATE users SET password_hash = ? WHERE id = ?", (_hasher.hash(password), user.id))
            db.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))
        return user

    def reset_feed(self, name: str) -> User:
        """Give the account's private feed a new address; the old one stops working."""
        user = self.named(name)
        with self.store.connect() as db:
            db.execute("UPDATE users SET feed_version = feed_version + 1 WHERE id = ?", (user.id,))
        return self.named(name)

    def verify(self, name: str, password: str) -> User | None:
        """The account when the password is right, else None (in the same time either way)."""
        with self.store.connect() as db:
            row = db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        try:
            _hasher.verify(row["password_hash"] if row else decoy_hash(), password)
        except (VerificationError, InvalidHashError):
            return None
        return _user(row) if row else None

    def open_session(self, user: User, days: int) -> str:
        """A new login session; returns its cookie value."""
        token = secrets.token_urlsafe(32)
        with self.store.connect() as db:
            db.execute("DELETE FROM sessions WHERE expires_at < ?", (time.time(),))
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)",
                       (digest(token), user.id, secrets.token_urlsafe(32), time.time() + days * 86400))
        return token

    def session(self, token: str) -> Session | None:
        """The live session with this cookie value, or None."""
        with self.store.connect() as db:
            row = db.execute("SELECT users.*, sessions.csrf FROM sessions"
                             " JOIN users ON users.id = sessions.user_id"
                             " WHERE token_hash = ? AND expires_at >= ?",
                             (digest(token), time.time())).fetchone()
        return Session(_user(row), row["csrf"]) if row else None

    def close_session(self, token: str) -> None:
        """Log a session out."""
        with self.store.connect() as db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (digest(token),))

    def create_token(self, name: str, label: str) -> str:
        """A new API token for the account; the token is returned once and stored only hashed."""
        user = self.named(name)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.store.connect() as db:
            db.execute("INSERT INTO api_tokens (user_id, label, token_hash, created_at) VALUES (?, ?, ?, ?)",
                       (user.id, label, digest(token), time.time()))
        return token

    def tokens(self, name: str | None = None) -> list[ApiToken]:
        """The API tokens of one account, or of all."""
        query = ("SELECT api_tokens.id, users.name, label, api_tokens.created_at FROM api_tokens"
                 " JOIN users ON users.id = api_tokens.user_id")
        args: tuple[object, ...] = ()
        if name is not None:
            query += " WHERE users.id = ?"
            args = (self.named(name).id,)
        with self.store.connect() as db:
            return [ApiToken(*row) for row in db.execute(query + " ORDER BY api_tokens.id", args)]

    def revoke_token(self, token_id: int) -> None:
        """Delete an API token; AccountError when there is none with this id."""
        with self.store.connect() as db:
            gone = db.execute("DELETE FROM api_tokens WHERE id = ?", (token_id,)).rowcount
        if not gone:
            raise AccountError(f"there is no API token {token_id}: see `audiobrief token list`")

    def token_user(self, token: str) -> User | None:
        """The account an API token belongs to, or None."""
        with self.store.connect() as db:
            row = db.execute("SELECT users.* FROM api_tokens JOIN users ON users.id = api_tokens.user_id"
                             " WHERE token_hash = ?", (digest(token),)).fetchone()
        return _user(row) if row else None
