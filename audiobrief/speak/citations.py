"""Citation forms: "vol 2", "(ed.)", "3rd ed.", "eds.", and the suffixes after a name ("Jr", "Ltd").

References are written in shorthand a reader expands without thinking: "vol 59" is volume fifty-nine,
"(3rd ed.)" the third edition, "Smith, J., ed." the editor, "William Wright sr" William Wright
Senior, "Rothmans Publications ltd" Limited. Shorthand that is also a word ("bros", "sr" before a
name, "ed" as a name) is said only where its context makes it shorthand.
"""

from __future__ import annotations

import re

from .numbers import ordinal
from .rewrite import Rule

#: a capitalised word (or a closing bracket after one) just before: a name the suffix belongs to
NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w'\u2019.-]*|\))\s*,?\s+$")
NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
#: after a name: "Wright sr", "Sulzberger, jr", "HOLCH JR."
NAME_SUFFIXES = {"jr": "Junior", "sr": "Senior"}
#: after a company's name, in any case, with or without a full stop
COMPANY_SUFFIXES = {"ltd": "Limited", "bros": "Brothers", "pvt": "Private"}
#: a company suffix, written or said, after another: no sentence ends between them ("Acme Co. Ltd.")
COMPANY_AFTER = (
    r"(?i:ltd|inc|co|corp|llc|plc|pvt|limited|incorporated|company|corporation|private)\b"
)
SUFFIX_RE = re.compile(
    r"(?=[JjSsLlBbPp])(?<![\w.&'\u2019-])(?P<a>(?i:jr|sr|ltd|bros|pvt))(?P<dot>\.)?"
    rf"(?P<end>(?=\s+(?!{COMPANY_AFTER})[A-Z\"\u201c])|$)?"
    r"(?![\w'\u2019-])"
)
#: "vol 2", "vols 3-4", a citation's closing "..., vol": the volume, written without its full stop
VOLUME_RE = re.compile(
    r"(?P<a>[Vv](?<![\w.-][Vv])ols?)(?P<dot>\.)?(?P<end>$)?(?=\s*(?:\d|[IVXLC]+\b|$|[,;)]))"
)
#: "ed." / "eds." ending a citation's part: editor, editors, edition or edited, by the words around
#: it; "the op. ed. page" and "the Dept. of Ed." are no citations
EDITOR_RE = re.compile(
    r"(?P<a>[Ee](?<![\w.][Ee])(?<!\b[Oo]p\. [Ee])(?<!\bof [Ee])ds?)\.(?P<end>(?=\s+[A-Z\"\u201c])|$)?"
    r"(?=\s*(?:$|[),;:\]]|by\b|[A-Z\"\u201c(]))"
)
#: words before "ed." that make it an edition: "3rd ed.", "2 ed.", "rev. ed.", "new ed."
EDITION_BEFORE = re.compile(
    r"(?:\b\d+(?:st|nd|rd|th)?|\b(?i:first|second|third|fourth|fifth|\w+th|revised|rev\.|new|updated"
    r"|expanded|paperback|illustrated|abridged|international|student))\s+$"
)
BY_AFTER = re.compile(r"\s+by\b")
#: a number before "ed.", in any context: "2 ed." and "the 3rd ed. was" are the second and third
#: edition (where "ed." ends a citation's part, EDITOR_RE reads it so too)
NUMBERED_EDITION_RE = re.compile(
    r"(?P<n>\d(?<![\w.,/:-]\d)\d{0,2})(?:st|nd|rd|th)?\s+(?P<a>[Ee]ds?)\."
    r"(?P<end>(?=\s+[A-Z\"\u201c])|$)?"
)


def _with_stop(said: str, match: re.Match[str], dotted: bool = True) -> str:
    """The said form, keeping a full stop that also ends the sentence."""
    return said + ("." if dotted and match["end"] is not None else "")


def say_suffix(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "sr" after a name as Senior, before one as Sister, "ltd" as Limited; "my bros" is left."""
    word = match["a"].lower()
    if match["a"].isupper() and not match["dot"]:
        return None  # "Arnott SR, Goodale MA": initials in a list of authors
    start = match.start()
    named = NAME_BEFORE.search(match.string, max(0, start - 40), start)
    if word in NAME_SUFFIXES:
        if not named:
            if word == "sr" and match["dot"] and NAME_AFTER.match(match.string, match.end()):
                return "Sister", "'Sr.' before a name, none after: Sister"
            return None
        said, rule = NAME_SUFFIXES[word], "suffix after a name: 'Wright sr' is Senior"
    elif word in ("bros", "pvt") and not named:
        return None  # "my bros", "Pvt. Ryan" (the rank: a title before a name)
    else:
        said, rule = COMPANY_SUFFIXES[word], "company suffix: 'ltd' is Limited"
    return _with_stop(said, match, bool(match["dot"])), rule


def say_volume(match: re.Match[str]) -> tuple[str, str]:
    """Say "vol 59" as "volume fifty-nine" and a citation's closing "vol." as volume."""
    said = "volumes" if match["a"].lower() == "vols" else "volume"
    return _with_stop(said, match, bool(match["dot"])), "citation: 'vol' is volume"


def say_numbered_edition(match: re.Match[str]) -> tuple[str, str]:
    """Say "2 ed." and "3rd ed." as the second and third edition."""
    said = f"{ordinal(int(match['n']))} edition{'s' if match['a'].lower() == 'eds' else ''}"
    return _with_stop(said, match), "citation: '2 ed.' is the second edition"


def say_editor(match: re.Match[str]) -> tuple[str, str]:
    """Say "ed." as edition after an ordinal, edited before "by", else editor ("eds." editors)."""
    text, start, end = match.string, match.start(), match.end()
    plural = match["a"].lower() == "eds"
    if EDITION_BEFORE.search(text, max(0, start - 16), start):
        said, rule = ("editions" if plural else "edition"), "citation: '3rd ed.' is the third edition"
    elif BY_AFTER.match(text, end):
        said, rule = "edited", "citation: 'ed. by' is edited by"
    else:
        said, rule = ("editors" if plural else "editor"), "citation: 'ed.' after names is editor"
    return _with_stop(said, match), rule


RULES = (
    Rule("citation", NUMBERED_EDITION_RE, say_numbered_edition),
    Rule("citation", EDITOR_RE, say_editor),
    Rule("citation", VOLUME_RE, say_volume),
    Rule("suffix", SUFFIX_RE, say_suffix),
)
