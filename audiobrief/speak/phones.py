"""Telephone and identity numbers, said digit by digit in their groups."""

from __future__ import annotations

import re

from .numbers import digits
from .rewrite import DIGITS, Rule, needing

PHONE = re.compile(
    r"(?<![\w+.-])(?:(?P<cc>\+\d{1,3}|1)[\s.-]?)?(?:\((?P<area>\d{3})\)\s?-?|(?P<area2>\d{3})[\s.-])"
    r"(?P<ex>\d{3})[\s.-](?P<line>\d{4})(?:-(?P<ext>\d{1,4}))?(?![\w-]|\.\d)"
)
#: an international number in spaced groups: "+44 20 7946 0958", "+33 1 42 68 53 00"
INTERNATIONAL = re.compile(r"(?<![\w+])\+(?P<cc>\d{1,3})(?P<rest>(?:[\s.-]\(?\d{1,8}\)?){2,6})(?![\w-]|\.\d)")
LOCAL = re.compile(r"(?<![\w.-])(?P<ex>[2-9]\d{2})-(?P<line>\d{4})(?![\w-]|\.\d)")
SSN = re.compile(r"(?<![\w.-])(?P<a>\d{3})-(?P<b>\d{2})-(?P<c>\d{4})(?![\w-])")


#: North American toll-free and premium codes said as hundreds: "1-800-..." is one eight hundred
HUNDREDS_CODES = {"800": "eight hundred", "900": "nine hundred"}


def say_phone(match: re.Match[str]) -> str | tuple[str, str]:
    """Say "+1 (123) 123-5678" as "plus one, one two three, one two three, five six seven eight"."""
    groups = []
    cc = match["cc"]
    if cc:
        groups.append(("plus " if cc.startswith("+") else "") + digits(cc))
    area = match["area"] or match["area2"]
    hundreds = HUNDREDS_CODES.get(area) if cc in (None, "1", "+1") else None
    groups += [hundreds or digits(area), digits(match["ex"]), digits(match["line"])]
    if match["ext"]:
        groups.append(digits(match["ext"]))
    if hundreds:
        return ", ".join(groups), "toll-free number: '1-800' is one eight hundred"
    return ", ".join(groups)


def say_international(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "+44 20 7946 0958" group by group, digit by digit: "plus four four, two zero, ..."."""
    groups = re.findall(r"\d+", match["rest"])
    if sum(len(g) for g in groups) + len(match["cc"]) < 8:
        return None
    said = ", ".join(digits(g) for g in [match["cc"], *groups])
    return f"plus {said}", "international telephone number: plus, then its groups digit by digit"


def say_groups(match: re.Match[str]) -> str:
    """Say digit groups one digit at a time, a pause between groups."""
    return ", ".join(digits(g) for g in match.groups())


RULES = needing(
    DIGITS,
    Rule("telephone", PHONE, say_phone),
    Rule("telephone", INTERNATIONAL, say_international),
    Rule("telephone", SSN, say_groups),
    Rule("telephone", LOCAL, say_groups),
)
