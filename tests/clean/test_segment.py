"""Sentence splitting and segment bounds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audiobrief.model import Article
from audiobrief.segment import MAX_SEGMENT_CHARS, segment_article, split_long, split_sentences


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("The U.S. Army said so. It was late.", ["The U.S. Army said so.", "It was late."]),
        ("She flew to Washington, D.C. on Monday. Then she left.",
         ["She flew to Washington, D.C. on Monday.", "Then she left."]),
        ("Gen. Smith met Mr. Jones. They talked.", ["Gen. Smith met Mr. Jones.", "They talked."]),
        ("He ranked No. 3 in the poll. It surprised him.",
         ["He ranked No. 3 in the poll.", "It surprised him."]),
        ("Growth was 2.5 percent. Prices rose 3.1 percent.",
         ["Growth was 2.5 percent.", "Prices rose 3.1 percent."]),
        ('"Is it over?" she asked. Nobody answered.',
         ['"Is it over?" she asked.', "Nobody answered."]),
        ("We waited... And then it rained.", ["We waited...", "And then it rained."]),
        ("Troops left the U.S. The base closed.", ["Troops left the U.S.", "The base closed."]),
        ("It opens at 9 a.m. on Jan. 5 in St. Louis.", ["It opens at 9 a.m. on Jan. 5 in St. Louis."]),
        ('He said, "We are ready." The crowd cheered.',
         ['He said, "We are ready."', "The crowd cheered."]),
        ("The report by J. Smith came out. It was short.",
         ["The report by J. Smith came out.", "It was short."]),
        ('"Who are we? " she wrote. "We are ready. ”', ['"Who are we? " she wrote.', '"We are ready. ”']),
        ("She praised Omar (D-Minn.), the office said. What a day!! Really?! Yes.",
         ["She praised Omar (D-Minn.), the office said.", "What a day!!", "Really?!", "Yes."]),
        ("Prices rose in 1990. Then they fell.", ["Prices rose in 1990.", "Then they fell."]),
    ],
)
def test_split_sentences(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


def test_long_sentence_splits_at_clause_boundaries() -> None:
    clause = "the council debated the budget for many hours without agreeing on anything"
    sentence = "; ".join([clause] * 8) + "."
    pieces = split_long(sentence)
    assert len(pieces) > 1
    assert all(len(piece) <= MAX_SEGMENT_CHARS for piece in pieces)
    assert all(piece.endswith((";", ".")) for piece in pieces)
    assert " ".join(pieces) == sentence


def test_segment_ids_and_title() -> None:
    article = Article(title="A Title", paragraphs=("One. Two.", "Three."))
    segments = segment_article(article, 2, with_title=True)
    assert [s.id for s in segments] == ["a2-title-s0", "a2-p0-s0", "a2-p0-s1", "a2-p1-s0"]
    assert [s.paragraph for s in segments] == [-1, 0, 0, 1]
    assert all(s.article == 2 for s in segments)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=1500))
def test_nothing_lost(paragraph: str) -> None:
    """Every non-space character of a paragraph ends up in exactly one segment, in order."""
    article = Article(title="", paragraphs=(paragraph,))
    segments = segment_article(article, 0, with_title=False)
    joined = "".join(s.written for s in segments)
    assert re.sub(r"\s+", "", joined) == re.sub(r"\s+", "", paragraph)
    assert all(len(s.written) <= MAX_SEGMENT_CHARS for s in segments)
    assert all(s.written.strip() for s in segments)


def test_unpunctuated_article_splits_into_whole_words() -> None:
    """The probe's crash: 80,000 words with no punctuation made one sentence that recursed."""
    article = Article(title="", paragraphs=("word " * 80000,))
    segments = segment_article(article, 0, with_title=False)
    assert len(segments) == 1334  # 60 words (299 characters) a piece, 20 in the last
    assert {s.written for s in segments[:-1]} == {" ".join(["word"] * 60)}
    assert segments[-1].written == " ".join(["word"] * 20)


@pytest.mark.parametrize(
    ("sentence", "limit", "expected"),
    [
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
        ("aaaa bbbb cccc dddd", 10, ["aaaa bbbb", "cccc dddd"]),
        ("aa; bbbbbb cc dd", 10, ["aa;", "bbbbbb cc", "dd"]),
        ("aaaa; bb, cc dd ee", 10, ["aaaa;", "bb,", "cc dd ee"]),
        ("   " + "y" * 12, 10, ["y" * 10, "yy"]),
    ],
)
def test_split_long_exact(sentence: str, limit: int, expected: list[str]) -> None:
    assert split_long(sentence, limit) == expected
