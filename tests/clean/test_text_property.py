"""The text stages (clean -> segment -> speak) on any text: they never raise (but for "nothing to
read") and their work grows linearly with the input, whatever it holds: no punctuation, one huge
line, runs of digits, dots or symbols, control and bidi characters.

Work is counted, not timed, so a busy machine cannot change the answer: the function calls (Python's
and built-ins', by cProfile) the same text four times as long makes must stay under LINEAR_BOUND
times those of the shorter one (quadratic work makes 16 times as many). The time spent inside one
call (a regular expression's own scan) is not counted here: bench/text_linearity.py times the same
shapes and prints their ratios.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.linearity import assert_linear

from audiobrief.clean import clean
from audiobrief.errors import NothingToReadError
from audiobrief.model import Document, Segment
from audiobrief.segment import MAX_SEGMENT_CHARS
from audiobrief.speak import load_lexicon, speak_line
from audiobrief.tasks import plan_article

LEXICON = load_lexicon()
SPECIAL = ("\u202e\u202c\u2066\u2069\u200e\u200f\u061c\u200b\u00ad\ufeff\x00\x01\x07\x1b\x7f\x85"
           "\u2028\u2029\t\r\n .,;:!?\"'()[]-\u2013\u2014/\\@&+$\u20ac\u00a3%#*~^_|<>=\u00bd\u2153")
HOSTILE = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(SPECIAL) | \
    st.sampled_from("0123456789aAbBxXiIvVmM")
UNITS = st.text(alphabet=HOSTILE, min_size=1, max_size=8)


def text_stages(text: str, is_html: bool = False) -> tuple[Segment, ...]:
    """clean -> segment -> speak, as a briefing runs them; () when there is nothing to read."""
    try:
        article = clean(Document("fuzz", text, is_html))
    except NothingToReadError:
        return ()
    return plan_article(article, 0, LEXICON, "first")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=HOSTILE, max_size=3000), is_html=st.booleans())
def test_any_text_never_raises(text: str, is_html: bool) -> None:
    """Any text gives segments no longer than the limit, each with a spoken form, or nothing."""
    for segment in text_stages(text, is_html):
        assert 0 < len(segment.written) <= MAX_SEGMENT_CHARS
        assert segment.written.strip()
        assert any(ch.isalnum() for ch in segment.spoken)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit=UNITS)
def test_text_stages_linear(unit: str) -> None:
    """Any short piece repeated (no punctuation, digits, dots, symbols, controls) costs linear time."""
    assert_linear(unit, 5000, text_stages)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit=UNITS)
def test_speak_line_linear(unit: str) -> None:
    """speak-text says a whole line at once (no segments): still linear in the line's length."""
    assert_linear(unit.replace("\n", " "), 5000, lambda line: speak_line(line, LEXICON))


@pytest.mark.parametrize("unit", ["1", "a.", "A&", "www.", "word ", "1,", "\u202e"])
def test_known_quadratic_shapes_are_linear(unit: str) -> None:
    """Runs that once cost quadratic time in the speak rules (fraction, e-mail, web address) or in
    the segmenter (no punctuation)."""
    assert_linear(unit, 8000, lambda line: speak_line(line, LEXICON))
    assert_linear(unit, 8000, text_stages)


def five_mb_line(kind: str) -> str:
    """One line of about 5 MB: no punctuation, hostile characters, or digits."""
    if kind == "words":
        return "word " * 1_000_000
    if kind == "digits":
        return "1234567890" * 500_000
    pick = random.Random(12).choice
    alphabet = SPECIAL.replace("\n", "").replace("\r", "") + "abcdefghij ABC 0123456789" * 3
    return "".join(pick(alphabet) for _ in range(5_000_000))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["words", "digits", "hostile"])
def test_one_five_megabyte_line(kind: str) -> None:
    """A 5 MB line finishes without an error; every segment within the limit."""
    segments = text_stages(five_mb_line(kind))
    assert all(0 < len(segment.written) <= MAX_SEGMENT_CHARS for segment in segments)
    if kind == "words":
        assert len(segments) == 16_667  # 60 words a segment


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["word ", "1", "a.", "A&", "\u202eab "])
def test_text_stages_linear_at_a_megabyte(unit: str) -> None:
    """A quarter megabyte against a megabyte, through clean -> segment -> speak."""
    assert_linear(unit, 250_000, text_stages)
