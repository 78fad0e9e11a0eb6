"""Fractions: "1/4" -> "one quarter", "2 1/2" -> "two and a half", "31/32" -> "thirty-one thirty-seconds"."""

from __future__ import annotations

import re

from .numbers import cardinal, decimal, ordinal
from .rewrite import DIGITS, Rule, needing

VULGAR = {
    "½": "1/2",
    "⅓": "1/3",
    "⅔": "2/3",
    "¼": "1/4",
    "¾": "3/4",
    "⅛": "1/8",
    "⅜": "3/8",
    "⅝": "5/8",
    "⅞": "7/8",
    "⅕": "1/5",
}

VULGAR_CHARS = "".join(VULGAR)


def _denominator(n: int, plural: bool) -> str:
    """The word for a denominator: 2 -> "half"/"halves", 4 -> "quarter", 3 -> "third"."""
    if n == 2:
        return "halves" if plural else "half"
    if n == 4:
        return "quarters" if plural else "quarter"
    word = ordinal(n)
    return word + "s" if plural else word


def fraction(num: int, den: int) -> str:
    """Say a simple fraction: (3, 4) -> "three quarters"."""
    if den in (0, 1) or den >= 1000:
        return f"{cardinal(num)} over {cardinal(den)}"
    return f"{cardinal(num)} {_denominator(den, num != 1)}"


def say_fraction_words(text: str) -> str:
    """Say "2 1/2" or "3/4" as written in a measure or on its own."""
    whole, _, frac = text.strip().rpartition(" ")
    num, den = (int(x) for x in frac.split("/"))
    if not whole:
        return fraction(num, den)
    if (num == 1 and den in (2, 4)) or (num == 1 and 2 < den < 1000):
        return f"{cardinal(int(whole))} and a {_denominator(den, False)}"
    return f"{cardinal(int(whole))} and {fraction(num, den)}"


def say_fraction(match: re.Match[str]) -> str:
    """Say a written fraction, dropping an ordinal suffix ("1/4th")."""
    return say_fraction_words(f"{match['w'] or ''} {match['n']}/{match['d']}")


def say_vulgar(match: re.Match[str]) -> str:
    """Say a one-character fraction, with the whole number before it if any."""
    return say_fraction_words(f"{match['w'] or ''} {VULGAR[match['f']]}")


#: a rating: "7.5/10", "rated 4/5" -> "seven point five out of ten"
RATING = re.compile(
    r"(?<![\w./-])(?P<n>\d{1,3}(?P<dec>\.\d)?)\s?/\s?(?P<d>5|10|100)(?![\w/]|\.\d|-\d)"
)
RATING_BEFORE = re.compile(r"\b(?i:rated|rating|rates|scored|score|gave it|gives it|graded)\s+(?:\w+\s+)?$")


def say_rating(match: re.Match[str]) -> tuple[str, str] | None:
    """Say a score out of 5, 10 or 100 as "out of" when written with a decimal or after "rated"."""
    start = match.start()
    if not match["dec"] and not RATING_BEFORE.search(match.string, max(0, start - 20), start):
        return None
    return f"{decimal(match['n'])} out of {cardinal(int(match['d']))}", "rating: 'out of'"


RULES = needing(
    DIGITS + "".join(VULGAR),
    Rule("rating", RATING, say_rating),
    Rule(
        "fraction",
        re.compile(
            # a leading zero marks a code or a year ("05/06 season"), never a fraction
            r"(?<![\w./-])(?:(?P<w>\d+)\s)?(?!0\d)(?P<n>\d+)\s?/\s?(?!0\d)(?P<d>\d+)(?:st|nd|rd|th)?"
            r"(?![\w/]|-\d|\.\d)",
            re.IGNORECASE,
        ),
        say_fraction,
    ),
    # (?<!\d): a whole number starts where its digits start, so a long run of digits is scanned
    # once, not again from each of its digits (which took time quadratic in the run's length)
    Rule(
        "fraction",
        re.compile(rf"(?=[\d{VULGAR_CHARS}])(?:(?<!\d)(?P<w>\d+)\s?)?(?P<f>[{VULGAR_CHARS}])"),
        say_vulgar,
    ),
)
