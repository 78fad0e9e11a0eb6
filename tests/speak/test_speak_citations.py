"""Citation shorthand and the suffixes after a name, with or without their full stops; each family
has the other reading. Sentences and references written for these tests."""

import pytest

from audiobrief.speak import load_lexicon, speak_line

LEX = load_lexicon()


def said(written: str, variety: str = "en-us") -> str:
    return speak_line(written, LEX, "never", variety)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Smith, J., ed.", "Smith, J. , editor."),
        ("Jones, A. (ed.)", "Jones, A. (editor)"),
        ("Brown and Green, eds.", "Brown and Green, editors."),
        ("Encyclopaedia Britannica (11th ed.)", "Encyclopaedia Britannica (eleventh edition)"),
        ("A Field Guide, 2nd ed. London: Collins.", "A Field Guide, second edition. London: Collins."),
        ("The Letters, ed. by Mary Hart", "The Letters, edited by Mary Hart"),
        ("Hart, M. (2 ed.), p. 4.", "Hart, M. (second edition), page four."),
        ("The 3rd ed. was printed in 1990.", "The third edition was printed in nineteen ninety."),
        ("Ward, Tales, 4th ed.", "Ward, Tales, fourth edition."),
        ("Both 2nd eds. sold out.", "Both second editions sold out."),
        ("New Series vol 59.", "New Series volume fifty-nine."),
        ("A History of the Railway, vol", "A History of the Railway, volume"),
        ("Collected Works, vol. 2, p. 36.", "Collected Works, volume two, page thirty-six."),
        ("Papers, vols 3-4.", "Papers, volumes three to four."),
        ("See pp. 12-19.", "See pages twelve to nineteen."),
        ("See doi:10.1038/nature12373.",
         "See D.O.I. ten dot one zero three eight slash nature one two three seven three."),
        ("Wiley, doi : 10.1002 / 14356007 .",
         "Wiley, D.O.I. ten dot one zero zero two slash one four three five six zero zero seven."),
        # the other reading: the same letters that are no citation
        ("The doi of the paper is missing.", "The doi of the paper is missing."),
        ("The op. ed. page", "The op. ed. page"),
        ("She joined the Dept. of Ed.", "She joined the Department of Ed."),
        ("Ed went home.", "Ed went home."),
        ("Ed. 2 was", "Ed. two was"),
        ("They ordered a vol au vent.", "They ordered a vol au vent."),
    ],
)
def test_citations(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The son of William Wright sr", "The son of William Wright Senior"),
        ("Arthur Sulzberger, jr.", "Arthur Sulzberger, Junior."),
        ("William Wright Sr. retired.", "William Wright Senior retired."),
        ("signed by Warner bros Records", "signed by Warner Brothers Records"),
        ("Reed Business Information ltd", "Reed Business Information Limited"),
        ("M.D. Publications Pvt. Ltd.", "M.D Publications Private Limited."),
        ("Acme Co. Ltd. said so.", "Acme Company Limited said so."),
        # the other reading: before a name "Sr." is a nun; "bros" among friends; capitals are initials
        ("Sr. Mary Joseph taught music.", "Sister Mary Joseph taught music."),
        ("my bros came over", "my bros came over"),
        ("Pvt. Ryan was saved.", "Private Ryan was saved."),
        ("Thaler L, Arnott SR, Goodale MA.", "Thaler L, Arnott S.R. , Goodale M.A."),
    ],
)
def test_suffixes_after_a_name(written: str, spoken: str) -> None:
    assert said(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("the annual City vs Country match", "the annual City versus Country match"),
        ("Support for Roe vs", "Support for Roe versus"),
        ("apples, pears, etc", "apples, pears, et cetera"),
        ("a st Louis best seller", "a Saint Louis best seller"),
        ("climbing mt Kenya", "climbing Mount Kenya"),
        ("the Wk 16 chart", "the week sixteen chart"),
        # the other reading: letters inside words and a street after its name
        ("The vsync setting", "The vsync setting"),
        ("He lives on Main st in town.", "He lives on Main Street in town."),
    ],
)
def test_abbreviations_without_their_full_stop(written: str, spoken: str) -> None:
    assert said(written) == spoken
