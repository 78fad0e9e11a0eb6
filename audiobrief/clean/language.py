"""Language of the article text, detected offline with py3langid."""

from __future__ import annotations

from functools import cache

import py3langid

SAMPLE_CHARS = 20_000  #: detection reads at most this much text


@cache
def _identifier() -> py3langid.langid.LanguageIdentifier:
    """The py3langid model, loaded once per process from its package."""
    return py3langid.langid.LanguageIdentifier.from_model_file(
        py3langid.langid.MODEL_FILE, norm_probs=True
    )


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the text's language, or default when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return default
    code, prob = _identifier().classify(sample)
    return code if prob >= 0.5 else default
