"""Line-level boilerplate: known phrases in several languages, captions, credits, repeats."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from importlib import resources

MAX_PHRASE_LINE = 200  #: longer lines are prose; rules of a kind apply up to its limit


def _alternation(rules: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern trying each rule, or None when there are none."""
    return re.compile("|".join(f"(?:{r})" for r in rules), re.IGNORECASE) if rules else None


@cache
def _rules() -> list[tuple[str, int, re.Pattern[str] | None, re.Pattern[str] | None]]:
    """Per kind of data/boilerplate.txt: name, longest line, anchored and floating rules."""
    text = resources.files(__package__).joinpath("data/boilerplate.txt").read_text("utf8")
    kinds: dict[str, list[str]] = {}
    limits: dict[str, int] = {}
    kind = "other"
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            kind, _, limit = line[1:-1].partition(" ")
            limits[kind] = int(limit or MAX_PHRASE_LINE)
        elif line and not line.startswith("#"):
            kinds.setdefault(kind, []).append(line)
    return [
        (
            k,
            limits.get(k, MAX_PHRASE_LINE),
            _alternation([r for r in rules if r.startswith("^")]),
            _alternation([r for r in rules if not r.startswith("^")]),
        )
        for k, rules in kinds.items()
    ]


def boilerplate_kind(line: str) -> str:
    """The kind of boilerplate a line is ("caption", "share", ...), or "" for none."""
    line = line.strip()
    for kind, limit, anchored, floating in _rules():
        if len(line) > limit:
            continue
        if (anchored and anchored.match(line)) or (floating and floating.search(line)):
            return kind
    return ""


def is_boilerplate(line: str) -> bool:
    """True when a line is a known kind of web-page boilerplate a listener should not hear."""
    return boilerplate_kind(line) != ""


def line_key(line: str) -> str:
    """A normalised form of a line used to find repeats and title duplicates."""
    folded = unicodedata.normalize("NFKC", line).casefold()
    return " ".join(re.findall(r"\w+", folded))


def repeated_keys(keys: list[str], min_words: int = 3) -> set[str]:
    """Line keys (see line_key) of at least min_words words that occur more than once."""
    counts = Counter(k for k in keys if k.count(" ") + 1 >= min_words)
    return {k for k, n in counts.items() if n > 1}


def drop_repeats(paragraphs: list[str]) -> list[str]:
    """Remove every copy of a paragraph that occurs more than once (promos, share bars)."""
    keys = [line_key(p) for p in paragraphs]
    repeats = repeated_keys(keys)
    return [p for p, key in zip(paragraphs, keys, strict=True) if key not in repeats]


def is_bio_header(line: str) -> bool:
    """True for an "About the author" heading that starts a bio block."""
    return boilerplate_kind(line) == "bio"
