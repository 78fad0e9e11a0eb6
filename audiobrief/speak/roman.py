"""Roman numerals: "World War II" -> "World War two", "Henry VIII" -> "Henry the eighth"."""

from __future__ import annotations

import re

from .numbers import cardinal, ordinal
from .rewrite import Rule, needing

VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
VALID = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
#: words after which a numeral is a number said as a cardinal ("Chapter four", "Super Bowl fifty-eight")
COUNTED = (
    "world war|chapter|part|phase|act|scene|volume|vol\\.?|book|title|article|section|class|type"
    "|stage|level|grade|category|schedule|appendix|annex|episode|season|series|super bowl|wrestlemania"
    "|pillar|tier|division|league|round|unit|vatican|block|mark|mk\\.?|apollo|gemini|star wars"
    "|final fantasy|rocky|grand theft auto|civilization|windows"
)
#: first names of monarchs and popes: before them a lone "I" is a numeral ("Elizabeth I")
REGNAL = (
    "Elizabeth|Charles|James|Henry|Richard|Edward|George|William|Mary|Anne|Victoria|Louis|Napoleon"
    "|Peter|Catherine|Alexander|Nicholas|Frederick|Philip|Leo|John|Paul|Benedict|Pius|Gregory"
    "|Francis|Wilhelm|Ferdinand|Felipe|Juan Carlos|Carl|Gustaf|Harald|Olav|Haakon|Margrethe"
    "|Christian|Willem|Albert|Baudouin|Constantine|Farouk|Fuad|Hussein|Abdullah|Mohammed"
    "|Hassan|Naruhito|Akihito|Rama|Ivan|Selim|Suleiman|Mehmed|Innocent|Urban|Clement|Boniface"
    "|Sixtus|Julius|Hadrian|Otto|Rudolf|Sigismund|Casimir|Stanislaus|Vladislav|Boris|Simeon"
)
NUMERAL = re.compile(r"(?<=\s)(?P<num>[IVXLCDM]+)\b(?![.'\u2019-]?\w)")
COUNTED_BEFORE = re.compile(rf"\b(?P<word>(?i:{COUNTED}))\s+$")
NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\s+$")
REGNAL_BEFORE = re.compile(rf"\b(?:{REGNAL})\s+$")
#: how far back to look for the word before a numeral
BACK = 30


def value(numeral: str) -> int | None:
    """The value of a valid Roman numeral, or None."""
    numeral = numeral.upper()
    if not numeral or not VALID.fullmatch(numeral):
        return None
    total = 0
    for ch, nxt in zip(numeral, [*numeral[1:], ""], strict=True):
        v = VALUES[ch]
        total += -v if nxt and VALUES[nxt] > v else v
    return total


def say_numeral(match: re.Match[str]) -> str | None:
    """Say a numeral by the word before it: a counting word, a name, or nothing (left as written)."""
    numeral, start = match["num"], match.start()
    n = value(numeral)
    if n is None:
        return None
    counted = COUNTED_BEFORE.search(match.string, max(0, start - BACK), start)
    if counted:
        if numeral == "I" and counted["word"].islower():
            return None
        return cardinal(n, conjunction=False)
    if numeral == "I":
        named = REGNAL_BEFORE.search(match.string, max(0, start - BACK), start)
    elif n <= 39 and set(numeral) <= set("IVX") and (len(numeral) > 1 or numeral == "V"):
        named = NAME_BEFORE.search(match.string, max(0, start - BACK), start)
    else:
        named = None
    return f"the {ordinal(n)}" if named else None


RULES = needing("IVXLCDM", Rule("roman", NUMERAL, say_numeral))
