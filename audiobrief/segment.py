"""Split an article into speakable segments: sentences, and clauses of over-long sentences."""

from __future__ import annotations

import itertools
import re
from functools import cache
from importlib import resources

from .model import Article, Segment

MAX_SEGMENT_CHARS = 300
_CLAUSE_BREAKS = (
    re.compile(r"[;:]\s+"),
    re.compile(r"\s+[\u2014\u2013]\s+|\u2014"),
    re.compile(r",\s+"),
    re.compile(r"\s+"),
)
_SPACE = re.compile(r"\s+")
_STARTERS = (
    "The|A|An|It|He|She|They|We|I|This|That|These|Those|But|And|In|On|At|As|For|Some|Many|"
    "Its|Their|His|Her|There|Still|Yet|So|Meanwhile|However"
)
_EXTRA_BREAKS = re.compile(
    rf"(?:\b(?:[A-Z]\.){{2,}}|\.\.\.|…)\s+(?=(?:{_STARTERS})\b|[“\"])"
)
_NUMBER_SIGN = re.compile(r"\bNos?\.$")
_SENTENCE_END = re.compile(r"(?<![.?!])(?P<mark>[?!]+|\.(?!\.))[\"'\u201d\u2019)\]]*(?= \S)")
_STRAY_CLOSING_QUOTE = re.compile(r"[\"\u201d\u2019]+(?:$| [^A-Z\u201c\u2018\"'(\[])")
_LAST_WORD = re.compile(r"(?:^|(?<=\s))[(\[\"'\u201c\u2018]*(\S+)\Z")


@cache
def _abbreviations() -> frozenset[str]:
    """Words that end with a period without ending a sentence (packaged list, lower case)."""
    text = resources.files("audiobrief").joinpath("data/abbreviations.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, whitespace normalised, nothing dropped."""
    flat = _SPACE.sub(" ", paragraph).strip()
    if not flat:
        return []
    cuts = {match.end() for match in _SENTENCE_END.finditer(flat) if _ends_sentence(flat, match)}
    cuts |= {match.end() for match in _EXTRA_BREAKS.finditer(flat)}
    cuts = {cut for cut in cuts if _may_start(flat, cut)}
    bounds = sorted(cuts | {0, len(flat)})
    return [flat[a:b].strip() for a, b in itertools.pairwise(bounds) if flat[a:b].strip()]


def _ends_sentence(flat: str, match: re.Match[str]) -> bool:
    """Whether a "?", "!" or "." (with any closing quotes) ends a sentence: not after a listed
    abbreviation, and not after an initial ("J. Smith")."""
    if match.group("mark") != ".":
        return True
    word = _LAST_WORD.search(flat, max(0, match.start() - 40), match.start())
    if not word:
        return True
    token = word.group(1).casefold()
    if token in _abbreviations() or token.rsplit("-", 1)[-1] in _abbreviations():
        return False
    return not (len(token) == 1 and token.isalpha())


def _may_start(flat: str, cut: int) -> bool:
    """False before a lower-case word or a stray closing quote, and after "No." before a number.
    Looks only near the cut (flat has single spaces): a paragraph can be a whole page long."""
    end = cut - 1 if flat[cut - 1 : cut] == " " else cut
    start = cut + 1 if flat[cut : cut + 1] == " " else cut
    first = flat[start : start + 1]
    if first.islower() or _STRAY_CLOSING_QUOTE.match(flat, start):
        return False
    return not (first.isdigit() and _NUMBER_SIGN.search(flat, max(0, end - 8), end))


def split_long(sentence: str, limit: int = MAX_SEGMENT_CHARS) -> list[str]:
    """Split a sentence longer than limit at clause boundaries, strongest break first.

    One pass from the start: each piece looks at most limit + 1 characters ahead, so the work
    is linear in the sentence's length whatever its punctuation (nothing is copied but pieces).
    """
    if len(sentence) <= limit:
        return [sentence]
    pieces: list[str] = []
    start, end = _skip_space(sentence, 0), len(sentence)
    while end - start > limit:
        cut = _best_cut(sentence, start, limit)
        pieces.append(sentence[start:cut].rstrip())
        start = _skip_space(sentence, cut)
    if start < end:
        pieces.append(sentence[start:])
    return pieces


def _best_cut(sentence: str, start: int, limit: int) -> int:
    """Where the piece starting at start ends: after the strongest break within limit, else at limit."""
    for pattern in _CLAUSE_BREAKS:
        cut = _last_break(sentence, pattern, start, limit)
        if cut:
            return cut
    return start + limit


def _last_break(sentence: str, pattern: re.Pattern[str], start: int, limit: int) -> int:
    """End of the last break within limit of start that leaves a head of at least a third of limit."""
    best = 0
    for match in pattern.finditer(sentence, start, start + limit + 1):
        if match.end() - start >= limit // 3:
            best = match.end()
    return best


def _skip_space(text: str, position: int) -> int:
    """The first position at or after position that is not whitespace."""
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def segment_article(article: Article, article_index: int, *, with_title: bool) -> tuple[Segment, ...]:
    """Segments of one article in reading order, the title first when asked for."""
    segments: list[Segment] = []
    if with_title and article.title:
        for index, piece in enumerate(split_long(_SPACE.sub(" ", article.title).strip())):
            segments.append(
                Segment(f"a{article_index}-title-s{index}", article_index, -1, index, piece)
            )
    for p_index, paragraph in enumerate(article.paragraphs):
        pieces = [piece for sentence in split_sentences(paragraph) for piece in split_long(sentence)]
        for s_index, piece in enumerate(pieces):
            segment_id = f"a{article_index}-p{p_index}-s{s_index}"
            segments.append(Segment(segment_id, article_index, p_index, s_index, piece))
    return tuple(segments)
