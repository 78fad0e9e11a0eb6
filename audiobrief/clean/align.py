"""Where the HTML pass's blocks stand among the page's visible lines: every line no kept block covers
is left out, in its place, with the reason its own evidence (or the block it shows) gives."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

from .furniture import CAPTION, DATELINE, LINK_LIST, MENU, OUTSIDE, is_sentence, line_key
from .leftout import Piece


class Shown(Protocol):
    """What the page shows apart from its text: the keys (see line_key) of lines of a kind."""

    figures: frozenset[str]  #: inside figures (captions, credits)
    links: frozenset[str]  #: mostly link text
    quotes: frozenset[str]  #: inside block quotations

WINDOW = 3  #: words compared together to find where a block starts
SLACK = 40  #: after a difference inside a block, its next words are looked for this close
SCAN = 2000  #: a block that starts inside a line is looked for this far, word by word
GAP_LINES = 3  #: at most this many lines between two kept blocks are the article's too
PROSE_LINE = 50  #: an uncovered line this long that the page classifier kept is prose elsewhere


class _Page:
    """The page's words in order, the line each comes from, and where lines start (blocks of the
    HTML pass mostly start where a line does)."""

    def __init__(self, lines: Sequence[Piece]) -> None:
        self.words: list[str] = []
        self.line_of: list[int] = []
        self.starts: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
        for number, line in enumerate(lines):
            tokens = line_key(line.text).split()
            if tokens:
                self.starts[tuple(tokens[:WINDOW])].append(len(self.words))
            self.words.extend(tokens)
            self.line_of.extend([number] * len(tokens))

    def _at(self, words: Sequence[str], at: int) -> bool:
        """True when the page's words from at begin like words do."""
        size = min(WINDOW, len(words))
        return self.words[at:at + size] == list(words[:size])

    def find(self, words: Sequence[str], start: int, within: int) -> int:
        """The first place from start (at most within words on) where words begin, or -1: a line
        start first, then word by word."""
        starts = self.starts.get(tuple(words[:WINDOW]), [])
        index = bisect_left(starts, start)
        if index < len(starts) and starts[index] <= start + within:
            return starts[index]
        end = min(len(self.words), start + within + 1)
        return next((at for at in range(start, end) if self._at(words, at)), -1)

    def cover(self, words: Sequence[str], start: int, owner: list[int], number: int) -> int:
        """Mark the page words a block's words match, from start on (skipping small differences);
        the place after the last match, or start when the block is not on the page."""
        at = self.find(words, start, SCAN) if words else -1
        if at < 0:
            return start
        done = 0
        while done < len(words) and at >= 0:
            while done < len(words) and at < len(self.words) and self.words[at] == words[done]:
                owner[at] = number
                at, done = at + 1, done + 1
            start, at = at, -1
            while done < len(words) and at < 0:
                at = self.find(words[done:], start, SLACK)
                done += at < 0
        return start


def place_left_out(blocks: Sequence[Piece], lines: Sequence[Piece], page: Shown) -> tuple[Piece, ...]:
    """The HTML pass's kept blocks, with every page line they do not cover placed among them as left
    out: what a figure shows as a caption, a line of links as a link list, else by the reason of the
    dropped block it shows, else by the page classifier's reason. A line or two the page classifier
    kept between two kept blocks, a quotation set off between them (an embedded post), and prose
    the classifier kept right before the first, are the article's too."""
    words = _Page(lines)
    owner = [-1] * len(words.words)
    cursor = 0
    for number, block in enumerate(blocks):
        cursor = words.cover(line_key(block.text).split(), cursor, owner, number)
    shown: dict[int, list[int]] = defaultdict(list)
    for word, line in zip(owner, words.line_of, strict=True):
        shown[line].append(word)
    out: list[tuple[Piece, bool]] = []  #: each piece, and whether the page classifier kept it
    heard = 0  # blocks placed so far
    for number, line in enumerate(lines):
        block = _holder(shown.get(number, []))
        if block >= 0 and not blocks[block].reason:
            out.extend((piece, True) for piece in blocks[heard:block + 1] if not piece.reason)
            heard = max(heard, block + 1)
        elif line_key(line.text) in page.figures:
            out.append((Piece(line.text, CAPTION, line.item), False))
        elif line_key(line.text) in page.links:
            out.append((Piece(line.text, line.reason or LINK_LIST, line.item), False))
        elif block >= 0:
            out.extend((piece, True) for piece in blocks[heard:block] if not piece.reason)
            heard = max(heard, block)
            out.append((Piece(line.text, blocks[block].reason, line.item), False))
        elif shown.get(number):
            quoted = line_key(line.text) in page.quotes and line.reason in (OUTSIDE, MENU, DATELINE, "")
            out.append((Piece(line.text, line.reason or _shape(line.text), line.item),
                        not line.reason or quoted))
    out.extend((piece, True) for piece in blocks[heard:] if not piece.reason)
    return _lead_restored(_gaps_filled(out))


def _holder(words: list[int]) -> int:
    """The block that shows a line (covers at least half its words), or -1."""
    counts: defaultdict[int, int] = defaultdict(int)
    for block in words:
        counts[block] += 1
    block, count = max(counts.items(), key=lambda kv: kv[1], default=(-1, 0))
    return block if block >= 0 and 2 * count >= len(words) else -1


def _shape(text: str) -> str:
    """Why a line the page classifier kept is left out: prose elsewhere, or a short line."""
    return OUTSIDE if len(text) >= PROSE_LINE else MENU


def _gaps_filled(pieces: list[tuple[Piece, bool]]) -> list[tuple[Piece, bool]]:
    """The pieces, with a line or two the page classifier kept right between two kept blocks kept
    too: a subheading or a quoted post the extractor passed over is part of the article."""
    out = list(pieces)
    n = 1
    while n < len(out):
        if out[n][0].reason and not out[n - 1][0].reason:
            end = n
            while end < len(out) and out[end][0].reason and out[end][1]:
                end += 1
            if end - n <= GAP_LINES and end < len(out) and not out[end][0].reason:
                out[n:end] = [(Piece(piece.text, "", piece.item), True) for piece, _ in out[n:end]]
            n = end
        n += 1
    return out


def _lead_restored(pieces: list[tuple[Piece, bool]]) -> tuple[Piece, ...]:
    """The pieces, with sentences of prose the page classifier kept right before the first kept
    block kept too: a lead paragraph the page sets apart is still the article's first paragraph."""
    first = next((n for n, (piece, _) in enumerate(pieces) if not piece.reason), len(pieces))
    start = first
    while start > 0 and pieces[start - 1][1] and is_sentence(pieces[start - 1][0].text):
        start -= 1
    lead = tuple(Piece(piece.text, "", piece.item) for piece, _ in pieces[start:first])
    return (*(piece for piece, _ in pieces[:start]), *lead, *(piece for piece, _ in pieces[first:]))
