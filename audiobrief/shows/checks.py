"""A show's fields checked as they are saved: its name, title, description, voice, limits and
sources (each refusal one line naming the field and the fix)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from typing import Any

import httpx

from ..invisible import plain_title
from ..netguard import display_url
from ..presets import RENAMED, preset_names
from ..server.config import Settings
from .errors import ShowError

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_SOURCES = 50  #: feeds one show reads
MAX_URL = 2000
MOST_KEPT = 100000
#: the bounds of the numbers that are not story counts (those go from 1 to the briefing's article limit)
NUMBER_BOUNDS = {"keep_episodes": (1, MOST_KEPT), "keep_days": (0, MOST_KEPT)}


def check_slug(slug: str) -> str:
    """A show's name in addresses: 1 to 64 lowercase letters, digits and inner hyphens."""
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise ShowError(f"'{str(slug)[:64]}' is not a show name: use 1 to 64 lowercase letters, digits "
                        "and hyphens, like morning-news")
    return slug


def check_title(title: str) -> str:
    """A show's title: one line of plain text, 1 to MAX_TITLE characters (cleaned like a briefing's)."""
    tidy = plain_title(str(title))
    if not tidy:
        raise ShowError("the show has no title: give one with --title")
    if len(tidy) > MAX_TITLE:
        raise ShowError(f"the title is {len(tidy)} characters long: keep it to {MAX_TITLE}")
    return tidy


def check_description(description: str) -> str:
    """A show's description: plain text up to MAX_DESCRIPTION characters, cleaned like a title (no
    bidi controls, invisible format or control characters: it is shown on pages and in the feed)."""
    tidy = plain_title(str(description))
    if len(tidy) > MAX_DESCRIPTION:
        raise ShowError(f"the description is {len(tidy)} characters long: keep it to {MAX_DESCRIPTION}")
    return tidy


def check_voice(voice: str) -> str:
    """A voice preset's name."""
    names = preset_names()
    if voice not in names and voice not in RENAMED:
        raise ShowError(f"there is no voice called '{str(voice)[:60]}': choose one of {', '.join(names)}")
    return voice


def check_number(name: str, value: Any, settings: Settings) -> int:
    """A limit: stories (1 to the briefing's article limit), episodes kept (at least 1) or days kept
    (0 for no bound by age)."""
    lowest, highest = NUMBER_BOUNDS.get(name, (1, settings.max_articles))
    if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
        raise ShowError(f"{name.replace('_', '-')} must be a whole number from {lowest} to {highest}")
    return value


def check_sources(urls: Sequence[str]) -> list[str]:
    """Feed addresses checked to be http or https URLs with a host, each once, in order, as they are
    fetched (host lowercased, other characters percent-encoded: no bidi control is stored)."""
    checked: dict[str, str] = {}  #: address without credentials -> the URL
    for raw in urls:
        url = str(raw).strip()
        try:
            parsed = httpx.URL(url)
            valid = parsed.scheme in ("http", "https") and bool(parsed.host) and len(str(parsed)) <= MAX_URL
        except (httpx.InvalidURL, ValueError, TypeError):
            valid = False
        if not valid or any(ch.isspace() for ch in url):
            raise ShowError(f"'{display_url(url)[:100]}' is not an http or https address: give the "
                            "feed's URL")
        checked.setdefault(feed_address(str(parsed)), str(parsed))
    if len(checked) > MAX_SOURCES:
        raise ShowError(f"{len(checked)} sources is too many: a show takes at most {MAX_SOURCES}")
    return list(checked.values())


def feed_address(url: str) -> str:
    """What names a source: its URL as fetched, without user name or password (two URLs that differ
    only there are one source)."""
    with contextlib.suppress(httpx.InvalidURL, ValueError, TypeError):
        url = str(httpx.URL(url.strip()))
    return display_url(url)
