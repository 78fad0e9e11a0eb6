"""Markdown read as Markdown: headings, emphasis, links, lists, tables and code become what a
listener should hear, nothing dropped, no syntax spoken."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from support.commands import FIXTURES
from support.linearity import assert_linear

from audiobrief.clean import clean
from audiobrief.clean.markdown import CODE_NOTE, extract_markdown, looks_like_markdown
from audiobrief.errors import NothingToReadError
from audiobrief.ingest import document_from_bytes, read_source
from audiobrief.model import Document
from audiobrief.speak import load_lexicon
from audiobrief.tasks import plan_article

MARKDOWN = FIXTURES / "markdown"
EXPECTED = [
    "The harbour at Wrenmouth reopened on Tuesday, three days after a storm tore two cranes from their "
    "rails and left the main channel blocked by a drifting barge.",
    "What was damaged",
    "The harbour office listed the damage in a short notice posted on its website:",
    "Two cranes on the north quay",
    "The fuel pontoon",
    "A stretch of the sea wall near the lifeboat station",
    "Repairs to the sea wall will take at least a month, the office said.",
    "Ships waiting",
    "Berth: North quay; Ships: 4.",
    "Berth: Fish dock; Ships: 11.",
    "Pilots began guiding the waiting ships in at first light.",
    CODE_NOTE,
    "Ferries resume on Thursday.",
    "Cargo traffic follows next week.",
    "The full timetable is at ferries.example.org. Questions can go to the harbour master.",
]
#: what a listener must never hear from Markdown syntax or a spelled-out address (a link's address
#: is said as its site's name only, "ferries dot example dot org", as a newsreader says a web address)
SPOKEN_SYNTAX = re.compile(r"\b(hash|asterisk|underscore|backtick|pipe|slash|H\.T\.T\.P|colon|tilde|"
                           r"equals|question mark|notices|storm dash)\b", re.IGNORECASE)


def test_the_fixture_is_cleaned_to_exactly_the_expected_paragraphs() -> None:
    article = clean(read_source(str(MARKDOWN / "port-reopens.md")))
    assert article.title == "Port Reopens After Storm"
    assert article.byline == "Ines Calloway"
    assert article.language == "en"
    assert list(article.paragraphs) == EXPECTED


def test_its_spoken_form_has_no_syntax_and_no_spelled_address() -> None:
    article = clean(read_source(str(MARKDOWN / "port-reopens.md")))
    segments = plan_article(article, 0, load_lexicon(), "first")
    spoken = " ".join(segment.spoken for segment in segments)
    assert not SPOKEN_SYNTAX.search(spoken), SPOKEN_SYNTAX.search(spoken)
    assert "#" not in spoken and "*" not in spoken and "](" not in spoken
    assert spoken.count(" dot ") == 2 and "at ferries dot example dot org." in spoken
    assert segments[0].spoken.startswith("Port Reopens After Storm")
    heard = {segment.written for segment in segments}
    assert {"What was damaged", "Ships waiting", "The fuel pontoon", CODE_NOTE} <= heard


def test_the_old_line_cleaner_dropped_some_of_it() -> None:
    """Why the issue heard subheads, list items and paragraphs dropped, and syntax read aloud: read
    as pasted page text, Markdown's short structural lines (headings, list items, table and fence
    lines) look like menus, and its marks are words of the text."""
    text = (MARKDOWN / "port-reopens.md").read_text("utf-8")
    pasted = clean(Document("port.txt", text, False))
    assert len(pasted.paragraphs) < len(EXPECTED)
    assert any("**" in paragraph for paragraph in pasted.paragraphs)


@pytest.mark.parametrize(("source", "media_type", "text", "markdown"), [
    ("notes.md", "", "Plain words. Nothing marked up here at all.", True),
    ("notes.MARKDOWN", "", "Plain words. Nothing marked up here at all.", True),
    ("https://example.org/raw/notes.md", "", "Plain words.", True),
    ("https://example.org/story", "text/markdown", "Plain words.", True),
    ("-", "", "# A Heading\n\nThen a paragraph of the story.", True),
    ("pasted article 1", "", "Some text with a [link](https://example.org) and **strong** words.", True),
    ("pasted article 1", "", "Headline here\n\nA story with #hashtags and 5 * 3 = 15 in it.", False),
    ("story.txt", "text/plain", "Headline\n\nThe council met on Monday. It voted 5-2.", False),
])
def test_markdown_is_known_by_name_media_type_or_content(source: str, media_type: str, text: str,
                                                         markdown: bool) -> None:
    document = document_from_bytes(text.encode(), source, media_type=media_type)
    assert document.is_markdown is markdown
    assert looks_like_markdown(text) is (markdown and source in ("-", "pasted article 1"))


def test_front_matter_gives_title_byline_and_date() -> None:
    text = ("---\ntitle: \"Tides Turn at Wrenmouth\"\nauthor: Ola Brandt\ndate: 2025-03-14\n---\n\n"
            "The tide tables for the spring were printed on Friday, a week late.\n")
    found = extract_markdown(text)
    assert (found.title, found.byline, found.date) == ("Tides Turn at Wrenmouth", "Ola Brandt", "2025-03-14")
    assert found.paragraphs == ["The tide tables for the spring were printed on Friday, a week late."]


@pytest.mark.parametrize(("text", "paragraphs"), [
    ("See <https://www.example.org/a/b?c=1> for more.", ["See example.org for more."]),
    ("Mail [press@example.org](mailto:press@example.org) today.", ["Mail press@example.org today."]),
    ("The [council's report](https://example.org/r.pdf) is out.", ["The council's report is out."]),
    ("![A crane at dusk](crane.jpg)\n\nThe crane was moved at dusk.", ["The crane was moved at dusk."]),
    ("Words in <em>raw</em> tags stay.", ["Words in raw tags stay."]),
    ("<div>\n<script>alert(1)</script>\n<p>Kept text.</p>\n</div>", ["Kept text."]),
    ("> A quoted line from the mayor.", ["A quoted line from the mayor."]),
    ("Setext heading\n==============\n\nBody text follows here.", ["Body text follows here."]),
    ("~~~python\nprint(1)\n~~~\n\n    indented code\n", [CODE_NOTE, CODE_NOTE]),
    ("| | |\n|---|---|\n| Dover | 12 |\n", ["Dover; 12."]),
    ("- Subscribe to our newsletter\n- A list item that stays", ["A list item that stays"]),
    ("A paragraph before comments.\n\n## 3 comments\n\nNice story!", ["A paragraph before comments."]),
    ("By Friday Morning the port reopened.\n\nThen it rained.", ["By Friday Morning the port reopened.",
                                                                  "Then it rained."]),
])
def test_markdown_forms_become_what_is_heard(text: str, paragraphs: list[str]) -> None:
    assert extract_markdown(text).paragraphs == paragraphs


@pytest.mark.parametrize(("text", "title", "paragraphs"), [
    ("Market Moves Indoors\n\nThe market moves in March.", "Market Moves Indoors",
     ["The market moves in March."]),
    ("The market moves in March.\n\nParking stays free.", "", ["The market moves in March.",
                                                                 "Parking stays free."]),
    ("By Ines Calloway\n\nThe market moves in March.", "", ["The market moves in March."]),
    ("Subscribe now\n\nThe market moves in March.", "", ["The market moves in March."]),
])
def test_without_a_heading_an_opening_headline_line_is_the_title(text: str, title: str,
                                                                 paragraphs: list[str]) -> None:
    found = extract_markdown(text)
    assert (found.title, found.paragraphs) == (title, paragraphs)


def test_a_heading_other_than_the_front_matter_title_stays_in_the_body() -> None:
    found = extract_markdown("---\ntitle: Harbour Diary\n---\n# Monday\n\nThe quay was swept clean.")
    assert found.title == "Harbour Diary"
    assert found.paragraphs == ["Monday", "The quay was swept clean."]


def test_a_heading_that_opens_the_text_is_the_title_when_there_is_no_h1() -> None:
    found = extract_markdown("## Quay Notes\n\nThe quay was swept.\n\n## Later\n\nIt rained.")
    assert found.title == "Quay Notes"
    assert found.paragraphs == ["The quay was swept.", "Later", "It rained."]


def test_furniture_only_markdown_is_refused() -> None:
    with pytest.raises(NothingToReadError) as error:
        clean(read_source(str(MARKDOWN / "furniture-only.md")))
    assert str(error.value) == (
        f"'{MARKDOWN / 'furniture-only.md'}' has no article text after cleaning: every paragraph looks like "
        "page furniture (captions, subscribe or share lines); give the article page itself, or paste only "
        "the article's text")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("cover.md", "# Subscribe\n\n![Harbour at dawn](cover.jpg)\n\n"
                 "Harbour at dawn, seen from the lighthouse\n\n- Subscribe to our newsletter\n"
                 "- Sign up for breaking news alerts\n",
     "'{path}' has no article text after cleaning: what is left (7 words) has no sentence in it, only "
     "captions, headings or links; give the article page itself, or paste only the article's text"),
    ("hi.txt", "Hi",
     "'{path}' has no article text after cleaning: every line looks like menus, links or page furniture; "
     "give the article page itself, or paste only the article's text"),
    ("short.md", "# Closed\n\nShut today.",
     "'{path}' has 2 words of article text, too little to read as an article: give the whole article "
     "(at least 5 words)"),
])
@pytest.mark.parametrize("command", ["make", "clean"])
def test_the_cli_refuses_input_with_no_article(tmp_path: Path, command: str, name: str, content: str,
                                               message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    out = tmp_path / "out" / "b.mp3"
    out.parent.mkdir()
    result = subprocess.run([sys.executable, "-m", "audiobrief", command, str(path),
                             *(["-o", str(out)] if command == "make" else [])],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr == f"audiobrief: error: {message.format(path=path)}\n"
    assert result.stdout == ""
    assert not list(out.parent.iterdir())


def test_audiobrief_clean_prints_markdown_as_read(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "audiobrief", "clean", "--json",
                             str(MARKDOWN / "port-reopens.md")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["title"] == "Port Reopens After Storm"
    assert found["paragraphs"] == EXPECTED


def test_a_page_served_as_text_markdown_is_read_as_markdown() -> None:
    body = (MARKDOWN / "port-reopens.md").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/markdown; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    site = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        document = read_source(f"http://127.0.0.1:{site.server_address[1]}/notes", allow_private_urls=True)
    finally:
        site.shutdown()
    assert document.is_markdown and not document.is_html
    assert list(clean(document).paragraphs) == EXPECTED


@pytest.mark.parametrize("unit", ["[", "*a", "> ", "- ", "`", "<a ", "![", "# x\n", "|a", "_b_c", "[a](",
                                  "**"])
def test_markdown_cleaning_is_linear(unit: str) -> None:
    """Pathological Markdown (unclosed brackets, deep quotes, runs of emphasis) costs linear time."""

    def work(text: str) -> object:
        try:
            return clean(Document("md", text, False, is_markdown=True))
        except NothingToReadError:
            return None

    assert_linear(unit, 5000, work)
