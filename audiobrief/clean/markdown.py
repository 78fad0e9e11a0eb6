"""Markdown read by its structure (markdown-it-py): headings, paragraphs, list items, table rows."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .furniture import (
    BIO,
    BYLINE,
    CODE,
    CODE_NOTE,
    DATELINE,
    REPEAT,
    furniture_kind,
)
from .language import detect_language
from .leftout import Extraction, Piece, comments_onward, heard_once
from .meta import author_bio_start, find_byline, find_date, is_date_line
from .rows import row_sentence

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

HEADLINE_WORDS = 40  #: an opening line without a heading mark is the title up to this many words
BYLINE_SIZE = 80  #: a byline paragraph is at most this long
BYLINE_LINES = 3  #: a "By ..." paragraph among the first this many is the byline, not the body
FRONT_LINES = 60  #: a front matter block is at most this many lines long
_FENCE = re.compile(r"^---[ \t]*$")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_FRONT_LINE = re.compile(r"^(?:[A-Za-z_][\w-]*[ \t]*:(?:[ \t].*)?|[ \t]+\S.*|-[ \t]+\S.*|[ \t]*|#.*)$")
_FRONT_FIELD = re.compile(r"^(?P<key>title|author|date)[ \t]*:[ \t]*(?P<value>.+?)[ \t]*$", re.M | re.I)
_SPACE = re.compile(r"\s+")
_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|www\.)\S*$", re.I)
_SIGNALS = (
    re.compile(r"^#{1,6}[ \t]+\S", re.M),  # ATX heading
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),  # inline link
    re.compile(r"(\*\*|__)\S[^\n]*?\S\1"),  # strong emphasis
    re.compile(r"^[ \t]*(```|~~~)", re.M),  # fenced code
    re.compile(r"^\|.*\|[ \t]*\n\|[ \t:]*-{3,}", re.M),  # table header and rule
)
_FIRST_LINE_HEADING = re.compile(r"\A\s*#{1,6}[ \t]+\S")


@dataclass(frozen=True)
class Block:
    """One readable piece of a Markdown document, in reading order."""

    kind: str  #: "heading", "paragraph", "row" or "code"
    text: str  #: its words as they are read (for code, the code itself)
    level: int = 0  #: heading level (1 for "#"), 0 for other kinds
    item: bool = False  #: an entry of a list


def front_matter_end(lines: Sequence[str], start: int = 0) -> int:
    """The index of the line closing a YAML front matter block that opens with the "---" line at
    start (fields like "title: ...", at most FRONT_LINES lines), or -1 when none opens there."""
    if start >= len(lines) or not _FENCE.match(lines[start]):
        return -1
    for end in range(start + 1, min(len(lines), start + FRONT_LINES)):
        if _FRONT_END.match(lines[end]):
            fields = [line for line in lines[start + 1:end] if line.strip() and not line.startswith("#")]
            return end if fields and ":" in fields[0] else -1
        if not _FRONT_LINE.match(lines[end]):
            return -1
    return -1


def looks_like_markdown(text: str) -> bool:
    """True for text that is plainly Markdown: it opens with a front matter block or a "#" heading,
    or shows two marks of Markdown (headings, links, strong emphasis, code fences, tables)."""
    head = text[:65536]
    if _FIRST_LINE_HEADING.match(head) or split_front_matter(head)[0]:
        return True
    return sum(len(pattern.findall(head)) for pattern in _SIGNALS) >= 2


def extract_markdown(text: str) -> Extraction:
    """Title, paragraphs, byline, date and language of a Markdown document; what a listener does not
    hear (furniture, repeats, the code of a code block, the byline, a date line) is left out, saying
    why."""
    fields, body = _front_matter(text)
    blocks = list(_blocks(_parser().parse(body)))
    title = fields.get("title", "")
    headline = next((b for b in blocks if b.kind == "heading" and b.level == 1
                     and not furniture_kind(b.text)), None)
    if headline is None and blocks and (blocks[0].kind == "heading" or _headline_like(blocks[0])):
        headline = blocks[0]
    if headline is not None and (not title or headline.text == title):
        title = headline.text
        blocks.remove(headline)
    blocks = [block for block in blocks if block.text]
    opening = range(min(BYLINE_LINES, len(blocks)))
    credit = next((n for n in opening if blocks[n].kind == "paragraph" and _is_byline(blocks[n].text)), -1)
    byline = fields.get("author", "") or (find_byline([blocks[credit].text]) if credit >= 0 else "")
    told = {n: DATELINE for n in opening if blocks[n].kind == "paragraph" and is_date_line(blocks[n].text)
            and blocks[n].text[-1:] not in ".!?"}
    if credit >= 0:
        told[credit] = BYLINE
    date = find_date([fields.get("date", ""), title, *(blocks[n].text for n in opening)])
    pieces = _judge(blocks, author_bio_start(byline), told)
    heard = " ".join(piece.text for piece in pieces if not piece.reason)
    return Extraction(title, tuple(pieces), byline, date, detect_language(heard or title))


def _headline_like(block: Block) -> bool:
    """True for an opening paragraph that reads as a headline: a short line of 2 to 40 words, not a
    sentence, a byline or page furniture (a Markdown file written as plain text, headline first)."""
    text = block.text
    return (block.kind == "paragraph" and 2 <= len(text.split()) <= HEADLINE_WORDS and len(text) <= 250
            and text[-1:] not in ".!?:;" and not _is_byline(text) and not furniture_kind(text))


def _is_byline(paragraph: str) -> bool:
    """True for a short "By Name" line that is not a sentence ("By Friday the port had reopened.")."""
    return len(paragraph) <= BYLINE_SIZE and paragraph[-1:] not in ".!?" and bool(find_byline([paragraph]))


def _parser() -> MarkdownIt:
    """CommonMark with tables and strikethrough; raw HTML is recognised so its tags can be dropped."""
    from markdown_it import MarkdownIt  # loads only when Markdown is read

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """The title, author and date of a YAML front matter block, and the text after it."""
    head, body = split_front_matter(text)
    fields = {m["key"].lower(): m["value"].strip("\"'") for m in _FRONT_FIELD.finditer(head)}
    return fields, body


def split_front_matter(text: str) -> tuple[str, str]:
    """A text's front matter block (with its fences and line break, "" when it has none) and the
    rest."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n", FRONT_LINES)
    end = front_matter_end(lines)
    if end < 0:
        return "", text
    size = sum(len(line) + 1 for line in lines[:end + 1])
    return text[:size], text[size:]


def _judge(blocks: Sequence[Block], authors: re.Pattern[str] | None, told: dict[int, str]) -> list[Piece]:
    """Each block kept, or left out and why: what told says of it (by index: the byline, a date
    line), page furniture, the author's bio, repeats and pull quotes, the code of a code block (a
    note says where it stood), and everything from the comments on."""
    pieces: list[Piece] = []
    notes: list[int] = []  #: where the notes of code blocks stand (they are heard, repeated or not)
    for n, block in enumerate(blocks):
        if block.kind == "code":
            notes.append(len(pieces))
            pieces += [Piece(CODE_NOTE), Piece(block.text, CODE)]
            continue
        kind = furniture_kind(block.text) if block.kind in ("heading", "paragraph") else ""
        if not kind and authors and authors.match(block.text):
            kind = BIO
        pieces.append(Piece(block.text, told.get(n, kind), block.item))
    judged = heard_once(comments_onward(pieces))
    for at in notes:
        if judged[at].reason == REPEAT:
            judged[at] = Piece(CODE_NOTE)
    return judged


def _blocks(tokens: Sequence[Token]) -> Iterator[Block]:
    """Headings, paragraphs (list items and quotes included), table rows and code, in order."""
    heading, in_cell, lists = 0, False, 0
    header: list[str] = []
    row: list[str] = []
    for token in tokens:
        if token.type in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = token.type.endswith("_open")
        elif token.type == "heading_open":
            heading = int(token.tag[1])
        elif token.type == "heading_close":
            heading = 0
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            if not header:
                header = row
            elif any(row):
                yield Block("row", row_sentence(header, row))
        elif token.type == "table_open":
            header = []
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "inline" and token.children is not None:
            words = inline_text(token.children)
            if in_cell:
                row.append(words)
            elif heading:
                yield Block("heading", words, heading)
            else:
                yield Block("paragraph", words, item=lists > 0)
        elif token.type in ("fence", "code_block"):
            yield Block("code", token.content.rstrip("\n"))
        elif token.type == "html_block":
            for paragraph in _html_text(token.content):
                yield Block("paragraph", paragraph)


def inline_text(children: Sequence[Token]) -> str:
    """The words of an inline run: emphasis and links become their text, images and tags go, and a
    link whose text is its own address becomes the site's name."""
    parts: list[str] = []
    link_start, href = -1, ""
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "link_open":
            link_start, href = len(parts), str(child.attrGet("href") or "")
        elif child.type == "link_close" and link_start >= 0:
            shown = "".join(parts[link_start:]).strip()
            if not shown or _ADDRESS.match(shown):
                parts[link_start:] = [site_name(href or shown)]
            link_start = -1
    return _SPACE.sub(" ", "".join(parts)).strip()


def site_name(address: str) -> str:
    """What a listener hears for a bare address: the site's host name ("example.org"), or, for an
    e-mail address, the address itself."""
    if address.lower().startswith("mailto:"):
        return address[7:]
    parts = urlsplit(address if "//" in address else f"//{address}")
    host = (parts.hostname or "").removeprefix("www.")
    return host or address


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment, without scripts, styles or comments."""

    SKIPPED = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        if tag in ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _html_text(fragment: str) -> list[str]:
    """The paragraphs of text in a raw HTML block."""
    reader = _TextOnly()
    reader.feed(fragment)
    reader.close()
    return [text for line in "".join(reader.parts).split("\n") if (text := _SPACE.sub(" ", line).strip())]
