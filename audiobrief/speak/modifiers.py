"""Is a quantity a modifier of the noun after it? "a $5 fee", "a 12 km road", "the $2 billion deal"."""

from __future__ import annotations

import re

#: an article just before a quantity makes it a modifier: "a $300 million aid package"
ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?)\s+$")
#: other determiners do when a common noun follows: "the $2 billion deal", but "the $2 billion was"
DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Yy]our|[Ww]hose)|['\u2019]s?)\s+$"
)
#: a hyphenated modifier and a comma before, after a determiner: "the 2-year, $10 million deal"
COORDINATE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+\w+-[\w-]+,\s+$")
NEXT_WORD = re.compile(r"\s+(?P<word>[A-Za-z][a-z]*)\b|-(?=[a-z])")
#: words after a quantity that show it is not a modifier: verbs, prepositions, conjunctions, adverbs
NOT_NOUN_TEXT = (
    "is was were are be been being will would could should may might must can has had have did does do "
    "in of for to from on at by with into over under per as than that which who it and or but nor "
    "so yet a an the each more less already also still now then last next this annually apiece "
    "worth ago before after since until while away off up down long high wide deep tall old"
)
NOT_NOUN = frozenset(NOT_NOUN_TEXT.split())


def is_modifier(text: str, start: int, end: int) -> bool:
    """True when the quantity text[start:end] describes the noun after it."""
    following = NEXT_WORD.match(text, end)
    if following is None:
        return False
    word = following["word"]
    if word is None:
        return True
    if word in NOT_NOUN or word.endswith(("ly", "ed")):
        return False
    return bool(
        ARTICLE_BEFORE.search(text, max(0, start - 4), start)
        or (
            word.islower()
            and (
                DETERMINER_BEFORE.search(text, max(0, start - 7), start)
                or COORDINATE_BEFORE.search(text, max(0, start - 40), start)
            )
        )
    )
