"""Pasted page text: find the article body by the evidence each line carries, jusText-style, and
say of every other line why it was left out."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from .features import LineFeatures, measure, stopwords
from .furniture import (
    BIO,
    BYLINE,
    CAPTION,
    COMMENT_BUTTONS,
    COMMENTS,
    DATELINE,
    LINK_LIST,
    MENU,
    OUTSIDE,
    PHOTO_CREDIT,
    PROMO,
    REPEAT,
    WEAK_REASONS,
    furniture_kind,
    is_bulleted,
    line_key,
    pull_quotes,
    repeats,
    without_bullet,
)
from .language import detect_language
from .leftout import Extraction, Piece
from .meta import author_bio_start, find_byline, find_date, find_title, is_byline_line, is_date_line
from .rows import tables_read

GOOD_SIZE = 120  #: a prose line at least this long is article evidence
NEAR_SIZE = 50  #: a sentence at least this long is weaker evidence
GOOD_STOPS = 0.2  #: minimum stopword density of prose (languages with a stoplist)
SHORT_COST = 25.0  #: what each short line (menu item, label) costs a region
BAD_COST = 60.0  #: minimum cost of a known boilerplate line
TITLE_WINDOW = 40  #: lines after a title copy in which its article's prose must start
ANCHOR_SHARE = 0.3  #: prose right after the title must be this share of the best region
HEADER_LINES = 8  #: a byline or date this close after the headline ends the page's header
RUN_GROWTH = 4.0  #: in a run of non-prose lines, every this many lines add one more cost
LIST_WORDS = 4  #: a line of this many words with digits or lowercase words is a list entry
LIST_SHARE = 0.1  #: list entries (headlines, links) weigh this share of their length
DATA_SHARE = 0.3  #: list entries carrying figures (results, dates, prices) weigh this share
BARRIER = 1e9  #: cost of a line no article runs across (the start of the comments)
BARRIER_KINDS = frozenset({COMMENTS})
#: furniture that stands inside articles as often as around them (buttons, what stands beside photos,
#: "Related:" links between paragraphs, a byline): it costs a region only as much as a short line
CHEAP_KINDS = frozenset({COMMENT_BUTTONS, CAPTION, PHOTO_CREDIT, LINK_LIST, BYLINE})
LIST_HEADER = 40  #: a "related" line at most this long heads a list of links, up to the next prose
LIST_ENTRIES = 30  #: a link list under a "related" heading runs at most this many lines
MENU_RUN = 4  #: this many short lines in a row are a menu or link list
_PERIOD = re.compile("(?<![.])[.\u3002]['\"\u2019\u201d)]*$")  #: ends in a full stop, not "..."
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_INTRODUCES = re.compile(r":['\"\u2019\u201d]?$")  #: a line ending in a colon introduces what follows
_LABELLED = re.compile(r"^[^:.!?]{2,40}:\s+\S")  #: "Path A: Iceland, Norway": an entry of data


class Kind(enum.Enum):
    """Classes of lines, from surest article to surest boilerplate."""

    GOOD = "good"
    NEAR = "near"
    LISTY = "listy"
    SHORT = "short"
    BAD = "bad"


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


def _score(kind: Kind, feats: LineFeatures, data: bool = False) -> float:
    """A line's contribution to the article region it sits in (an entry of a list the article
    introduces weighs as data)."""
    if kind is Kind.GOOD:
        return float(feats.size)
    if kind is Kind.NEAR:
        return 0.5 * feats.size
    if kind is Kind.LISTY:
        return (DATA_SHARE if feats.digits or data else LIST_SHARE) * feats.size
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


def _body_start(read: list[_Line], title_at: int) -> int:
    """Where the body is anchored: after the first byline or date line soon after the headline
    (what stands between them is the standfirst, a photo and its caption), else after the headline."""
    if title_at < 0:
        return title_at
    for at in range(title_at + 1, min(len(read), title_at + 1 + HEADER_LINES)):
        if read[at].reason in (BYLINE, DATELINE):
            return at
    return title_at


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
    """The text's lines, tables read as sentences, runs of blanks collapsed, empty lines removed."""
    out = []
    for raw in tables_read(text.splitlines()):
        line = _SPACE.sub(" ", raw).strip()
        if line:
            out.append(line)
    return out


@dataclass(frozen=True)
class _Line:
    """One line's evidence: its class, its score in a region, and why it would be left out."""

    kind: Kind  #: its class in the page: a line after a bio heading, in a link list or copied is BAD
    own: Kind  #: its class on its own evidence
    score: float
    reason: str  #: what it is when it is left out: a furniture kind, or what its shape says


def _read_lines(lines: list[str], keys: list[str], title_key: str, stops: frozenset[str]) -> list[_Line]:
    """The evidence of each line, judged with what heads it: a bio's lines, a link list's entries
    and the entries of a list the article introduces ("... each path has one berth:").
    A later copy of a line counts against a region, like furniture, until the region is known."""
    later = repeats(lines, [True] * len(lines))
    authors = author_bio_start(find_byline(lines))
    out: list[_Line] = []
    after_bio, in_list, entries = 0, 0, 0  # lines left of a bio, of a link list, of an introduced list
    for line, key, copy in zip(lines, keys, later, strict=True):
        feats = measure(line, stops)
        furniture = furniture_kind(line) or (BIO if authors and authors.match(line) else "") or (
            BYLINE if is_byline_line(line) else "")
        kind = own = _classify(furniture, feats, bool(stops))
        if kind in (Kind.SHORT, Kind.LISTY) and (entries > 0 or _LABELLED.match(line)):
            kind = own = Kind.LISTY
        score = -BARRIER if furniture in BARRIER_KINDS else _score(kind, feats, data=entries > 0)
        listed = in_list > 0 and not (
            kind is Kind.GOOD or (kind is Kind.NEAR and _PERIOD.search(line)))
        reason = BIO if after_bio else furniture or copy or (LINK_LIST if listed else _shape(line, kind))
        if after_bio > 0:
            kind, score = Kind.BAD, min(score, _score(Kind.BAD, feats))
        elif furniture in CHEAP_KINDS:
            kind, score = Kind.BAD, -SHORT_COST
        elif not furniture and (copy or key == title_key or listed):
            kind, score = Kind.BAD, min(score, -SHORT_COST)
        after_bio = 2 if furniture == BIO and feats.size <= LIST_HEADER else max(0, after_bio - 1)
        heads_list = furniture == LINK_LIST and feats.size <= LIST_HEADER
        in_list = in_list - 1 if listed else LIST_ENTRIES if heads_list else 0
        introduces = not furniture and _INTRODUCES.search(line) is not None
        entries = LIST_ENTRIES if introduces else entries - 1 if kind is Kind.LISTY and entries else 0
        out.append(_Line(kind, own, score, reason))
    return out


def _shape(line: str, kind: Kind) -> str:
    """Why a line no rule names is left out: a byline, a date, a short line, or prose elsewhere."""
    if is_byline_line(line):
        return BYLINE
    if is_date_line(line):
        return DATELINE
    return OUTSIDE if kind in (Kind.GOOD, Kind.NEAR) else MENU


def _heard_once(lines: list[str], keep: list[bool], read: list[_Line], region: range) -> list[str]:
    """Why each line is left out, "" for the kept ones. Within the article the first copy of a
    repeat stays and later copies go, as does a pull quote whose paragraph is kept; a later copy
    whose first copy lies outside the article is heard in its place."""
    keep = [kept or (i in region and line.reason == REPEAT and line.own in (Kind.GOOD, Kind.NEAR, Kind.LISTY))
            for i, (kept, line) in enumerate(zip(keep, read, strict=True))]
    final = repeats(lines, keep)
    quoted = pull_quotes([line_key(line) for line in lines],
                         [kept and not again for kept, again in zip(keep, final, strict=True)])
    return ["" if kept and not again and not pulled else (again or REPEAT) if kept else line.reason
            for kept, again, pulled, line in zip(keep, final, quoted, read, strict=True)]


def extract_pasted(text: str) -> Extraction:
    """Title, body, byline, date and language of pasted page text; every line not kept says why."""
    lines = _lines(text)
    title, copies = find_title(lines)
    prose = " ".join(ln for ln in lines if len(ln) >= NEAR_SIZE)
    language = detect_language(prose or " ".join(lines))
    stops = stopwords(language)
    keys = [line_key(line) for line in lines]
    read = _read_lines(lines, keys, line_key(title), stops)
    kinds = [line.kind for line in read]
    walled = _walls([line.score for line in read], kinds)
    title_at = _body_start(read, _title_position(copies, walled))
    walled = [-s if i < title_at and s > 0 else s for i, s in enumerate(walled)]
    start, end = _anchored_region(walled, title_at)
    keep = [start <= i < end and kept for i, kept in enumerate(_smooth(kinds, start, end))]
    reasons = _heard_once(lines, keep, read, range(start, end))
    headline = set(copies)  # heard as the title, unless furniture ("Related: <the headline>")
    pieces = tuple(Piece(line if reason else without_bullet(line), reason, is_bulleted(line))
                   for i, (line, reason) in enumerate(zip(lines, reasons, strict=True))
                   if not (i in headline and reason in (*WEAK_REASONS, REPEAT, PROMO)))
    return Extraction(title, pieces, find_byline(lines), find_date(lines), language)
