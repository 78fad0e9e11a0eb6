"""An Article as JSON and back: what `audiobrief clean --json` prints, what a briefing's JSON sidecar
keeps for each article, and an input `make` reads as it is, with no cleaning (an article cleaned
before, edited, or made again with blocks that were left out)."""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import InputError
from ..invisible import plain_title, without_reordering
from ..model import Article, LeftOut

MAX_REASON = 40  #: a left-out block's reason is a short name
_DATE = re.compile(r"^(?:\d{4}-\d{2}-\d{2})?$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_OPENING = re.compile(r'^\s*\{\s*"(?:title|byline|date|language|source|paragraphs|left_out)"\s*:')


def article_record(article: Article) -> dict[str, Any]:
    """The JSON form of an article: its headline, byline, date, language, where it came from, its
    paragraphs and what was left out (each block's text, reason and the index of the paragraph it
    came after, -1 for none)."""
    return {
        "title": article.title, "byline": article.byline, "date": article.date,
        "language": article.language, "source": article.source, "paragraphs": list(article.paragraphs),
        "left_out": [{"text": block.text, "reason": block.reason, "after_paragraph": block.after_paragraph}
                     for block in article.left_out],
    }


def looks_saved(text: str) -> bool:
    """True for text that opens like an article's JSON form ('{"title": ...')."""
    return _OPENING.match(text[:200]) is not None


def _problem(source: str, what: str) -> InputError:
    return InputError(f"'{source}' is not an article as `audiobrief clean --json` writes it: {what}; "
                      "fix it, or give the article's own text")


def _text(record: dict[str, Any], key: str, source: str) -> str:
    value = record.get(key, "")
    if not isinstance(value, str):
        raise _problem(source, f'"{key}" must be text')
    return value


def _left_out(record: dict[str, Any], paragraphs: int, source: str) -> tuple[LeftOut, ...]:
    blocks = record.get("left_out", [])
    if not isinstance(blocks, list):
        raise _problem(source, '"left_out" must be a list')
    out = []
    for number, block in enumerate(blocks, 1):
        if not (isinstance(block, dict) and isinstance(block.get("text"), str)
                and isinstance(block.get("reason"), str) and 0 < len(block["reason"]) <= MAX_REASON
                and type(block.get("after_paragraph")) is int
                and -1 <= block["after_paragraph"] < paragraphs):
            raise _problem(source, f'left-out block {number} needs "text", a "reason" of 1 to {MAX_REASON} '
                                   f'characters and an "after_paragraph" from -1 to {paragraphs - 1}')
        out.append(LeftOut(without_reordering(block["text"]), plain_title(block["reason"]),
                           block["after_paragraph"]))
    return tuple(out)


def article_from_json(text: str, source: str) -> Article:
    """The article a JSON form holds, checked: text fields, a list of paragraphs (each text), a date
    as YYYY-MM-DD, a two-letter language and well-formed left-out blocks. Where it came from is its
    own "source" when it names one, else the file or form it was read from."""
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise _problem(source, f"its JSON does not parse ({exc})") from None
    except RecursionError:
        raise _problem(source, "its JSON is nested too deeply") from None
    if not isinstance(record, dict):
        raise _problem(source, "it is not a JSON object")
    paragraphs = record.get("paragraphs")
    if not isinstance(paragraphs, list) or not all(isinstance(p, str) and p.strip() for p in paragraphs):
        raise _problem(source, '"paragraphs" must be a list of texts, none of them blank')
    date, language = _text(record, "date", source), _text(record, "language", source) or "en"
    if not _DATE.match(date):
        raise _problem(source, f'"date" must be YYYY-MM-DD, not {date[:20]!r}')
    if not _LANGUAGE.match(language):
        raise _problem(source, f'"language" must be a two-letter code like "en", not {language[:20]!r}')
    return Article(
        title=plain_title(_text(record, "title", source)),
        paragraphs=tuple(without_reordering(p) for p in paragraphs),
        byline=plain_title(_text(record, "byline", source)),
        date=date,
        language=language,
        source=plain_title(_text(record, "source", source)) or source,
        left_out=_left_out(record, len(paragraphs), source),
    )
