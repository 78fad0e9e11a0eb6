"""Which acronyms are expanded at first mention: rare ones and those the article defines."""

from importlib.resources import files
from pathlib import Path

import pytest

from audiobrief.model import Segment
from audiobrief.speak import load_lexicon, speak_article, speak_line
from audiobrief.speak.lexicon import parse

LEX = load_lexicon()


def test_every_builtin_expansion_is_marked_known_or_rare() -> None:
    text = files("audiobrief.speak").joinpath("data", "lexicon.tsv").read_text(encoding="utf-8")
    unmarked = []
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 3 or not fields[2]:
            continue
        marks = set(fields[3].split()) if len(fields) > 3 else set()
        if len(marks & {"known", "rare"}) != 1:
            unmarked.append(fields[0])
    assert unmarked == []


@pytest.mark.parametrize(
    ("written", "first", "always"),
    [
        ("The FBI said.", "The F.B.I. said.", "The Federal Bureau of Investigation, or F.B.I. , said."),
        ("NASA flew.", "Nasa flew.", "National Aeronautics and Space Administration, or Nasa, flew."),
        ("GDP grew.", "G.D.P. grew.", "gross domestic product, or G.D.P. , grew."),
        ("The ATACMS flew.", "The Army Tactical Missile System, or attack-ems, flew.",
         "The Army Tactical Missile System, or attack-ems, flew."),
        ("The IAEA met.", "The International Atomic Energy Agency, or I.A.E.A. , met.",
         "The International Atomic Energy Agency, or I.A.E.A. , met."),
    ],
)
def test_first_mention_expands_only_rare_entries(written: str, first: str, always: str) -> None:
    assert speak_line(written, LEX, "first") == first
    assert speak_line(written, LEX, "always") == always


def test_known_entry_defined_by_the_article_is_said_with_its_definition() -> None:
    texts = ["The Federal Bureau of Investigation (FBI) opened a case.", "The FBI declined to comment."]
    segments = [Segment(f"s{i}", 0, 0, i, t) for i, t in enumerate(texts)]
    said = [s.spoken for s in speak_article(segments, LEX)]
    assert said == [
        "The Federal Bureau of Investigation, or F.B.I. , opened a case.",
        "The F.B.I. declined to comment.",
    ]


def test_rare_entry_expanded_once_per_article() -> None:
    texts = ["The IAEA sent inspectors.", "The IAEA found nothing.", "The FBI agreed."]
    segments = [Segment(f"s{i}", 0, 0, i, t) for i, t in enumerate(texts)]
    said = [s.spoken for s in speak_article(segments, LEX)]
    assert said == [
        "The International Atomic Energy Agency, or I.A.E.A. , sent inspectors.",
        "The I.A.E.A. found nothing.",
        "The F.B.I. agreed.",
    ]


def test_user_entry_marked_known(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    lines = ["ZELCO\tzell-co\tZeeland Electric Company\tknown", "QRX\t.\tQuick Response Unit X"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    lex = load_lexicon([path])
    assert speak_line("ZELCO and QRX", lex) == "zell-co and Quick Response Unit X, or Q.R.X."
    assert speak_line("ZELCO met.", lex, "always") == "Zeeland Electric Company, or zell-co, met."


def test_flags_in_any_order_with_commas() -> None:
    (entry,) = parse(["tv\tT.V.\ttelevision\tknown, ci"], "x.tsv")
    assert entry.well_known and not entry.case_sensitive
