"""The clean stage: a raw Document in, an Article with only what a listener should hear out."""

from __future__ import annotations

from ..errors import NothingToReadError
from ..model import Article, Document
from .pasted import extract_pasted

__all__ = ["clean"]


def _nothing(document: Document, why: str) -> NothingToReadError:
    """The error for an input that leaves no article text."""
    return NothingToReadError(
        f"'{document.source}' has no article text after cleaning: {why}; "
        "give the article page itself, or paste only the article's text"
    )


def clean(document: Document) -> Article:
    """Turn a raw document (HTML page or pasted text) into an Article, boilerplate removed."""
    if document.is_html:
        from .html import extract_html  # trafilatura and lxml load only for HTML input

        found = extract_html(document.text)
        why = "no main content was found in the HTML"
    else:
        found = extract_pasted(document.text)
        why = "every line looks like menus, links or page furniture"
    if not found.paragraphs:
        raise _nothing(document, why)
    return Article(
        title=found.title,
        paragraphs=tuple(found.paragraphs),
        byline=found.byline,
        date=found.date,
        language=found.language,
        source=document.source,
    )
