"""The clean stage: a raw Document in, an Article with only what a listener should hear out."""

from __future__ import annotations

from ..errors import NothingToReadError
from ..model import Article, Document
from .language import detect_language
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
        paragraphs = found.paragraphs
        if not paragraphs:
            raise _nothing(document, "no main content was found in the HTML")
        language = detect_language(" ".join(paragraphs))
        title, byline, date = found.title, found.byline, found.date
    else:
        pasted = extract_pasted(document.text)
        paragraphs = pasted.paragraphs
        if not paragraphs:
            raise _nothing(document, "every line looks like menus, links or page furniture")
        title, byline, date, language = pasted.title, pasted.byline, pasted.date, pasted.language
    return Article(
        title=title,
        paragraphs=tuple(paragraphs),
        byline=byline,
        date=date,
        language=language,
        source=document.source,
    )
