"""Any text at all: the speak stage never fails, gives one line, and leaves no digit it could say."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from audiobrief.speak import load_lexicon, speak_line

LEX = load_lexicon()
#: pieces of news copy the context rules look at, to be shuffled into hostile combinations
PIECES = [
    "St", "St.", "Dr", "dr.", "No", "NO.", "#", "$", "£", "€", "300", "1", "0", "3/20", "3/4", "1-0",
    "52-48", "6'2\"", "5'", "30C", "FM", "AM", "99.9", "ISBN", "PMID", "XP-75s", "F-35s", "747s",
    "p.m.", "ET", "'90s", "II", "Flight", "911", "1.5k", "m", "in.", "in", "ft", "Sat.", "Ky.", "D-",
    "c.", "b.", "(", ")", ",", ".", "-", ":", "/", "a", "the", "Queen", "Louis", "people", "million",
    "record", "voted", "won", "at", "on", "beginning", "highs", "rated", "10.30", "°", "N", "\u2032",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from(["", " "]))
def test_any_mix_of_context_pieces_is_said_on_one_line(pieces: list[str], joiner: str) -> None:
    text = joiner.join(pieces)
    for variety in ("en-us", "en-gb"):
        said = speak_line(text, LEX, "first", variety)  # type: ignore[arg-type]
        assert "\n" not in said
        assert said == said.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_said_without_error(text: str) -> None:
    said = speak_line(text, LEX)
    assert "\n" not in said


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["$", "", "No. ", "Flight ", "a $"]))
def test_numbers_leave_no_digits(n: int, before: str) -> None:
    said = speak_line(f"{before}{n:,} people", LEX)
    assert not re.search(r"\d", said)
