"""Title, byline, date and language found in text."""

from audiobrief.clean.language import detect_language
from audiobrief.clean.meta import (
    clean_byline,
    find_byline,
    find_date,
    find_title,
    strip_site_suffix,
)


def test_title_is_first_heading_like_line_with_its_copies() -> None:
    """The title drops a site suffix and its later copy is found."""
    lines = ["Harbour Opens a Library | The Lantern", "Home", "Harbour Opens a Library", "Text."]
    title, copies = find_title(lines)
    assert title == "Harbour Opens a Library"
    assert copies == [0, 2]


def test_site_suffix() -> None:
    """Only a short trailing part after a separator is a site name."""
    title = "Rain Returns to the Valley"
    assert strip_site_suffix(f"{title} - The Lantern") == title
    assert strip_site_suffix("Short - Title") == "Short - Title"


def test_byline_from_by_line() -> None:
    """A "By ..." line gives the authors, joined for speech."""
    lines = ["Title", "By Mara Quill and Jon Reed", "Body."]
    assert find_byline(lines) == "Mara Quill and Jon Reed"
    assert find_byline(["Título", "Por Ana Souza", "Texto."]) == "Ana Souza"


def test_byline_from_bio() -> None:
    """An author bio under "About the writer" names the author."""
    lines = ["Body text.", "About the writer", "Mara Quill is a reporter in Harbour. Read more"]
    assert find_byline(lines) == "Mara Quill"


def test_byline_joining() -> None:
    """Metadata author lists are joined with commas and "and"."""
    assert clean_byline("A One; B Two; C Three") == "A One, B Two and C Three"
    assert clean_byline("") == ""


def test_dates() -> None:
    """Common dateline forms in several languages give ISO dates."""
    assert find_date(["Published March 4, 2024"]) == "2024-03-04"
    assert find_date(["4 March 2024"]) == "2024-03-04"
    assert find_date(["segunda-feira, 22 de janeiro de 2018 às 0:13"]) == "2018-01-22"
    assert find_date(["Updated 2019-11-20T08:00"]) == "2019-11-20"
    assert find_date(["22.01.2018"]) == "2018-01-22"
    assert find_date(["No date here."]) == ""


def test_language() -> None:
    """Languages are told apart; too little text falls back to the default."""
    assert detect_language("The council said on Monday that the ferry would run every day.") == "en"
    portuguese = "O governo disse na segunda-feira que a balsa vai funcionar todos os dias."
    assert detect_language(portuguese) == "pt"
    assert detect_language("시의회는 월요일에 페리가 매일 운항할 것이라고 밝혔습니다.") == "ko"
    assert detect_language("ok") == "en"
