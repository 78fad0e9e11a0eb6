"""Turns a JSON body or a form into a checked briefing request, or field-by-field errors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import urlsplit

from starlette.datastructures import FormData, UploadFile

from ...clean.markdown import front_matter_end
from ...digits import ascii_int, human_size
from ...invisible import plain_title
from ...netguard import display_url
from ...presets import DEFAULT_VOICE, RENAMED, preset_names
from ..config import Settings
from ..schemas import MAX_PRONUNCIATIONS, MAX_RATE, MAX_TITLE, MIN_RATE, BriefingRequest
from ..store.records import Source

FILE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json"}
MAX_MESSAGES_PER_FIELD = 20  #: further problems with a field are not listed (a huge request, a short answer)
ARTICLE_BREAK = re.compile(r"^[ \t]*-{3,}[ \t]*$")
#: the form's fields, in page order
FORM_FIELDS = ("text", "files", "urls", "title", "voice", "rate", "pronunciations", "public")


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: the form field it belongs to, its API location, the message."""

    field: str
    loc: tuple[str | int, ...]
    message: str


class InvalidRequest(Exception):
    """The request has field errors (422), or is too large (413)."""

    def __init__(self, errors: list[FieldError], too_large: bool = False) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors
        self.too_large = too_large

    def by_field(self) -> dict[str, str]:
        """The first message for each form field, in the order the fields appear on the page."""
        found: dict[str, str] = {}
        for error in sorted(self.errors, key=lambda e: FORM_FIELDS.index(e.field)):
            found.setdefault(error.field, error.message)
        return found


@dataclass
class Intake:
    """A checked request, ready to store and queue."""

    title: str = ""
    voice: str = DEFAULT_VOICE
    rate: int | None = None
    pronunciations: dict[str, str] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    origins: list[tuple[str, tuple[str | int, ...]]] = field(default_factory=list)  #: form field, API loc
    public: bool = False  #: asked to be listed in the public feed and pages
    errors: list[FieldError] = field(default_factory=list)
    too_large: list[FieldError] = field(default_factory=list)

    def fail(self, name: str, loc: tuple[str | int, ...], message: str) -> None:
        """Note a field error (the first MAX_MESSAGES_PER_FIELD of each field)."""
        if sum(error.field == name for error in self.errors) < MAX_MESSAGES_PER_FIELD:
            self.errors.append(FieldError(name, ("body", *loc), message))

    def add(self, source: Source, name: str, loc: tuple[str | int, ...]) -> None:
        """Note an article to read, with the field it came from."""
        self.sources.append(source)
        self.origins.append((name, ("body", *loc)))

    def checked(self) -> Intake:
        """Self, or raise InvalidRequest (size problems first: they are 413)."""
        if self.too_large:
            raise InvalidRequest(self.too_large, too_large=True)
        if self.errors:
            raise InvalidRequest(self.errors)
        return self


def from_json(request: BriefingRequest, settings: Settings) -> Intake:
    """Check a JSON request beyond its schema."""
    intake = Intake()
    _title(intake, request.title or "")
    _voice(intake, request.voice)
    intake.rate = request.rate
    intake.public = request.public
    _count(intake, len(request.articles), settings, ("articles",))
    for number, article in enumerate(request.articles):
        if article.text is not None:
            _text(intake, article.text, f"article {number + 1}", settings, ("articles", number, "text"))
        else:
            _url(intake, article.url or "", ("articles", number, "url"), "urls")
    if _pronunciation_count(intake, len(request.pronunciations)):
        for written, spoken in request.pronunciations.items():
            _pronunciation(intake, written, spoken, f"{written[:100]!r}")
    return intake.checked()


async def from_form(form: FormData, settings: Settings) -> Intake:
    """Check the web form (or the multipart API): text, urls and files make the articles."""
    intake = Intake()
    _title(intake, _field(form, "title"))
    _voice(intake, _field(form, "voice") or None)
    _rate(intake, _field(form, "rate"))
    intake.public = _field(form, "public").lower() in ("on", "1", "true", "yes")
    texts = [part for value in form.getlist("text") if isinstance(value, str)
             for part in split_articles(value)]
    urls = [line.strip() for value in form.getlist("urls") if isinstance(value, str)
            for line in value.splitlines() if line.strip()]
    uploads = [value for value in form.getlist("files")
               if isinstance(value, UploadFile) and (value.filename or value.size)]
    total = len(texts) + len(urls) + len(uploads)
    if total == 0:
        intake.fail("text", ("text",),
                    "Give at least one article: paste its text, upload a file or give a URL.")
    _count(intake, total, settings, ("text",))
    for number, text in enumerate(texts, 1):
        _text(intake, text, f"pasted article {number}", settings, ("text",))
    for url in urls:
        _url(intake, url, ("urls",), "urls")
    for upload in uploads:
        await _upload(intake, upload, settings)
    _pronunciation_lines(intake, _field(form, "pronunciations"))
    return intake.checked()


def split_articles(text: str) -> list[str]:
    """The articles of the text box: a line of three dashes or more between them, except where it
    opens an article's YAML front matter (a Markdown file's "---", "title: ...", "---")."""
    lines = text.replace("\r\n", "\n").split("\n")
    parts: list[list[str]] = [[]]
    at = 0
    while at < len(lines):
        starts = not any(line.strip() for line in parts[-1])
        end = front_matter_end(lines, at) if starts else -1
        if end >= 0:
            parts[-1].extend(lines[at:end + 1])
            at = end + 1
            continue
        if ARTICLE_BREAK.match(lines[at]):
            parts.append([])
        else:
            parts[-1].append(lines[at])
        at += 1
    return [joined for part in parts if (joined := "\n".join(part)).strip()]


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _title(intake: Intake, title: str) -> None:
    title = " ".join(title.split())
    if len(title) > MAX_TITLE:
        intake.fail("title", ("title",),
                    f"The title is {len(title)} characters long: keep it to {MAX_TITLE}.")
    elif any(unicodedata.category(ch) in ("Cc", "Cs", "Co") for ch in title):
        intake.fail("title", ("title",), "The title has control characters: type it again as plain text.")
    intake.title = plain_title(title)


def _voice(intake: Intake, voice: str | None) -> None:
    names = preset_names()
    if voice is None:
        return
    if voice not in names and voice not in RENAMED:
        intake.fail("voice", ("voice",),
                    f"There is no voice called '{voice}': choose one of {', '.join(names)}.")
        return
    intake.voice = voice


def _rate(intake: Intake, raw: str) -> None:
    raw = raw.strip(" \t")
    if not raw:
        return
    value = ascii_int(raw, max_digits=9)
    if value is None or not MIN_RATE <= value <= MAX_RATE:
        intake.fail("rate", ("rate",),
                    f"Give the speaking rate as a whole number of words a minute, {MIN_RATE} to {MAX_RATE}.")
        return
    intake.rate = value


def _count(intake: Intake, count: int, settings: Settings, loc: tuple[str | int, ...]) -> None:
    if count > settings.max_articles:
        intake.fail("text", loc, f"{count} articles is too many: one briefing takes at most "
                                 f"{settings.max_articles}.")


def _too_large(intake: Intake, name: str, loc: tuple[str | int, ...], what: str, size: int,
               settings: Settings) -> None:
    limit = settings.max_article_bytes
    intake.too_large.append(FieldError(name, ("body", *loc), f"{what} is {human_size(size)}, over the "
                                       f"{human_size(limit)} limit for one article: split it into articles."))


def _text(intake: Intake, text: str, label: str, settings: Settings, loc: tuple[str | int, ...]) -> None:
    data = text.encode("utf-8")
    if len(data) > settings.max_article_bytes:
        _too_large(intake, "text", loc, label.capitalize(), len(data), settings)
    elif not text.strip():
        intake.fail("text", loc, f"{label.capitalize()} is empty: paste the article's text.")
    else:
        intake.add(Source("text", label, data), "text", loc)


def _url(intake: Intake, url: str, loc: tuple[str | int, ...], name: str) -> None:
    url = url.strip()
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and len(url) <= 2000
        (parts.hostname or "").encode("idna")  # a host name DNS can be asked about
        _ = parts.port  # a port number from 0 to 65535, or none
    except (ValueError, UnicodeError):
        valid = False
    if not valid or any(ch.isspace() for ch in url):
        intake.fail(name, loc, f"'{display_url(url)[:100]}' is not an http or https web address: "
                               "give one URL a line.")
    else:
        intake.add(Source("url", display_url(url), url.encode("utf-8")), name, loc)


async def _upload(intake: Intake, upload: UploadFile, settings: Settings) -> None:
    name = PureWindowsPath(PurePosixPath(upload.filename or "upload").name).name[:100] or "upload"
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in FILE_SUFFIXES:
        intake.fail("files", ("files",),
                    f"'{name}' is not a .txt, .md, .html or .json file: save the article as one.")
        return
    data = await upload.read(settings.max_article_bytes + 1)
    if len(data) > settings.max_article_bytes:
        size = upload.size if upload.size is not None else len(data)
        _too_large(intake, "files", ("files",), f"'{name}'", size, settings)
    elif not data.strip():
        intake.fail("files", ("files",), f"'{name}' is empty: choose the file with the article.")
    else:
        intake.add(Source("file", name, data), "files", ("files",))


def _pronunciation_count(intake: Intake, count: int) -> bool:
    """False, with one message, when there are more pronunciations than one request may give."""
    if count > MAX_PRONUNCIATIONS:
        intake.fail("pronunciations", ("pronunciations",),
                    f"{count} pronunciations is too many: give at most {MAX_PRONUNCIATIONS}.")
    return count <= MAX_PRONUNCIATIONS


def _pronunciation_lines(intake: Intake, text: str) -> None:
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not _pronunciation_count(intake, len(lines)):
        return
    for number, line in lines:
        if "=" not in line:
            intake.fail("pronunciations", ("pronunciations",),
                        f"Line {number} has no '=': write each as written = spoken, like NATO = nay-toe.")
            continue
        written, spoken = line.split("=", 1)
        _pronunciation(intake, written, spoken, f"line {number}")


def _pronunciation(intake: Intake, written: str, spoken: str, where: str) -> None:
    problem = ""
    if "\t" in written + spoken or len(written) > 100 or len(spoken) > 200:
        problem = f"Pronunciation {where} is too long or has tabs: keep each form short and on one line."
    written, spoken = written.strip(), spoken.strip()
    if not written or not spoken:
        problem = f"Pronunciation {where} lacks a written or a spoken form: give both, like NATO = nay-toe."
    if problem:
        intake.fail("pronunciations", ("pronunciations",), problem)
    else:
        intake.pronunciations[written] = spoken


def form_values(form: Mapping[str, object]) -> dict[str, str]:
    """The text fields of a submitted form, to fill the form again after an error."""
    return {name: value for name in FORM_FIELDS if isinstance(value := form.get(name), str)}
