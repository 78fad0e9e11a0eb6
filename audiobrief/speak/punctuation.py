"""Punctuation set apart from its word, as in tokenised or hastily typed text: "W. D .", "US- China".

An engine reads a full stop standing alone before a lower-case word as "dot" ("B . two thousand"
is "B dot two thousand"), pauses inside spaced initials, and says "dot" in "U.S.- China". These
rules only give such text its usual shape; they say nothing themselves, so every later rule reads
the repaired text ("p . 36" is then "p. 36", and the page rule says it).
"""

from __future__ import annotations

import re

from .rewrite import Rule, needing

#: a full stop with a space before it, after a word or a closing bracket or quote: "etc .", "A ."
SPACED_FULL_STOP = re.compile(r"(?<=[\w)\]\"'\u2019\u201d]) \.(?=[\s,;:)\]]|$)(?!\s*\.)")
#: two or more initials, each a capital with its full stop, some spaced: "W. D .", "S. R. C."
INITIALS = re.compile(r"(?<![\w.'\u2019-])[A-Z]\.(?: ?[A-Z]\.)+(?![\w@])")
#: a hyphen left hanging before a space inside a compound: "US- China", "U.S.- China", "DSM- 5";
#: not a hyphen carried over to a later word: "pre- and post-war", "two- or three-day"
HANGING_HYPHEN = re.compile(r"(?:(?<=[A-Za-z\d])|(?<=[A-Z]\.))- (?=[A-Za-z\d])(?!(?:and|or|nor|to)\b)")


def close_initials(match: re.Match[str]) -> str | None:
    """Write spaced initials as one run, "W. D." -> "W.D.", which the engine names without a pause."""
    text = match.group(0)
    return text.replace(" ", "") if " " in text else None


RULES = (
    *needing(
        ".",
        Rule("spaced full stop", SPACED_FULL_STOP, lambda m: ".", repairs=True),
        Rule("initials", INITIALS, close_initials, repairs=True),
    ),
    *needing("-", Rule("hanging hyphen", HANGING_HYPHEN, lambda m: "-", repairs=True)),
)
