"""The edit form gives back each article in a form that cleans to the same article: pasted text as it
was, files with their front matter (never read aloud), and articles made again as their JSON form;
the text box's "---" separates articles but opens a front matter block too."""

from __future__ import annotations

import json

import pytest
from support import fidelity

from audiobrief.clean import clean
from audiobrief.clean.leftout import read_in_place
from audiobrief.clean.saved import article_record
from audiobrief.ingest import document_from_bytes
from audiobrief.model import Article
from audiobrief.server.services.editing import edit_values
from audiobrief.server.services.intake import split_articles
from audiobrief.server.store.records import Record, Source

RECORD = Record(id="a" * 32, title="", requested_title="", voice="en-us", rate=None, pronunciations={},
                state="done", stage="done", progress=1, error="", attempts=1, created_at=0, finished_at=1,
                duration_ms=1000, mp3_bytes=10, description="", public=False)
PASTED = ("Ferry Timetable Changes\n\nThe night ferry will leave at 11 p.m. instead of midnight from "
          "Monday, the operator said. Tickets cost the same.\n")
HOURS = """---
title: Library Extends Weekend Hours
author: Sam Okafor
date: 2025-03-10
---
# Library Extends Weekend Hours

The central library will open on Sunday afternoons from next month, after 1,800 residents asked
for weekend hours in a survey.

Two extra librarians will be hired. The Sunday hours run from noon until five.
"""

SOURCES = [Source("text", "pasted article 1", PASTED.encode()), Source("file", "hours.md", HOURS.encode())]


def _article(source: Source) -> Article:
    """An article as the job reads it from a stored source (not a URL)."""
    return clean(document_from_bytes(source.data, source.label))


def _same(article: Article) -> tuple[str, str, str, str, tuple[str, ...]]:
    return article.title, article.byline, article.date, article.language, article.paragraphs


def _given_back(sources: list[Source]) -> list[Article]:
    """The articles the edit form's text box makes when sent unchanged."""
    text = edit_values(RECORD, sources)["text"]
    return [clean(document_from_bytes(part.encode("utf-8"), f"pasted article {n}"))
            for n, part in enumerate(split_articles(text), 1)]


def test_pasted_text_and_a_markdown_file_with_front_matter_come_back_the_same() -> None:
    """The issue's case: no "title: ... author: ..." or date read aloud, no headline twice."""
    sources = SOURCES
    back = _given_back(sources)
    assert [_same(article) for article in back] == [_same(_article(source)) for source in sources]
    hours = back[1]
    assert (hours.title, hours.byline, hours.date) == ("Library Extends Weekend Hours", "Sam Okafor",
                                                       "2025-03-10")
    assert not any("title:" in p or "2025-03-10" in p or "Weekend Hours" in p for p in hours.paragraphs)


def test_changing_one_number_changes_only_that_paragraph() -> None:
    sources = SOURCES
    text = edit_values(RECORD, sources)["text"].replace("1,800 residents", "1,900 residents")
    parts = split_articles(text)
    edited = clean(document_from_bytes(parts[1].encode(), "pasted article 2"))
    original = _article(sources[1])
    assert edited.paragraphs[1:] == original.paragraphs[1:]
    assert edited.paragraphs[0] == original.paragraphs[0].replace("1,800", "1,900")


@pytest.mark.parametrize(("name", "form"), [(name, form) for name in fidelity.names()
                                            for form in fidelity.load(name).forms])
def test_every_article_of_the_suite_comes_back_the_same(name: str, form: str) -> None:
    """Each form of each article, as a file and as pasted text, beside another article."""
    filename, text = fidelity.form(fidelity.load(name), form)
    for source in (Source("file", filename, text.encode()), Source("text", "pasted", text.encode())):
        sources = [Source("text", "pasted article 1", PASTED.encode()), source]
        assert [_same(article) for article in _given_back(sources)] == [_same(_article(s)) for s in sources]


def test_a_markdown_file_that_does_not_look_like_markdown_is_marked_as_markdown() -> None:
    """Read by its name as Markdown, it would be read as pasted text in the box: a front matter block
    that says nothing but "format: markdown" keeps it Markdown."""
    plain = b"Quiet Day at the Harbour\n\nBy Lena Hofmann\n\nNothing happened at the harbour today. " \
            b"The boats stayed in and the gulls had the quay to themselves.\n"
    source = Source("file", "notes.md", plain)
    text = edit_values(RECORD, [source])["text"]
    assert text.startswith("---\nformat: markdown\n---\nQuiet Day at the Harbour")
    assert [_same(article) for article in _given_back([source])] == [_same(_article(source))]


def test_an_article_made_again_comes_back_as_its_json_form() -> None:
    """Blocks read where they stood stay read: the article's JSON form is read as it is."""
    filename, text = fidelity.form(fidelity.load("captions-in-body"), "pasted")
    article = read_in_place(clean(document_from_bytes(text.encode(), filename)), {0})
    source = Source("text", "article 1", json.dumps(article_record(article)).encode())
    [back] = _given_back([source])
    assert _same(back) == _same(article)
    assert back.left_out == article.left_out


@pytest.mark.parametrize(("text", "parts"), [
    ("One.\n---\nTwo.", ["One.", "Two."]),
    ("One.\n   -----  \nTwo.\n---\n", ["One.", "Two."]),
    ("---\ntitle: A\n---\nBody.", ["---\ntitle: A\n---\nBody."]),
    ("One.\n---\n---\ntitle: A\nauthor: B\n---\nBody.", ["One.", "---\ntitle: A\nauthor: B\n---\nBody."]),
    ("One.\n---\nNot: front matter\n---\nTwo.", ["One.", "Not: front matter", "Two."]),
    ("One.\n---\n---\nno fields here\n---\nTwo.", ["One.", "no fields here", "Two."]),
    ("One.\r\n---\r\nTwo.", ["One.", "Two."]),
    ("\n---\n\n---\n", []),
])
def test_the_text_box_splits_articles_at_dashes_but_keeps_front_matter(text: str, parts: list[str]) -> None:
    assert split_articles(text) == parts
