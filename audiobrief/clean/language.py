"""Language of the article text: a stopword fast path for clear English, else py3langid."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .features import LANGUAGES, stopwords

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

SAMPLE_CHARS = 20_000  #: detection reads at most this much text
FAST_TOKENS = 2_000  #: the English fast path reads at most this many words
FAST_MIN_TOKENS = 30  #: fewer words than this always go to the model
ENGLISH_SHARE = 0.3  #: clear English has at least this share of English stopwords
ENGLISH_LEAD = 1.1  #: ... and more than any other language's (some stoplists hold English words)
_WORD = re.compile(r"\w+")


def _identifier() -> LanguageIdentifier:
    """The py3langid model, memory-mapped for each text that needs it and dropped after."""
    from .langmodel import mapped_identifier

    return mapped_identifier()


def _share(tokens: list[str], language: str) -> float:
    """Share of tokens that are stopwords of a language."""
    stops = stopwords(language)
    return sum(t in stops for t in tokens) / len(tokens)


def is_clearly_english(text: str) -> bool:
    """True when English stopwords are common in the text and far ahead of any other language's."""
    tokens = [t.casefold() for t in _WORD.findall(text[:SAMPLE_CHARS])[:FAST_TOKENS]]
    if len(tokens) < FAST_MIN_TOKENS:
        return False
    english = _share(tokens, "en")
    if english < ENGLISH_SHARE:
        return False
    return all(english >= ENGLISH_LEAD * _share(tokens, code) for code in LANGUAGES if code != "en")


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the text's language, or default when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return default
    if is_clearly_english(sample):
        return "en"
    code, prob = _identifier().classify(sample)
    return code if prob >= 0.5 else default
