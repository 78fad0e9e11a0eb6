"""The frozen dataclasses the pipeline stages hand each other."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Document:
    """Raw input as read by ingest, before cleaning."""

    source: str  #: what the user named: a path, "-" for stdin, or a URL
    text: str  #: decoded text of the input
    is_html: bool  #: True when the content is an HTML page
    url: str | None = None  #: the final URL for fetched pages
    is_markdown: bool = False  #: True when the text is Markdown, read by its structure
    is_article: bool = False  #: True when the text is an article's JSON form (clean --json): read as it is


@dataclass(frozen=True)
class LeftOut:
    """A block of the page the cleaner did not keep for the listener, and why."""

    text: str  #: the block's lines, joined by line breaks
    reason: str  #: what it is: "menu", "caption", "repeat", ... (see audiobrief.clean.furniture.REASONS)
    after_paragraph: int  #: index of the kept paragraph it came after; -1 when it came before them all


@dataclass(frozen=True)
class Article:
    """One cleaned article: only what a listener should hear, and what was left out."""

    title: str  #: headline; "" when none was found
    paragraphs: tuple[str, ...]  #: body paragraphs in reading order, title not repeated
    byline: str = ""  #: author name(s), "" when unknown
    date: str = ""  #: publication date as ISO 8601 (YYYY-MM-DD) when known, else ""
    language: str = "en"  #: ISO 639-1 code of the body text
    source: str = ""  #: where it came from (path, "-", URL)
    left_out: tuple[LeftOut, ...] = ()  #: what the cleaner removed from the page, in page order


@dataclass(frozen=True)
class Segment:
    """One unit of speech: a sentence, or a clause of an over-long sentence."""

    id: str  #: stable id, e.g. "a0-p3-s1"
    article: int  #: index of the article in the briefing (-1 for the spoken intro)
    paragraph: int  #: index of the paragraph in the article (-1 for a spoken title)
    index: int  #: index of the segment within its paragraph
    written: str  #: the text as written in the article
    spoken: str = ""  #: the text as sent to the engine (filled by the speak stage)


@dataclass(frozen=True)
class Voice:
    """A voice preset, read from a TOML file in voices/."""

    name: str  #: preset name used on the command line
    engine_voice: str  #: espeak-ng voice id ("gmw/en-us"), or a Piper model (a name or .onnx path)
    language: str = "en"  #: ISO 639-1 code the voice speaks
    rate: int = 175  #: words per minute
    pitch: int = 50  #: espeak-ng pitch, 0..100
    sentence_pause_ms: int = 350  #: silence between sentences of one paragraph
    paragraph_pause_ms: int = 750  #: silence between paragraphs
    article_pause_ms: int = 1500  #: silence between articles
    description: str = ""  #: one line shown by `audiobrief voices`
    engine: str = "espeak-ng"  #: the engine that speaks it: "espeak-ng" or "piper"
    origin: str = "shipped"  #: where the preset came from: "shipped", or the user's model file


@dataclass(frozen=True)
class Clip:
    """Synthesized audio for one segment."""

    segment_id: str  #: the Segment this audio speaks
    path: Path  #: WAV file (mono, 16-bit) holding the audio, engine silence trimmed
    sample_rate: int  #: samples per second of the WAV
    samples: int  #: number of samples in the WAV


@dataclass(frozen=True)
class Cue:
    """Where one segment is heard in the briefing."""

    segment_id: str
    start_ms: int
    end_ms: int
    written: str
    spoken: str


@dataclass(frozen=True)
class Chapter:
    """One article (or the intro) in the briefing."""

    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Briefing:
    """The finished briefing: an MP3 with its transcript and chapters."""

    title: str
    mp3: Path
    vtt: Path
    duration_ms: int
    cues: tuple[Cue, ...]
    chapters: tuple[Chapter, ...]
    artist: str = "audiobrief"
