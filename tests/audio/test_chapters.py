"""Chapters from the cues: one per article, and the intro of a briefing of several as its own."""

from __future__ import annotations

from audiobrief.audio.assemble import build_chapters
from audiobrief.model import Chapter, Cue, Segment


def _briefing(ids: list[tuple[str, int]]) -> tuple[list[Segment], list[Cue]]:
    """Segments with these ids and articles, each cue a second long, one after the other."""
    segments = [Segment(segment_id, article, 0, 0, segment_id) for segment_id, article in ids]
    cues = [Cue(segment_id, n * 1000, n * 1000 + 900, segment_id, segment_id)
            for n, (segment_id, _) in enumerate(ids)]
    return segments, cues


def test_the_intro_is_a_chapter_called_introduction() -> None:
    segments, cues = _briefing([("intro-s0", -1), ("a0-t-s0", 0), ("a0-p0-s0", 0), ("a1-t-s0", 1)])
    assert build_chapters(segments, cues, ["Ferry", "Library"], 4500) == [
        Chapter("Introduction", 0, 1000), Chapter("Ferry", 1000, 3000), Chapter("Library", 3000, 4500)]


def test_a_briefing_without_an_intro_starts_with_its_article() -> None:
    segments, cues = _briefing([("a0-t-s0", 0), ("a0-p0-s0", 0)])
    assert build_chapters(segments, cues, ["Ferry"], 2200) == [Chapter("Ferry", 0, 2200)]
