"""Title, byline and date found in plain text: heading-like lines, "By ..." lines, bios, dates."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from .furniture import furniture_kind, is_bio_header, line_key

_CAP = r"[A-ZÀ-ÖØ-ÞА-Я][\w'\u2019.-]*"
_NAME = rf"{_CAP}(?:\s+(?:(?:de|da|do|dos|van|von|der|del|la|le|di|bin|al)\s+)?{_CAP}){{1,3}}"
_BY = re.compile(r"^(?i:by|written by|words by|por|von|par|di|door|av|af|автор:?)\s+(?P<credit>\S.*)$")
_LEADING_NAME = re.compile(rf"^{_NAME}(?=$|\s+(?i:in|at|for|from|em|en|aus|à|a|de|da)\b)")
_ARTICLE = re.compile(r"^(?i:the|la|le|les|el|los|las|der|die|das|il)\s")  #: "The Lantern" is no person
_CREDIT_PARTS = re.compile(r"\s*(?:[,;|/]|\s[\u2014\u2013-]\s|&|\b(?:and|e|y|und|et)\b)\s*")
_BIO_VERB = r"(?:is|was|has|writes|covers|joined|é|foi|ist|est|es)\b"
_BIO = re.compile(rf"^({_NAME})\s+{_BIO_VERB}")
_SEP = r"-|\u2013\u2014\u2022\u00b7"
_SITE_SUFFIX = re.compile(rf"\s+[{_SEP}:]\s+[^{_SEP}]{{1,40}}$")
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "abril": 4, "maio": 5, "junho": 6, "julho": 7,
    "agosto": 8, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "mayo": 5, "junio": 6, "julio": 7,
    "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "januar": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATES = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),
    re.compile(
        rf"\b(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:\.|º|er)?\s+(?:de\s+)?(?P<mn>{_MONTH})\.?,?\s+(?:de\s+)?"
        rf"(?P<y>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)\b"),
)
HEAD_LINES = 400  #: how far from the top a date or byline is looked for
BIO_HEADER = 40  #: an "About the author" heading is at most this long
DATE_LINE = 100  #: dates are taken from short, dateline-like lines only
DATE_LINE_WORDS = 14  #: a line giving a date, and little else, has at most this many words
BYLINE_LINE = 120  #: a "By ..." line is shorter than this
DESK_WORDS = 6  #: a credit naming no person ("By Herald staff") is the byline up to this many words


def strip_site_suffix(title: str) -> str:
    """A page title without a trailing " - Site name" part."""
    stripped = _SITE_SUFFIX.sub("", title).strip()
    return stripped if len(stripped) >= 10 else title.strip()


@cache
def _roles() -> frozenset[str]:
    """Words of data/roles.txt: a credit holding one is a role, desk or agency, not a person."""
    text = resources.files(__package__).joinpath("data/roles.txt").read_text("utf8")
    return frozenset(w.strip().casefold() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def is_role(part: str) -> bool:
    """True for a part of a credit that names a role, desk, agency or publication ("Staff Reporter",
    "Associated Press"), not a person."""
    return any(word.casefold() in _roles() for word in re.findall(r"\w+", part))


def _person(part: str) -> str:
    """The person a part of a credit names ("Anna Petrenko in Kyiv" -> "Anna Petrenko"), or ""."""
    match = _LEADING_NAME.match(part.strip())
    if not match or is_role(match.group(0)) or _ARTICLE.match(match.group(0)):
        return ""
    words = match.group(0).split()
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:  # "Sean Martin Sean Martin"
        words = words[:half]
    return " ".join(words)


def clean_byline(author: str) -> str:
    """The people a credit names, joined the way a newsreader would say them: roles, agencies and
    places ("Staff Reporter", "Associated Press", "in Kyiv") are not more authors. A credit naming
    no person ("The Associated Press") stays as it is."""
    parts = [part.strip() for part in _CREDIT_PARTS.split(author) if part and part.strip()]
    names = list(dict.fromkeys(name for part in parts if (name := _person(part))))
    if not names:
        return " ".join(author.split())
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _same_title(key: str, line: str) -> bool:
    """True when a line is a copy of the title, allowing a site suffix or a small addition."""
    if len(line) > 4 * (2 * len(key) + 20):
        return False
    other = line_key(line)
    if not other or len(other) > 2 * len(key) + 20:
        return False
    if other == key or line_key(strip_site_suffix(line)) == key:
        return True
    short, long_ = sorted((key, other), key=len)
    return len(short) >= 0.8 * len(long_) and short in long_


def find_title(lines: list[str]) -> tuple[str, list[int]]:
    """The first heading-like line and the indexes of every copy of it."""
    for i, line in enumerate(lines[:HEAD_LINES]):
        text = line.strip()
        if 2 <= len(text.split()) <= 40 and len(text) <= 250 and not furniture_kind(text):
            title = strip_site_suffix(text)
            key = line_key(title)
            copies = [j for j, other in enumerate(lines) if j == i or _same_title(key, other)]
            return title, copies
    return "", []


def find_byline(lines: list[str]) -> str:
    """Author name(s) from a "By ..." line near the top or an "About the author" bio."""
    for line in lines[:HEAD_LINES]:
        if names := _credited(line):
            return names
    for i, line in enumerate(lines[:-1]):
        if len(line) <= BIO_HEADER and is_bio_header(line):
            for after in lines[i + 1 : i + 4]:
                bio = _BIO.match(after.strip())
                if bio:
                    return bio.group(1)
    return ""


def _credited(line: str) -> str:
    """The people a "By ..." line names, or "" for any other line."""
    match = _BY.match(line.strip())
    if not match or len(line) >= BYLINE_LINE:
        return ""
    credit = match["credit"].strip()
    if _person(_CREDIT_PARTS.split(credit)[0]):
        return clean_byline(credit)
    desk = credit[:1].isupper() and len(credit.split()) <= DESK_WORDS and is_role(credit)
    return credit if desk else ""  # "By The Associated Press", "By Harbour Herald staff"


def is_byline_line(line: str) -> bool:
    """True for a "By ..." line naming its author(s)."""
    return bool(_credited(line))


def author_bio_start(byline: str) -> re.Pattern[str] | None:
    """How an author's bio opens, for the people a byline names ("Mara Quill is a reporter ..."),
    or None for no byline."""
    names = [name for name in re.split(r", | and ", byline) if len(name.split()) >= 2]
    if not names:
        return None
    return re.compile(rf"^(?:{'|'.join(map(re.escape, names))})\s+{_BIO_VERB}")


def _date_in(line: str) -> str:
    """The first date in a line as YYYY-MM-DD, or ""."""
    for pattern in _DATES:
        match = pattern.search(line)
        if match:
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["mn"].casefold()]
            day, year = int(parts["d"]), int(parts["y"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return ""


def is_date_line(line: str) -> bool:
    """True for a short line that gives a date and little else ("Published March 4, 2024")."""
    return len(line) <= DATE_LINE and len(line.split()) <= DATE_LINE_WORDS and bool(_date_in(line))


def find_date(lines: list[str]) -> str:
    """The first date near the top of the text as YYYY-MM-DD, or ""."""
    for line in lines[:HEAD_LINES]:
        if len(line) <= DATE_LINE and (date := _date_in(line)):
            return date
    return ""
