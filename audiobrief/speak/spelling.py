"""British spellings said the American way by the American voice: "organised", "centre", "kilometres".

An American newsreader reading British copy says "organised" as organized and "kilometres" as
kilometers. The engine's American voice reads the British spelling by its letters instead
("organised" with a full second vowel, "kilometres" stressed on its first syllable, "sepulchre"
with a k), so for that voice the word is written the American way. The British voice keeps it.
"""

from __future__ import annotations

import re

from .pronounce import cmu_table
from .rewrite import Rule

#: -ise and the forms made from it; "isation" before "ise" so the longest ending is taken
ISE_RE = re.compile(
    r"\b(?P<stem>[A-Za-z][a-z]{2,})(?P<ending>is(?:ations?|ational|ed|es|ing|ers?|e|able))\b"
)
#: prefixes a verb takes and keeps its -ize form: "resocialise" is re + socialize
PREFIXES = ("re", "de", "un", "over", "under", "mis", "non", "pre", "co", "counter", "post")
#: -tre and -bre words whose American form ends -ter, -ber ("kilometre", "centres", "fibre");
#: "timbre", "genre" and "Notre" are no such words
TRE_RE = re.compile(
    r"\b(?P<stem>(?i:(?:kilo|centi|milli|micro|nano|deci|hecto|amphi)?(?:centr|theatr|metr|litr)"
    r"|fibr|calibr|sabr|spectr|lustr|meagr|sombr|sepulchr|mitr|ochr))e(?P<tail>s|d)?\b"
)


def _verb_known(verb: str) -> bool:
    """True when the -ize verb is an English word, alone or after a common prefix."""
    table = cmu_table()
    if verb in table:
        return True
    #: the verb after the prefix long enough that "reprise" is no re + prize
    return any(
        verb.startswith(p) and len(verb) - len(p) >= 7 and verb[len(p) :] in table for p in PREFIXES
    )


def say_ise(match: re.Match[str]) -> tuple[str, str] | None:
    """Write "organised" as "organized" when "organize" is an English verb; "exercise" is left."""
    stem, ending = match["stem"], match["ending"]
    if not _verb_known(stem.lower() + "ize"):
        return None
    return stem + "iz" + ending[2:], "British '-ise' said '-ize' by the American voice: 'organised'"


def say_tre(match: re.Match[str]) -> tuple[str, str]:
    """Write "kilometres" as "kilometers", "centre" as "center"."""
    stem = match["stem"]
    return (
        stem[:-1] + "er" + (match["tail"] or ""),
        "British '-tre' said '-ter' by the American voice: 'kilometres'",
    )


#: for the American voice only
AMERICAN_RULES = (
    Rule("American spelling", ISE_RE, say_ise, needs="s", repairs=True),
    Rule("American spelling", TRE_RE, say_tre, needs="e", repairs=True),
)
