"""Evidence a line of text carries about being prose: length, stopwords, sentence punctuation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

#: ISO 639-1 code -> name of the jusText stoplist shipped in its package
_STOPLIST_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic", "it": "Italian",
    "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ms": "Malay",
    "nb": "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}
LANGUAGES = tuple(sorted(_STOPLIST_NAMES))  #: ISO 639-1 codes that have a stoplist
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_WIDE = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SENTENCE_END = re.compile("[.!?\u3002\uff01\uff1f\u2026:;]['\"\u2019\u201d\u00bb)\\]]*$")
_SENTENCE_INSIDE = re.compile("\\w[.!?\u3002\uff01\uff1f]['\"\u2019\u201d\u00bb)]*\\s+\\S")


@cache
def stopwords(language: str) -> frozenset[str]:
    """Stopwords for an ISO 639-1 code (empty when no list exists), English as a fallback."""
    name = _STOPLIST_NAMES.get(language)
    if not name:
        return frozenset()
    text = (_justext_folder() / "stoplists" / f"{name}.txt").read_text("utf-8")
    return frozenset(text.casefold().splitlines()) - {""}


@cache
def _justext_folder() -> Path:
    """jusText's installed package folder, found without importing it (its HTML parser loads lxml,
    which reading pasted text does not need)."""
    spec = find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("justext is not installed: reinstall audiobrief")
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass(frozen=True)
class LineFeatures:
    """Measured evidence for one line."""

    size: int  #: length in Latin-equivalent characters (CJK and Hangul count triple)
    words: int  #: number of word tokens
    stop_density: float  #: share of tokens that are stopwords of the page language
    sentence_end: bool  #: ends like a sentence
    sentences: int  #: number of sentence boundaries inside the line
    digits: bool  #: contains a digit
    lower_share: float  #: share of alphabetic tokens that start in lower case


def measure(line: str, stops: frozenset[str]) -> LineFeatures:
    """Measure a stripped line against the page's stopword list."""
    raw = _WORD.findall(line)
    tokens = [t.casefold() for t in raw]
    alpha = [t for t in raw if t[0].isalpha()]
    size = len(line) + 2 * len(_WIDE.findall(line))
    density = sum(t in stops for t in tokens) / len(tokens) if tokens else 0.0
    return LineFeatures(
        size=size,
        words=len(tokens),
        stop_density=density,
        sentence_end=_SENTENCE_END.search(line) is not None,
        sentences=len(_SENTENCE_INSIDE.findall(line)),
        digits=_DIGIT.search(line) is not None,
        lower_share=sum(t[0].islower() for t in alpha) / len(alpha) if alpha else 0.0,
    )
