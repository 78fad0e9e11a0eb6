"""The text stages of one article: segment it and work out what each segment says."""

from __future__ import annotations

from dataclasses import replace

from .model import Article, Segment
from .segment import segment_article
from .speak import DEFAULT_VARIETY, Expansion, Lexicon, Variety, speak_article


def plan_article(article: Article, index: int, lexicon: Lexicon, expand: Expansion,
                 variety: Variety = DEFAULT_VARIETY) -> tuple[Segment, ...]:
    """Segments of one article, its title first, with their spoken forms. The speak rules are
    English; an article in another language is left to its espeak-ng voice's own rules.
    Segments with nothing to say (a line of dashes, a lone bullet) are left out."""
    segments = segment_article(article, index, with_title=True)
    if article.language != "en":
        spoken = tuple(replace(segment, spoken=segment.written) for segment in segments)
    else:
        spoken = speak_article(segments, lexicon, expand, variety)
    return tuple(segment for segment in spoken if any(ch.isalnum() for ch in segment.spoken))
