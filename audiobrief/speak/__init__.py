"""The speak stage: written text to the plain text a speech engine should read aloud."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Segment
from . import (
    abbreviations,
    citations,
    dates,
    electronic,
    fractions,
    identifiers,
    measures,
    money,
    numerals,
    phones,
    punctuation,
    roman,
    spelling,
    states,
    symbols,
    times,
)
from .acronyms import Expansion, Mentions, is_shouted
from .definitions import find_definitions
from .lexicon import Lexicon, load_lexicon
from .rewrite import Change, Rule, rewrite
from .variety import DEFAULT_VARIETY, SAID_RULES, VARIETIES, Variety, variety_of_voice

__all__ = [
    "DEFAULT_VARIETY",
    "Change",
    "Expansion",
    "Lexicon",
    "Variety",
    "explain_line",
    "load_lexicon",
    "speak_article",
    "speak_line",
    "variety_of_voice",
]


def _before(variety: Variety) -> tuple[Rule, ...]:
    """The rules run before the acronym rules, for one language variety."""
    return (
        *punctuation.RULES,
        *numerals.BETWEEN_RULES,
        *symbols.RULES_FIRST,
        *electronic.RULES,
        *identifiers.RULES,
        *money.RULES[variety],
        *times.RULES,
        *phones.RULES,
        *numerals.ADDRESS_RULES,
        *measures.RULES,
        *dates.RULES[variety],
        *COMMON_BEFORE,
        *(spelling.AMERICAN_RULES if variety == "en-us" else ()),
    )


COMMON_BEFORE = (
    *dates.MONTH_SPAN_RULES,
    *fractions.RULES,
    *roman.RULES,
    *states.RULES,
    *citations.RULES,
    *abbreviations.RULES,
)
BEFORE: dict[Variety, tuple[Rule, ...]] = {variety: _before(variety) for variety in VARIETIES}
AFTER: dict[Variety, tuple[Rule, ...]] = {
    variety: (*numerals.RULES[variety], *symbols.RULES_LAST) for variety in VARIETIES
}


def _rules(mentions: Mentions, variety: Variety) -> tuple[Rule, ...]:
    """All rules in order, the acronym rules bound to this article's mention state."""
    return (*BEFORE[variety], *mentions.rules(), *AFTER[variety])


def _speak(text: str, mentions: Mentions, variety: Variety) -> tuple[str, list[Change]]:
    """Say one text, updating the article's mention state."""
    mentions.shouted = is_shouted(text)
    return rewrite(
        text.replace("\n", " "), _rules(mentions, variety), SAID_RULES[variety], punctuation.LINE_RULES
    )


def speak_article(
    segments: Sequence[Segment],
    lexicon: Lexicon,
    expand: Expansion = "first",
    variety: Variety = DEFAULT_VARIETY,
) -> tuple[Segment, ...]:
    """Fill .spoken for the segments of one article, in reading order."""
    mentions = Mentions(lexicon, expand, find_definitions(s.written for s in segments))
    return tuple(replace(s, spoken=_speak(s.written, mentions, variety)[0]) for s in segments)


def speak_line(
    text: str, lexicon: Lexicon, expand: Expansion = "first", variety: Variety = DEFAULT_VARIETY
) -> str:
    """Say one independent text as one line."""
    return explain(text, lexicon, expand, variety)[0]


def explain_line(
    text: str, lexicon: Lexicon, expand: Expansion = "first", variety: Variety = DEFAULT_VARIETY
) -> list[Change]:
    """The changes speak_line makes to one text, in the order the rules made them."""
    return explain(text, lexicon, expand, variety)[1]


def explain(
    text: str, lexicon: Lexicon, expand: Expansion = "first", variety: Variety = DEFAULT_VARIETY
) -> tuple[str, list[Change]]:
    """Say one independent text; return the line and the changes made."""
    return _speak(text, Mentions(lexicon, expand, find_definitions([text])), variety)
