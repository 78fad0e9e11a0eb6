"""Reading a file a user names: regular files only, and never more than a bound.

A size from stat() says nothing for /dev/zero (0 bytes, endless) or a named pipe (opening it waits
for a writer), so the file is opened without waiting, judged by what the open descriptor is, and
read up to the bound whatever its size claims.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from .errors import InputError

#: what a path that is not a regular file is, by the kind of its open descriptor
_KINDS = ((stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISSOCK, "a socket"))


def read_regular_file(path: Path, limit: int, fix: str) -> tuple[bytes, int]:
    """At most limit + 1 bytes of path (more than limit means it is too large) and the size the
    file says it has. InputError, naming the path and ending with fix, for a path that is missing,
    a folder, a device, a named pipe or a socket, or cannot be read."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"'{path}' does not exist: check the path") from None
    except OSError as exc:
        with contextlib.suppress(OSError):  # a socket cannot be opened at all: say what it is
            _refuse_unless_regular(path, os.stat(path).st_mode, fix)
        raise InputError(f"'{path}' cannot be read ({exc.strerror}): check its permissions") from None
    try:
        _refuse_unless_regular(path, os.fstat(descriptor).st_mode, fix)
    except InputError:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as handle:
        try:
            return handle.read(limit + 1), os.fstat(descriptor).st_size
        except OSError as exc:
            raise InputError(f"'{path}' cannot be read ({exc.strerror}): check its permissions") from None


def _refuse_unless_regular(path: Path, mode: int, fix: str) -> None:
    """InputError naming what path is, unless it is a regular file."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(f"'{path}' is a folder: {fix}")
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    raise InputError(f"'{path}' is {kind}, not a regular file: {fix}")
