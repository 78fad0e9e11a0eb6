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
        ("$20.50", "twenty dollars fifty cents"),
        ("$0.02", "two cents"),
        ("$1,925.21", "one thousand nine hundred and twenty-five dollars twenty-one cents"),
        ("$20.506", "twenty point five zero six dollars"),
        ("€2.5bn", "two point five billion euros"),
        ("£1.20", "one pound twenty pence"),
        ("£2.01", "two pounds one penny"),
        ("¥30 billion", "thirty billion yen"),
        ("¥30B", "thirty billion yen"),
        ("$5-10 million", "five to ten million dollars"),
        ("$250-$300", "two hundred and fifty dollars to three hundred dollars"),
        ("$20/mo", "twenty dollars per month"),
        ("US$76.3 trillion", "seventy-six point three trillion U.S. dollars"),
        ("$20 T-shirts", "twenty dollars T-shirts"),
        ("the $ sign", "the dollar sign"),
    ],
)
def test_money(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


def test_issue_example_has_no_dollar_sign() -> None:
    said = speak_line("The ATACMS cost $300 million in 2022.", LEX)
    assert "attack-ems" in said
    assert "three hundred million dollars" in said
    assert "$" not in said
