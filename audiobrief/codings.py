"""Undoing an HTTP answer's Content-Encoding a bounded step at a time.

httpx decodes a chain of codings itself, each step as large as its input inflates to, so 2 KB of
gzip within gzip can become gigabytes in memory before a size cap sees one byte. Here the raw body
goes through one incremental decoder per coding, none giving more than STEP bytes per call, so the
caller counts the decoded bytes as they come and stops at its cap with little more than that cap
in memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

STEP = 64 * 1024  #: most bytes one decoder hands on per call
MAX_CODINGS = 3  #: longest chain decoded (each step holds a decoder of its own)
ACCEPT_ENCODING = "gzip, deflate"  #: what requests say they take: the codings decoded here
_GZIP_WBITS = 16 + zlib.MAX_WBITS
_DECODED = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}


class CodingError(Exception):
    """The answer's codings are not ones decoded here, or its compressed bytes are broken."""


def codings(header: str) -> list[str]:
    """The codings a Content-Encoding header lists, in the order they were applied ("identity"
    left out); CodingError for one not decoded here or a chain longer than MAX_CODINGS."""
    found = [name for part in header.split(",") if (name := part.strip().lower()) not in ("", "identity")]
    for name in found:
        if name not in _DECODED:
            raise CodingError(f"it is compressed as '{name[:40]}', which is not read "
                              f"(only {ACCEPT_ENCODING})")
    if len(found) > MAX_CODINGS:
        raise CodingError(f"it is compressed {len(found)} times over (at most {MAX_CODINGS} are undone)")
    return [_DECODED[name] for name in found]


def decoded(raw: Iterable[bytes], applied: list[str]) -> Iterator[bytes]:
    """The body with the codings undone, last applied first, in pieces of at most STEP bytes."""
    chunks: Iterator[bytes] = iter(raw)
    for coding in reversed(applied):
        chunks = _inflated(chunks, coding)
    return chunks


def _inflated(chunks: Iterator[bytes], coding: str) -> Iterator[bytes]:
    """One coding undone: gzip (any number of members one after another) or deflate (zlib-wrapped
    or raw, told apart by the zlib header)."""
    inflater: zlib._Decompress | None = None
    held = b""  #: the first byte of a deflate stream, until the second tells its kind
    finished = False  #: a deflate stream ended (anything after it is ignored)
    for chunk in chunks:
        pending = held + chunk
        held = b""
        draining = False
        while (pending or draining) and not finished:
            if inflater is None:
                if coding == "deflate" and len(pending) < 2:
                    held = pending
                    break
                inflater = zlib.decompressobj(_wbits(coding, pending))
            try:
                out = inflater.decompress(pending, STEP)
            except zlib.error as exc:
                raise CodingError(f"its {coding} compression is broken") from exc
            if out:
                yield out
            draining = len(out) == STEP  # the decoder may hold more output than it gave
            if inflater.eof:
                pending = inflater.unused_data
                inflater = None
                finished = coding == "deflate"
            else:
                pending = inflater.unconsumed_tail
    if held:
        raise CodingError(f"its {coding} compression is broken")


def _wbits(coding: str, start: bytes) -> int:
    """zlib's window setting for a stream of this coding starting with these bytes."""
    if coding == "gzip":
        return _GZIP_WBITS
    zlib_header = start[0] & 0x0F == 8 and (start[0] << 8 | start[1]) % 31 == 0
    return zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS
