"""Pasted page text: find the article body by the evidence each line carries, jusText-style."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from .boilerplate import boilerplate_kind, line_key, repeated_keys
from .features import LineFeatures, measure, stopwords
from .language import detect_language
from .meta import find_byline, find_date, find_title

GOOD_SIZE = 120  #: a prose line at least this long is article evidence
NEAR_SIZE = 50  #: a sentence at least this long is weaker evidence
GOOD_STOPS = 0.2  #: minimum stopword density of prose (languages with a stoplist)
SHORT_COST = 25.0  #: what each short line (menu item, label) costs a region
BAD_COST = 60.0  #: minimum cost of a known boilerplate line
TITLE_WINDOW = 40  #: lines after a title copy in which its article's prose must start
ANCHOR_SHARE = 0.3  #: prose right after the title must be this share of the best region
RUN_GROWTH = 4.0  #: in a run of non-prose lines, every this many lines add one more cost
LIST_WORDS = 4  #: a line of this many words with digits or lowercase words is a list entry
LIST_SHARE = 0.1  #: list entries (headlines, links) weigh this share of their length
DATA_SHARE = 0.3  #: list entries carrying figures (results, dates, prices) weigh this share
BARRIER = 1e9  #: cost of a line no article runs across (the start of the comments)
BARRIER_KINDS = frozenset({"comments"})
CHEAP_KINDS = frozenset({"reply"})  #: boilerplate that costs a region only as much as a short line
LIST_HEADER = 40  #: a "related" line at most this long heads a list of links, up to the next prose
MENU_RUN = 4  #: this many short lines in a row are a menu or link list
_PERIOD = re.compile("(?<![.])[.\u3002]['\"\u2019\u201d)]*$")  #: ends in a full stop, not "..."
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")


class Kind(enum.Enum):
    """Classes of lines, from surest article to surest boilerplate."""

    GOOD = "good"
    NEAR = "near"
    LISTY = "listy"
    SHORT = "short"
    BAD = "bad"


@dataclass(frozen=True)
class Extraction:
    """What a cleaning pass (pasted text or HTML) found on a page."""

    title: str
    paragraphs: list[str]
    byline: str
    date: str
    language: str  #: ISO 639-1 code of the page's prose


def _classify(boiler: str, feats: LineFeatures, has_stops: bool) -> Kind:
    """The class of one line from its own evidence and its boilerplate kind ("" for none)."""
    if boiler:
        return Kind.BAD
    prose = feats.stop_density >= GOOD_STOPS or not has_stops
    sentence = feats.sentence_end or feats.sentences > 0
    if feats.size >= GOOD_SIZE and prose and (sentence or feats.words >= 30):
        return Kind.GOOD
    if feats.size >= NEAR_SIZE and sentence and (prose or feats.stop_density >= GOOD_STOPS / 2):
        return Kind.NEAR
    if feats.words >= LIST_WORDS and (feats.digits or feats.lower_share >= 0.4):
        return Kind.LISTY
    return Kind.SHORT


def _score(kind: Kind, feats: LineFeatures) -> float:
    """A line's contribution to the article region it sits in."""
    if kind is Kind.GOOD:
        return float(feats.size)
    if kind is Kind.NEAR:
        return 0.5 * feats.size
    if kind is Kind.LISTY:
        return (DATA_SHARE if feats.digits else LIST_SHARE) * feats.size
    if kind is Kind.SHORT:
        return -SHORT_COST
    return -max(BAD_COST, float(feats.size))


def _best_region(scores: list[float]) -> tuple[int, int]:
    """Start and end (exclusive) of the run of lines with the largest total score."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _follow_mass(scores: list[float], at: int) -> float:
    """The best total reached by lines running on from just after a position."""
    best = total = 0.0
    for score in scores[at + 1 : at + 1 + TITLE_WINDOW]:
        total += score
        best = max(best, total)
    return best


def _title_position(copies: list[int], scores: list[float]) -> int:
    """Where the article's headline sits: the title copy most closely followed by prose."""
    best, best_mass = -1, 0.0
    for copy in copies:
        mass = _follow_mass(scores, copy)
        if mass >= best_mass and mass > 0:
            best, best_mass = copy, mass
    return best


def _anchored_region(scores: list[float], title_at: int) -> tuple[int, int]:
    """The best region starting soon after the title; the best anywhere when prose is far."""
    window = range(title_at + 1, min(len(scores), title_at + 1 + TITLE_WINDOW))
    overall = _best_region(scores)
    near = _follow_mass(scores, title_at)
    share = ANCHOR_SHARE if title_at == 0 else 0.0
    if title_at < 0 or near <= share * sum(scores[overall[0] : overall[1]]):
        return overall
    prefix = [0.0]
    for score in scores:
        prefix.append(prefix[-1] + score)
    best, span = 0.0, overall
    low, low_at = float("inf"), -1
    for end in range(window.start, len(scores)):
        if end in window and prefix[end] < low:
            low, low_at = prefix[end], end
        if prefix[end + 1] - low > best:
            best, span = prefix[end + 1] - low, (low_at, end + 1)
    return span


def _walls(scores: list[float], kinds: list[Kind]) -> list[float]:
    """Scores where each line of a long run of non-prose costs more than the one before."""
    out, run = [], 0
    for score, kind in zip(scores, kinds, strict=True):
        run = 0 if kind in (Kind.GOOD, Kind.NEAR) else run + 1
        out.append(score * (1 + run / RUN_GROWTH) if score <= 0 else score)
    return out


def _smooth(kinds: list[Kind], start: int, end: int) -> list[bool]:
    """Which lines of the region to keep: prose, and short lines in prose context."""
    keep = [k in (Kind.GOOD, Kind.NEAR, Kind.LISTY) for k in kinds]
    i = start
    while i < end:
        if kinds[i] is not Kind.SHORT:
            i += 1
            continue
        j = i
        while j < end and kinds[j] is Kind.SHORT:
            j += 1
        before = kinds[i - 1] if i > start else Kind.BAD
        after = kinds[j] if j < end else Kind.BAD
        if j - i < MENU_RUN and Kind.BAD not in (before, after):
            for k in range(i, j):
                keep[k] = True
        i = j
    return keep


def _lines(text: str) -> list[str]:
    """The text's lines with runs of blanks collapsed and empty lines removed."""
    out = []
    for raw in text.splitlines():
        line = _SPACE.sub(" ", raw).strip()
        if line:
            out.append(line)
    return out


def extract_pasted(text: str) -> Extraction:
    """Title, body paragraphs, byline, date and language of pasted page text."""
    lines = _lines(text)
    title, copies = find_title(lines)
    prose = " ".join(ln for ln in lines if len(ln) >= NEAR_SIZE)
    language = detect_language(prose or " ".join(lines))
    stops = stopwords(language)
    keys = [line_key(line) for line in lines]
    repeats = repeated_keys(keys)
    title_key = line_key(title)
    kinds: list[Kind] = []
    scores: list[float] = []
    after_bio, in_list = 0, False
    for line, key in zip(lines, keys, strict=True):
        feats = measure(line, stops)
        boiler = boilerplate_kind(line)
        kind = _classify(boiler, feats, bool(stops))
        score = -BARRIER if boiler in BARRIER_KINDS else _score(kind, feats)
        listed = in_list and not (kind is Kind.GOOD or (kind is Kind.NEAR and _PERIOD.search(line)))
        if after_bio > 0:
            kind = Kind.BAD
            score = min(score, _score(kind, feats))
        elif boiler in CHEAP_KINDS or (not boiler and (key in repeats or key == title_key or listed)):
            kind = Kind.BAD
            score = min(score, -SHORT_COST)
        after_bio = 2 if boiler == "bio" else max(0, after_bio - 1)
        in_list = listed or (boiler == "related" and feats.size <= LIST_HEADER)
        kinds.append(kind)
        scores.append(score)
    walled = _walls(scores, kinds)
    title_at = _title_position(copies, walled)
    walled = [-s if i < title_at and s > 0 else s for i, s in enumerate(walled)]
    start, end = _anchored_region(walled, title_at)
    keep = _smooth(kinds, start, end)
    paragraphs = [lines[i] for i in range(start, end) if keep[i]]
    return Extraction(title, paragraphs, find_byline(lines), find_date(lines), language)
