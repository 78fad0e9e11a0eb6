"""Abbreviations: titles before names ("Gen.", "Sen."), "St.", "No. 3", "vs.", "etc.", months."""

from __future__ import annotations

import re

from .citations import COMPANY_AFTER
from .rewrite import Rule, needing
from .states import ABBREVIATION, WRITTEN_OUT

#: said before a name; the dot is never a sentence end
TITLES = {
    "Gen": "General",
    "Gens": "Generals",
    "Lt": "Lieutenant",
    "Col": "Colonel",
    "Maj": "Major",
    "Capt": "Captain",
    "Cpt": "Captain",
    "Sgt": "Sergeant",
    "Cpl": "Corporal",
    "Pvt": "Private",
    "Spc": "Specialist",
    "Adm": "Admiral",
    "Cmdr": "Commander",
    "Cdr": "Commander",
    "Brig": "Brigadier",
    "Gov": "Governor",
    "Govs": "Governors",
    "Sen": "Senator",
    "Sens": "Senators",
    "Rep": "Representative",
    "Reps": "Representatives",
    "Rev": "Reverend",
    "Dr": "Doctor",
    "Drs": "Doctors",
    "Mr": "Mister",
    "Messrs": "Messieurs",
    "Mrs": "Misses",
    "Ms": "Miz",
    "Prof": "Professor",
    "Pres": "President",
    "Supt": "Superintendent",
    "Fr": "Father",
    "Hon": "Honorable",
    "Atty": "Attorney",
    "Det": "Detective",
    "Insp": "Inspector",
    "Amb": "Ambassador",
    "Sec": "Secretary",
    "Mt": "Mount",
    "Ft": "Fort",
    "Pt": "Point",
    "Sgt. Maj": "Sergeant Major",
    "Lt. Gen": "Lieutenant General",
    "Maj. Gen": "Major General",
    "Lt. Col": "Lieutenant Colonel",
    "Brig. Gen": "Brigadier General",
    "Rear Adm": "Rear Admiral",
    "Vice Adm": "Vice Admiral",
    "Rt. Hon": "Right Honorable",
}
#: said where they stand; the dot may also end the sentence
TRAILING = {
    "Inc": "Incorporated",
    "Corp": "Corporation",
    "Ltd": "Limited",
    "Bros": "Brothers",
    "Co": "Company",
    "Dept": "Department",
    "Univ": "University",
    "Assn": "Association",
    "Intl": "International",
    "Govt": "Government",
    "Jr": "Junior",
    "Sr": "Senior",
    "etc": "et cetera",
    "est": "estimate",
    "vs": "versus",
    "approx": "approximately",
    "e.g": "for example",
    "i.e": "that is",
    "Ave": "Avenue",
    "Blvd": "Boulevard",
    "Rd": "Road",
    "Hwy": "Highway",
    "Expy": "Expressway",
    "Pkwy": "Parkway",
    "Ln": "Lane",
    "Sq": "Square",
    "Ct": "Court",
    "Jan": "January",
    "Feb": "February",
    "Mar": "March",
    "Apr": "April",
    "Jun": "June",
    "Jul": "July",
    "Aug": "August",
    "Sep": "September",
    "Sept": "September",
    "Oct": "October",
    "Nov": "November",
    "Dec": "December",
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Tues": "Tuesday",
    "Thu": "Thursday",
    "Thurs": "Thursday",
    "Fri": "Friday",
    "a.m": "A.M.",
    "p.m": "P.M.",
    "ca": "circa",
    "Fig": "figure",
    "fig": "figure",
}
#: said only before a number: "No. 3", "Nos. 4 and 5", "Vol. 2", "pp. 4"
NUMBERED = {
    "No": "number",
    "no": "number",
    "vol": "volume",
    "pop": "population",
    "ch": "chapter",
    "Nos": "numbers",
    "Vol": "volume",
    "Ch": "chapter",
    "pp": "pages",
    "p": "page",
    "Art": "article",
    "Sec": "section",
    "fl": "flourished",
    "Op": "opus",
    "op": "opus",
    "Fig": "figure",
    "fig": "figure",
    "Ex": "exhibit",
    "Para": "paragraph",
    "para": "paragraph",
}
#: street types said without a dot after a street name: "Elm St", "Laguna Ct"
STREETS = {
    "St": "Street",
    "Ave": "Avenue",
    "Rd": "Road",
    "Blvd": "Boulevard",
    "Ct": "Court",
    "Hwy": "Highway",
    "hwy": "Highway",
    "st": "Street",
    "Expy": "Expressway",
    "Ln": "Lane",
    "Pkwy": "Parkway",
    "Dr": "Drive",
    "Pl": "Place",
    "Ter": "Terrace",
}
#: titles British copy writes without a full stop ("Dr Smith", "Mr Jones"); said before a name
UNDOTTED_TITLES = {
    "Dr": "Doctor",
    "Mr": "Mister",
    "Mrs": "Misses",
    "Ms": "Miz",
    "Prof": "Professor",
    "Revd": "Reverend",
    "Cllr": "Councillor",
    "Sgt": "Sergeant",
    "Lt": "Lieutenant",
    "Capt": "Captain",
    "Gen": "General",
    "Col": "Colonel",
    "Supt": "Superintendent",
    "Insp": "Inspector",
}


def _alternatives(words: dict[str, str]) -> str:
    """A regex alternation of the keys, longest first, dots escaped."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: "Gen. Z", "Gen. X": a generation, not a general
GENERATION_AFTER = re.compile(r"\s+(?:X|Y|Z|Alpha)\b")
TITLE_RE = re.compile(
    rf"(?<![\w.])(?P<a>{_alternatives(TITLES)}|(?i:{_alternatives(UNDOTTED_TITLES)}))\.(?=\s+[A-Z(\"\u201c'])"
)
#: a title chosen but not yet in office: "Gov.-elect Stein", "Sec.-designate Rubio"
TITLE_ELECT_RE = re.compile(rf"(?<![\w.])(?P<a>{_alternatives(TITLES)})\.-(?P<elect>elect|designate)\b")
UNDOTTED_TITLE_RE = re.compile(rf"(?<![\w.])(?P<a>{_alternatives(UNDOTTED_TITLES)})(?=\s+[A-Z])")
#: day names that are also words ("sat", "wed", "sun"): a day only with a dot and a day's context
WORDY_DAYS = {"Wed": "Wednesday", "Sat": "Saturday", "Sun": "Sunday"}
WORDY_DAY_RE = re.compile(r"(?<![\w.])(?P<a>Wed|Sat|Sun)\.")
DAY_BEFORE = re.compile(
    r"(?:\b(?:on|until|till|by|from|through|and|or|every|each)|[,\u2013-]|\b(?i:[ap]\.?m)\.?)\s*$"
)
NEXT_SENTENCE = re.compile(r"\s*$|\s+[A-Z]")
DAY_AFTER = re.compile(
    r"\s*(?:,|and\b|or\b|through\b|[\u2013-]|\d"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+[\da-z])"
)
#: "Gen. Z", "Gen. X": a generation, not a general
GENERATION_AFTER = re.compile(r"\s+(?:X|Y|Z|Alpha)\b")
TRAILING_RE = re.compile(
    rf"(?<![\w.])(?P<a>{_alternatives(TRAILING)})\.(?P<end>(?=\s+(?!{COMPANY_AFTER})[A-Z\"\u201c])|$)?"
    r"(?=[\s,;:)!?\"\u201d]|$)"
)
#: a state after "Co." and a comma makes it a county: "Orange Co., Calif.", "Cook Co., Illinois"
COUNTY_AFTER = re.compile(rf",\s+(?:{ABBREVIATION}|(?:{WRITTEN_OUT})\b)")
NUMBERED_RE = re.compile(rf"(?<![\w.])(?P<a>{_alternatives(NUMBERED)})\.\s?(?=#?\d)")
#: "No" before a number in any case, with or without its full stop: "NO. 1", "Route No 990"
NUMBER_WORD_RE = re.compile(r"(?<![\w.])(?P<a>[Nn][Oo]s?)\.?\s?(?=#?\s?\d)")
#: "Wk 16", "WK. 3": a week by its number
WEEK_RE = re.compile(r"[Ww](?<![\w.][Ww])[Kk]\.?\s?(?=\d)")
SAINT_RE = re.compile(r"[Ss](?<![\w.][Ss])t\.?(?=\s+[A-Z])")
#: "Mt Smart", "mt Kenya" without a full stop ("Mt." is with the titles)
MOUNT_RE = re.compile(r"[Mm](?<![\w.][Mm])t(?=\s+[A-Z][a-z])")
#: abbreviations that are no words, said even without their full stop: "City vs Country"
UNDOTTED = {"vs": "versus", "etc": "et cetera"}
UNDOTTED_RE = re.compile(r"(?=[ve])(?<![\w.'\u2019-])(?P<a>vs|etc)(?![\w.'\u2019-])")
#: capitalised words that open clauses, never street names: "When St Louis won", "Then Dr Smith said"
OPENERS_TEXT = (
    "A An The When Then But And Or So Yet After Before Later Meanwhile Yesterday Today Tomorrow "
    "Tonight Now As If While Since Until In On At By For From With Without Under Over Of To Also "
    "Still Even Only Last Next This That These Those Both Each Every Said Says Asked Told"
)
OPENERS = frozenset(OPENERS_TEXT.split())
AFTER_NAME = re.compile(r"(?:\b[A-Z][a-z]+|\d+|\d(?:st|nd|rd|th)|\b(?:first|second|third|[a-z]+th))\s+$")
STREET_RE = re.compile(
    rf"(?<=[a-z])(?P<sp>\s+)(?P<a>{_alternatives(STREETS)})(?P<dot>\.)?(?P<end>(?=\s+[A-Z])|$)?"
    r"(?=[\s,;:)]|$)"
)


#: a change over a period in financial copy: "10.1% y/y", "3% q/q"
PERIOD_ON_PERIOD = {
    "y": "year on year", "q": "quarter on quarter", "m": "month on month", "w": "week on week"
}
PERIOD_ON_PERIOD_RE = re.compile(r"(?<![\w/])(?P<a>[yqmwYQMW])/(?P=a)(?![\w/])")


def say_period_on_period(match: re.Match[str]) -> tuple[str, str]:
    """Say "y/y" as "year on year"."""
    return PERIOD_ON_PERIOD[match["a"].lower()], "change over a period: 'y/y' is year on year"


def say_title_elect(match: re.Match[str]) -> tuple[str, str]:
    """Say "Gov.-elect" as "Governor-elect"."""
    return f"{TITLES[match['a']]}-{match['elect']}", "title before '-elect': 'Gov.-elect' is Governor-elect"


def say_title(match: re.Match[str]) -> str | None:
    """Say a title before a name: "Gen." -> "General"; "dr." and "MR." too."""
    written = match["a"]
    if written == "Gen" and GENERATION_AFTER.match(match.string, match.end()):
        return None
    if written in TITLES:
        return TITLES[written]
    capitalised = written[:1].upper() + written[1:].lower()
    return UNDOTTED_TITLES.get(capitalised) if capitalised in UNDOTTED_TITLES else None


def street_name_before(text: str, start: int, name_follows: bool) -> bool:
    """True when a street name ends just before start: "Queen St", "5th St", "Mulholland Dr".

    When a name follows ("... Dr Smith"), a capitalised word opening the sentence ("Thanks Dr
    Smith") is not taken for a street name; clause openers ("When St Louis won") never are.
    """
    found = AFTER_NAME.search(text, max(0, start - 40), start)
    if not found or found.group(0).split()[0] in OPENERS:
        return False
    before = text[max(0, found.start() - 4) : found.start()].rstrip(" \"\u201c'(")
    return not name_follows or (bool(before) and before[-1] not in ".!?:;")


def say_undotted_title(match: re.Match[str]) -> str | tuple[str, str] | None:
    """Say "Dr Smith" as "Doctor Smith", unless a street name comes before ("Mulholland Dr")."""
    if street_name_before(match.string, match.start(), True) or (
        match["a"] == "Gen" and GENERATION_AFTER.match(match.string, match.end())
    ):
        return None
    return UNDOTTED_TITLES[match["a"]], "title without a full stop: 'Dr Smith' is Doctor Smith"


def say_wordy_day(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "Sat." as "Saturday" beside another day, a date or "on"; "The Sun." stays a newspaper."""
    text, start, end = match.string, match.start(), match.end()
    date_after = DAY_AFTER.match(text, end)
    if not (date_after or DAY_BEFORE.search(text, max(0, start - 8), start)):
        return None
    sentence_end = not date_after and bool(NEXT_SENTENCE.match(text, end))
    return WORDY_DAYS[match["a"]] + ("." if sentence_end else ""), "day name with its context"


def say_number_word(match: re.Match[str]) -> tuple[str, str]:
    """Say "No." or "NO" before a number as "number" ("Nos." as "numbers")."""
    word = "numbers " if match["a"].lower().endswith("s") else "number "
    return word, "'No.' before a number: number"


def say_trailing(match: re.Match[str]) -> str | tuple[str, str]:
    """Say an abbreviation, keeping the full stop when it also ends the sentence."""
    if match["a"] == "Co" and COUNTY_AFTER.match(match.string, match.end()):
        return "County", "'Co.' before a state is County: 'Orange Co., Calif.'"
    said = TRAILING[match["a"]]
    return said + ("." if match["end"] is not None and not said.endswith(".") else "")


def say_numbered(match: re.Match[str]) -> str:
    """Say "No." before a number as "number"."""
    return NUMBERED[match["a"]] + " "


def say_street(match: re.Match[str]) -> tuple[str, str] | None:
    """Say a street type after a street name, keeping a sentence-ending full stop."""
    start = match.start() + len(match["sp"])
    if not street_name_before(match.string, start, match["end"] is not None):
        return None
    dot = "." if match["dot"] and match["end"] is not None else ""
    return f"{match['sp']}{STREETS[match['a']]}{dot}", "street type after a name: 'Queen St' is Queen Street"


def say_saint(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "St." before a name as "Saint", unless a street name comes before it."""
    if street_name_before(match.string, match.start(), True):
        return None
    return "Saint", "St before a name: 'St Louis' is Saint Louis"


RULES = (
    *needing(
        ".",
        Rule("abbreviation", NUMBERED_RE, say_numbered),
    ),
    *needing(
        "0123456789",
        Rule("number sign", NUMBER_WORD_RE, say_number_word),
        Rule("abbreviation", WEEK_RE, lambda m: ("week ", "'wk' before a number: week")),
    ),
    *needing("/", Rule("abbreviation", PERIOD_ON_PERIOD_RE, say_period_on_period)),
    Rule("abbreviation", SAINT_RE, say_saint),
    Rule("abbreviation", MOUNT_RE, lambda m: ("Mount", "'Mt' before a name is Mount")),
    Rule("abbreviation", UNDOTTED_RE, lambda m: (UNDOTTED[m["a"]], "abbreviation without its full stop")),
    Rule("abbreviation", STREET_RE, say_street),
    Rule("abbreviation", UNDOTTED_TITLE_RE, say_undotted_title),
    *needing(".", Rule("abbreviation", WORDY_DAY_RE, say_wordy_day)),
    *needing(
        ".",
        Rule("abbreviation", TITLE_ELECT_RE, say_title_elect),
        Rule("abbreviation", TITLE_RE, say_title),
        Rule("abbreviation", TRAILING_RE, say_trailing),
    ),
)
