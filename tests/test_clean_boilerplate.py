"""Each kind of boilerplate line is recognised; article prose is not."""

import pytest

from audiobrief.clean.boilerplate import boilerplate_kind, drop_repeats, is_bio_header

CASES = [
    ("caption", "Rescue boats line up at dawn on the river. Photo by Ana Ruiz/Getty Images"),
    ("caption", "A farmer inspects her wheat field. (Photo: Lee Park)"),
    ("caption", "Workers repair the bridge after the storm. via Getty Images"),
    ("related", "Read more"),
    ("related", "Related: Five ways the new tram line will change your commute"),
    ("related", "Leia também"),
    ("related", "Lesen Sie auch"),
    ("subscribe", "Sign up for our morning newsletter"),
    ("subscribe", "Thanks for signing up!"),
    ("subscribe", "Already a subscriber? Log in"),
    ("share", "Share this article"),
    ("share", "Click to share on Facebook (Opens in new window)"),
    ("share", "Compartilhe"),
    ("comments", "12 comments"),
    ("comments", "riverfan42 says:"),
    ("notice", "We use cookies to give you the best experience on our website."),
    ("notice", "Something went wrong. Please try again later."),
    ("navigation", "Advertisement"),
    ("navigation", "Skip to main content"),
    ("credits", "© 2024 The Daily Lantern"),
    ("credits", "Tags: ferries, libraries, Harbour"),
    ("editorial", "To see how we check our facts, click here."),
    ("bio", "About the author"),
]


@pytest.mark.parametrize(("kind", "line"), CASES)
def test_each_kind_is_found(kind: str, line: str) -> None:
    """A typical line of each kind is classified as that kind."""
    assert boilerplate_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "He said he would read more books to his children this winter.",
        "The council will share the costs with the two neighbouring towns.",
        "Police said the photo was taken on Tuesday near the old pier.",
        "Subscribers to the water scheme paid less than last year, the report found.",
        "Weekly stops",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    """Ordinary article sentences and short headings are left alone."""
    assert boilerplate_kind(line) == ""


def test_long_prose_mentioning_a_phrase_is_kept() -> None:
    """Phrase rules do not apply to long paragraphs."""
    line = "Read more about the plan, the mayor said, " + "and the town agreed to it. " * 10
    assert boilerplate_kind(line) == ""


def test_bio_header() -> None:
    """An "About the writer" heading starts a bio."""
    assert is_bio_header("About the writer")
    assert not is_bio_header("About the ferry")


def test_repeated_paragraphs_are_dropped() -> None:
    """A promo repeated on the page is removed entirely, single lines stay."""
    paragraphs = ["Our paper is committed to local news for all.", "One.",
                  "Our paper is committed to local news for all.", "Two words here."]
    assert drop_repeats(paragraphs) == ["One.", "Two words here."]
