"""Numbers in words: cardinals, ordinals, decimals, fractions, ranges, codes."""

import pytest

from audiobrief.speak import load_lexicon, speak_line
from audiobrief.speak.numbers import cardinal, ordinal, year

LEX = load_lexicon()


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (7, "seven"),
        (21, "twenty-one"),
        (100, "one hundred"),
        (123, "one hundred and twenty-three"),
        (18081, "eighteen thousand and eighty-one"),
        (123000012, "one hundred twenty-three million twelve"),
        (1000000, "one million"),
        (-2, "minus two"),
    ],
)
def test_cardinal(n: int, words: str) -> None:
    assert cardinal(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (12, "twelfth"),
        (20, "twentieth"),
        (23, "twenty-third"),
        (101, "one hundred first"),
        (1000, "one thousandth"),
    ],
)
def test_ordinal(n: int, words: str) -> None:
    assert ordinal(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (2022, "twenty twenty-two"),
        (2005, "two thousand five"),
        (1906, "nineteen oh six"),
        (1900, "nineteen hundred"),
        (2000, "two thousand"),
        (1776, "seventeen seventy-six"),
    ],
)
def test_year(n: int, words: str) -> None:
    assert year(n) == words


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("13,000 people", "thirteen thousand people"),
        ("The 1st and the 23rd", "The first and the twenty-third"),
        ("the 1,000th visitor", "the one thousandth visitor"),
        ("It rose 2.05 points", "It rose two point zero five points"),
        ("about .5 of it", "about point five of it"),
        ("code 004", "code zero zero four"),
        ("ZIP 95051", "ZIP nine five zero five one"),
        ("1/4", "one quarter"),
        ("3/4 of voters", "three quarters of voters"),
        ("2 1/2 hours", "two and a half hours"),
        ("2/3", "two thirds"),
        ("½ cup", "one half cup"),
        ("5-10 years", "five to ten years"),
        ("won 3-2", "won three-two"),
        ("a 4.4x rise", "a four point four x rise"),
        ("2x8 boards", "two by eight boards"),
        ("1-2=5", "one minus two equals five"),
        ("the F-16 jet", "the F-sixteen jet"),
        ("B2A23C", "B two A-twenty-three C"),  # joined, or the engine says "A" as "uh"
        ("version 3.11.2", "version three point eleven point two"),
        ("IP 10.0.0.1", "I.P. one zero dot zero dot zero dot one"),
        ("Sam and I", "Sam and I"),
    ],
)
def test_numbers_in_text(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # three or more numbers joined by hyphens: each said apart, never run together
        ("The Grangers lead the rivalry 49-30-4.", "The Grangers lead the rivalry forty nine, thirty, four."),
        ("They played a 4-4-2 formation.", "They played a four-four-two formation."),
        ("a 1-2-3 finish", "a one-two-three finish"),
        # a ratio written with spaces, before the word that makes it one
        ("the 1 : 1 ratio is stable", "the one to one ratio is stable"),
        ("a 2 : 1 majority", "a two to one majority"),
        # a leading zero marks a code or a year, never a fraction
        ("the 05 / 06 season", "the oh five to oh six season"),
        ("3 / 4 of voters", "three quarters of voters"),
        # the other reading: a volume and page, and a date
        ("Monthly Notices 312 : 103 .", "Monthly Notices three hundred twelve : one hundred three."),
        ("It fell on 10-06-2005.", "It fell on October sixth, two thousand five."),
    ],
)
def test_number_chains_and_ratios(written: str, spoken: str) -> None:
    assert speak_line(written, LEX, "never") == spoken


@pytest.mark.parametrize(
    ("written", "american", "british"),
    [
        # espeak-ng reads "eighty-nine" with a hard t; written open the American voice keeps its flap
        ("It fell in 1989.", "It fell in nineteen eighty nine.", "It fell in nineteen eighty-nine."),
        ("They won 39 seats.", "They won thirty nine seats.", "They won thirty-nine seats."),
        ("the 49th parallel", "the forty ninth parallel", "the forty-ninth parallel"),
        # the other reading: tens without a flap, other units, and the author's own words keep the hyphen
        ("It fell in 1999.", "It fell in nineteen ninety-nine.", "It fell in nineteen ninety-nine."),
        ("It fell in 1988.", "It fell in nineteen eighty-eight.", "It fell in nineteen eighty-eight."),
        ("She was forty-nine.", "She was forty-nine.", "She was forty-nine."),
    ],
)
def test_american_flap(written: str, american: str, british: str) -> None:
    assert speak_line(written, LEX, "never", "en-us") == american
    assert speak_line(written, LEX, "never", "en-gb") == british


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # a list of set scores, spaced or not: each set said with a hyphen, a set won to nil "love"
        ("Graf defeated Sabatini , 4 - 6 , 6 - 4 , 6 - 0 , 6 - 4 .",
         "Graf defeated Sabatini, four-six, six-four, six-love, six-four."),
        ("She won 6-0, 6-1.", "She won six-love, six-one."),
        # the other reading: a single game's score and a list of ranges
        ("United won 3-0.", "United won three-nothing."),
        ("See pages 1-5, 7-9.", "See pages one to five, seven to nine."),
    ],
)
def test_set_scores(written: str, spoken: str) -> None:
    assert speak_line(written, LEX, "never") == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # no span of years runs past 2100: these are amounts
        ("Police demanded 2000 - 2500 from each.",
         "Police demanded two thousand to two thousand five hundred from each."),
        # a long bare number after a word that counts is a count
        ("The faithful, numbering 326742, belong to it.",
         "The faithful, numbering three hundred twenty-six thousand seven hundred forty-two, belong to it."),
        # the other readings: a span of years, and a code read digit by digit
        ("It ran from 2010-2015.", "It ran from twenty ten to twenty fifteen."),
        ("Mabie has ZIP code 26278.", "Mabie has ZIP code two six two seven eight."),
    ],
)
def test_amounts_or_years_and_codes(written: str, spoken: str) -> None:
    assert speak_line(written, LEX, "never") == spoken
