"""What was left out, from the command line and as JSON: `clean --json` lists it, `clean --left-out`
prints it, an article's JSON form is read back as it is (and bad JSON is refused with one clear
line), and blocks chosen from the list are read where they stood."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.commands import run

from audiobrief.clean import clean
from audiobrief.clean.leftout import read_in_place
from audiobrief.clean.saved import article_from_json, article_record
from audiobrief.errors import InputError
from audiobrief.ingest import document_from_bytes
from audiobrief.model import Article, Document, LeftOut

SEED_LEFT_OUT = [
    ("caption", 3, "ATACMS\nU.S. Army Tactical Missile System (ATACMS) are seen firing a missile"),
    ("promo", 11, "Uncommon Knowledge\nNewsweek is committed to challenging conventional wisdom"),
    ("author bio", 11, "About the writer\nEllie Cook is a Newsweek security and defense reporter"),
    ("subscription", 11, "Newsweek cover\n\u2022 Newsweek magazine delivered to your door\n"
                         "\u2022 Newsweek Voices: Diverse audio opinions\n\u2022 Enjoy ad-free browsing"),
]
STORY = ("Harbour News\nHome\nNews\nHarbour News\n"
         "The ferry between the two harbour towns runs again from Monday, after a winter at the quay.\n"
         "A ferry leaves the quay at dawn. Photo by Ana Ruiz/Getty Images\n"
         "Tickets cost the same as last year, and children under five travel free on every crossing.\n"
         "Sign up for our morning newsletter\n")


def test_the_seed_keeps_its_twelve_paragraphs_and_names_what_it_left_out(seed_path: Path) -> None:
    """The caption, the promo block, the bio and the subscription bullets, each with its reason."""
    article = clean(Document(str(seed_path), seed_path.read_text("utf8"), False))
    assert len(article.paragraphs) == 12
    assert [(block.reason, block.after_paragraph, block.text[:len(start)])
            for block, (_, _, start) in zip(article.left_out, SEED_LEFT_OUT, strict=True)] == SEED_LEFT_OUT
    assert article.left_out[3].text.count("\u2022") == 9  # both lists of subscriber benefits


def test_clean_json_lists_what_was_left_out(seed_path: Path) -> None:
    result = run("clean", str(seed_path), "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert list(record) == ["title", "byline", "date", "language", "source", "paragraphs", "left_out"]
    assert [(block["reason"], block["after_paragraph"]) for block in record["left_out"]] == [
        (reason, after) for reason, after, _ in SEED_LEFT_OUT]
    assert record["left_out"][0]["text"].startswith("ATACMS\nU.S. Army Tactical Missile System")


def test_clean_left_out_prints_each_block_with_its_reason_and_place(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, "utf-8")
    result = run("clean", str(story), "--left-out")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Left out of '{story}': 3 blocks"
    assert lines[1:] == ["", "1. menu, before the first paragraph:", "   Home", "   News", "",
                         "2. caption, after paragraph 1:",
                         "   A ferry leaves the quay at dawn. Photo by Ana Ruiz/Getty Images", "",
                         "3. subscription, after paragraph 2:", "   Sign up for our morning newsletter"]


def test_an_articles_json_form_is_read_back_as_it_is(tmp_path: Path) -> None:
    """What clean --json prints, given to clean (or make), is that article: nothing cleaned again."""
    story = tmp_path / "story.txt"
    story.write_text(STORY, "utf-8")
    saved = tmp_path / "story.json"
    saved.write_text(run("clean", str(story), "--json").stdout, "utf-8")
    first = clean(document_from_bytes(STORY.encode(), str(story)))
    again = clean(document_from_bytes(saved.read_bytes(), str(saved)))
    assert again == first  # the source too: the JSON names where the article came from
    edited = json.loads(saved.read_text("utf-8"))
    edited["paragraphs"].append("Share this article")  # furniture, but the JSON says it is heard
    pasted = clean(document_from_bytes(json.dumps(edited).encode(), "pasted article 1"))
    assert pasted.paragraphs[-1] == "Share this article"


def test_chosen_blocks_are_read_where_they_stood() -> None:
    article = Article("T", ("One.", "Two.", "Three."), left_out=(
        LeftOut("Menu\nHome", "menu", -1), LeftOut("A caption. Photo: X", "caption", 0),
        LeftOut("Related: Y", "related links", 0), LeftOut("Sign up", "subscription", 2)))
    read = read_in_place(article, {0, 2})
    assert read.paragraphs == ("Menu", "Home", "One.", "Related: Y", "Two.", "Three.")
    assert read.left_out == (LeftOut("A caption. Photo: X", "caption", 2),
                             LeftOut("Sign up", "subscription", 5))
    assert read_in_place(article, set()) == article


GOOD = {"title": "T", "paragraphs": ["The ferry runs again from Monday after the winter."]}


@pytest.mark.parametrize(("change", "message"), [
    ({"paragraphs": "one"}, '"paragraphs" must be a list of texts, none of them blank'),
    ({"paragraphs": ["ok words here", " "]}, '"paragraphs" must be a list of texts, none of them blank'),
    ({"paragraphs": [1]}, '"paragraphs" must be a list of texts, none of them blank'),
    ({"title": ["x"]}, '"title" must be text'),
    ({"date": "10 March"}, "\"date\" must be YYYY-MM-DD, not '10 March'"),
    ({"language": "english"}, "\"language\" must be a two-letter code like \"en\", not 'english'"),
    ({"left_out": {}}, '"left_out" must be a list'),
    ({"left_out": [{"text": "x", "reason": "menu", "after_paragraph": 1}]},
     'left-out block 1 needs "text", a "reason" of 1 to 40 characters and an "after_paragraph" from -1 to 0'),
    ({"left_out": [{"text": "x", "reason": "", "after_paragraph": 0}]},
     'left-out block 1 needs "text", a "reason" of 1 to 40 characters and an "after_paragraph" from -1 to 0'),
    ({"left_out": [{"text": "x", "reason": "menu", "after_paragraph": True}]},
     'left-out block 1 needs "text", a "reason" of 1 to 40 characters and an "after_paragraph" from -1 to 0'),
])
def test_a_malformed_json_form_is_refused_saying_what_is_wrong(change: dict, message: str) -> None:
    with pytest.raises(InputError) as caught:
        article_from_json(json.dumps({**GOOD, **change}), "a.json")
    assert str(caught.value) == (f"'a.json' is not an article as `audiobrief clean --json` writes it: "
                                 f"{message}; fix it, or give the article's own text")


def test_json_nested_too_deeply_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        article_from_json('{"paragraphs": ' + "[" * 100_000 + "]" * 100_000 + "}", "deep.json")
    assert str(caught.value) == ("'deep.json' is not an article as `audiobrief clean --json` writes it: its "
                                 "JSON is nested too deeply; fix it, or give the article's own text")


def test_bad_json_from_the_command_line_is_one_clear_line(tmp_path: Path) -> None:
    broken = tmp_path / "story.json"
    broken.write_text('{"title": "T", "paragraphs": [', "utf-8")
    result = run("clean", str(broken))
    assert result.returncode == 1
    assert result.stderr.startswith(f"audiobrief: error: '{broken}' is not an article as `audiobrief clean "
                                    "--json` writes it: its JSON does not parse (")
    assert result.stderr.count("\n") == 1
    assert article_record(article_from_json(json.dumps(GOOD), "a.json"))["source"] == "a.json"
