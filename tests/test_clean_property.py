"""clean never crashes: any text gives an Article or NothingToReadError."""

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
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(lines=LINES, is_html=st.booleans())
def test_clean_never_crashes(lines: list[str], is_html: bool) -> None:
    """Arbitrary text, as pasted text or as HTML, gives an Article or the documented error."""
    text = "\n".join(lines)
    try:
        article = clean(Document("fuzz", text, is_html))
    except NothingToReadError as error:
        assert "'fuzz' has no article text" in str(error)
    else:
        assert isinstance(article, Article)
        assert article.paragraphs
        assert all(p.strip() for p in article.paragraphs)
