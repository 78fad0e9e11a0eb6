"""Punctuation set apart from its word, as in tokenised or hastily typed text: "W. D .", "US- China".

An engine reads a full stop standing alone before a lower-case word as "dot" ("B . two thousand"
is "B dot two thousand"), pauses inside spaced initials, and says "dot" in "U.S.- China". These
rules only give such text its usual shape; they say nothing themselves, so every later rule reads
the repaired text ("p . 36" is then "p. 36", and the page rule says it).
"""

from __future__ import annotations

import re

from .abbreviations import OPENERS
from .rewrite import Rule, needing

#: a full stop with a space before it, after a word or a closing bracket or quote: "etc .", "A ."
SPACED_FULL_STOP = re.compile(r" \.(?<=[\w)\]\"'\u2019\u201d] \.)(?=[\s,;:)\]]|$)(?!\s*\.)")
#: a comma, semicolon or colon with a space before it: "Bloomington , IL", "October 29 , 2003",
#: "R. : 'ninety'" (read "colon"); a colon between numbers ("1 : 1") is left to the number rules
SPACED_MARK = re.compile(
    r" (?=[,;:](?:\s|$))(?:(?<=[\w.)\]\"'\u2019\u201d] )(?=[,;])|(?<=[A-Za-z.)\]] )(?=:))"
)
#: two or more initials, each a capital with its full stop, some spaced: "W. D .", "S. R. C."
INITIALS = re.compile(r"[A-Z](?<![\w.'\u2019-][A-Z])\.(?: ?[A-Z]\.)+(?![\w@])")
#: a hyphen left hanging before a space inside a compound: "US- China", "U.S.- China", "DSM- 5";
#: not a hyphen carried over to a later word: "pre- and post-war", "two- or three-day"
HANGING_HYPHEN = re.compile(r"- (?<=[A-Za-z\d.]- )(?<![^A-Z]\.- )(?=[A-Za-z\d])(?!(?:and|or|nor|to)\b)")


def close_initials(match: re.Match[str]) -> str | None:
    """Write spaced initials as one run, "W. D." -> "W.D.", which the engine names without a pause."""
    text = match.group(0)
    return text.replace(" ", "") if " " in text else None


RULES = (
    *needing(
        ".",
        Rule("spaced full stop", SPACED_FULL_STOP, lambda m: ".", repairs=True),
    ),
    *needing(",;:", Rule("spaced punctuation", SPACED_MARK, lambda m: "", repairs=True)),
    *needing(
        ".",
        Rule("initials", INITIALS, close_initials, repairs=True),
    ),
    *needing("-", Rule("hanging hyphen", HANGING_HYPHEN, lambda m: "-", repairs=True)),
)


#: words that open a sentence: after them a full stop after letters is the sentence's end
PRONOUNS_TEXT = (
    "He She It They We I You His Her Its Their Our My Your There Here Some Many Most All One No Not "
    "Who What Where Why How"
)
SENTENCE_OPENERS = OPENERS | frozenset(PRONOUNS_TEXT.split())
#: dotted letters before a capitalised word ("the U.S. Army", "George W. Bush"): the engine ends a
#: sentence there and pauses, each half with its own falling tune
LETTERS_BEFORE_NAME = re.compile(
    r"(?P<letters>[A-Z](?<![\w.][A-Z])\.(?:[A-Z]\.)+|[B-Z](?<![\w.][B-Z])\.)(?=\s+(?P<next>[A-Z][\w.]*))"
)
#: dotted letters before a comma or semicolon ("the B.B.C., on Monday"): the engine drops the pause
LETTERS_BEFORE_COMMA = re.compile(r"(?P<letters>[A-Z](?<![\w.][A-Z])\.(?:[A-Z]\.)*)(?=[,;])")


def close_letters(match: re.Match[str]) -> str | None:
    """Drop the full stop after letters before a name ("the U.S Army"), unless a new sentence starts
    there ("in the U.S. Then") or the letter is a lone "A", which without its stop is the article."""
    if match["next"] in SENTENCE_OPENERS:
        return None
    return match["letters"][:-1]


def space_letters(match: re.Match[str]) -> str:
    """Set a comma apart from dotted letters ("the B.B.C. , on Monday"), so the engine pauses there."""
    return match["letters"] + " "


#: rules over the finished line, written and said words alike, for the engine's sake
LINE_RULES = (
    Rule("letters before a name", LETTERS_BEFORE_NAME, close_letters),
    Rule("letters before a comma", LETTERS_BEFORE_COMMA, space_letters),
)
