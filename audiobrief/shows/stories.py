"""Choosing a run's stories (pure) and reading each one (its page, else the feed's own text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..clean import clean
from ..errors import InputError
from ..ingest import MAX_INPUT_BYTES, document_from_bytes, read_source
from ..netguard import display_url
from ..server.store.records import Source as Input
from .feeds import entry_keys
from .model import Entry, Origin, Story


def pick_entries(per_source: Sequence[Sequence[Entry]], seen: set[str], per_source_limit: int,
                 total_limit: int) -> list[Entry]:
    """Up to per_source_limit new entries of each source and total_limit in all, newest first;
    an entry whose id or canonical link the show has seen, or another source gave, is left out."""
    taken: set[str] = set(seen)
    chosen: list[Entry] = []
    for entries in per_source:
        count = 0
        for entry in sorted(entries, key=lambda e: -e.published):
            if count >= per_source_limit:
                break
            keys = entry_keys(entry)
            if taken.intersection(keys):
                continue
            taken.update(keys)
            chosen.append(entry)
            count += 1
    chosen.sort(key=lambda e: -e.published)
    return chosen[:total_limit]


@dataclass(frozen=True)
class ReadStory:
    """A story ready for the briefing: what it is, and the input the briefing reads."""

    story: Story
    input: Input


def read_story(entry: Entry, *, allow_private: bool, deadline_s: float) -> ReadStory | None:
    """The entry's page, fetched (within deadline_s seconds) and cleaned like any article URL; where
    that fails or cleans to nothing, the entry's own content or summary; None when neither has
    anything to read."""
    if entry.link:
        try:
            document = read_source(entry.link, allow_private_urls=allow_private, deadline_s=deadline_s)
            clean(document)
            data = document.text.encode("utf-8")
            return ReadStory(story(entry, "page"), Input("file", display_url(entry.link), data))
        except InputError:
            pass
    page = entry_page(entry)
    try:
        clean(document_from_bytes(page, entry.title or entry.key))
    except InputError:
        return None
    label = f"{entry.title or display_url(entry.link) or 'an entry'} (from the feed)"
    return ReadStory(story(entry, "entry"), Input("file", label[:200], page))


def story(entry: Entry, origin: Origin) -> Story:
    """The entry as an episode lists it: its link and feed without user names or passwords (a feed
    read with credentials resolves relative links to addresses that carry them)."""
    return Story(entry.title, display_url(entry.link), display_url(entry.source), origin)


def entry_page(entry: Entry) -> bytes:
    """An HTML page of the entry's title and content, for cleaning like a fetched page."""
    body = entry.content if "<" in entry.content else "".join(
        f"<p>{escape(part)}</p>" for part in entry.content.split("\n\n") if part.strip())
    page = (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{escape(entry.title)}</title></head>"
            f"<body><article><h1>{escape(entry.title)}</h1>{body}</article></body></html>")
    return page.encode("utf-8")[:MAX_INPUT_BYTES].decode("utf-8", "ignore").encode("utf-8")
