"""Language varieties (en-us, en-gb): which one a voice speaks, and the rules where they differ."""

from __future__ import annotations

import re
from typing import Literal

from .numbers import ONES, TENS
from .rewrite import Rule

Variety = Literal["en-us", "en-gb"]
VARIETIES: tuple[Variety, ...] = ("en-us", "en-gb")
DEFAULT_VARIETY: Variety = "en-us"

NUMBER_WORD = "|".join([*ONES[1:], *TENS[2:]])
#: American style: no "and" inside a number ("one hundred seventy"), only in a number said by a rule
AMERICAN_NUMBERS = Rule(
    "American numbers: no 'and' after hundred or thousand (en-us)",
    re.compile(rf"\b(?P<scale>hundred|thousand|million|billion|trillion) and (?=(?:{NUMBER_WORD})\b)"),
    lambda m: m["scale"] + " ",
)
#: American "thirty", "forty" and "eighty" flap their t; espeak-ng (Piper's phonemizer too) reads the
#: hyphenated "eighty-nine" as one word with a hard t ("eight-tee-nine"), "eighty nine" with the flap
AMERICAN_FLAP = Rule(
    "American numbers: 'eighty nine' written open, so the engine keeps the flapped t (en-us)",
    re.compile(r"\b(?P<tens>thirty|forty|eighty)-(?=nine\b|ninth\b)"),
    lambda m: m["tens"] + " ",
)
#: rules run over what other rules said, per variety
SAID_RULES: dict[Variety, tuple[Rule, ...]] = {"en-us": (AMERICAN_NUMBERS, AMERICAN_FLAP), "en-gb": ()}


def variety_of_voice(engine_voice: str) -> Variety:
    """The variety a voice speaks: American for espeak-ng's "gmw/en-us" and Piper's "en_US-..."
    models (a name or a path), British for other English."""
    name = engine_voice.lower().replace("_", "-").rsplit("/", 1)[-1]
    return "en-us" if name == "en-us" or name.startswith("en-us-") else "en-gb"
