"""Conditional requests (RFC 9110 section 13: ETag, Last-Modified, 304 and 412) and byte ranges
(section 14: a malformed Range is ignored, an unsatisfiable one is 416) for media files and the feed."""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from collections import OrderedDict
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from fastapi import Request
from starlette.datastructures import Headers
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send

READS = ("GET", "HEAD")
MAX_RANGES = 100  #: more parts than this in one Range header and it is ignored (the whole file is sent)
_ENTITY_TAG = re.compile(r'\s*(W/)?("[^"]*")\s*(?:,|$)')
_RANGE_PART = re.compile(r"\s*([0-9]*)\s*-\s*([0-9]*)\s*")
BEYOND_ANY_FILE = 1 << 63  #: a byte position written with more digits than 18 (no file is that long)


def http_date(timestamp: float) -> str:
    """A Unix time as an HTTP date (IMF-fixdate)."""
    return formatdate(timestamp, usegmt=True)


def bytes_etag(data: bytes) -> str:
    """A strong ETag naming these exact bytes."""
    return f'"{hashlib.sha256(data).hexdigest()[:32]}"'


def file_etag(stat: os.stat_result) -> str:
    """A strong ETag for a file's current version (size, change time in nanoseconds and inode)."""
    return bytes_etag(f"{stat.st_size}-{stat.st_mtime_ns}-{stat.st_ino}".encode())


def _entity_tags(field: str) -> list[tuple[bool, str]] | None:
    """The (weak, opaque tag) pairs of an If-Match/If-None-Match value; None for "*"."""
    if field.strip() == "*":
        return None
    return [(bool(match[1]), match[2]) for match in _ENTITY_TAG.finditer(field)]


def _matches(field: str, etag: str, strong: bool) -> bool:
    tags = _entity_tags(field)
    if tags is None:
        return True
    return any(tag == etag and not (strong and weak) for weak, tag in tags)


def _http_time(value: str | None) -> float | None:
    """An HTTP date as a Unix time; None when absent or not a date (RFC 9110: then ignore it)."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, OverflowError):
        return None


def precondition_status(headers: Headers, method: str, etag: str, modified: float) -> int | None:
    """304 or 412 when the request's preconditions say so (RFC 9110 section 13.2.2), else None."""
    if_match = ",".join(headers.getlist("if-match"))
    if if_match:
        if not _matches(if_match, etag, strong=True):
            return 412
    else:
        unmodified_since = _http_time(headers.get("if-unmodified-since"))
        if unmodified_since is not None and int(modified) > unmodified_since:
            return 412
    if_none_match = ",".join(headers.getlist("if-none-match"))
    if if_none_match:
        if _matches(if_none_match, etag, strong=False):
            return 304 if method in READS else 412
    elif method in READS:
        modified_since = _http_time(headers.get("if-modified-since"))
        if modified_since is not None and int(modified) <= modified_since:
            return 304
    return None


def parse_ranges(field: str, size: int) -> list[tuple[int, int]] | None:
    """The satisfiable byte ranges (start, end exclusive) of a Range header; [] when none is
    satisfiable (416); None when the header is malformed or not in bytes (ignore it: 200)."""
    unit, equals, spec = field.partition("=")
    parts = spec.split(",")
    if not equals or unit.strip().lower() != "bytes" or len(parts) > MAX_RANGES:
        return None
    ranges = []
    for part in parts:
        match = _RANGE_PART.fullmatch(part)
        if match is None or not (match[1] or match[2]):
            return None
        if match[1]:
            first = _position(match[1])
            last = _position(match[2]) if match[2] else None
            if last is not None and last < first:
                return None
            last = size - 1 if last is None else last
            if first < size:
                ranges.append((first, min(last, size - 1) + 1))
        elif _position(match[2]) > 0 and size > 0:
            ranges.append((max(0, size - _position(match[2])), size))
    return ranges


def _position(digits: str) -> int:
    """A byte position or suffix length; one too long to be any file's is as good as infinite."""
    return int(digits) if len(digits) <= 18 else BEYOND_ANY_FILE


def _range_applies(if_range: str | None, etag: str, last_modified: str) -> bool:
    """If-Range: send the ranges only when the validator names the current version (strongly)."""
    if if_range is None:
        return True
    if if_range.strip().startswith(("W/", '"')):
        return if_range.strip() == etag
    return if_range.strip() == last_modified


class RangedFile(FileResponse):
    """Starlette's FileResponse, handed the request's ranges already checked and made canonical."""

    def __init__(self, path: Path, ranges: list[tuple[int, int]] | None, **options: object) -> None:
        super().__init__(path, **options)  # type: ignore[arg-type]
        self.ranges = ranges

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve with the checked ranges in place of the request's own Range and If-Range."""
        headers = [(k, v) for k, v in scope["headers"] if k not in (b"range", b"if-range")]
        if self.ranges:
            canonical = ",".join(f"{start}-{end - 1}" for start, end in self.ranges)
            headers.append((b"range", f"bytes={canonical}".encode()))
        await super().__call__({**scope, "headers": headers}, receive, send)


def serve_file(request: Request, path: Path, media_type: str, headers: dict[str, str]) -> Response:
    """A file with ETag and Last-Modified, answering 304/412 to preconditions and 206/416 to ranges."""
    stat = path.stat()
    etag = file_etag(stat)
    validators = {"ETag": etag, "Last-Modified": http_date(stat.st_mtime)}
    status = precondition_status(request.headers, request.method, etag, stat.st_mtime)
    if status == 304:
        return Response(status_code=304, headers={**headers, **validators})
    if status == 412:
        return JSONResponse({"detail": "the file has changed since the version named in If-Match or "
                                       "If-Unmodified-Since"}, status_code=412, headers=validators)
    ranges = None
    requested = request.headers.get("range")
    if requested is not None and _range_applies(request.headers.get("if-range"), etag,
                                                validators["Last-Modified"]):
        ranges = parse_ranges(requested, stat.st_size)
        if ranges == []:
            return JSONResponse({"detail": f"the range is outside the file's {stat.st_size} bytes"},
                                status_code=416, headers={"Content-Range": f"bytes */{stat.st_size}",
                                                          **validators})
    return RangedFile(path, ranges, media_type=media_type, headers={**headers, **validators},
                      stat_result=stat)


class VersionClock:
    """Remembers when each version (ETag) of a generated document was first served: its Last-Modified."""

    def __init__(self, remembered: int = 64) -> None:
        self.remembered = remembered
        self.first_seen: OrderedDict[str, float] = OrderedDict()
        self.lock = threading.Lock()

    def modified(self, etag: str) -> float:
        """The time this version was first served (now, for a new one)."""
        with self.lock:
            seen = self.first_seen.setdefault(etag, time.time())
            while len(self.first_seen) > self.remembered:
                self.first_seen.popitem(last=False)
            return seen


def serve_bytes(request: Request, body: bytes, media_type: str, headers: dict[str, str]) -> Response:
    """A generated document with ETag and Last-Modified, answering 304 and 412 to preconditions."""
    etag = bytes_etag(body)
    clock: VersionClock = request.app.state.versions
    modified = clock.modified(etag)
    validators = {"ETag": etag, "Last-Modified": http_date(modified)}
    status = precondition_status(request.headers, request.method, etag, modified)
    if status == 304:
        return Response(status_code=304, headers={**headers, **validators})
    if status == 412:
        return JSONResponse({"detail": "the document has changed since the version named in If-Match or "
                                       "If-Unmodified-Since"}, status_code=412, headers=validators)
    return Response(body, media_type=media_type, headers={**headers, **validators})
