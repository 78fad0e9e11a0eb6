"""The clean stage: a raw Document in, an Article with only what a listener should hear out."""

from __future__ import annotations

from ..errors import NothingToReadError
from ..invisible import plain_title, without_reordering
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

        found = extract_html(without_reordering(document.text))
        why = "no main content was found in the HTML"
    else:
        found = extract_pasted(without_reordering(document.text))
        why = "every line looks like menus, links or page furniture"
    paragraphs = tuple(text for text in map(without_reordering, found.paragraphs) if text.strip())
    if not paragraphs:
        raise _nothing(document, why)
    return Article(
        title=plain_title(found.title),
        paragraphs=paragraphs,
        byline=plain_title(found.byline),
        date=found.date,
        language=found.language,
        source=document.source,
    )
