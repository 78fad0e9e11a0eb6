"""clean(): pasted text and HTML pages give only the article."""

from pathlib import Path

import pytest

from audiobrief.clean import clean
from audiobrief.errors import NothingToReadError
from audiobrief.model import Document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"
BODY = [
    "The town of Harbour opened a library",
    "The vessel, which used to carry cars",
    "Council members said the project cost",
    "Volunteers will keep the reading room open",
]


def _doc(name: str) -> Document:
    """A Document from a fixture file."""
    path = FIXTURES / name
    return Document(str(path), path.read_text("utf8"), name.endswith(".html"))


def test_pasted_page_gives_the_article() -> None:
    """Menus, share bar, caption, related links, newsletter, cookies, bio, footer are gone."""
    article = clean(_doc("harbour-pasted.txt"))
    assert article.title == "Harbour Town Opens Its First Floating Library"
    assert article.byline == "Mara Quill"
    assert article.date == "2024-03-04"
    assert article.language == "en"
    text = "\n".join(article.paragraphs)
    for start in BODY:
        assert start in text
    quote = '"It was simply too good a boat to scrap," said the harbour master.'
    assert quote in article.paragraphs
    assert "Weekly stops" in article.paragraphs
    assert "Friday: Old Pier, from ten until four" in article.paragraphs
    for junk in ("Getty", "Related", "newsletter", "cookies", "reporter who covers", "©",
                 "Home", "Share", "Ferry timetable", article.title):
        assert junk not in article.paragraphs
        assert not any(junk in p for p in article.paragraphs if junk != article.title)


def test_html_page_gives_the_article_and_metadata() -> None:
    """The HTML path keeps the body and takes title, author and date from metadata."""
    article = clean(_doc("harbour-page.html"))
    assert article.title == "Harbour Town Opens Its First Floating Library"
    assert article.byline == "Mara Quill"
    assert article.date == "2024-03-04"
    assert [p[: len(b)] for p, b in zip(article.paragraphs, BODY, strict=True)] == BODY


def test_all_boilerplate_raises() -> None:
    """A page with nothing but furniture names the input and a fix."""
    text = "Home\nNews\nSport\nSubscribe\nSign in\nShare\n© 2024 The Daily Lantern\n"
    with pytest.raises(NothingToReadError, match=r"'menu\.txt' has no article text"):
        clean(Document("menu.txt", text, False))


def test_empty_html_raises() -> None:
    """An HTML page without content raises the same error."""
    with pytest.raises(NothingToReadError):
        clean(Document("x.html", "<html><body><nav>Home</nav></body></html>", True))


def test_non_english_pasted_text() -> None:
    """A Portuguese page gives its body and its language."""
    body = (
        "A prefeitura abriu nesta segunda-feira uma biblioteca em uma balsa reformada, "
        "que vai parar em cinco vilarejos ao longo do rio todas as semanas."
    )
    menu = "Biblioteca flutuante\nInício\nNotícias\n\nBiblioteca flutuante"
    text = f"{menu}\n{body}\n{body[:-1]} de novo.\nCompartilhe\n"
    article = clean(Document("pt.txt", text, False))
    assert article.language == "pt"
    assert body in article.paragraphs


def test_seed_article(seed_path: Path) -> None:
    """The seed: its title, byline and exactly its 12 article paragraphs."""
    article = clean(Document(str(seed_path), seed_path.read_text("utf8"), False))
    assert article.title == "US About to Build a Whole Lot More ATACMS"
    assert article.byline == "Ellie Cook"
    assert len(article.paragraphs) == 12
    assert article.paragraphs[0].startswith("The United States will soon have")
    last = "Storm Shadow and French SCALP air-launched cruise missiles."
    assert article.paragraphs[-1].endswith(last)
    assert any(p.startswith("Newsweek has reached out to the Pentagon") for p in article.paragraphs)
    assert not any("Getty Images" in p or p == "ATACMS" for p in article.paragraphs)
