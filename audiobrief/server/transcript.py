"""The briefing page's transcript: segments grouped into articles and paragraphs, from OUT.json."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

_ID = re.compile(r"^a(\d+)-(?:(title)|p(\d+))-s\d+")


@dataclass(frozen=True)
class Sentence:
    """One segment as shown: its id, times in seconds and written text."""

    id: str
    start: float
    end: float
    text: str


@dataclass
class Section:
    """The intro or one article: its heading sentences and its paragraphs."""

    heading: list[Sentence] = field(default_factory=list)
    paragraphs: list[list[Sentence]] = field(default_factory=list)


@dataclass(frozen=True)
class ChapterLink:
    """A chapter as shown: title and start in seconds."""

    title: str
    start: float


@dataclass(frozen=True)
class Transcript:
    """Everything the page shows of a finished briefing's text."""

    sections: list[Section]
    chapters: list[ChapterLink]
    duration: float


def load_transcript(path: Path) -> Transcript:
    """Read OUT.json and group its segments for the page."""
    data = json.loads(path.read_text("utf-8"))
    sections: list[Section] = []
    keys: list[tuple[str, str]] = []
    for segment in data["segments"]:
        sentence = Sentence(segment["id"], segment["start_ms"] / 1000, segment["end_ms"] / 1000,
                            segment["written"])
        match = _ID.match(segment["id"])
        article = f"a{match.group(1)}" if match else "intro"
        if not sections or keys[-1][0] != article:
            sections.append(Section())
            keys.append((article, ""))
        section = sections[-1]
        if match and match.group(2):
            section.heading.append(sentence)
            continue
        paragraph = match.group(3) if match else "intro"
        if keys[-1][1] != paragraph or not section.paragraphs:
            section.paragraphs.append([])
            keys[-1] = (article, paragraph)
        section.paragraphs[-1].append(sentence)
    chapters = [ChapterLink(c["title"], c["start_ms"] / 1000) for c in data["chapters"]]
    return Transcript(sections, chapters, data["duration_ms"] / 1000)
