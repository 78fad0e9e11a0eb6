"""HTML pages: trafilatura finds the main content, then our pass drops what it leaves behind; the
page's other visible text, line by line, is the rest of the left-out list."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml.etree import ParserError, _Element

from .align import place_left_out
from .furniture import (
    BIO,
    CAPTION,
    CODE,
    CODE_NOTE,
    LINK_LIST,
    MENU,
    SUMMARY,
    furniture_kind,
    is_bio_header,
    is_sentence,
    line_key,
)
from .leftout import Extraction, Piece, comments_onward, heard_once
from .meta import author_bio_start, clean_byline
from .pasted import extract_pasted
from .rows import row_sentence

RECALL_GAIN = 1.2  #: use the recall-oriented extraction when it is this much longer
FALLBACK_GAIN = 2.0  #: the text classifier's body must be this much longer to replace it
FALLBACK_OVERLAP = 0.8  #: ... and hold this share of the extractor's body
LINK_DENSE = 0.6  #: a block whose text is mostly link text is navigation
SHORT_ITEM = 40  #: a link-dense entry this short is a menu item, a longer one a headline
_SPACE = re.compile(r"\s+")
_CELLS = frozenset({"td", "th"})  #: a browser copies a row's cells with tabs between them
_BREAK = "\u2028"  #: where a line break stood inside a block
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "button",
                   "select", "form"})
_BLOCKS = frozenset({"p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4",
                     "h5", "h6", "br", "tr", "td", "th", "table", "header", "footer", "nav",
                     "aside", "main", "blockquote", "figure", "figcaption", "dd", "dt", "pre",
                     "hr"})


@dataclass(frozen=True)
class Block:
    """One block of extracted content with the share of its text that is link text."""

    tag: str
    text: str
    link_share: float




def _text(element: _Element) -> str:
    """The whitespace-normalised text of an element and its descendants."""
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def _block(element: _Element, tag: str) -> list[Block]:
    """Blocks for an element, one per line (a line break inside a paragraph starts a new one, as it
    does in the page's text), measuring how much of its text sits inside links."""
    text = _text(element)
    linked = sum(len(_text(ref)) for ref in element.iter("ref"))
    share = linked / len(text) if text else 0.0
    lines = [_SPACE.sub(" ", line).strip() for line in "".join(_line_text(element)).split(_BREAK)]
    return [Block(tag, line, share) for line in lines if line]


def _line_text(element: _Element) -> list[str]:
    """The text of an element and its descendants, a _BREAK where each line break stands."""
    out = [element.text or ""]
    for child in element:
        out.extend([_BREAK] if child.tag == "lb" else _line_text(child))
        out.append(child.tail or "")
    return out


def _table(table: _Element) -> list[Block]:
    """A table's rows, each one sentence of its cells with their column headings."""
    header: list[str] = []
    out: list[Block] = []
    for row in table.iter("row"):
        cells = [_text(cell) for cell in row.iterchildren("cell")]
        if not header and all(cell.get("role") == "head" for cell in row.iterchildren("cell")):
            header = cells
        elif any(cells):
            linked = sum(len(_text(ref)) for ref in row.iter("ref"))
            text = row_sentence(header, cells)
            out.append(Block("row", text, linked / len(text)))
    return out


def _blocks(body: _Element) -> list[Block]:
    """The body's blocks in reading order: list items, table rows and lines each on their own."""
    out: list[Block] = []
    for child in body:
        tag = str(child.tag)
        if tag == "list":
            out.extend(block for item in child.iterchildren("item") for block in _block(item, "item"))
        elif tag == "table":
            out.extend(_table(child))
        elif tag != "graphic":
            out.extend(_block(child, tag))
    return out


def _extract(html: str, favor_recall: bool) -> trafilatura.settings.Document | None:
    """Run trafilatura's extraction with our settings."""
    return trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        include_links=True,
        include_images=False,
        favor_recall=favor_recall,
        with_metadata=True,
        deduplicate=False,
    )


def _body_size(doc: trafilatura.settings.Document | None) -> int:
    """Characters of text in an extraction's body (0 when there is none)."""
    return len(_text(doc.body)) if doc is not None and doc.body is not None else 0


def _judge(blocks: list[Block], title: str, description: str, author: str,
           figures: frozenset[str]) -> list[Piece]:
    """Each block kept, or left out and why: title copies (heard as the title) go without a word;
    the summary standing as a subheading, what a figure shows, link lists (not sentences that are
    links), bios, furniture, repeats and everything from the comments on are left out."""
    title_key, desc_key = line_key(title), line_key(description)
    authors = author_bio_start(author)
    judged: list[Piece] = []
    in_bio = False
    for i, block in enumerate(blocks):
        key = line_key(block.text)
        if key and key == title_key:
            continue
        if block.tag == "code":
            judged += [Piece(CODE_NOTE), Piece(block.text, CODE)]
            continue
        if in_bio:
            in_bio = block.tag == "head"
            judged.append(Piece(block.text, BIO))
            continue
        kind = furniture_kind(block.text) or (BIO if authors and authors.match(block.text) else "")
        in_bio = is_bio_header(block.text)
        listing = block.tag in ("item", "row") or len(block.text) < 300
        if not kind and i < 3 and block.tag == "head" and key and key == desc_key:
            kind = SUMMARY
        elif not kind and key in figures:
            kind = CAPTION
        elif not kind and listing and block.link_share > LINK_DENSE and not is_sentence(block.text):
            kind = MENU if len(block.text) <= SHORT_ITEM else LINK_LIST
        judged.append(Piece(block.text, kind, block.tag == "item"))
    return heard_once(comments_onward(judged))


@dataclass(frozen=True)
class Rendered:
    """A page's visible text, as a reader would copy it, with what its figures and links show."""

    text: str  #: one line per block, list entries bulleted
    figures: frozenset[str]  #: keys (see line_key) of the lines inside <figure>: captions, credits
    links: frozenset[str]  #: keys of the lines that are mostly link text
    quotes: frozenset[str]  #: keys of the lines inside <blockquote>: quoted passages, embedded posts


def _render(top: _Element, out: list[tuple[str, bool]]) -> None:
    """Append the visible text under an element to out, each piece with whether it is link text:
    a line break at each block, a tab between a table row's cells (what is inside a cell stays on
    its row's line)."""
    stack: list[tuple[_Element, bool, bool, bool]] = [(top, False, False, False)]
    while stack:
        element, closing, linked, in_cell = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""
        tail = element.tail or "" if element is not top else ""
        if closing:
            block = tag in _BLOCKS and tag not in _CELLS
            out.append((" " if block and in_cell else "\n" if block else "", False))
            out.append((tail, linked))
            continue
        if tag in _SKIP or not tag:
            out.append((tail, linked))
            continue
        inside = linked or tag == "a"
        out.append((" " if in_cell and tag in _BLOCKS else _opening(element, tag), False))
        out.append((element.text or "", inside))
        stack.append((element, True, linked, in_cell))
        stack.extend((child, False, inside, in_cell or tag in _CELLS) for child in reversed(element))


def _opening(element: _Element, tag: str) -> str:
    """What a browser's copy puts before an element: a bullet for a list entry, a tab between a
    row's cells, a line break before a block."""
    if tag == "li":
        return "\n\u2022 "
    if tag in _CELLS:
        return "\t" if element.getprevious() is not None else ""
    return "\n" if tag in _BLOCKS else ""


def _lines_of(pieces: list[tuple[str, bool]]) -> list[tuple[str, float]]:
    """The lines rendered pieces make, each with the share of its text that is link text."""
    lines: list[tuple[str, float]] = []
    text: list[str] = []
    linked = 0
    for piece, in_link in [*pieces, ("\n", False)]:
        head, newline, rest = piece.partition("\n")
        while True:
            text.append(head)
            linked += len(head.strip()) if in_link else 0
            if not newline:
                break
            line = "".join(text)
            lines.append((line, linked / len(line.strip()) if line.strip() else 0.0))
            text, linked = [], 0
            head, newline, rest = rest.partition("\n")
    return lines


def render_page(html: str) -> Rendered:
    """The page's visible text with one line per block, and the lines its figures and links show."""
    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return Rendered("", frozenset(), frozenset(), frozenset())
    body: list[tuple[str, bool]] = [(root.findtext(".//title") or "", False), ("\n", False)]
    _render(root.find("body") if root.find("body") is not None else root, body)
    lines = _lines_of(body)
    return Rendered("\n".join(line for line, _ in lines), _shown_in(root, "figure"),
                    frozenset(key for line, share in lines if share > LINK_DENSE and (key := line_key(line))),
                    _shown_in(root, "blockquote"))


def _shown_in(root: _Element, tag: str) -> frozenset[str]:
    """The keys (see line_key) of the lines the page's elements of a kind show."""
    pieces: list[tuple[str, bool]] = []
    for element in root.iter(tag):
        _render(element, pieces)
        pieces.append(("\n", False))
    return frozenset(key for line, _ in _lines_of(pieces) if (key := line_key(line)))


def _prefer_classifier(extracted: list[str], classified: list[str]) -> bool:
    """True when the text classifier found the same article and clearly more of it."""
    size = sum(map(len, extracted))
    keys = {line_key(p) for p in classified}
    shared = sum(len(p) for p in extracted if line_key(p) in keys)
    return sum(map(len, classified)) > FALLBACK_GAIN * size and shared >= FALLBACK_OVERLAP * size


def extract_html(html: str) -> Extraction:
    """Main content and metadata of an HTML page; the language is that of its visible prose. What
    the page shows besides the article is placed, line by line, in the left-out list."""
    doc = _extract(html, favor_recall=False)
    wide = _extract(html, favor_recall=True)
    if _body_size(wide) > RECALL_GAIN * _body_size(doc):
        doc = wide
    page = render_page(html)
    classified = extract_pasted(page.text)
    if doc is None or doc.body is None:
        return classified
    byline = clean_byline(doc.author or "")
    pieces = _judge(_blocks(doc.body), doc.title or "", doc.description or "", byline, page.figures)
    kept = [piece.text for piece in pieces if not piece.reason]
    if _prefer_classifier(kept, classified.paragraphs):
        return Extraction(doc.title or "", classified.pieces, byline, doc.date or "", classified.language)
    placed = place_left_out(pieces, classified.pieces, page)
    return Extraction(doc.title or "", placed, byline, doc.date or "", classified.language)
