"""What can be known about an article when it is submitted, checked then rather than after a 202:
binary or NUL-holding text, nothing left after cleaning or too little to be an article (the clean
stage decides, as for the command line), a private or unknown host. A pasted or uploaded article is
cleaned here once: the request keeps the result (its JSON form), and the job reads that."""

from __future__ import annotations

import json
from dataclasses import replace

from ...clean import clean
from ...clean.saved import article_record
from ...errors import AudiobriefError
from ...fetch import check_url
from ...ingest import document_from_bytes
from ..config import Settings
from ..store.records import Source
from .intake import FieldError, Intake, InvalidRequest


def check_sources(intake: Intake, settings: Settings) -> Intake:
    """The request with each pasted or uploaded article's cleaned form kept; raise InvalidRequest naming
    each article that cannot make a briefing (blocking: DNS, cleaning)."""
    checked = [checked_source(source, settings) for source in intake.sources]
    errors = [FieldError(name, loc, problem)
              for (_, problem), (name, loc) in zip(checked, intake.origins, strict=True) if problem]
    if errors:
        raise InvalidRequest(errors)
    return replace(intake, sources=[source for source, _ in checked])


def checked_source(source: Source, settings: Settings) -> tuple[Source, str]:
    """The source, with its cleaned article for text and files, and why it cannot be read, as a message
    naming it and the fix ("" when it can)."""
    try:
        if source.kind == "url":
            check_url(source.data.decode("utf-8"), allow_private=settings.allow_private_urls,
                      timeout_s=settings.fetch_deadline_s)
            return source, ""
        if b"\x00" in source.data:
            return source, (f"'{source.label}' holds NUL characters, so it is not text: give the article as "
                            "plain text")
        article = clean(document_from_bytes(source.data, source.label))
    except AudiobriefError as exc:
        return source, str(exc)
    return replace(source, cleaned=json.dumps(article_record(article), ensure_ascii=False)), ""
