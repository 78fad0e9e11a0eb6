"""Clock times: "10:30 a.m." -> "ten thirty A.M.", "5pm EST" -> "five P.M. E.S.T."."""

from __future__ import annotations

import re

from .measures import unit
from .numbers import ONES, cardinal
from .rewrite import DIGITS, Rule, needing

ZONES = [
    "EST",
    "EDT",
    "CST",
    "CDT",
    "MST",
    "MDT",
    "PST",
    "PDT",
    "AKST",
    "AKDT",
    "HST",
    "GMT",
    "UTC",
    "BST",
    "CET",
    "CEST",
    "EET",
    "EEST",
    "IST",
    "JST",
    "KST",
    "AEST",
    "AEDT",
    "ET",
    "CT",
    "MT",
    "PT",
]
MERIDIEM = r"(?P<ampm>[ap])\.?\s?m\b\.?"
ZONE = r"(?:\s?(?P<zone>(?:" + "|".join(ZONES) + r")\b|(?:[ecmp]\.?[sd]\.?t\b\.?)))?"
CLOCK = re.compile(
    r"(?<![\w:.,])(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.])(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?)?"
    r"\s?(?:" + MERIDIEM + r")?" + ZONE + r"(?![\w:])",
    re.IGNORECASE,
)


#: zones a newsreader names rather than spells: "3 p.m. ET" -> "three P.M. Eastern"
NAMED_ZONES = {"ET": "Eastern", "CT": "Central", "MT": "Mountain", "PT": "Pacific"}


def _zone(text: str | None) -> str:
    """Say a time zone: "ET" -> "Eastern", others spelled as dotted capitals: "est" -> "E.S.T."."""
    if not text:
        return ""
    if text in NAMED_ZONES:
        return " " + NAMED_ZONES[text]
    letters = [ch.upper() for ch in text if ch.isalpha()]
    return " " + ".".join(letters) + "."


def _minutes(m: int) -> str:
    """Minutes after the hour as said on a clock: 5 -> "oh five"."""
    return f"oh {ONES[m]}" if m < 10 else cardinal(m)


def _unit(n: int, word: str) -> str:
    """A count with its unit: (1, "hour") -> "one hour"."""
    return f"{cardinal(n)} {word}{'' if n == 1 else 's'}"


#: words after "5.15" that make it a quantity, not a time
QUANTITY_WORDS = re.compile(
    r"(?i:percent|per|points?|miles?|kilomet(?:er|re)s?|met(?:er|re)s?|feet|foot|inch(?:es)?|pounds?"
    r"|kilos?|kilograms?|tons?|tonnes?|degrees?|seconds?|minutes?|hours?|years?|dollars?|euros?|times"
    r"|million|billion|trillion|thousand|goals?|runs?|yards?|laps?)"
)
NEXT_WORD = re.compile(r"\s?(?P<word>%|[A-Za-z]+)")
#: words before "10.30" that make it a clock time, as British copy writes it: "at 10.30"
TIME_WORD_BEFORE = re.compile(r"\b(?i:at|from|until|till|by|before|after|around|about)\s+$")


def _time_word_before(match: re.Match[str]) -> bool:
    """True when a dotted time ("10.30") follows a word that takes a time, and no percent follows."""
    start, end = match.start(), match.end()
    following = NEXT_WORD.match(match.string, end)
    if following and (QUANTITY_WORDS.fullmatch(following["word"]) or unit(following["word"])):
        return False
    return bool(TIME_WORD_BEFORE.search(match.string, max(0, start - 8), start))


def say_clock(match: re.Match[str]) -> str | None:
    """Say a clock time; pass on bare numbers and on dotted decimals without a.m./p.m."""
    hour, ampm, sep = int(match["h"]), match["ampm"], match["sep"]
    if not ampm and not sep:
        return None
    if not ampm and sep == "." and not _time_word_before(match):
        return None
    if ampm and hour > 12:
        return None
    suffix = f" {ampm.upper()}.M." if ampm else ""
    if match["s"]:
        h, m, s = hour, int(match["m"]), int(match["s"])
        said = f"{_unit(h, 'hour')} {_unit(m, 'minute')} and {_unit(s, 'second')}"
    elif sep and int(match["m"]):
        said = f"{cardinal(hour)} {_minutes(int(match['m']))}"
    else:
        said = cardinal(hour) + ("" if ampm else " o'clock")
    said += suffix + _zone(match["zone"])
    if said.endswith(".") and match.string[match.end() : match.end() + 1] == ".":
        said = said[:-1]
    return said


#: the first hour of a span that names A.M. or P.M. only once: "2-3 p.m.", "10:30-11 a.m."
HOUR_BEFORE_SPAN = re.compile(
    r"(?<![\w:.,/$-])(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s?[-\u2013]\s?"
    r"(?=(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s?[ap]\.?\s?m\b)",
    re.IGNORECASE,
)
#: zones of three or more letters; "2000 MT" may be metric tons and "1200 PT" part-time
LONG_ZONES = "|".join(zone for zone in ZONES if len(zone) > 2)
#: a 24-hour time in four digits before a zone, "hours" or "local time": "0300 GMT", "2100 local"
FOUR_DIGIT_CLOCK = re.compile(
    r"(?<![\w:.,/$-])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)"
    rf"(?=\s?(?:(?:{LONG_ZONES}|Zulu|Z)\b|hours\b|hrs\b|local(?: time)?\b))"
)
#: noon or midnight before a zone a newsreader names: "noon ET" is noon Eastern
NAMED_HOUR = re.compile(r"\b(?P<hour>[Nn]oon|[Mm]idnight)\s(?P<zone>ET|CT|MT|PT)\b")


def say_hour_before_span(match: re.Match[str]) -> tuple[str, str]:
    """Say the first clock time of "2-3 p.m." and the "to" after it."""
    minutes = int(match["m"] or 0)
    said = cardinal(int(match["h"])) + (f" {_minutes(minutes)}" if minutes else "")
    return said + " to ", "time span: one A.M. or P.M. for both times"


def say_four_digit_clock(match: re.Match[str]) -> tuple[str, str]:
    """Say "0300" as "oh three hundred", "2100" "twenty-one hundred", "1430" "fourteen thirty"."""
    hour, minutes = int(match["h"]), int(match["m"])
    said = ("oh " if match["h"].startswith("0") else "") + cardinal(hour)
    said += f" {_minutes(minutes)}" if minutes else " hundred"
    return said, "24-hour time in four digits before a zone"


def say_named_hour(match: re.Match[str]) -> tuple[str, str]:
    """Say "noon ET" as "noon Eastern", as the zone is said after a clock time."""
    return f"{match['hour']}{_zone(match['zone'])}", "time zone after noon or midnight: 'noon ET'"


RULES = (
    Rule("time", NAMED_HOUR, say_named_hour, needs="T"),
    *needing(
        DIGITS,
        Rule("time", HOUR_BEFORE_SPAN, say_hour_before_span),
        Rule("time", FOUR_DIGIT_CLOCK, say_four_digit_clock),
        Rule("time", CLOCK, say_clock),
    ),
)
