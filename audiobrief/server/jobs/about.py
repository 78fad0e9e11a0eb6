"""What a briefing's page says about it: each article's headline, byline, date and where it came from
(articles.json beside the audio, written as the briefing is made)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ...ingest import is_url
from ...model import Article
from ..store.records import Source

NOTES_FILE = "articles.json"


@dataclass(frozen=True)
class ArticleNote:
    """One article of a briefing as its page credits it."""

    title: str  #: headline, "" when none was found
    byline: str  #: author name(s), "" when unknown
    date: str  #: publication date (YYYY-MM-DD), "" when unknown
    origin: str  #: where it came from: the address, the file's name, or "pasted text"
    link: str  #: the article's web address, "" for files and pasted text


def notes_for(sources: Sequence[Source], articles: Sequence[Article]) -> list[ArticleNote]:
    """The notes for articles read from these sources, in order. Pasted text that is an article's
    JSON form names where it came from itself (an article made again keeps its origin)."""
    def origin(source: Source, article: Article) -> tuple[str, str]:
        if source.kind == "url":  # the label: the address without any user name or password
            return source.label, source.label
        if source.kind == "text" and article.source != source.label:
            return article.source, article.source if is_url(article.source) else ""
        return ("pasted text", "") if source.kind == "text" else (source.label, "")

    return [ArticleNote(article.title, article.byline, article.date, *origin(source, article))
            for source, article in zip(sources, articles, strict=True)]


def source_name(note: ArticleNote) -> str:
    """Where an article came from, short: its site's host name (without "www."), else its origin."""
    host = urlsplit(note.link).hostname if note.link else None
    return host.removeprefix("www.") if host else note.origin


def stories_description(notes: Sequence[ArticleNote]) -> str:
    """A feed episode's description as plain text: one line per story, its headline and where it came from."""
    return "\n".join(f"{note.title or 'Untitled article'} ({source_name(note)})." for note in notes)


def write_notes(folder: Path, notes: Sequence[ArticleNote]) -> None:
    """Write articles.json into folder (through a temporary file, renamed into place)."""
    scratch = folder / f".{NOTES_FILE}.part"
    scratch.write_text(json.dumps([asdict(note) for note in notes], ensure_ascii=False), "utf-8")
    os.replace(scratch, folder / NOTES_FILE)


def load_notes(folder: Path) -> list[ArticleNote]:
    """The notes in folder; none for briefings made before notes were kept."""
    path = folder / NOTES_FILE
    if not path.is_file():
        return []
    return [ArticleNote(**entry) for entry in json.loads(path.read_text("utf-8"))]

