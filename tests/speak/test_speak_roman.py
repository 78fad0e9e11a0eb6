"""Roman numerals by context: a regnal number after a person's name, a count after a counting word,
in a title, after a common noun or opening a heading, and capitals that are letters after all."""

import pytest

from audiobrief.speak import explain_line, load_lexicon, speak_line

LEX = load_lexicon()


def said(written: str, variety: str = "en-us") -> str:
    return speak_line(written, LEX, "never", variety)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # persons: the ordinal
        ("Henry VIII married six times.", "Henry the eighth married six times."),
        ("John Jacob Astor IV died on the Titanic.", "John Jacob Astor the fourth died on the Titanic."),
        ("Pope Benedict XVI resigned.", "Pope Benedict the sixteenth resigned."),
        ("Accordingly, Charles V considered it.", "Accordingly, Charles the fifth considered it."),
        ("the Ottoman Empire under Selim I", "the Ottoman Empire under Selim the first"),
        ('"Henry V" opened on Broadway.', '"Henry the fifth" opened on Broadway.'),
        # counts: after a counting word, in a title, after a common noun or place, opening a heading
        ("World War II ended in 1945.", "World War two ended in nineteen forty-five."),
        ("Class II neurons fire less.", "Class two neurons fire less."),
        ('"Crocodile Dundee II" opened in 1988.', '"Crocodile Dundee two" opened in nineteen eighty-eight.'),
        ("\u201cRocky II\u201d was a hit.", "\u201cRocky two\u201d was a hit."),
        ("`` Toy Story II `` was shown .", "`` Toy Story two `` was shown."),
        ("The shell hit battle II, the bridge and the mast.",
         "The shell hit battle two, the bridge and the mast."),
        ("Avalanche Peak II is the higher peak.", "Avalanche Peak two is the higher peak."),
        ("III: The Treatise of Zara Yaecob", "three: The Treatise of Zara Yaecob"),
        # letters: the pronoun, initials, authors' initials, abbreviations
        ("Sam and I went home.", "Sam and I went home."),
        ("in part I think so", "in part I think so"),
        ("James V. Schall wrote it.", "James V Schall wrote it."),
        ("Adlard PA, Perreau VM, Pop V, Cotman CW (2005).",
         "Adlard P.A. , Perreau V.M. , Pop V, Cotman C.W. (two thousand five)."),
        ("The nurse set up an IV drip.", "The nurse set up an I.V. drip."),
        ("Malcolm X spoke.", "Malcolm X spoke."),
    ],
)
def test_roman_numerals_by_context(written: str, spoken: str) -> None:
    assert said(written) == spoken


def test_explain_names_why_a_numeral_counts() -> None:
    changes = explain_line("Avalanche Peak II is higher.", LEX, "never")
    assert ("II", "two", "numeral after a name that is no person's: 'Avalanche Peak II' is two") in [
        (c.written, c.spoken, c.rule) for c in changes
    ]
