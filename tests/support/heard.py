"""Scoring what a machine listener heard against what was said: the words, and the word error rate.
Used by the engine tests and by bench/fast_voice_bench.py."""

from __future__ import annotations

import re


def words_of(text: str) -> list[str]:
    """The words of a text as the listener's dictionary spells them: lower case, hyphens apart."""
    return re.findall(r"[a-z']+", text.lower().replace("-", " "))


def word_error_rate(reference: list[str], heard: list[str]) -> float:
    """Word-level edit distance over the reference's length."""
    row = list(range(len(heard) + 1))
    for i, word in enumerate(reference, 1):
        diagonal, row[0] = row[0], i
        for j, guess in enumerate(heard, 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (word != guess))
    return row[-1] / len(reference)
