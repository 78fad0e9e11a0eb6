"""Money in several currencies, with scale words, cents and ranges."""

import pytest

from audiobrief.speak import load_lexicon, speak_line

LEX = load_lexicon()


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("$300 million", "three hundred million dollars"),
        ("$2.5 million", "two point five million dollars"),
        ("$1", "one dollar"),
        ("$20.50", "twenty dollars and fifty cents"),
        ("$0.02", "two cents"),
        ("$1,925.21", "one thousand nine hundred twenty-five dollars and twenty-one cents"),
        ("$125.67", "one hundred twenty-five dollars and sixty-seven cents"),
        ("$20.506", "twenty point five zero six dollars"),
        ("€2.5bn", "two point five billion euros"),
        ("£1.20", "one pound and twenty pence"),
        ("£2.01", "two pounds and one penny"),
        ("¥30 billion", "thirty billion yen"),
        ("¥30B", "thirty billion yen"),
        ("$5-10 million", "five to ten million dollars"),
        ("$250-$300", "two hundred fifty dollars to three hundred dollars"),
        ("$20/mo", "twenty dollars per month"),
        ("US$76.3 trillion", "seventy-six point three trillion U.S. dollars"),
        ("$20 T-shirts", "twenty dollars T-shirts"),
        ("the $ sign", "the dollar sign"),
    ],
)
def test_money(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("$1,925.21", "one thousand nine hundred and twenty-five dollars twenty-one cents"),
        ("£1.20", "one pound twenty pence"),
        ("£2.01", "two pounds one penny"),
        ("$250-$300", "two hundred and fifty dollars to three hundred dollars"),
    ],
)
def test_money_british(written: str, spoken: str) -> None:
    assert speak_line(written, LEX, variety="en-gb") == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # an article or a hyphen before the amount: it describes the noun, so the unit is singular
        ("part of a $300 million aid package.", "part of a three hundred million dollar aid package."),
        ("She paid a $5 fee.", "She paid a five dollar fee."),
        ("It is an $8 billion project.", "It is an eight billion dollar project."),
        ("the city's $2 billion budget", "the city's two billion dollar budget"),
        ("the $40 million stadium deal", "the forty million dollar stadium deal"),
        ("approved $300-million funding", "approved three hundred million dollar funding"),
        ("a €5 billion loan", "a five billion euro loan"),
        # the other reading: the amount itself is the thing, so the unit stays plural
        ("the $300 million was spent", "the three hundred million dollars was spent"),
        ("raised $300 million last year", "raised three hundred million dollars last year"),
        ("a $2 billion, five-year plan", "a two billion dollars, five-year plan"),
        ("the $5 billion in aid", "the five billion dollars in aid"),
        ("the $4 million earmarked for roads", "the four million dollars earmarked for roads"),
        ("it cost $12 Monday", "it cost twelve dollars Monday"),
    ],
)
def test_money_as_modifier(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


def test_issue_example_has_no_dollar_sign() -> None:
    said = speak_line("The ATACMS cost $300 million in 2022.", LEX)
    assert "attack-ems" in said
    assert "three hundred million dollars" in said
    assert "$" not in said


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Coffee costs 99¢ now.", "Coffee costs ninety-nine cents now."),
        ("USD 5 million was paid.", "five million U.S. dollars was paid."),
        ("a fine of 100 CHF", "a fine of one hundred Swiss francs"),
        ("a EUR 1 coin", "a one euro coin"),
        ("the $5-a-gallon gas", "the five dollar-a-gallon gas"),
        # the other reading: a code with no amount
        ("USD rose.", "U.S.D. rose."),
    ],
)
def test_currency_codes_and_cents(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("over 88.5 million HRK as of 2011",
         "over eighty-eight point five million Croatian kunas as of twenty eleven"),
        ("SEK 5 billion in loans", "five billion Swedish kronor in loans"),
        ("a 250 ZAR fee", "a two hundred fifty South African rand fee"),
        ("It cost 40 ILS.", "It cost forty Israeli shekels."),
        # the other reading: a code that is also another abbreviation names no currency before a number
        ("an ILS 27 approach", "an I.L.S. twenty-seven approach"),
    ],
)
def test_more_currency_codes(written: str, spoken: str) -> None:
    assert speak_line(written, LEX, "never") == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Gas averaged $3.49/gallon on Monday.",
            "Gas averaged three dollars and forty nine cents per gallon on Monday.",
        ),
        ("Songs sell for $0.99/song.", "Songs sell for ninety-nine cents per song."),
        ("Seats went for $120/seat.", "Seats went for one hundred twenty dollars per seat."),
        ("Rent rose to $1,800/month.", "Rent rose to one thousand eight hundred dollars per month."),
    ],
)
def test_price_per_any_unit(written: str, spoken: str) -> None:
    assert speak_line(written, LEX, "never") == spoken


@pytest.mark.parametrize("written", ["the $50/$100 tiers", "Pay $10/or more.", "a $5/and up deal"])
def test_slash_after_a_price_that_is_no_rate(written: str) -> None:
    """Two prices, or a word that is no unit: no "per"."""
    assert " per " not in speak_line(written, LEX, "never")
