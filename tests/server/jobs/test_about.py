"""A briefing's credits (articles.json)."""

from __future__ import annotations

from pathlib import Path

from audiobrief.model import Article
from audiobrief.server.jobs.about import ArticleNote, load_notes, notes_for, stories_description, write_notes
from audiobrief.server.store.records import Source

TEXT = Source("text", "article 1", b"\n  Harbour News\n\nThe ferry runs again.")
FILE = Source("file", "ferry notes.md", b"# Ferry\n\nText.")
URL = Source("url", "https://news.example/ferry", b"https://news.example/ferry")



def test_notes_credit_each_article_and_survive_a_round_trip(tmp_path: Path) -> None:
    articles = [Article("Harbour News", ("p",), byline="Ada Reporter", date="2026-03-01",
                        source="https://news.example/ferry"),
                Article("", ("p",), source="article 1"), Article("Ferry", ("p",), source="ferry notes.md")]
    notes = notes_for([URL, TEXT, FILE], articles)
    assert notes == [
        ArticleNote("Harbour News", "Ada Reporter", "2026-03-01", "https://news.example/ferry",
                    "https://news.example/ferry"),
        ArticleNote("", "", "", "pasted text", ""),
        ArticleNote("Ferry", "", "", "ferry notes.md", ""),
    ]
    write_notes(tmp_path, notes)
    assert load_notes(tmp_path) == notes
    assert [p.name for p in tmp_path.iterdir()] == ["articles.json"]
    assert load_notes(tmp_path / "missing") == []


def test_pasted_json_that_names_its_origin_is_credited_to_it() -> None:
    """An article made again is pasted as its JSON form, which names where it first came from (the
    job's article then has that source, not the pasted text's label): a link only for http(s)."""
    made_again = Article("Harbour News", ("p",), source="https://news.example/ferry")
    named = Article("Ferry", ("p",), source="ferry notes.md")
    assert [(n.origin, n.link) for n in notes_for([TEXT, TEXT], [made_again, named])] == [
        ("https://news.example/ferry", "https://news.example/ferry"), ("ferry notes.md", "")]


def test_the_feed_description_lists_each_story_with_its_source() -> None:
    notes = [ArticleNote("Harbour News", "Ada Reporter", "2026-03-01", "https://www.news.example/ferry",
                         "https://www.news.example/ferry"),
             ArticleNote("", "", "", "pasted text", ""), ArticleNote("Ferry", "", "", "ferry notes.md", "")]
    assert stories_description(notes) == ("Harbour News (news.example).\nUntitled article (pasted text).\n"
                                          "Ferry (ferry notes.md).")
