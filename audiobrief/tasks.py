"""Work the pipeline hands to pool workers: the text stages of one article, and a voice's
loudness calibration. Workers import nltk, the lexicon and numpy; the main process need not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .cache import ClipCache
from .loudness import CALIBRATION_TEXT, voice_gain_db
from .model import Article, Segment, Voice
from .segment import segment_article
from .speak import Expansion, Lexicon, speak_article
from .synth import SynthJob, synthesize_one


def plan_article(article: Article, index: int, lexicon: Lexicon, expand: Expansion) -> tuple[Segment, ...]:
    """Segments of one article, its title first, with their spoken forms. The speak rules are
    English; an article in another language is left to its espeak-ng voice's own rules.
    Segments with nothing to say (a line of dashes, a lone bullet) are left out."""
    segments = segment_article(article, index, with_title=True)
    if article.language != "en":
        spoken = tuple(replace(segment, spoken=segment.written) for segment in segments)
    else:
        spoken = speak_article(segments, lexicon, expand)
    return tuple(segment for segment in spoken if any(ch.isalnum() for ch in segment.spoken))


def calibrate(voice: Voice, cache: ClipCache, loudness_file: Path, target_lufs: float) -> float:
    """Gain in dB that brings this voice to target_lufs (measured once, then remembered)."""
    clip = synthesize_one(SynthJob("calibration", CALIBRATION_TEXT, voice), cache)
    return voice_gain_db(clip.path, loudness_file, clip.path.stem, target_lufs)
