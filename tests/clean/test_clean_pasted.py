"""Pasted text: link lists after a "related" heading, comment furniture, repeats, data lists."""

import pytest

from audiobrief.clean import language
from audiobrief.clean.language import detect_language, is_clearly_english
from audiobrief.clean.pasted import extract_pasted

PROSE = [
    "The town council voted on Monday to keep the ferry running through the winter, after "
    "residents on both banks of the river asked for a service they could rely on.",
    "Under the plan, the boat will cross every forty minutes between six in the morning and "
    "nine at night, and the fare will stay at the price it has been for the last three years.",
    "The harbour master said the crew had been trained to work in ice and fog, and that the "
    "old landing stage would be repaired before the first frost arrived in the valley.",
    "Shopkeepers on the east bank said the decision would help them through the quiet months, "
    "when most of their customers come across from the station on the other side of the water.",
]
MENU = ["Home", "News", "Sport", "Weather", "Culture"]
TITLE = "Council Keeps the Winter Ferry Running"


def _page(*middle: str) -> str:
    """A pasted page: menu, title, the given lines, a footer."""
    return "\n".join([*MENU, TITLE, *middle, "About us", "Contact", "© 2024 The Valley Post"])


def test_headlines_after_a_related_heading_are_dropped() -> None:
    """A list of story links under "Most read" is not heard, though it runs on for a while."""
    headlines = [
        "Mayor opens the new bridge over the river in a quiet ceremony on Sunday",
        "Bakery on the high street wins the regional prize for its rye bread again",
        "Rail strike called off after talks between the union and the operator",
        "School choir to sing at the cathedral for the first time since the fire",
        "Volunteers clear the towpath of fallen trees ahead of the winter storms",
    ]
    result = extract_pasted(_page(*PROSE, "Most read", *headlines))
    assert result.paragraphs == PROSE


def test_article_prose_after_a_link_list_is_kept() -> None:
    """A short "Don't miss" list inside the article does not swallow the prose after it."""
    teasers = ["Ferry fares to rise next spring", "Bridge works delayed again"]
    after = "The council will review the winter timetable in March, its leader said."
    result = extract_pasted(_page(*PROSE[:2], "Don't miss", *teasers, after, *PROSE[2:]))
    assert result.paragraphs == [*PROSE[:2], after, *PROSE[2:]]


def test_reply_and_report_buttons_do_not_end_the_article() -> None:
    """Embedded-post buttons ("Report", "Reply") cost little; they are not the comments."""
    text = _page(*PROSE[:2], "Report", "Reply", *PROSE[2:])
    assert extract_pasted(text).paragraphs == PROSE


def test_repeated_image_credits_inside_the_body_do_not_split_it() -> None:
    """A credit line repeated between paragraphs is dropped; the paragraphs around it stay."""
    credit = "Image Copyright Valley Post Valley Post"
    text = _page(PROSE[0], credit, credit, PROSE[1], PROSE[2], credit, credit, PROSE[3])
    assert extract_pasted(text).paragraphs == PROSE


def test_a_list_of_results_is_the_article() -> None:
    """Short lines carrying figures (scores, dates) make up the body of a results page."""
    results = [
        "Riverside d. Hillcrest 3-1",
        "Riverside (4-0): A. Moss 2 goals. B. Hale 1 goal. C. Fry 5 saves.",
        "Hillcrest (3-1): D. Lane 1 goal. E. Ward 4 saves.",
        "Northgate d. Eastfield 2-0",
        "Northgate (2-1): F. Cole 1 goal. G. Penn 1 goal. H. Reid 6 saves.",
        "Eastfield (1-2): I. Marsh 7 saves.",
        "Westbrook d. Southport 5-2",
        "Westbrook (3-0-1): J. Tate 3 goals. K. Bell 2 goals. L. Shaw 3 saves.",
        "Southport (0-3): M. Hart 1 goal. N. Rowe 1 goal. O. Park 9 saves.",
    ]
    text = "\n".join([*MENU, "Soccer Roundup: Riverside Stays Unbeaten", "GIRLS SOCCER", *results,
                      "Terms of Service", "© 2024 The Valley Post"])
    assert extract_pasted(text).paragraphs == results


def test_clear_english_skips_the_language_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """English prose is recognised by its stopwords without loading py3langid."""
    def no_model() -> None:
        raise AssertionError("the language model was loaded")

    monkeypatch.setattr(language, "_identifier", no_model)
    assert is_clearly_english(" ".join(PROSE))
    assert detect_language(" ".join(PROSE)) == "en"


def test_other_languages_go_to_the_model() -> None:
    """Portuguese is not taken for English; the model names it."""
    text = (
        "A prefeitura abriu nesta segunda-feira uma biblioteca em uma balsa reformada, que vai "
        "parar em cinco vilarejos ao longo do rio todas as semanas, disse o secretário de cultura."
    )
    assert not is_clearly_english(text)
    assert detect_language(text) == "pt"
