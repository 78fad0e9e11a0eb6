"""What was left out of a finished briefing's articles (from its JSON sidecar), and a new briefing
made with some of those blocks read where they stood: its articles are given as their JSON form,
read as they are, so every sentence already spoken comes from the clip cache."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from fastapi import HTTPException, Request

from ...clean.leftout import read_in_place
from ...clean.saved import article_from_json, article_record
from ...model import Article
from ..jobs.about import ArticleNote, load_notes
from ..jobs.runner import briefing_dir
from ..schemas import BLOCK_ID
from ..store.records import Record, Source
from .intake import Intake

SIDECAR = "audio.json"
_BLOCK_ID = re.compile(BLOCK_ID)


@dataclass(frozen=True)
class Block:
    """One left-out block as the page and the API show it."""

    id: str  #: "ARTICLE-BLOCK": the article's and the block's places, counted from 0
    text: str
    reason: str
    after_paragraph: int  #: the paragraph (counted from 0) it came after; -1 before the first

    @property
    def place(self) -> str:
        """Where it stood, in words."""
        if self.after_paragraph < 0:
            return "before the first paragraph"
        return f"after paragraph {self.after_paragraph + 1}"


@dataclass(frozen=True)
class ArticleBlocks:
    """One article of a briefing and the blocks left out of it."""

    title: str
    blocks: tuple[Block, ...]


class UnknownBlocks(ValueError):
    """Some chosen blocks are not in the briefing's left-out list."""


def saved_articles(folder: Path) -> list[Article]:
    """The articles a finished briefing read, from its sidecar; none for a briefing made before the
    sidecar kept them."""
    path = folder / SIDECAR
    if not path.is_file():
        return []
    records = json.loads(path.read_text("utf-8")).get("articles", [])
    return [article_from_json(json.dumps(record), f"article {number}")
            for number, record in enumerate(records, 1)]


def left_out_of(articles: Sequence[Article]) -> list[ArticleBlocks]:
    """Each article's left-out blocks, with their ids."""
    return [ArticleBlocks(article.title or f"Article {a + 1}",
                          tuple(Block(f"{a}-{b}", block.text, block.reason, block.after_paragraph)
                                for b, block in enumerate(article.left_out)))
            for a, article in enumerate(articles)]


def chosen(articles: Sequence[Article], ids: Sequence[str]) -> list[Article]:
    """The articles with the chosen blocks (by id) read in their place; UnknownBlocks names any id
    that is not one of theirs, and an empty choice."""
    picks: dict[int, set[int]] = {}
    unknown = []
    for block_id in ids:
        article, block = map(int, block_id.split("-")) if _BLOCK_ID.match(block_id) else (-1, -1)
        if 0 <= article < len(articles) and 0 <= block < len(articles[article].left_out):
            picks.setdefault(article, set()).add(block)
        else:
            unknown.append(block_id[:40])
    if unknown:
        raise UnknownBlocks(f"this briefing has no left-out block {', '.join(map(repr, unknown[:5]))}: "
                            "choose from the blocks its page lists")
    if not picks:
        raise UnknownBlocks("no block was chosen: tick the blocks to read, then make it again")
    return [read_in_place(article, picks.get(number, set())) for number, article in enumerate(articles)]


def again(record: Record, articles: Sequence[Article], notes: Sequence[ArticleNote] = ()) -> Intake:
    """A request for a briefing like record, its articles given as their JSON form, each naming
    where it first came from (its note's address, file name or "pasted text") when that is known."""
    intake = Intake(title=record.requested_title, voice=record.voice, rate=record.rate,
                    pronunciations=dict(record.pronunciations), public=record.public)
    origins = [note.link or note.origin for note in notes] if len(notes) == len(articles) else []
    for number, article in enumerate(articles, 1):
        named = replace(article, source=origins[number - 1]) if origins else article
        data = json.dumps(article_record(named), ensure_ascii=False).encode("utf-8")
        intake.add(Source("text", f"article {number}", data), "text", ("text",))
    return intake


def blocks_of(request: Request, record: Record) -> list[ArticleBlocks]:
    """The left-out blocks of a briefing the visitor may see: 409 unless it is done."""
    if record.state != "done":
        raise HTTPException(409, f"the briefing is {record.state}: what was left out is known once it "
                                 "is made")
    return left_out_of(saved_articles(briefing_dir(request.app.state.settings, record.id)))


def made_again(request: Request, record: Record, ids: Sequence[str]) -> Intake:
    """The request for a briefing like record (one the visitor may change) with the chosen blocks
    read where they stood: 409 unless it is done, 422 for blocks it does not have."""
    if record.state != "done":
        raise HTTPException(409, f"the briefing is {record.state}: make it again once it is made")
    folder = briefing_dir(request.app.state.settings, record.id)
    try:
        return again(record, chosen(saved_articles(folder), ids), load_notes(folder))
    except UnknownBlocks as exc:
        raise HTTPException(422, str(exc)) from None
