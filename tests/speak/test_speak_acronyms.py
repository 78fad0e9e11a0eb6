"""Acronyms: lexicon forms, definitions in the text, first mention, unknown capitals."""

import pytest

from audiobrief.model import Segment
from audiobrief.speak import explain_line, load_lexicon, speak_article, speak_line
from audiobrief.speak.definitions import find_definitions
from audiobrief.speak.pronounce import pronounceable, said_as_word

LEX = load_lexicon()
ALT = "Acquisition, Logistics, and Technology"


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("Army Tactical Missile Systems (ATACMS) are here", "ATACMS", "Army Tactical Missile Systems"),
        ("the World Health Organization (WHO) said", "WHO", "World Health Organization"),
        ("ATACMS (Army Tactical Missile System) are here", "ATACMS", "Army Tactical Missile System"),
        (f"the Army for {ALT} (ALT)", "ALT", ALT),
        (f"Assistant Secretary of the Army for {ALT} (ASA(ALT))", "ALT", ALT),
        (f"Assistant Secretary of the Army for {ALT} (ASA(ALT))", "ASA", "Assistant Secretary of the Army"),
    ],
)
def test_definitions_found(text: str, short: str, long: str) -> None:
    assert find_definitions([text])[short] == long


@pytest.mark.parametrize("text", ["He won (again) today", "in 2017 (July)", "the price (USD) rose sharply"])
def test_no_false_definitions(text: str) -> None:
    assert find_definitions([text]) == {}


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Army Tactical Missile Systems (ATACMS) arrived.",
            "Army Tactical Missile Systems, or attack-ems, arrived.",
        ),
        (
            "The ATACMS arrived. More ATACMS came.",
            "The Army Tactical Missile System, or attack-ems, arrived. More attack-ems came.",
        ),
        ("HIMARS fired.", "High Mobility Artillery Rocket System, or high-mars, fired."),
        (
            "UNESCO met.",
            "United Nations Educational, Scientific and Cultural Organization, or you-ness-co, met.",
        ),
        ("The ASA(ALT) said so.", f"The Assistant Secretary of the Army for {ALT} said so."),
        (f"He leads {ALT} (ALT) and ALT staff.", f"He leads {ALT}, and {ALT} staff."),
        ("The WHO said who knows.", "The World Health Organization, or W.H.O. , said who knows."),
        ("The FBI's agents", "The F.B.I.'s agents"),
        ("CEOs met", "C.E.O.'s met"),
        ("The U.S. and U.K. in D.C.", "The U.S. and U.K. in D.C."),
        ("AI tools", "A.I. tools"),
        ("the XYZQ group", "the X.Y.Z.Q. group"),
        ("the CENTCOM staff", "the U.S Central Command, or sent-com, staff"),
        ("DARPA and BLORT", "Defense Advanced Research Projects Agency, or darpa, and BLORT"),
        ("WHO WARNS OF NEW VIRUS", "WHO WARNS OF NEW VIRUS"),
        ("I DID NOT SAY THAT", "I DID NOT SAY THAT"),
        ("He said NO.", "He said NO."),
    ],
)
def test_acronyms(written: str, spoken: str) -> None:
    assert speak_line(written, LEX) == spoken


@pytest.mark.parametrize(
    ("expand", "spoken"),
    [
        ("first", "The Army Tactical Missile System, or attack-ems, flew. The attack-ems hit."),
        (
            "always",
            "The Army Tactical Missile System, or attack-ems, flew. The Army Tactical Missile System,"
            " or attack-ems, hit.",
        ),
        ("never", "The attack-ems flew. The attack-ems hit."),
    ],
)
def test_expansion_setting(expand: str, spoken: str) -> None:
    assert speak_line("The ATACMS flew. The ATACMS hit.", LEX, expand) == spoken  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("word", "as_word"),
    [
        ("NASA", True),
        ("NATO", True),
        ("FBI", False),
        ("CNN", False),
        ("SCALP", True),
        ("NAACP", False),
        ("IAEA", False),
        ("UN", False),
        ("NO", True),
    ],
)
def test_word_or_letters(word: str, as_word: bool) -> None:
    assert said_as_word(word) is as_word


@pytest.mark.parametrize(
    ("word", "ok"), [("HIMARS", True), ("BLORT", True), ("ATACMS", False), ("XKCD", False), ("CENTCOM", True)]
)
def test_pronounceable(word: str, ok: bool) -> None:
    assert pronounceable(word) is ok


def test_article_first_mention_runs_across_segments() -> None:
    texts = [
        "US Builds More ATACMS",
        "Army Tactical Missile Systems (ATACMS) are here.",
        "More ATACMS came.",
        "The WHO agreed.",
        "The WHO agreed again.",
    ]
    segments = [Segment(f"s{i}", 0, i - 1, 0, t) for i, t in enumerate(texts)]
    said = [s.spoken for s in speak_article(segments, LEX)]
    assert said == [
        "U.S Builds More attack-ems",
        "Army Tactical Missile Systems, or attack-ems, are here.",
        "More attack-ems came.",
        "The World Health Organization, or W.H.O. , agreed.",
        "The W.H.O. agreed again.",
    ]
    assert [s.written for s in speak_article(segments, LEX)] == texts


def test_definition_in_article_overrides_lexicon() -> None:
    segments = [
        Segment("a", 0, 0, 0, "The Wildlife Habitat Office (WHO) opened."),
        Segment("b", 0, 0, 1, "The WHO hired staff."),
    ]
    said = [s.spoken for s in speak_article(segments, LEX)]
    assert said == ["The Wildlife Habitat Office, or W.H.O. , opened.", "The W.H.O. hired staff."]


def test_explain_names_rules() -> None:
    changes = explain_line("The ATACMS cost $300 million in 2022.", LEX)
    rules = {c.rule for c in changes}
    assert {"lexicon:ATACMS", "money", "year"} <= rules
    money = next(c for c in changes if c.rule == "money")
    assert (money.written, money.spoken) == ("$300 million", "three hundred million dollars")
