"""A run's reading, several fetches at once: every source of a show, then the pages of the stories
picked, on at most `concurrency` threads (each fetch bounded by the fetcher's own limits), results
in the order given. One slow or hostile source holds one thread, not the run."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from ..errors import InputError
from .feeds import FeedRead, read_feed
from .model import Entry, Source
from .stories import ReadStory, read_story

T = TypeVar("T")
R = TypeVar("R")


def read_sources(sources: Sequence[Source], *, allow_private: bool, deadline_s: float,
                 concurrency: int) -> list[FeedRead | InputError]:
    """Each source's read (within deadline_s seconds), or the InputError saying why it cannot be read."""

    def read(source: Source) -> FeedRead | InputError:
        try:
            return read_feed(source, allow_private=allow_private, deadline_s=deadline_s)
        except InputError as exc:
            return exc

    return in_parallel(read, sources, concurrency)


def read_stories(entries: Sequence[Entry], *, allow_private: bool, deadline_s: float,
                 concurrency: int) -> list[ReadStory | None]:
    """Each entry's story (its page, fetched within deadline_s seconds, else the feed's own text),
    None when it has nothing to read."""
    return in_parallel(lambda entry: read_story(entry, allow_private=allow_private, deadline_s=deadline_s),
                       entries, concurrency)


def in_parallel(work: Callable[[T], R], items: Sequence[T], concurrency: int) -> list[R]:
    """work(item) for every item on at most `concurrency` threads, in order (the first exception
    other than those work returns is raised)."""
    if len(items) <= 1:
        return [work(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(concurrency, len(items)), thread_name_prefix="show-read") as pool:
        return list(pool.map(work, items))
