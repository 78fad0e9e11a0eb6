"""Roman numerals: "World War II" -> "World War two", "Henry VIII" -> "Henry the eighth".

A numeral after a person's name is a regnal or family number ("the eighth"): a name with a given
name in it (data/given_names.txt), a rank before it or a realm after it. After a counting word, in
the title of a work, after other names ("Crocodile Dundee II", "Avalanche Peak II"), after a common
noun ("battle II") or opening a heading ("III: The Treatise") it counts ("two"). A capital that only
looks like a numeral stays a letter: an initial ("James V. Schall", "Pop V, Cotman CW"), "I" the
pronoun, "X" as in "Malcolm X".
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files as package_files

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
NUMERAL = re.compile(r"(?=[IVXLCDM])(?:(?<=\s)|^)(?P<num>[IVXLCDM]+)\b(?![.'\u2019-]?\w)")
COUNTED_BEFORE = re.compile(rf"\b(?P<word>(?i:{COUNTED}))\s+$")
NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\s+$")
REGNAL_BEFORE = re.compile(rf"\b(?:{REGNAL})\s+$")
#: the capitalised words just before a numeral: "John D. Rockefeller ", "Crocodile Dundee "
NAMES_BEFORE = re.compile(r"(?:\b[A-Z][\w'\u2019-]*\.?\s+){1,4}$")
#: a title of rank before the name: "King Mswati III", "the emperor Menelik II"
RANK = (
    "King|Queen|Pope|Emperor|Empress|Tsar|Czar|Tsarina|Kaiser|Sultan|Shah|Pharaoh|Prince|Princess"
    "|Duke|Duchess|Archduke|Count|Countess|Earl|Baron|Lord|Lady|Saint|St|Sir|Emir|Caliph|Khan|Chief"
)
RANKS = frozenset(RANK.split("|"))
RANK_BEFORE = re.compile(rf"\b(?i:{RANK})\s+$")
#: a rank or a realm after the numeral: "Guy XIII, Count of Laval", "Henry IV of France"
RANK_AFTER = re.compile(rf",?\s+(?:of\s+[A-Z]|(?:{RANK})\b)")
#: a lower-case word before: "battle II" counts; never after an article ("an IV line")
LOWER_BEFORE = re.compile(r"\b(?!(?:a|an|the|and|or|of|in|on|to|with|by|via|for)\s)[a-z][a-z'\u2019-]*\s+$")
#: numerals that are also common abbreviations, left alone after a lower-case word
ABBREVIATION_LIKE = frozenset({"IV", "XXX"})
#: a list of authors, each surname with its initials: "Perreau VM, Pop V, Cotman CW"
AUTHOR_LIST_BEFORE = re.compile(r"\b[A-Z][\w'\u2019-]+ [A-Z]{1,3} ?[,;] [A-Z][\w'\u2019-]+ $")
#: a single capital with a full stop before a capitalised word is a middle initial: "James V. Schall"
INITIAL_AFTER = re.compile(r"\. [A-Z]")
#: a heading opened by a numeral: "III: The Treatise", "IV. Results"
HEADING_AFTER = re.compile(r"\s?[:.]\s")
#: how far back to look for the words before a numeral
BACK = 60


@cache
def given_names() -> frozenset[str]:
    """The given names of the data file, read once."""
    text = package_files(__package__).joinpath("data", "given_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


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


def in_quotation(text: str, start: int) -> bool:
    """True when a quotation (a title, as a rule) is open at start on this line."""
    before = text[:start]
    return (
        before.count('"') % 2 == 1
        or before.count("\u201c") > before.count("\u201d")
        or (before.count("``") - before.count("''")) % 2 == 1
    )


def _is_letter(numeral: str, text: str, start: int, end: int) -> bool:
    """True for a single capital that is a letter here: an initial, or one in a list of authors."""
    return len(numeral) == 1 and bool(
        INITIAL_AFTER.match(text, end) or AUTHOR_LIST_BEFORE.search(text, max(0, start - 40), start)
    )


def is_person(text: str, start: int, end: int) -> bool:
    """True when the capitalised words before start name a person: a given name among them, a rank
    before them ("King Mswati"), or a rank or realm after the numeral ("Henry IV of France")."""
    run = NAMES_BEFORE.search(text, max(0, start - BACK), start)
    if run is None:
        return False
    names = given_names()
    return (
        any(word.rstrip(".") in names or word.rstrip(".") in RANKS for word in run.group(0).split())
        or bool(RANK_BEFORE.search(text, max(0, run.start() - 12), run.start()))
        or bool(RANK_AFTER.match(text, end))
    )


def _counts(numeral: str, text: str, start: int, end: int) -> str:
    """Why a numeral with no counting word before it counts, or "" when it does not."""
    before = text[max(0, start - BACK) : start]
    if not before.strip() and HEADING_AFTER.match(text, end):
        return "numeral opening a heading: 'III: The Treatise' is three"
    if numeral in ABBREVIATION_LIKE:
        return ""
    if LOWER_BEFORE.search(before):
        return "numeral after a common noun: 'battle II' is two"
    if not NAME_BEFORE.search(before):
        return ""
    if in_quotation(text, start) and not (
        NAME_BEFORE.search(before)[0].strip() in given_names() or REGNAL_BEFORE.search(before)
    ):
        return "numeral in a title: 'Crocodile Dundee II' is two"
    if not is_person(text, start, end):
        return "numeral after a name that is no person's: 'Avalanche Peak II' is two"
    return ""


def say_numeral(match: re.Match[str]) -> str | tuple[str, str] | None:
    """Say a numeral by the words around it: a count, a regnal number, or left as written."""
    numeral, text, start, end = match["num"], match.string, match.start(), match.end()
    n = value(numeral)
    if n is None or _is_letter(numeral, text, start, end):
        return None
    counted = COUNTED_BEFORE.search(text, max(0, start - BACK), start)
    if counted:
        if numeral == "I" and counted["word"].islower():
            return None
        return cardinal(n, conjunction=False)
    if numeral == "I":
        return "the first" if REGNAL_BEFORE.search(text, max(0, start - BACK), start) else None
    if n > 39 or not set(numeral) <= set("IVX") or numeral == "X":
        return None
    why = _counts(numeral, text, start, end)
    if why:
        return cardinal(n, conjunction=False), why
    named = NAME_BEFORE.search(text, max(0, start - BACK), start)
    return f"the {ordinal(n)}" if named else None


RULES = needing("IVXLCDM", Rule("roman", NUMERAL, say_numeral))
