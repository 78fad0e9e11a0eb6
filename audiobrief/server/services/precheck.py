"""What can be known about an article when it is submitted, checked then rather than after a 202:
binary or NUL-holding text, nothing left after cleaning or too little to be an article (the clean
stage decides, as for the command line), a private or unknown host."""

from __future__ import annotations

from ...clean import clean
from ...errors import AudiobriefError
from ...fetch import check_url
from ...ingest import document_from_bytes
from ..config import Settings
from ..store.records import Source
from .intake import FieldError, Intake, InvalidRequest


def check_sources(intake: Intake, settings: Settings) -> None:
    """Raise InvalidRequest naming each article that cannot make a briefing (blocking: DNS, cleaning)."""
    origins = zip(intake.sources, intake.origins, strict=True)
    errors = [FieldError(name, loc, problem) for source, (name, loc) in origins
              if (problem := source_problem(source, settings))]
    if errors:
        raise InvalidRequest(errors)


def source_problem(source: Source, settings: Settings) -> str:
    """Why this article cannot be read, as a message naming it and the fix; "" when it can."""
    try:
        if source.kind == "url":
            check_url(source.data.decode("utf-8"), allow_private=settings.allow_private_urls,
                      timeout_s=settings.fetch_deadline_s)
            return ""
        if b"\x00" in source.data:
            return f"'{source.label}' holds NUL characters, so it is not text: give the article as plain text"
        clean(document_from_bytes(source.data, source.label))
    except AudiobriefError as exc:
        return str(exc)
    return ""
