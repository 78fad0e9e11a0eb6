"""Whole numbers from outside (form fields, headers, URLs, environment): ASCII digits only.

str.isdigit() and int() also accept '²', '①' and '٣٠٠', so a check with one and a parse with the
other either crashes or reads a number nobody typed."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]{1,18}")


def ascii_int(text: str | bytes, max_digits: int = 18) -> int | None:
    """The number text writes in 1 to max_digits ASCII digits, else None."""
    raw = text.decode("latin-1") if isinstance(text, bytes) else text
    if len(raw) > max_digits or not _DIGITS.fullmatch(raw):
        return None
    return int(raw)


def human_size(count: int) -> str:
    """A byte count as KB or MB for messages."""
    return f"{count / 1048576:.1f} MB" if count >= 1048576 else f"{max(1, round(count / 1024))} KB"
