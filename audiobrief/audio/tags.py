"""A briefing's metadata, and its ID3v2.3 tags (mutagen): title, artist, album, date, chapters, cover."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Article, Chapter


@dataclass(frozen=True)
class BriefingMeta:
    """What the tags and sidecar files say about a briefing."""

    title: str
    artist: str
    album: str = "audiobrief"
    date: str = ""
    language: str = "en"
    chapter_titles: tuple[str, ...] = ()  #: one per article, in order
    cover_png: bytes = b""
    articles: tuple[Article, ...] = ()  #: the articles read, with what was left out of each (sidecar)


def write_tags(mp3: Path, meta: BriefingMeta, chapters: Sequence[Chapter]) -> None:
    """Tag the MP3 at mp3 in place."""
    from mutagen.id3 import APIC, CHAP, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, CTOCFlags

    tags = ID3()
    tags.add(TIT2(encoding=3, text=meta.title))
    tags.add(TPE1(encoding=3, text=meta.artist))
    tags.add(TALB(encoding=3, text=meta.album))
    if meta.date:
        tags.add(TDRC(encoding=3, text=meta.date))
    tags.add(TLAN(encoding=3, text=meta.language))
    ids = [f"chp{number}" for number in range(len(chapters))]
    if chapters:
        tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                      child_element_ids=ids, sub_frames=[TIT2(encoding=3, text=meta.title)]))
    for chapter_id, chapter in zip(ids, chapters, strict=True):
        tags.add(CHAP(element_id=chapter_id, start_time=chapter.start_ms,
                      end_time=chapter.end_ms, sub_frames=[TIT2(encoding=3, text=chapter.title)]))
    if meta.cover_png:
        tags.add(APIC(encoding=3, mime="image/png", type=3, desc="Cover", data=meta.cover_png))
    tags.save(str(mp3), v2_version=3)
