"""What a cleaning pass found, piece by piece, and the left-out list made from it: every block not
kept for the listener, with its reason and the paragraph it came after."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from ..model import Article, LeftOut
from .furniture import (
    CAPTION,
    COMMENT_BUTTONS,
    COMMENTS,
    PHOTO_CREDIT,
    REPEAT,
    WEAK_REASONS,
    line_key,
    pull_quotes,
    repeats,
    without_bullet,
)

LIST_ITEM = 2  #: a list entry of more words than this (a bullet, not a bare menu item) follows its list


@dataclass(frozen=True)
class Piece:
    """One line or block of a page, in reading order: kept for the listener, or left out and why."""

    text: str
    reason: str = ""  #: "" when it is kept, else why not (see furniture)
    item: bool = False  #: an entry of a list (a bullet, an <li>)


@dataclass(frozen=True)
class Extraction:
    """What a cleaning pass (pasted text, HTML, Markdown) found on a page."""

    title: str
    pieces: tuple[Piece, ...]  #: the page's text in reading order, each piece kept or not
    byline: str
    date: str
    language: str  #: ISO 639-1 code of the page's prose

    @property
    def paragraphs(self) -> list[str]:
        """The kept pieces' texts."""
        return [piece.text for piece in self.pieces if not piece.reason]


def _strong(reason: str) -> bool:
    return bool(reason) and reason not in WEAK_REASONS


def _lists_agree(reasons: list[str], pieces: Sequence[Piece]) -> None:
    """Entries of one left-out list that say only where they stood, or that they came before, take
    the reason most of its other entries give (subscriber benefits are one subscription block);
    a menu's one- and two-word items stay menu items."""
    i = 0
    while i < len(pieces):
        if not (pieces[i].item and reasons[i]):
            i += 1
            continue
        j = i
        while j < len(pieces) and pieces[j].item and reasons[j]:
            j += 1
        told = Counter(r for r in reasons[i:j] if _strong(r) and r != REPEAT)
        if told:
            common = told.most_common(1)[0][0]
            for k in range(i, j):
                told_only_where = not _strong(reasons[k]) or reasons[k] == REPEAT
                if told_only_where and len(without_bullet(pieces[k].text).split()) > LIST_ITEM:
                    reasons[k] = common
        i = j


def _labels_join(reasons: list[str]) -> None:
    """A line that says only where it stood takes the reason of what it labels: the line before a
    caption or after a photo credit is a caption, and a single line right before a block ("About
    the writer", "Newsletter") heads it."""
    for i, reason in enumerate(reasons):
        if reason not in WEAK_REASONS:
            continue
        before = reasons[i - 1] if i else ""
        after = reasons[i + 1] if i + 1 < len(reasons) else ""
        if after in (CAPTION, PHOTO_CREDIT) or before == PHOTO_CREDIT:
            reasons[i] = CAPTION
        elif _strong(after) and before != reason:
            reasons[i] = after


def heard_once(pieces: Sequence[Piece]) -> list[Piece]:
    """The pieces, with a later copy of a kept one, a pull quote whose paragraph is kept, and a block
    printed twice in a row left out (see furniture.repeats and furniture.pull_quotes)."""
    keys = [line_key(piece.text) for piece in pieces]
    kept = [not piece.reason for piece in pieces]
    again = repeats([piece.text for piece in pieces], kept)
    quoted = pull_quotes(keys, [k and not a for k, a in zip(kept, again, strict=True)])
    return [Piece(piece.text, piece.reason or a or (REPEAT if q else ""), piece.item)
            for piece, a, q in zip(pieces, again, quoted, strict=True)]


def comments_onward(pieces: Sequence[Piece]) -> list[Piece]:
    """The pieces, none heard from the comments on: what follows a comments heading is comments."""
    at = next((n for n, piece in enumerate(pieces) if piece.reason == COMMENTS), len(pieces))
    return [*pieces[:at], *(Piece(piece.text, piece.reason or COMMENTS, piece.item) for piece in pieces[at:])]


def _comments_named(reasons: list[str]) -> None:
    """Lines after a comments heading that say only where they stood are comments, up to the next
    block named for what it is (a list of other stories, the footer's copyright)."""
    within = False
    for i, reason in enumerate(reasons):
        if reason == COMMENTS:
            within = True
        elif within and reason in WEAK_REASONS:
            reasons[i] = COMMENTS
        elif reason != COMMENT_BUTTONS:
            within = False


def split_pieces(pieces: Sequence[Piece]) -> tuple[tuple[str, ...], tuple[LeftOut, ...]]:
    """The kept paragraphs, and the left-out blocks: runs of left-out pieces with one reason,
    each placed after the paragraph it followed (-1: before the first)."""
    pieces = [piece for piece in pieces if piece.text.strip()]
    reasons = [piece.reason for piece in pieces]
    _lists_agree(reasons, pieces)
    _comments_named(reasons)
    _labels_join(reasons)
    paragraphs: list[str] = []
    blocks: list[LeftOut] = []
    run: list[str] = []
    for i, (piece, reason) in enumerate(zip(pieces, reasons, strict=True)):
        if not reason:
            paragraphs.append(piece.text)
            continue
        run.append(piece.text)
        if i + 1 == len(pieces) or reasons[i + 1] != reason:
            blocks.append(LeftOut("\n".join(run), reason, len(paragraphs) - 1))
            run = []
    return tuple(paragraphs), tuple(blocks)


def read_in_place(article: Article, chosen: Collection[int]) -> Article:
    """The article with the chosen left-out blocks (by their index in its list) read where they
    stood, each of their lines a paragraph; the other blocks stay left out, placed anew."""
    after: defaultdict[int, list[tuple[int, LeftOut]]] = defaultdict(list)
    for number, block in enumerate(article.left_out):
        after[block.after_paragraph].append((number, block))
    paragraphs: list[str] = []
    left_out: list[LeftOut] = []

    def place(index: int) -> None:
        for number, block in after[index]:
            if number in chosen:
                paragraphs.extend(line for line in block.text.splitlines() if line.strip())
            else:
                left_out.append(replace(block, after_paragraph=len(paragraphs) - 1))

    place(-1)
    for index, paragraph in enumerate(article.paragraphs):
        paragraphs.append(paragraph)
        place(index)
    return replace(article, paragraphs=tuple(paragraphs), left_out=tuple(left_out))
