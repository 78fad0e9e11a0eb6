"""British spellings: the American voice says them the American way, the British voice as written."""

import pytest

from audiobrief.speak import explain_line, load_lexicon, speak_line

LEX = load_lexicon()


@pytest.mark.parametrize(
    ("written", "american"),
    [
        ("The march was organised by students.", "The march was organized by students."),
        ("The organisers cancelled the festival.", "The organizers cancelled the festival."),
        ("Organised crime groups moved in.", "Organized crime groups moved in."),
        ("the World Health Organisation said", "the World Health Organization said"),
        ("plans for the privatisation of the railways", "plans for the privatization of the railways"),
        ("She was hospitalised on Friday.", "She was hospitalized on Friday."),
        ("critics say the reorganisation failed", "critics say the reorganization failed"),
        ("He apologised and resigned.", "He apologized and resigned."),
        ("a city centre cordon", "a city center cordon"),
        ("the National Theatre's new season", "the National Theater's new season"),
        ("a stretch of forty kilometres", "a stretch of forty kilometers"),
        ("fibre broadband for rural homes", "fiber broadband for rural homes"),
    ],
)
def test_british_spelling_said_american(written: str, american: str) -> None:
    assert speak_line(written, LEX) == american
    assert speak_line(written, LEX, variety="en-gb") == written


@pytest.mark.parametrize(
    "written",
    [
        "Ministers promised to revise the exercise regime.",
        "The surprise reprise drew praise.",
        "He advised them to compromise.",
        "prices rose on the premises of the enterprise",
        "Louise and Denise raised the noise complaint.",
        "the singer's timbre, a new genre",
        "Notre Dame won the game.",
        "a hospital's expertise and paradise",
    ],
)
def test_words_that_keep_ise_or_re(written: str) -> None:
    assert speak_line(written, LEX) == written


def test_explain_names_the_spelling_rule() -> None:
    rules = {c.rule for c in explain_line("The summit was organised in the centre.", LEX)}
    assert "British '-ise' said '-ize' by the American voice: 'organised'" in rules
    assert "British '-tre' said '-ter' by the American voice: 'kilometres'" in rules


def test_web_addresses_keep_their_spelling() -> None:
    assert "organisation dot org" in speak_line("see www.organisation.org today", LEX)
