"""The seed article read aloud: each requirement of the pronunciation issue."""

import re
from pathlib import Path

import pytest

from audiobrief.model import Segment
from audiobrief.speak import load_lexicon, speak_article


@pytest.fixture(scope="module")
def spoken(seed_path: Path) -> str:
    """The title and the article paragraphs, split naively into sentences, said as one article."""
    blocks = [b.strip() for b in seed_path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    body = blocks[: blocks.index("Uncommon Knowledge")]
    segments = [
        Segment(f"p{p}s{s}", 0, p - 1, s, sentence)
        for p, block in enumerate(body)
        for s, sentence in enumerate(re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", block))
    ]
    return " ".join(s.spoken for s in speak_article(segments, load_lexicon()))


def test_atacms_expanded_once_then_short(spoken: str) -> None:
    assert spoken.count("Army Tactical Missile System") == 2  # the body's and the caption's own text
    assert "(ATACMS)" not in spoken and "ATACMS" not in spoken
    assert "Army Tactical Missile Systems, or attack-ems," in spoken
    assert spoken.count("attack-ems") > 10


@pytest.mark.parametrize("spelled", ["U.S.", "D.C."])
def test_spelled(spoken: str, spelled: str) -> None:
    assert spelled in spoken


def test_ai_spelled_in_boilerplate_line() -> None:
    segment = Segment("x", 0, 0, 0, "To read how Newsweek uses AI as a newsroom tool, Click here.")
    assert "A.I." in speak_article([segment], load_lexicon())[0].spoken


@pytest.mark.parametrize("word", ["SCALP", "Kee-yiv"])
def test_said_as_words(spoken: str, word: str) -> None:
    assert word.lower() in spoken.lower()
    assert "S.C.A.L.P." not in spoken


@pytest.mark.parametrize(
    "phrase",
    [
        "a three hundred million dollar aid package",
        "July twenty-ninth, twenty seventeen",
        "February twenty twenty-two",
        "in mid March",
        "in mid April",
        "April twenty-fourth",
    ],
)
def test_phrases(spoken: str, phrase: str) -> None:
    assert phrase in spoken


def test_no_digits_or_dollar_left(spoken: str) -> None:
    assert not re.search(r"[\d$]", spoken)
