"""The clean stage: a raw Document in, an Article with only what a listener should hear out."""

from __future__ import annotations

from dataclasses import replace

from ..errors import NothingToReadError
from ..invisible import plain_title, without_reordering
from ..model import Article, Document
from .features import measure
from .leftout import split_pieces
from .pasted import extract_pasted

__all__ = ["MIN_ARTICLE_WORDS", "clean"]

MIN_ARTICLE_WORDS = 5  #: fewer words of article text than this is not an article
MIN_UNPUNCTUATED = 200  #: text without a single sentence is an article only from this many characters


def _nothing(document: Document, why: str) -> NothingToReadError:
    """The error for an input that leaves no article text."""
    return NothingToReadError(
        f"'{document.source}' has no article text after cleaning: {why}; "
        "give the article page itself, or paste only the article's text"
    )


def _check_enough(document: Document, paragraphs: tuple[str, ...]) -> None:
    """Raise NothingToReadError when what is left is too little to be an article: fewer than
    MIN_ARTICLE_WORDS words ("Hi"), or a short text with no sentence in it (a cover caption)."""
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    if words < MIN_ARTICLE_WORDS:
        raise NothingToReadError(
            f"'{document.source}' has {words} word{'s' * (words != 1)} of article text, too little to read "
            f"as an article: give the whole article (at least {MIN_ARTICLE_WORDS} words)")
    size = sum(len(paragraph) for paragraph in paragraphs)
    measured = (measure(paragraph, frozenset()) for paragraph in paragraphs)
    sentences = any(feats.sentence_end or feats.sentences for feats in measured)
    if not sentences and size < MIN_UNPUNCTUATED:
        raise _nothing(document, f"what is left ({words} words) has no sentence in it, only captions, "
                                 "headings or links")


def clean(document: Document) -> Article:
    """Turn a raw document (HTML page, Markdown or pasted text) into an Article: the text a listener
    should hear, and what was left out of it, block by block, with the reason. An article's JSON
    form (see saved) is read as it is."""
    if document.is_article:
        from .saved import article_from_json

        article = article_from_json(document.text, document.source)
        _check_enough(document, article.paragraphs)
        return article
    if document.is_html:
        from .html import extract_html  # trafilatura and lxml load only for HTML input

        found = extract_html(without_reordering(document.text))
        why = "no main content was found in the HTML"
    elif document.is_markdown:
        from .markdown import extract_markdown  # markdown-it-py loads only for Markdown input

        found = extract_markdown(without_reordering(document.text))
        why = "every paragraph looks like page furniture (captions, subscribe or share lines)"
    else:
        found = extract_pasted(without_reordering(document.text))
        why = "every line looks like menus, links or page furniture"
    paragraphs, left_out = split_pieces([replace(piece, text=without_reordering(piece.text))
                                         for piece in found.pieces])
    if not paragraphs:
        raise _nothing(document, why)
    _check_enough(document, paragraphs)
    return Article(
        title=plain_title(found.title),
        paragraphs=paragraphs,
        byline=plain_title(found.byline),
        date=found.date,
        language=found.language,
        source=document.source,
        left_out=left_out,
    )
