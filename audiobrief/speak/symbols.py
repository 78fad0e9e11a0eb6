"""Symbols and slashed forms: "24/7", "and/or", "#1", "@handle", "&", "%", lone currency signs."""

from __future__ import annotations

import re

from .rewrite import Rule, needing

#: fixed forms said one way, read before fractions and dates
FIXED = {
    "24/7": "twenty-four seven",
    "9/11": "nine eleven",
    "50/50": "fifty-fifty",
    "and/or": "and or",
    "he/she": "he or she",
    "she/he": "she or he",
    "his/her": "his or her",
    "him/her": "him or her",
    "s/he": "she or he",
    "w/o": "without",
    "w/": "with",
    "401(k)": "four oh one K",
    "403(b)": "four oh three B",
    "501(c)(3)": "five oh one C three",
}
FIXED_RE = re.compile(
    r"(?<![\w/])(?:" + "|".join(re.escape(k) for k in sorted(FIXED, key=len, reverse=True)) + r")"
    r"(?![\w/])",
    re.IGNORECASE,
)
NAMES = {
    "%": "percent",
    "&": "and",
    "+": "plus",
    "=": "equals",
    "@": "at",
    "#": "hash",
    "$": "dollar",
    "€": "euro",
    "£": "pound",
    "¥": "yen",
    "₩": "won",
    "₹": "rupee",
    "°": "degrees",
    "±": "plus or minus",
    "~": "about",
    "\u00d7": "times",
    "÷": "divided by",
    "§": "section",
    "¶": "paragraph",
    "©": "copyright",
    "®": "registered",
    "™": "trademark",
    "*": "",
}
SYMBOL_RE = re.compile(r"[" + re.escape("".join(NAMES)) + r"]")
SLASH_RE = re.compile(r"(?<=[A-Za-z])/(?=[A-Za-z])")
MID_RE = re.compile(r"\b([Mm]id)-(?=[A-Z0-9'\u2019]|\d)")


def say_fixed(match: re.Match[str]) -> str:
    """Say a fixed form: "24/7" -> "twenty-four seven"."""
    return FIXED[match.group(0).lower()]


def say_symbol(match: re.Match[str]) -> str:
    """Name a symbol, with spaces so it stands as a word."""
    return f" {NAMES[match.group(0)]} "


#: a hashtag; a word between two hashes ("#mytext#") is none
HASHTAG_RE = re.compile(r"(?<![\w&])#(?P<tag>[A-Za-z]\w*)(?![\w#])")
#: where a hashtag's words meet: "BlackLivesMatter", "NHSCrisis"; "iPhone", "McCain" stay whole
CAMEL_JOINT = re.compile(r"(?<=[a-z]{2})(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2})")


def say_hashtag(match: re.Match[str]) -> tuple[str, str]:
    """Say "#BlackLivesMatter" as "hashtag Black Lives Matter", its words apart as they are read."""
    words = CAMEL_JOINT.sub(" ", match["tag"])
    return f"hashtag {words}", "hashtag: its words read apart"


RULES_FIRST = (
    *needing("/(", Rule("fixed", FIXED_RE, say_fixed)),
    *needing("-", Rule("mid", MID_RE, lambda m: m[1] + " ")),
    *needing(
        "#",
        Rule("number sign", re.compile(r"(?<![\w&])#\s?(?=\d)"), lambda m: "number "),
        # a word between two hashes ("#mytext#") is no hashtag: the symbol rule names both
        Rule("hashtag", HASHTAG_RE, say_hashtag, repairs=True),
    ),
    *needing("@", Rule("handle", re.compile(r"(?<![\w.])@(?=\w)"), lambda m: "at ")),
)
RULES_LAST = (
    *needing("/", Rule("slash", SLASH_RE, lambda m: " slash ")),
    *needing("".join(NAMES), Rule("symbol", SYMBOL_RE, say_symbol)),
)
