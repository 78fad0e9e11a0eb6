"""The lexicon: data file format, user files and entries overriding the built-in ones."""

from pathlib import Path

import pytest

from audiobrief.errors import LexiconError
from audiobrief.speak import load_lexicon, speak_line


def test_builtin_has_a_few_hundred_entries() -> None:
    lex = load_lexicon()
    assert len(lex) >= 300
    for written in ("ATACMS", "HIMARS", "UNESCO", "WHO", "ALT"):
        assert lex.lookup(written) is not None
    assert lex.lookup("who") is None
    assert lex.lookup("ALT").spoken == "Acquisition, Logistics, and Technology"


@pytest.mark.parametrize(
    ("content", "word", "spoken"),
    [
        ("ATACMS\tattack-ems\n", "ATACMS", "attack-ems"),
        ("# comment\n\nZELCO\tzell-co\tZeta Electric Company\n", "ZELCO", "zell-co"),
        ("xyz\t.\t\tci\n", "XYZ", "X.Y.Z."),
        ("Kyiv\t=\n", "Kyiv", "Kyiv"),
        ("WHO\twho\n", "WHO", "who"),
    ],
)
def test_user_file(tmp_path: Path, content: str, word: str, spoken: str) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(content, encoding="utf-8")
    assert load_lexicon([path]).lookup(word).spoken == spoken


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("ATACMS attack-ems\n", "line 1: no TAB"),
        ("# ok\nA\tb\tc\td\te\n", "line 2: 5 fields"),
        ("A\t\n", "line 1: an empty written or spoken form"),
        ("A\tb\tc\tmaybe\n", "line 1: flags 'maybe'"),
        ("A\tb\tc\tknown rare\n", "line 1: contradictory flags 'known rare'"),
        ("A\tb\tc\tcs ci\n", "line 1: contradictory flags 'cs ci'"),
    ],
)
def test_malformed_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as info:
        load_lexicon([path])
    assert f"'{path}'" in str(info.value) and "expected" in str(info.value)


def test_extra_entries_win_over_files(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("ZELCO\tzell-co\n", encoding="utf-8")
    lex = load_lexicon([path], {"ZELCO": "zee-co"})
    assert speak_line("The ZELCO plant", lex) == "The zee-co plant"


def test_missing_file_is_a_lexicon_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError) as caught:
        load_lexicon([tmp_path / "none.tsv"])
    assert str(caught.value) == f"'{tmp_path / 'none.tsv'}' does not exist: check the path"
