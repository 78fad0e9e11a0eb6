"""The speak stage: written text to the plain text a speech engine should read aloud."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Segment
from . import (
    abbreviations,
    dates,
    electronic,
    fractions,
    measures,
    money,
    numerals,
    phones,
    roman,
    symbols,
    times,
)
from .acronyms import Expansion, Mentions, is_shouted
from .definitions import find_definitions
from .lexicon import Lexicon, load_lexicon
from .rewrite import Change, Rule, rewrite

__all__ = ["Change", "Expansion", "Lexicon", "explain_line", "load_lexicon", "speak_article", "speak_line"]

BEFORE = (
    *symbols.RULES_FIRST,
    *electronic.RULES,
    *money.RULES,
    *times.RULES,
    *phones.RULES,
    *numerals.ADDRESS_RULES,
    *measures.RULES,
    *dates.RULES,
    *fractions.RULES,
    *roman.RULES,
    *abbreviations.RULES,
)
AFTER = (*numerals.RULES, *symbols.RULES_LAST)


def _rules(mentions: Mentions) -> tuple[Rule, ...]:
    """All rules in order, the acronym rules bound to this article's mention state."""
    return (*BEFORE, *mentions.rules(), *AFTER)


def _speak(text: str, mentions: Mentions) -> tuple[str, list[Change]]:
    """Say one text, updating the article's mention state."""
    mentions.shouted = is_shouted(text)
    return rewrite(text.replace("\n", " "), _rules(mentions))


def speak_article(
    segments: Sequence[Segment], lexicon: Lexicon, expand: Expansion = "first"
) -> tuple[Segment, ...]:
    """Fill .spoken for the segments of one article, in reading order."""
    mentions = Mentions(lexicon, expand, find_definitions(s.written for s in segments))
    return tuple(replace(s, spoken=_speak(s.written, mentions)[0]) for s in segments)


def speak_line(text: str, lexicon: Lexicon, expand: Expansion = "first") -> str:
    """Say one independent text as one line."""
    return explain(text, lexicon, expand)[0]


def explain_line(text: str, lexicon: Lexicon, expand: Expansion = "first") -> list[Change]:
    """The changes speak_line makes to one text, in the order the rules made them."""
    return explain(text, lexicon, expand)[1]


def explain(text: str, lexicon: Lexicon, expand: Expansion = "first") -> tuple[str, list[Change]]:
    """Say one independent text; return the line and the changes made."""
    return _speak(text, Mentions(lexicon, expand, find_definitions([text])))
