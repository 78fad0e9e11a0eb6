"""A name for a briefing before it has a title of its own: its first input's address, file name or
first words, so a waiting or failed briefing is never just "Untitled briefing"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from ...invisible import plain_title

FIRST_WORDS = 8  #: how many words of pasted text name it
MAX_NAME = 100  #: longest name, in characters
_MARKUP = re.compile(r"^[\s#>*_`~+=|-]+|[*_`]+")


class Named(Protocol):
    """An input as a briefing keeps it: its kind, its label and its bytes."""

    @property
    def kind(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def data(self) -> bytes: ...


def provisional_title(sources: Sequence[Named]) -> str:
    """The first input's URL, file name or first words, and how many more articles there are."""
    if not sources:
        return ""
    first = sources[0]
    name = first.label if first.kind in ("url", "file") else _first_words(first.data)
    more = len(sources) - 1
    return f"{name} and {more} more" if more else name


def _first_words(data: bytes) -> str:
    """The first words of a pasted article's first line with text, in quotes; Markdown marks go."""
    text = data.decode("utf-8", errors="replace")
    line = next((cleaned for raw in text.splitlines() if (cleaned := _MARKUP.sub("", raw).strip())), "")
    words = plain_title(line).split()
    shown = " ".join(words[:FIRST_WORDS])[:MAX_NAME]
    return f"“{shown}…”" if len(words) > FIRST_WORDS or len(shown) < len(" ".join(words)) else f"“{shown}”"
