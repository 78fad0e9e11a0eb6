"""Page furniture is recognised by what it is; article prose is not, whatever it mentions."""

import pytest

from audiobrief.clean.furniture import (
    PROMO,
    REPEAT,
    furniture_kind,
    is_bio_header,
    line_key,
    pull_quotes,
    reads_as_news_copy,
    repeats,
)

CASES = [
    ("caption", "Rescue boats line up at dawn on the river. Photo by Ana Ruiz/Getty Images"),
    ("caption", "A farmer inspects her wheat field. (Photo: Lee Park)"),
    ("caption", "Workers repair the bridge after the storm. via Getty Images"),
    ("photo credit", "Photo: Ringo Hale, AP"),
    ("photo credit", "Image copyright Valley Post"),
    ("related links", "Read more"),
    ("related links", "Read more: Five ways the new tram line will change your commute"),
    ("related links", "READ MORE: Ferry fares rise again"),
    ("related links", "Related: Five ways the new tram line will change your commute"),
    ("related links", "Her work focuses on the river towns ... Read more"),
    ("related links", "Leia também"),
    ("related links", "Lesen Sie auch"),
    ("subscription", "Sign up for our morning newsletter"),
    ("subscription", "Sign up for our morning newsletter to get the news before breakfast."),
    ("subscription", "Thanks for signing up!"),
    ("subscription", "Already a subscriber? Log in"),
    ("subscription", "• Enjoy ad-free browsing on the Valley Post app"),
    ("share bar", "Share this article"),
    ("share bar", "Click to share on Facebook (Opens in new window)"),
    ("share bar", "Compartilhe"),
    ("comments", "12 comments"),
    ("comments", "riverfan42 says:"),
    ("comment buttons", "Reply"),
    ("notice", "We use cookies to give you the best experience on our website."),
    ("notice", "Something went wrong. Please try again later."),
    ("advertisement", "Advertisement"),
    ("menu", "Skip to main content"),
    ("copyright", "© 2024 The Daily Lantern"),
    ("tags", "Tags: ferries, libraries, Harbour"),
    ("site link", "To see how we check our facts, click here."),
    ("promo", "Download our free app"),
    ("author bio", "About the author"),
    ("author contact", "Write to Ana Ruiz at ana.ruiz@valleypost.example"),
    ("subscription", "Keep an eye on your inbox for the latest harbour news."),
    ("subscription", "Morning Briefing Newsletter"),
    ("notice", "There was an error processing your subscription."),
    ("copyright", "Order Reprints"),
    ("date", "Updated at 1:23 p.m."),
    ("date", "Published 2:16 AM EST Nov 20, 2019"),
    ("menu", "Listen to this article"),
    ("caption", "Crews clear the road on Tuesday. (AP Photo/Ana Ruiz) less"),
]


@pytest.mark.parametrize(("kind", "line"), CASES)
def test_each_kind_is_found(kind: str, line: str) -> None:
    """A typical line of each kind is classified as that kind."""
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "He said he would read more books to his children this winter.",
        "He hopes children will read more.",
        "The council will share the costs with the two neighbouring towns.",
        "Police said the photo was taken on Tuesday near the old pier.",
        "Subscribers to the water scheme paid less than last year, the report found.",
        "Weekly stops",
        # news copy that mentions signing up, subscribing, reading more or the comments
        "Residents who want to know when the work starts can sign up for alerts on the city's website.",
        "Read more at the library's site for the full schedule.",
        "The library's membership is free for residents, and more than 4,000 people joined last year.",
        "No comments were made during the hearing, and the vote passed seven to two.",
        "Related charges against the two men were dropped in 2019, prosecutors said.",
        "Readers can subscribe to the council's newsletter for updates on the bridge repairs.",
        '"Sign up for our newsletter," the banner said, and the mayor laughed at the question.',
        "Published in 1911, the book was banned for decades.",
        "Updated timetables will be posted at every stop by Friday, the operator said.",
    ],
)
def test_prose_is_not_furniture(line: str) -> None:
    """Ordinary article sentences and short headings are left alone."""
    assert furniture_kind(line) == ""


def test_long_prose_mentioning_a_phrase_is_kept() -> None:
    """Phrase rules do not apply to long paragraphs."""
    line = "Read more about the plan, the mayor said, " + "and the town agreed to it. " * 10
    assert furniture_kind(line) == ""


def test_news_copy_is_a_sentence_in_which_the_site_does_not_address_its_reader() -> None:
    """The test that keeps calls to action from swallowing news copy."""
    assert reads_as_news_copy("Residents can sign up for alerts on the city's website.")
    assert not reads_as_news_copy("Sign up for our newsletter to get the news before breakfast.")
    assert not reads_as_news_copy("You can sign up for alerts on the city's website today.")
    assert not reads_as_news_copy("Sign up for alerts")  # not a sentence
    assert reads_as_news_copy("US officials said they would sign up for the talks next week.")  # not "us"


def test_bio_header() -> None:
    """An "About the writer" heading starts a bio."""
    assert is_bio_header("About the writer")
    assert not is_bio_header("About the ferry")


def test_a_repeat_keeps_its_first_copy() -> None:
    """The later copy of a kept paragraph is the repeat; short lines are never repeats."""
    lines = ["A quote that stands near the top.", "One.", "Body text here.",
             "A quote that stands near the top.", "One."]
    assert repeats(lines, [True] * 5) == ["", "", "", REPEAT, ""]


def test_a_question_or_label_asked_again_is_no_repeat() -> None:
    """An interview series asks each guest the same question; recipes share their labels."""
    lines = ["What inspired your first recipe?", "The market.", "What inspired your first recipe?",
             "My grandmother.", "You will need these things:", "Flour.", "You will need these things:"]
    assert repeats(lines, [True] * 7) == [""] * 7


def test_a_repeat_of_a_line_not_kept_is_heard() -> None:
    """When the first copy was not kept (a teaser outside the article), the later copy is no repeat."""
    lines = ["The ferry runs all winter now.", "Body.", "The ferry runs all winter now."]
    assert repeats(lines, [False, True, True]) == ["", "", ""]


def test_a_line_printed_twice_in_a_row_is_a_promo() -> None:
    """Back-to-back copies come from a widget shown twice, not from the article's flow."""
    lines = ["Body text.", "We are committed to news.", "We are committed to news."]
    assert repeats(lines, [True] * 3) == ["", PROMO, PROMO]


def test_a_pull_quote_inside_its_paragraph_is_found() -> None:
    """A line found again inside a longer kept line is a pull quote; its paragraph stays."""
    paragraph = ('"We cannot wait another winter for this bridge," said Councilmember Dana Ruiz, '
                 "who chairs the works committee.")
    lines = ["We cannot wait another winter for this bridge", "Other text of the story.", paragraph]
    keys = [line_key(line) for line in lines]
    assert pull_quotes(keys, [True] * 3) == [True, False, False]
    assert pull_quotes(keys, [True, True, False]) == [False, False, False]  # its paragraph was not kept
