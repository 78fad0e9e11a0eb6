"""The text work done on pool workers."""

from __future__ import annotations

from audiobrief.model import Article
from audiobrief.speak import load_lexicon
from audiobrief.tasks import plan_article


def test_unspeakable_segments_are_left_out() -> None:
    article = Article(title="Notes", paragraphs=("First point made here.", "---", "• • •", "Last one."))
    planned = plan_article(article, 0, load_lexicon(), "first")
    assert [s.written for s in planned] == ["Notes", "First point made here.", "Last one."]


def test_non_english_text_is_left_to_its_voice() -> None:
    article = Article(title="Le marché", paragraphs=("Il ouvre à 7 h, le 3 mai.",), language="fr")
    planned = plan_article(article, 0, load_lexicon(), "first")
    assert [s.spoken for s in planned] == ["Le marché", "Il ouvre à 7 h, le 3 mai."]


def test_english_text_is_spoken_out() -> None:
    article = Article(title="Budget", paragraphs=("It cost $5 million.",))
    planned = plan_article(article, 0, load_lexicon(), "first")
    assert planned[1].spoken == "It cost five million dollars."
