"""Punctuation set apart from its word (tokenised or hastily typed text): spaced full stops and
initials, hyphens left hanging. Sentences written for these tests; each family has the other reading."""

import re

import pytest

from audiobrief.speak import explain_line, load_lexicon, speak_line

LEX = load_lexicon()


def said(written: str, variety: str = "en-us") -> str:
    return speak_line(written, LEX, "never", variety)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # a full stop standing apart belongs to the word before it
        ("Smith , J . 1999 .", "Smith, J. nineteen ninety-nine."),
        ("the C . elegans worm", "the C. elegans worm"),
        ("It ended . then we left", "It ended. then we left"),
        ("I voted . He did not .", "I voted. He did not."),
        ("The list ran on , etc .", "The list ran on, et cetera."),
        ("See Collected Works , vol . 2 , p . 36 .", "See Collected Works, volume two, page thirty-six."),
        # spaced initials are one run of letters
        ("Freeman, W. D .; Gronseth, G . (2008).", "Freeman, W.D. ; Gronseth, G. (two thousand eight)."),
        ("Rao, C. N. R. (2005)", "Rao, C.N.R. (two thousand five)"),
        ("C. S. Lewis wrote it.", "C.S Lewis wrote it."),
        # the other reading: dots that are no full stop of a word are left alone
        ("Wait . . . then it came", "Wait . . . then it came"),
        ("Version 2.5 shipped.", "Version two point five shipped."),
    ],
)
def test_spaced_full_stops_and_initials(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Talks on US- China trade resumed.", "Talks on U.S.-China trade resumed."),
        ("the DSM- 5 manual", "the D.S.M.-five manual"),
        ("an MS- DOS program", "an M.S.-DOS program"),
        # the other reading: a hyphen carried over to a later word stays where it is
        ("pre- and post-war rules", "pre- and post-war rules"),
        ("a two- or three-day trip", "a two- or three-day trip"),
        ("Say it - then go.", "Say it - then go."),
    ],
)
def test_hanging_hyphens(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    "written",
    ["Abbott , B . 2008 .", "Kerney , M. P . & R.A.D . Cameron", "Hall , D . ( ed . ) , 1986 a",
     "U.S.- China"],
)
def test_no_full_stop_left_for_the_engine_to_read_as_dot(written: str) -> None:
    """espeak-ng reads a full stop standing before a lower-case word, or after a hyphen, as "dot"."""
    spoken = said(written)
    assert not re.search(r"\s\.\s+[a-z&]|\.-\s", spoken), spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # a comma, semicolon or colon set apart joins the word before it, so rules see it there
        ("Bloomington , IL : Charles Brodin .", "Bloomington, Illinois: Charles Brodin."),
        ("Beard , Jeremy ( October 29 , 2003 ) .",
         "Beard, Jeremy ( October twenty-ninth, two thousand three )."),
        # the other reading: a colon between numbers is the number rules' to read
        ("the 1 : 1 ratio", "the one to one ratio"),
    ],
)
def test_spaced_commas_and_colons(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # espeak-ng ends a sentence at letters with a full stop before a capitalised word
        ("George W. Bush spoke.", "George W Bush spoke."),
        ("The U.S. Army said so.", "The U.S Army said so."),
        ("The FBI Director said so.", "The F.B.I Director said so."),
        # and drops the pause of a comma just after them
        ("The BBC, on Monday, said so.", "The B.B.C. , on Monday, said so."),
        # the other reading: a new sentence after the letters, and a lone A (the article without its stop)
        ("He moved to the U.S. Then he left.", "He moved to the U.S. Then he left."),
        ("Terry A. Anderson spoke.", "Terry A. Anderson spoke."),
        ("The U.S. economy grew.", "The U.S. economy grew."),
    ],
)
def test_letters_before_a_name_or_a_comma(written: str, spoken: str) -> None:
    assert said(written) == spoken


def test_explain_names_the_repair() -> None:
    changes = explain_line("US- China", LEX, "never")
    assert ("- ", "-", "hanging hyphen") in [(c.written, c.spoken, c.rule) for c in changes]
