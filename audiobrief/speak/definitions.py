"""Acronym definitions in text, "long form (SF)" and "SF (long form)", after Schwartz & Hearst (2003)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: a parenthesis with at most one nested level: "(ATACMS)", "(ASA(ALT))"
PAREN = re.compile(r"\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)?)\)")
SENTENCE_END = re.compile(r"(?:[.!?;:]\s|[\[\]()\"\u201c\u201d])")
#: how far before a parenthesis a long form may start (keeps the search linear in the text)
CANDIDATE_REACH = 400
LINKING = {"for", "of", "and", "the", "on", "in", "to", "at", "a", "an"}


@dataclass(frozen=True)
class Definition:
    """A short form defined in the text and the long form it stands for."""

    short: str
    long: str


def _is_short_form(text: str) -> bool:
    """Schwartz & Hearst's short-form test, plus at least one capital letter."""
    bare = re.sub(r"[()]", "", text)
    return (
        2 <= len(bare) <= 10
        and len(text.split()) <= 2
        and text[0].isalnum()
        and any(ch.isupper() for ch in text)
        and any(ch.isalpha() for ch in text)
    )


def _match_positions(short: str, long: str) -> list[int] | None:
    """Match each letter or digit of the short form, right to left, to a character of the long form.

    Returns, for each short-form character, the index of its match in the long form; the first
    character must start a word. None when there is no match.
    """
    chars = [(i, ch.lower()) for i, ch in enumerate(short) if ch.isalnum()]
    positions: dict[int, int] = {}
    index = len(long) - 1
    for n in range(len(chars) - 1, -1, -1):
        i, ch = chars[n]
        first = n == 0
        while index >= 0 and (
            long[index].lower() != ch or (first and index > 0 and long[index - 1].isalnum())
        ):
            index -= 1
        if index < 0:
            return None
        positions[i] = index
        index -= 1
    return [positions[i] for i, _ in chars]


def _word_start(text: str, index: int) -> int:
    """Index of the start of the word holding text[index]."""
    return text.rfind(" ", 0, index) + 1


def _trim(text: str) -> str:
    """Drop linking words and punctuation from the end of a long form part."""
    words = text.replace(",", " , ").split()
    while words and (words[-1].lower() in LINKING or words[-1] == ","):
        words.pop()
    return " ".join(words).replace(" , ", ", ")


def best_long_form(short: str, candidate: str) -> str | None:
    """The shortest tail of the candidate text whose letters spell the short form, or None."""
    positions = _match_positions(short, candidate)
    if positions is None:
        return None
    long = candidate[_word_start(candidate, positions[0]) :].strip()
    n_chars = sum(ch.isalnum() for ch in short)
    if len(long) <= len(short) or len(long.split()) > min(n_chars + 5, n_chars * 2):
        return None
    if short.lower() in long.lower().split():
        return None
    return long


def _nested(short: str, long: str) -> list[Definition]:
    """Split "ASA(ALT)" defined by one long form into the outer and inner definitions."""
    outer, _, rest = short.partition("(")
    inner = rest.rstrip(")")
    if not outer or not inner:
        return []
    positions = _match_positions(short, long)
    if positions is None:
        return []
    split = _word_start(long, positions[len([c for c in outer if c.isalnum()])])
    inner_long, outer_long = long[split:].strip(), _trim(long[:split])
    found = [Definition(inner, inner_long)]
    if outer_long:
        found.append(Definition(outer, outer_long))
    return found


def _candidate(before: str) -> str:
    """The text a long form may come from: the end of the sentence before a parenthesis."""
    cut = 0
    for m in SENTENCE_END.finditer(before):
        cut = m.end()
    return before[cut:].rstrip()


def find_in(text: str) -> list[Definition]:
    """All definitions in one text, in order."""
    found: list[Definition] = []
    for m in PAREN.finditer(text):
        inner = m["inner"].strip()
        first = re.split(r"[;,]\s", inner)[0].strip()
        if first and _is_short_form(first):
            long = best_long_form(first, _candidate(text[max(0, m.start() - CANDIDATE_REACH) : m.start()]))
            if long:
                found.append(Definition(first, long))
                if "(" in first:
                    found.extend(_nested(first, long))
            continue
        words = text[max(0, m.start() - CANDIDATE_REACH) : m.start()].split()
        if len(inner.split()) > 2 and words:
            short = words[-1].strip(",;:")
            if _is_short_form(short) and best_long_form(short, inner) == inner:
                found.append(Definition(short, inner))
    return found


def find_definitions(texts: Iterable[str]) -> dict[str, str]:
    """Short form -> long form over several texts (one article); the first definition wins."""
    table: dict[str, str] = {}
    for text in texts:
        if "(" not in text:
            continue
        for d in find_in(text):
            table.setdefault(d.short, d.long)
    return table
