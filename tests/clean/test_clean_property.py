"""clean never crashes: any text gives an Article or NothingToReadError."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from audiobrief.clean import clean
from audiobrief.errors import NothingToReadError
from audiobrief.model import Article, Document

LINES = st.lists(
    st.one_of(
        st.text(max_size=300),
        st.sampled_from(["Read more", "Share", "By Ana Ruiz", "About the author", "© 2024", ""]),
        st.text(alphabet="abc def.,!?\n", min_size=100, max_size=400),
        st.text(alphabet="#*_-|`[]()<>!: abc\n1.", max_size=200),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(lines=LINES, kind=st.sampled_from(["text", "html", "markdown"]))
def test_clean_never_crashes(lines: list[str], kind: str) -> None:
    """Arbitrary text, as pasted text, HTML or Markdown, gives an Article or a documented error."""
    text = "\n".join(lines)
    try:
        article = clean(Document("fuzz", text, kind == "html", is_markdown=kind == "markdown"))
    except NothingToReadError as error:
        assert re.match(r"'fuzz' has (no article text after cleaning: |\d+ words? of article text, too "
                        r"little to read as an article)", str(error)), error
    else:
        assert isinstance(article, Article)
        assert article.paragraphs
        assert all(p.strip() for p in article.paragraphs)
