"""The fidelity suite: articles written for the purpose, each as pasted page text, an HTML page and
Markdown, give the listener every paragraph word for word and nothing else, and say what they left
out and why."""

from __future__ import annotations

import pytest
from support import fidelity

from audiobrief.clean import clean
from audiobrief.ingest import document_from_bytes
from audiobrief.model import Article

CASES = [(name, form) for name in fidelity.names() for form in fidelity.load(name).forms]


def _cleaned(name: str, form: str) -> tuple[fidelity.Article, Article]:
    article = fidelity.load(name)
    filename, text = fidelity.form(article, form)
    return article, clean(document_from_bytes(text.encode("utf-8"), filename))


def test_the_suite_is_large_enough() -> None:
    """At least forty articles, each in two forms or more."""
    assert len(fidelity.names()) >= 40
    assert all(len(fidelity.load(name).forms) >= 2 for name in fidelity.names())


@pytest.mark.parametrize(("name", "form"), CASES)
def test_every_paragraph_and_nothing_else(name: str, form: str) -> None:
    """The listener hears exactly the article's paragraphs, in order, word for word."""
    article, cleaned = _cleaned(name, form)
    assert list(cleaned.paragraphs) == article.heard()


@pytest.mark.parametrize(("name", "form"), CASES)
def test_what_was_left_out_is_listed_with_its_reason(name: str, form: str) -> None:
    """Each block of the body that is not heard is in the left-out list, with its reason."""
    article, cleaned = _cleaned(name, form)
    for reason, text in article.left_out():
        found = [block.reason for block in cleaned.left_out if text in block.text]
        assert found, f"{text!r} is not in the left-out list"
        assert reason in found, f"{text[:60]!r} is left out as {found}, not as {reason!r}"


@pytest.mark.parametrize(("name", "form"), CASES)
def test_headline_byline_and_date(name: str, form: str) -> None:
    """The headline, the people the byline names (no roles, agencies or places) and the date."""
    article, cleaned = _cleaned(name, form)
    assert cleaned.title == article.title
    assert cleaned.byline == article.author
    assert cleaned.date == article.published
    assert cleaned.language == article.language
