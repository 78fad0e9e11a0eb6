"""Spoken text as Piper's espeak-ng phonemizer should get it: the same words, with the few
written forms it reads differently from espeak-ng's own speech rewritten (pure text)."""

from __future__ import annotations

import re

#: A dotted run of capital letters ("F.B.I.", "A.M.", "A.") that more text follows: its last dot
#: makes the phonemizer end the sentence there ("U.S. About to Build...") or drop the comma after.
_DOTTED_RUN = re.compile(r"(?<![\w.])((?:[A-Z]\.)*[A-Z])\.(?=[\s,;:)\]\"'\u201d\u2019]+\w)")
#: The letter A after a hyphen ("double-A"), which the phonemizer reads as the article.
_HYPHENATED_A = re.compile(r"(?<=\w-)A(?![\w'\u2019])")
#: "Eigh" is how the phonemizer says the letter A's name.
LETTER_A = "Eigh"
_OPENING_BRACKET = re.compile(r"\s*[(\[]\s*")
_CLOSING_BRACKET = re.compile(r"\s*[)\]]")
_COMMA_BEFORE_PUNCTUATION = re.compile(r",\s*(?=[,.;:?!])")
_ENDS_SENTENCE = re.compile(r"[.?!…][\"'\u201d\u2019]*$")


def _undotted(match: re.Match[str]) -> str:
    """A dotted run without its last dot; a lone "A." becomes the letter's name."""
    return LETTER_A if match[1] == "A" else match[1]


def piper_text(spoken: str) -> str:
    """spoken, rewritten where Piper's phonemizer would otherwise misread it: dotted letters
    that more text follows lose their last dot, a lone letter A is named, brackets become
    commas (a parenthesis is heard as one), and text gets a full stop when it has no final
    punctuation (so it ends on a falling tone)."""
    text = " ".join(spoken.split())
    text = _DOTTED_RUN.sub(_undotted, text)
    text = _HYPHENATED_A.sub(LETTER_A, text)
    text = _OPENING_BRACKET.sub(", ", text)
    text = _CLOSING_BRACKET.sub(",", text)
    text = _COMMA_BEFORE_PUNCTUATION.sub("", text).strip(" ,")
    if text and not _ENDS_SENTENCE.search(text):
        text = text.rstrip(",;:") + "."
    return text
