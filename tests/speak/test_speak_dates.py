"""Dates, years, decades, quarters and clock times."""

import pytest

from audiobrief.speak import load_lexicon, speak_line

LEX = load_lexicon()


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("July 29, 2017", "July twenty-ninth, twenty seventeen"),
        ("Jan. 15 2020", "January fifteenth twenty twenty"),
        ("SEPT. 15", "September fifteenth"),
        ("25 July 2012", "the twenty-fifth of July twenty twelve"),
        ("on the 26th May", "on the twenty-sixth of May"),
        ("in February 2022", "in February twenty twenty-two"),
        ("2016-11-03", "November third, twenty sixteen"),
        ("10/06/2005", "October sixth, two thousand five"),
        ("15.01.2020", "the fifteenth of January twenty twenty"),
        ("on 1/4 we met", "on January fourth we met"),
        ("in 2022", "in twenty twenty-two"),
        ("in 1906", "in nineteen oh six"),
        ("the 1990s", "the nineteen nineties"),
        ("the '90s", "the nineties"),
        ("the 2000s", "the two thousands"),
        ("mid-1980s", "mid nineteen eighties"),
        ("mid-March", "mid March"),
        ("2010\u20132015", "twenty ten to twenty fifteen"),
        ("1960-80", "nineteen sixty to eighty"),
        ("Q2 2022", "the second quarter of twenty twenty-two"),
        ("340 A.D.", "three forty A.D."),
        ("you may 2 go", "you may two go"),
    ],
)
def test_dates(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("10:30 a.m.", "ten thirty A.M."),
        ("5pm EST", "five P.M E.S.T."),
        ("1:59 p.m. e.s.t", "one fifty-nine P.M E.S.T."),
        ("10:05", "ten oh five"),
        ("01:00", "one o'clock"),
        ("1:01:01", "one hour one minute and one second"),
        ("2pm-5pm", "two P.M. to five P.M."),
        ("1.59 p.m.", "one fifty-nine P.M."),
        ("it rose 1.59 points", "it rose one point five nine points"),
    ],
)
def test_times(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("written", "american", "british"),
    [
        # year first is no spoken order: each variety says an ISO date its own way
        ("Retrieved on 2011-06-19.", "Retrieved on June nineteenth, twenty eleven.",
         "Retrieved on the nineteenth of June twenty eleven."),
        ("Caplan, Bryan (2007-05-24).", "Caplan, Bryan (May twenty-fourth, two thousand seven).",
         "Caplan, Bryan (the twenty-fourth of May two thousand seven)."),
        ("The law took effect 2016/07/03.", "The law took effect July third, twenty sixteen.",
         "The law took effect the third of July twenty sixteen."),
        # the other reading: dates written in a spoken order keep it in both varieties
        ("It opened on 21 January 1944.", "It opened on the twenty-first of January nineteen forty-four.",
         "It opened on the twenty-first of January nineteen forty-four."),
        ("It opened on October 29, 2003.", "It opened on October twenty-ninth, two thousand three.",
         "It opened on October twenty-ninth, two thousand three."),
    ],
)
def test_iso_dates_by_variety(written: str, american: str, british: str) -> None:
    assert speak_line(written, LEX, "never", "en-us") == american
    assert speak_line(written, LEX, "never", "en-gb") == british


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Fashion from the '00s is back.", "Fashion from the two thousands is back."),
        ("Designers & Dragons : The ' 00s .", "Designers and Dragons: The two thousands."),
        ("the 1970s and the '80s", "the nineteen seventies and the eighties"),
        # the other reading: two zeros with no apostrophe name no decade
        ("Code 00s is void.", "Code zero zero s is void."),
    ],
)
def test_decades_in_running_text(written: str, spoken: str) -> None:
    assert speak_line(written, LEX, "never") == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("They won the 2021/22 title.", "They won the twenty twenty-one to twenty twenty-two title."),
        ("the 2019/2020 budget year", "the twenty nineteen to twenty twenty budget year"),
        ("Profits in 1998/99 fell.", "Profits in nineteen ninety-eight to ninety-nine fell."),
        ("the 1999/00 accounts", "the nineteen ninety-nine to two thousand accounts"),
        ("the 2009/10 campaign", "the two thousand nine to twenty ten campaign"),
        # the other reading: a fraction, a date with slashes
        ("He scored 3/4 of the points.", "He scored three quarters of the points."),
        ("Polls closed on 2024/11/05.", "Polls closed on November fifth, twenty twenty-four."),
    ],
)
def test_span_of_years_with_a_slash(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


def test_span_of_years_with_a_slash_british() -> None:
    said = speak_line("the 2021/22 season", LEX, variety="en-gb")
    assert said == "the twenty twenty-one to twenty twenty-two season"


def test_numbers_far_apart_with_a_slash_are_no_span() -> None:
    assert " to " not in speak_line("a 1500/2000 split", LEX)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The summit runs May 10-12.", "The summit runs May tenth to twelfth."),
        ("Talks on Jan. 5-7, 2025 failed.", "Talks on January fifth to seventh, twenty twenty-five failed."),
        ("The fair runs 10-12 May.", "The fair runs the tenth to the twelfth of May."),
        (
            "Voting is 3-5 March 2026 nationwide.",
            "Voting is the third to the fifth of March twenty twenty-six nationwide.",
        ),
        (
            "Strikes are planned between 14-16 June.",
            "Strikes are planned between the fourteenth and the sixteenth of June.",
        ),
        ("between Oct. 2-4", "between October second and fourth"),
        # the other reading: a lower-case "may", a score before a date, one day
        ("Groups may 3-4 times a week meet.", "Groups may three to four times a week meet."),
        ("They won 3-1 May 5.", "They won three-one May fifth."),
        ("It ends 12 May.", "It ends the twelfth of May."),
    ],
)
def test_span_of_days(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "The toll rose to between 1,000-2,000 people.",
            "The toll rose to between one thousand and two thousand people.",
        ),
        ("Between 50-60 officers were hurt.", "Between fifty and sixty officers were hurt."),
        ("between 5-10% of voters", "between five and ten percent of voters"),
        ("It was built between 1990-95.", "It was built between nineteen ninety and ninety-five."),
        # the other reading: no "between", a range of thousands, still "to"
        ("Crowds of 10,000-20,000 gathered.", "Crowds of ten thousand to twenty thousand gathered."),
        ("a 5-10 minute walk", "a five to ten minute walk"),
    ],
)
def test_ranges_after_between(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("He joined for the 23/24 season.", "He joined for the twenty-three to twenty-four season."),
        ("the 05/06 campaign", "the oh five to oh six campaign"),
        ("the 99/00 season", "the ninety-nine to two thousand season"),
        ("in the 21/22 tax year", "in the twenty-one to twenty-two tax year"),
        # the other reading: years not running on, no season word
        ("the 23/25 season", "the twenty-three twenty-fifths season"),
        ("She scored 23/24 points.", "She scored twenty-three twenty-fourths points."),
    ],
)
def test_seasons_in_two_digit_years(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("written", "american", "british"),
    [
        ("They drew 0-0 at home.", "They drew nothing-nothing at home.", "They drew nil-nil at home."),
        ("a 0-0 draw", "a nothing-nothing draw", "a nil-nil draw"),
        ("They won 2-0.", "They won two-nothing.", "They won two-nil."),
    ],
)
def test_goalless_scores(written: str, american: str, british: str) -> None:
    assert speak_line(written, LEX) == american
    assert speak_line(written, LEX, variety="en-gb") == british
