"""Measures with units, percentages and degrees."""

import pytest

from audiobrief.speak import load_lexicon, speak_line

LEX = load_lexicon()


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("12 km", "twelve kilometers"),
        ("12KG", "twelve kilograms"),
        ("1 kg", "one kilogram"),
        ("5 mph", "five miles per hour"),
        ("30°C", "thirty degrees Celsius"),
        ("1°C", "one degree Celsius"),
        ("-5°F", "minus five degrees Fahrenheit"),
        ("5%", "five percent"),
        ("5-10%", "five to ten percent"),
        ("4 1/2 lbs", "four and a half pounds"),
        ("a 12-km road", "a twelve-kilometer road"),
        ("12/kg", "twelve per kilogram"),
        ("100 mbps", "one hundred megabits per second"),
        ("41,459.00 km³", "forty-one thousand four hundred fifty-nine point zero zero cubic kilometers"),
        ("5G phones", "five G phones"),
        ("5 m away", "five meters away"),
        ("5 m people", "five million people"),
        ("a 5m wall", "a five-meter wall"),
    ],
)
def test_measures(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


def test_british_numbers_keep_and() -> None:
    said = speak_line("41,459.00 km³", LEX, variety="en-gb")
    assert said == "forty-one thousand four hundred and fifty-nine point zero zero cubic kilometers"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("called for a maximum of 2 mA", "called for a maximum of two milliamperes"),
        ("a 5 \u03bcm pore", "a five-micrometer pore"),
        ("12 \u03bcg of iron", "twelve micrograms of iron"),
        # the other reading: capitals that are no milliamperes
        ("2 MA students", "two M.A. students"),
    ],
)
def test_more_units(written: str, spoken: str) -> None:
    assert speak_line(written, LEX, "never") == spoken
