"""Dates, years, decades and quarters in the forms news text uses."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from .numbers import cardinal, ordinal, pairs, plural_words, year
from .rewrite import DIGITS, Rule, needing
from .variety import VARIETIES, Variety

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS = {name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)}
MONTHS.update({name.lower()[:3]: i + 1 for i, name in enumerate(MONTH_NAMES)})
MONTHS.update({"sept": 9})
#: a word that may be a month; handlers check it against MONTHS
MONTH = r"(?P<mon>[ADFJMNOSadfjmnos][A-Za-z]{2,8})"
#: a determiner or possessive just before a date or quarter, so no "the" is added: "the company's Q3"
THE_BEFORE = re.compile(
    r"(?:\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Tt]his|[Tt]hat|[Ll]ast|[Nn]ext|[Ee]ach)|\w['\u2019]s?)\s+$"
)
DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<y>1\d{3}|20\d{2})"
#: month words that are also ordinary words; lower case they need a year to count as a month
WORDY_MONTHS = frozenset({"may", "mar", "march"})
DATE_WORD_BEFORE = re.compile(
    r"\b(?i:on|since|until|till|by|before|after|from|through|thru|beginning|starting|ending|effective"
    r"|due|dated|as of|opens|closes|expires|"
    + "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    + r")\.?,?\s+$"
)
IGNORE_CASE = re.IGNORECASE


def _month(text: str) -> int:
    """Month number of a month name or abbreviation, 0 when the word is no month."""
    return MONTHS.get(text.lower().rstrip("."), 0)


def _valid(month: int, day: int) -> bool:
    """True for a plausible month and day."""
    return 1 <= month <= 12 and 1 <= day <= 31


def _year2(text: str) -> str:
    """A year written with two or four digits: "05" -> "oh five", "98" -> "ninety-eight"."""
    if len(text) == 4:
        return year(int(text))
    n = int(text)
    return pairs(n) if n >= 10 else f"oh {cardinal(n)}"


def _month_first(month: int, day: int, year_text: str | None, comma: bool = True) -> str:
    """US order: "July twenty-ninth, twenty seventeen"."""
    said = f"{MONTH_NAMES[month - 1]} {ordinal(day)}"
    if year_text:
        said += ("," if comma else "") + " " + _year2(year_text)
    return said


def _day_first(month: int, day: int, year_text: str | None) -> str:
    """Day-first order: "the twenty-fifth of July twenty twelve"."""
    said = f"the {ordinal(day)} of {MONTH_NAMES[month - 1]}"
    return said + (" " + _year2(year_text) if year_text else "")


def _wordy(match: re.Match[str]) -> bool:
    """True when a lower-case month word like "may" has no year to confirm it is a month."""
    mon = match["mon"]
    return mon.lower() in WORDY_MONTHS and mon.islower() and not match["y"]


def say_month_day(match: re.Match[str]) -> str | None:
    """Say "July 29, 2017", "Jan. 15 2020", "Jan-15"."""
    month, day = _month(match["mon"]), int(match["d"])
    if not _valid(month, day) or _wordy(match):
        return None
    return _month_first(month, day, match["y"], comma="," in match.group(0))


def _the(match: re.Match[str]) -> str:
    """ "the " unless the text already says it just before the match."""
    return "" if THE_BEFORE.search(match.string, max(0, match.start() - 8), match.start()) else "the "


TEXT_END = re.compile(r"\s*$")


def _stop(match: re.Match[str]) -> str:
    """The full stop a day-first date took after its month, kept when it also ends the sentence:
    after a month written in full ("12 May."), or an abbreviated one ending the text ("12 Dec.")."""
    if match["y"] or not match.group(0).endswith("."):
        return ""
    full = match["mon"].lower() in (name.lower() for name in MONTH_NAMES)
    return "." if full or TEXT_END.match(match.string, match.end()) else ""


def say_day_month(match: re.Match[str]) -> str | None:
    """Say "25 July 2012" and "the 26th May" as "the twenty-fifth of July ..."."""
    month, day = _month(match["mon"]), int(match["d"])
    if not _valid(month, day) or _wordy(match):
        return None
    return _the(match) + _day_first(month, day, match["y"]).removeprefix("the ") + _stop(match)


#: "between 10-12 May" is between the tenth and the twelfth
BETWEEN_BEFORE = re.compile(r"\b[Bb]etween\s+$")
FIRST_DAY = r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"


def _days(match: re.Match[str]) -> tuple[int, int, int] | None:
    """The month and the two days of a span of days in one month, or None when it is no such span."""
    month, first, last = _month(match["mon"]), int(match["d1"]), int(match["d"])
    if not _valid(month, first) or not _valid(month, last) or first >= last or _wordy(match):
        return None
    return month, first, last


def say_month_days(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "May 10-12" as "May tenth to twelfth", the way the single day is said."""
    days = _days(match)
    if days is None:
        return None
    month, first, last = days
    joined = "and" if BETWEEN_BEFORE.search(match.string, max(0, match.start() - 9), match.start()) else "to"
    said = f"{_month_first(month, first, None)} {joined} {ordinal(last)}"
    if match["y"]:
        said += ("," if "," in match.group(0) else "") + " " + _year2(match["y"])
    return said, "span of days in a month: 'May 10-12' is May tenth to twelfth"


def say_days_month(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "10-12 May" as "the tenth to the twelfth of May", the way the single day is said."""
    days = _days(match)
    if days is None:
        return None
    month, first, last = days
    joined = "and" if BETWEEN_BEFORE.search(match.string, max(0, match.start() - 9), match.start()) else "to"
    said = f"{_the(match)}{ordinal(first)} {joined} {_day_first(month, last, match['y'])}{_stop(match)}"
    return said, "span of days before a month: '10-12 May' is the tenth to the twelfth of May"


def say_month_year(match: re.Match[str]) -> str | None:
    """Say "February 2022" as "February twenty twenty-two"."""
    if not _month(match["mon"]) or (match["mon"].lower() in WORDY_MONTHS and match["mon"].islower()):
        return None
    return f"{MONTH_NAMES[_month(match['mon']) - 1]} {year(int(match['y']))}"


def say_iso(match: re.Match[str], variety: Variety = "en-us") -> str | None:
    """Say "2016-11-03" and "2016/07/03" in the variety's order: year first is no spoken order, so
    American English says the month first ("November third, twenty sixteen") and British English
    the day ("the third of November twenty sixteen")."""
    y, month, day = match["y"], int(match["m"]), int(match["d"])
    if not _valid(month, day):
        return None
    if variety == "en-gb":
        return _the(match) + _day_first(month, day, y).removeprefix("the ")
    return _month_first(month, day, y)


def say_numeric(match: re.Match[str]) -> str | None:
    """Say "10/06/2005" (month first) or "15.01.2020" (day first when the first number is over 12)."""
    a, b, y = int(match["a"]), int(match["b"]), match["y"]
    if _valid(a, b):
        return _month_first(a, b, y)
    if _valid(b, a):
        return _day_first(b, a, y)
    return None


#: denominators a fraction is usually written with; "3/4" is a fraction, "3/20" a date
FRACTION_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100})
#: a whole number just before makes m/d the fraction of a mixed number: "3 5/8"
MIXED_BEFORE = re.compile(r"(?<![\d,.])\d+\s$")
#: a fraction's context after it: "3/4 of", "1/2 inch", "3/8-inch"
FRACTION_AFTER = re.compile(
    r"[\s-]+(?:of|an?|inch|inches|in|miles?|cups?|pounds?|teaspoons?|tablespoons?|mile|lengths?)\b"
)


def say_short(match: re.Match[str]) -> str | tuple[str, str] | None:
    """Say "on 1/4" and "beginning 3/20" as dates (month first, as numeric dates are written in
    American copy; day first after a date word when only that makes a date: "on 20/3"); leave
    "3/4 of", "1/2" and "22/3" to the fractions. Written order follows the text, not the voice,
    so it is the same in en-gb."""
    first, second = int(match["m"]), int(match["d"])
    day_first = not _valid(first, second)
    if day_first and not _valid(second, first):
        return None
    said = _day_first(second, first, None) if day_first else _month_first(first, second, None)
    text, start = match.string, match.start()
    if MIXED_BEFORE.search(text, max(0, start - 6), start):
        return None
    if DATE_WORD_BEFORE.search(text, max(0, start - 14), start):
        return said, "date: a date word before m/d"
    if day_first:
        return None
    if (second in FRACTION_DENOMINATORS and first < second) or FRACTION_AFTER.match(text, match.end()):
        return None
    return said, "date: m/d that is no everyday fraction"


def say_decade(match: re.Match[str]) -> str:
    """Say "1980s" -> "nineteen eighties", "'90s" / "90s" -> "nineties"."""
    text = match["dec"]
    if len(text) == 2:
        return plural_words(cardinal(int(text)))
    n = int(text)
    words = "two thousand" if n == 2000 else year(n)
    return plural_words(words)


#: the last year a span of years in news copy reaches; "2000-2500" is a span of amounts
LAST_YEAR = 2100


def say_year_range(match: re.Match[str]) -> str | tuple[str, str] | None:
    """Say "2010-2015" and "1960-80" as years joined by "to"; "2008-09" as two whole years."""
    first, second = int(match["y"]), match["b"]
    if len(second) == 4 and int(second) <= first:
        return None
    if len(second) == 4 and int(second) > LAST_YEAR:
        return f"{cardinal(first)} to {cardinal(int(second))}", "span of amounts: no year runs past 2100"
    if len(second) == 2 and (first >= 2000 or int(second) < 10):
        whole = first // 100 * 100 + int(second)
        whole += 100 if whole <= first else 0
        return f"{year(first)} to {year(whole)}", "span of years: a short second year said whole in the 2000s"
    end = year(int(second)) if len(second) == 4 else _year2(second)
    return f"{year(first)} to {end}"


#: the most years a span written with a slash covers: "2017/18" and "1990/1991" are seasons and
#: fiscal years, "1500/2000" is a ratio of amounts
SLASH_SPAN = 10


def say_slash_years(match: re.Match[str]) -> str | tuple[str, str] | None:
    """Say "the 2017/18 season" and "2019/2020" like "2017-18": years joined by "to"."""
    first, second = int(match["y"]), match["b"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    last += 100 if len(second) == 2 and last <= first else 0
    if not 0 < last - first <= SLASH_SPAN:
        return None
    said = say_year_range(match)
    if said is None:
        return None
    words = said if isinstance(said, str) else said[0]
    return words, "span of years with a slash: 'the 2017/18 season' is 2017 to 2018"


#: a season or a year of accounts written with two-digit years: "the 23/24 season", "05/06 budget"
SHORT_SEASON_RE = re.compile(
    r"(?<![\w./-])(?P<a>\d{2})\s?/\s?(?P<b>\d{2})(?=\s+(?i:season|campaign|term|budget|(?:financial|fiscal"
    r"|tax|academic|school) year)\b)"
)


def say_short_season(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "the 23/24 season" as "the twenty-three to twenty-four season": two years running."""
    if (int(match["a"]) + 1) % 100 != int(match["b"]):
        return None
    last = "two thousand" if match["b"] == "00" else _year2(match["b"])
    return f"{_year2(match['a'])} to {last}", "season in two-digit years: 'the 23/24 season'"


def say_quarter(match: re.Match[str]) -> str:
    """Say "Q2 2022" / "2Q22" as "the second quarter of twenty twenty-two"."""
    said = f"{_the(match)}{ordinal(int(match['q'] or match['q2']))} quarter"
    return said + (" of " + _year2(match["y"]) if match["y"] else "")


def say_era(match: re.Match[str]) -> str:
    """Say "340 A.D." / "300 BC" with the year in pairs and the era spelled."""
    era = ".".join(ch for ch in match["era"].upper() if ch.isalpha()) + "."
    return f"{year(int(match['n']))} {era}"


#: words that make a four-digit number a count: "about 1999 people" is no year
COUNT_BEFORE = re.compile(
    r"\b(?i:about|some|nearly|almost|over|than|least|up to|around|roughly|approximately|only|just|another"
    r"|estimated|total of|all)\s+$"
)
PLURAL_AFTER = re.compile(r"\s+(?:[a-z]+s|people|children|men|women)\b")


def say_year(match: re.Match[str]) -> str | None:
    """Say a bare four-digit year: "2022" -> "twenty twenty-two"; leave a count ("about 1999
    people") to the numbers."""
    start = match.start()
    if PLURAL_AFTER.match(match.string, match.end()) and COUNT_BEFORE.search(
        match.string, max(0, start - 16), start
    ):
        return None
    return year(int(match["y"])) + (match["poss"] or "")


#: before a year: "c. 1200" circa, "(b. 1950)" born, "(d. 2001)" died, "fl. 1320" flourished
YEAR_MARKS = {
    "c": "circa",
    "ca": "circa",
    "b": "born",
    "d": "died",
    "fl": "flourished",
    "r": "reigned",
    "est": "established",
    "Est": "established",
}
YEAR_MARK_RE = re.compile(r"(?<![\w.])(?P<a>c|ca|b|d|fl|r|est|Est)\.\s?(?=\d{3,4}\b)")
#: a span of months: "Jan-Mar", "Oct.-Dec."
MONTH_SPAN_RE = re.compile(
    rf"\b{MONTH}\.?\s?[-\u2013]\s?(?P<mon2>[ADFJMNOSadfjmnos][A-Za-z]{{2,8}})\b(?:\.(?=\s+[a-z\d]))?"
)


def say_month_span(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "Jan-Mar" as "January to March"."""
    first, second = _month(match["mon"]), _month(match["mon2"])
    if not first or not second or not (match["mon"][0].isupper() and match["mon2"][0].isupper()):
        return None
    return f"{MONTH_NAMES[first - 1]} to {MONTH_NAMES[second - 1]}", "span of months"


def say_year_mark(match: re.Match[str]) -> tuple[str, str]:
    """Say "c. 1200" as "circa twelve hundred", "(b. 1950)" as "born nineteen fifty"."""
    return YEAR_MARKS[match["a"]] + " ", "mark before a year: c. circa, b. born, d. died"


#: a fiscal year, glued or apart: "FY2024", "FY 2024-25", "FY24", "FY'24"
FISCAL_YEAR_RE = re.compile(r"\bFY\s?['\u2019]?(?=\d{2}(?:\d{2})?\b)")


def say_fiscal_year(match: re.Match[str]) -> tuple[str, str]:
    """Write "FY2024" as "fiscal year 2024", for the year rules to say: a newsreader reads FY out."""
    return "fiscal year ", "'FY2024' is fiscal year twenty twenty-four"


def _rules(variety: Variety) -> tuple[Rule, ...]:
    """The date rules for one language variety."""
    iso = partial(say_iso, variety=variety)
    rules = (replace(rule, handler=iso) if rule.handler is say_iso else rule for rule in COMMON)
    return needing(DIGITS, *rules)


COMMON = (
    Rule("fiscal year", FISCAL_YEAR_RE, say_fiscal_year, repairs=True),
    Rule("abbreviation", YEAR_MARK_RE, say_year_mark),
    Rule(
        "date",
        re.compile(
            rf"\b{MONTH}\.?\s+{FIRST_DAY}\s?[-\u2013]\s?{DAY}\b(?:,?\s+{YEAR}\b)?(?![:.]\d|\s?%|[-\u2013]\d)",
            IGNORE_CASE,
        ),
        say_month_days,
    ),
    Rule(
        "date",
        re.compile(
            rf"(?<![\w.,-]){FIRST_DAY}\s?[-\u2013]\s?{DAY}(?:\s+of)?\s+{MONTH}\b\.?(?:,?\s+{YEAR}\b)?",
            IGNORE_CASE,
        ),
        say_days_month,
    ),
    Rule(
        "date",
        re.compile(rf"\b{MONTH}\.?(?:\s+|-){DAY}\b(?:(?:,?\s+|-){YEAR}\b)?(?![:.]\d|\s?%)", IGNORE_CASE),
        say_month_day,
    ),
    Rule(
        "date", re.compile(rf"\b{DAY}(?:\s+of)?\s+{MONTH}\b\.?(?:,?\s+{YEAR}\b)?", IGNORE_CASE), say_day_month
    ),
    Rule("date", re.compile(rf"\b{MONTH}\.?,?\s+{YEAR}\b(?![-\u2013/]\d)", IGNORE_CASE), say_month_year),
    Rule(
        "date",
        re.compile(r"\b(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})\b(?![.-]\d)"),
        say_iso,
    ),
    Rule(
        "date",
        re.compile(
            r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)"
            r"(?P<y>\d{4}|\d{2})\b(?![./-]\d)"
        ),
        say_numeric,
    ),
    Rule("date", re.compile(r"(?<![\w/.])(?P<m>\d{1,2})/(?P<d>\d{1,2})\b(?![/\d])"), say_short),
    Rule(
        "quarter",
        re.compile(r"(?:\b(?P<q>[1-4])Q\s?|\bQ(?P<q2>[1-4])\b\s?)(?P<y>\d{4}|\d{2})?\b"),
        say_quarter,
    ),
    Rule("decade", re.compile(r"(?<![\w.,$])(?P<dec>\d{3}0)\s?['\u2019]?s\b"), say_decade),
    Rule("decade", re.compile(r"(?<![\w.,$'\u2019\u2018])['\u2019\u2018]?(?P<dec>[1-9]0)s\b"), say_decade),
    Rule(
        "decade",
        re.compile(r"['\u2019\u2018](?<![\w.,$]['\u2019\u2018]) ?00s\b"),
        lambda m: ("two thousands", "the '00s: the two thousands"),
    ),
    Rule(
        "year",
        re.compile(
            r"(?<![\w$£€.,/:-])" + YEAR + r"\s?[-\u2013\u2014]\s?(?P<b>\d{4}|\d{2})\b"
            r"(?![.,]\d|[-/:]\d)"
        ),
        say_year_range,
    ),
    Rule("year", SHORT_SEASON_RE, say_short_season),
    Rule(
        "year",
        re.compile(r"(?<![\w$£€.,/:-])" + YEAR + r"\s?/\s?(?P<b>\d{4}|\d{2})\b(?![.,]\d|[-/:]\d)"),
        say_slash_years,
    ),
    Rule(
        "year",
        re.compile(r"(?<![\w.])(?P<n>\d{1,4})\s?(?P<era>A\.?D\b\.?|B\.?C\.?E?\b\.?|C\.?E\b\.?)"),
        say_era,
    ),
    Rule(
        "year",
        re.compile(r"(?<![\w$£€¥.,/:#-])" + YEAR + r"(?P<poss>['\u2019]s)?(?![.,]\d|\d|[A-Za-z%°/:])"),
        say_year,
    ),
)
RULES: dict[Variety, tuple[Rule, ...]] = {variety: _rules(variety) for variety in VARIETIES}
MONTH_SPAN_RULES = needing("-\u2013", Rule("date", MONTH_SPAN_RE, say_month_span))
