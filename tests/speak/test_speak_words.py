"""Roman numerals, abbreviations, symbols, addresses, phones and web addresses."""

import pytest

from audiobrief.speak import load_lexicon, speak_line

LEX = load_lexicon()


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("World War II", "World War two"),
        ("World War I", "World War one"),
        ("Chapter I", "Chapter one"),
        ("Chapter IV", "Chapter four"),
        ("Henry VIII", "Henry the eighth"),
        ("Henry III", "Henry the third"),
        ("Elizabeth I", "Elizabeth the first"),
        ("Super Bowl LVIII", "Super Bowl fifty-eight"),
        ("PART XL", "PART forty"),
        ("Then I left", "Then I left"),
        ("in part I think", "in part I think"),
        ("Malcolm X", "Malcolm X"),
    ],
)
def test_roman(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Lt. Col. Smith", "Lieutenant Colonel Smith"),
        ("Gen. Milley and Sen. Cruz", "General Milley and Senator Cruz"),
        ("Rep. Ocasio-Cortez", "Representative Ocasio-Cortez"),
        ("Dr. Evil", "Doctor Evil"),
        ("Mrs. Norris", "Misses Norris"),
        ("No. 3 vs. No. 5", "number three versus number five"),
        ("apples, pears, etc.", "apples, pears, et cetera."),
        ("St. Louis", "Saint Louis"),
        ("on Main St. in town", "on Main Street in town"),
        ("1428 Elm St. It was", "fourteen twenty-eight Elm Street. It was"),
        ("Acme Inc. said", "Acme Incorporated said"),
        ("C. S. Lewis", "C.S Lewis"),
        ("Santa Clara, CA 95051", "Santa Clara, California nine five zero five one"),
        ("Yes, OK", "Yes, O.K."),
    ],
)
def test_abbreviations(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("24/7", "twenty-four seven"),
        ("and/or", "and or"),
        ("a 401(k) plan", "a four oh one K plan"),
        ("Tom & Jerry", "Tom and Jerry"),
        ("#1 hit", "number one hit"),
        ("#news", "hashtag news"),
        ("#mytext#", "hash mytext hash"),
        ("@audiobrief", "at audiobrief"),
        ("upgrade/update", "upgrade slash update"),
        ("mid-April", "mid April"),
        ("$ and 5% or %", "dollar and five percent or percent"),
    ],
)
def test_symbols(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("+1 123-123-5678", "plus one, one two three, one two three, five six seven eight"),
        ("(555) 555-5555", "five five five, five five five, five five five five"),
        ("call 555-0142 today", "call five five five, zero one four two today"),
        ("between 100-1000 people", "between one hundred and one thousand people"),
        ("111-11-1111", "one one one, one one, one one one one"),
        ("a.bc@gmail.com", "a dot bc at gmail dot com"),
        ("visit www.example.com/news.", "visit W.W.W. dot example dot com slash news."),
        ("Newsweek.com", "Newsweek dot com"),
        (
            "https://www.nvidia.com/rtx-6000",
            "H.T.T.P.S. colon slash slash W.W.W. dot nvidia dot com slash rtx dash six thousand",
        ),
    ],
)
def test_phones_and_addresses(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


def test_one_line_out() -> None:
    assert "\n" not in speak_line("two\nlines\u2028here", LEX)
