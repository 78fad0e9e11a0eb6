"""Numbers that name rather than count: catalogue numbers (ISBN), card digits, bills, flights, stations."""

from __future__ import annotations

import re

from .electronic import read_address
from .lexicon import spell
from .numbers import decimal, digits, pairs
from .rewrite import DIGITS, Rule, needing

#: labels after which a number is read digit by digit, its groups apart
CATALOGUE = (
    r"ISBN(?:-1[03])?|ISSN|PMID|PMCID|PMC|OCLC|LCCN|ASIN|EIN|VIN|ORCID|arXiv|DOI"
    r"|(?i:serial|case|account|tracking|patent|policy|docket|model|part|order|confirmation|ticket"
    r"|reference|registration|license|licence|badge|inmate|bill|lot)\s+(?:number|no\.?|#)"
)
CATALOGUE_RE = re.compile(
    rf"\b(?P<label>{CATALOGUE})(?P<verb>\s+(?:is|was|of))?(?P<sep>:?\s*#?\s*)(?P<id>\d[\dX]*(?:[-\s.]\d[\dX]*)*)(?![\w-]|\.\d)"
)
#: a Digital Object Identifier: "doi: 10.1002/14356007.a19_411", read like an address
DOI_RE = re.compile(r"\b(?i:doi)(?:\s?:\s?|\s+)(?P<id>10\.\d{4,9}\s?/\s?[^\s]*[^\s.,;:)\]])")
#: the last digits of a card or account: "a card ending in 8876"
LAST_DIGITS_RE = re.compile(r"\b(?P<label>(?i:ending in|ends in|ending with)\s+)(?P<id>\d{4})\b(?![.,]\d)")
CARD_WORDS = re.compile(r"(?i:card|account|number|phone|visa|mastercard|amex)\w*\s+$")
#: bills in Congress and state houses: "H.R. 3684" is "H.R. thirty-six eighty-four"
BILL_RE = re.compile(
    r"(?<![\w.])(?P<label>H\.\s?R\.|S\.\s?B\.|H\.\s?B\.|A\.\s?B\.|HR|SB|HB|AB)\s?(?P<n>\d{1,4})\b(?![.,]\d)"
)
FLIGHT_RE = re.compile(r"\b(?P<label>[Ff]light)(?P<sep>\s+#?)(?P<n>\d{3,4})\b(?![.,]\d)")
#: FM stations by their megahertz (88 to 108), AM ones by their kilohertz (530 to 1700)
RADIO_RE = re.compile(
    r"(?<![\w.,])(?:(?P<f>(?:8[89]|9\d|10[0-8])(?:\.\d)?)\s?(?P<fm>FM)|(?P<k>[5-9]\d0|1[0-7]\d0)\s?(?P<am>AM))\b"
)


def _group(run: str) -> str:
    """Digits one by one; a check letter X said as the letter."""
    return " ".join(digits(ch) if ch.isdigit() else ch for ch in run)


def say_catalogue(match: re.Match[str]) -> tuple[str, str]:
    """Say "ISBN 1-56027-287-2" as "I.S.B.N. one, five six zero two seven, two eight seven, two"."""
    label = match["label"]
    said_label = spell(label) if label.isupper() else label
    groups = [g for g in re.split(r"[-\s.]+", match["id"]) if g]
    verb = match["verb"] or ""
    return f"{said_label}{verb} {', '.join(_group(g) for g in groups)}", "catalogue number: digit by digit"


def say_doi(match: re.Match[str]) -> tuple[str, str]:
    """Say "doi: 10.1038/nature123" as "D.O.I. ten dot one zero three eight slash nature one two three"."""
    return f"D.O.I. {read_address(match['id'].replace(' ', ''))}", "DOI: read like an address"


def say_last_digits(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "a card ending in 8876" digit by digit; "the year ending in 2024" is left to the years."""
    if not CARD_WORDS.search(match.string, max(0, match.start() - 20), match.start()):
        return None
    return f"{match['label']}{digits(match['id'])}", "last digits of a card: digit by digit"


def say_bill(match: re.Match[str]) -> tuple[str, str]:
    """Say a bill's number in pairs after its chamber's letters, spelled."""
    return f"{spell(match['label'])} {pairs(int(match['n']))}", "bill number: in pairs"


def say_flight(match: re.Match[str]) -> tuple[str, str]:
    """Say "Flight 1549" as "Flight fifteen forty-nine", in pairs like a year."""
    return f"{match['label']} {pairs(int(match['n']))}", "flight number: in pairs"


def say_radio(match: re.Match[str]) -> tuple[str, str]:
    """Say "99.9FM" as "ninety-nine point nine F.M.", "1010 AM" as "ten ten A.M."."""
    if match["fm"]:
        return f"{decimal(match['f'])} F.M.", "radio frequency"
    return f"{pairs(int(match['k']))} A.M.", "radio frequency: AM in pairs"


RULES = needing(
    DIGITS,
    Rule("DOI", DOI_RE, say_doi),
    Rule("catalogue number", CATALOGUE_RE, say_catalogue),
    Rule("last digits", LAST_DIGITS_RE, say_last_digits),
    Rule("bill number", BILL_RE, say_bill),
    Rule("flight number", FLIGHT_RE, say_flight),
    Rule("radio frequency", RADIO_RE, say_radio),
)
