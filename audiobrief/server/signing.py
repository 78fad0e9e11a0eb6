"""The server's secret key and what it signs: private feed addresses, media links, login forms."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_BYTES = 32
SIGNATURE_CHARS = 32


def load_secret(path: Path) -> bytes:
    """The key in path, created (owner-only, 0600) on first use."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return bytes.fromhex(path.read_text("ascii").strip())
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(KEY_BYTES))
    return bytes.fromhex(path.read_text("ascii").strip())


def sign(secret: bytes, *parts: object) -> str:
    """A hex HMAC-SHA256 (shortened to 128 bits) over the parts, each named by its purpose first."""
    message = "\x1f".join(str(part) for part in parts).encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:SIGNATURE_CHARS]


def signed(secret: bytes, signature: str, *parts: object) -> bool:
    """Whether signature is sign(secret, *parts), compared in constant time."""
    return hmac.compare_digest(signature.encode("ascii", "replace"), sign(secret, *parts).encode("ascii"))


def feed_key(secret: bytes, user_id: int, feed_version: int, salt: str) -> str:
    """The path segment of an account's private feed: its id and a signature over the account's own
    random salt, so a reset (a new salt and version) or a new account with a reused id gets another.
    Accounts made before salts keep their key (signed without one) until their feed is reset."""
    return f"{user_id}-{sign(secret, 'feed', user_id, feed_version, *((salt,) if salt else ()))}"


def new_salt() -> str:
    """A random salt for an account's feed key."""
    return secrets.token_hex(16)


def media_key(secret: bytes, record_id: str, name: str) -> str:
    """The key that lets a podcast app fetch one file of a private briefing without a cookie."""
    return sign(secret, "media", record_id, name)
