"""Read one input (file, stdin or URL) into a Document: type sniffing, size caps, decoding."""

from __future__ import annotations

import re
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from .cancel import CancelToken
from .errors import InputError
from .files import read_regular_file
from .model import Document
from .settings import DEFAULT_FETCH_DEADLINE_S

MAX_INPUT_BYTES = 5 * 1024 * 1024
MARKDOWN_SUFFIXES = {".md", ".markdown"}
MARKDOWN_TYPES = {"text/markdown", "text/x-markdown"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml", ".json", ""}
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(rb"<(p|div|span|a|br|meta|script|article|h[1-6])\b[^>]*>", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def is_url(source: str) -> bool:
    """True when the input names an http(s) URL rather than a file."""
    return source.lower().startswith(("http://", "https://"))


def read_source(source: str, *, allow_private_urls: bool = False,
                deadline_s: float = DEFAULT_FETCH_DEADLINE_S, cancel: CancelToken | None = None) -> Document:
    """Read a path, "-" (stdin) or an http(s) URL (fetched within deadline_s seconds, or until
    cancel fires) into a Document."""
    if is_url(source):
        from .fetch import fetch_url  # httpx loads only for URL input
        from .netguard import display_url

        fetched = fetch_url(source, allow_private=allow_private_urls, max_bytes=MAX_INPUT_BYTES,
                            deadline_s=deadline_s, cancel=cancel)
        return document_from_bytes(fetched.body, display_url(source), url=fetched.url,
                                   media_type=fetched.content_type)
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        return document_from_bytes(data, "-")
    return document_from_bytes(_read_file(Path(source)), source)


def _read_file(path: Path) -> bytes:
    """A regular file's bytes, read no further than the limit (a device or a named pipe is refused)."""
    data, size = read_regular_file(path, MAX_INPUT_BYTES, "give a .txt, .md or .html file, or - for "
                                                          "standard input")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise InputError(f"'{path}' is not a .txt, .md, .html or .json file: save the article as text first")
    if len(data) > MAX_INPUT_BYTES:
        shown = f"{size / 1048576:.1f} MB, over" if size > MAX_INPUT_BYTES else "over"  # it grew
        raise InputError(f"'{path}' is {shown} the 5 MB limit: split it into articles")
    return data


def document_from_bytes(data: bytes, source: str, *, url: str | None = None,
                        media_type: str = "") -> Document:
    """Check and decode raw input bytes, detecting HTML by content and Markdown by name, media type
    or content."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"'{source}' is over the 5 MB limit: split it into articles")
    if not data.strip():
        raise InputError(f"'{source}' is empty: nothing to read")
    if _looks_binary(data):
        raise InputError(f"'{source}' is a binary file, not text: give a .txt, .md or .html file")
    html = looks_like_html(data)
    text = _decode(data, html)
    if not html and is_article(source, media_type, text):
        return Document(source=source, text=text, is_html=False, url=url, is_article=True)
    return Document(source=source, text=text, is_html=html, url=url,
                    is_markdown=not html and is_markdown(source, media_type, text))


def is_article(source: str, media_type: str, text: str) -> bool:
    """True for a .json file or address, application/json, or text that opens like an article's JSON
    form (what `audiobrief clean --json` prints)."""
    from .clean.saved import looks_saved

    return _suffix(source) == ".json" or media_type == "application/json" or looks_saved(text)


def is_markdown(source: str, media_type: str, text: str) -> bool:
    """True for a .md or .markdown file or address, text/markdown, or text that is plainly Markdown."""
    from .clean.markdown import looks_like_markdown

    return _suffix(source) in MARKDOWN_SUFFIXES or media_type in MARKDOWN_TYPES or looks_like_markdown(text)


def _suffix(source: str) -> str:
    """The lower-case suffix of a file name or of an address's path."""
    return PurePosixPath(urlsplit(source).path if is_url(source) else source).suffix.lower()


def looks_like_html(data: bytes) -> bool:
    """True when the bytes are an HTML page, whatever the file is called."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAG.findall(data[:65536])) >= 5


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.02


def _decode(data: bytes, html: bool) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html and (match := _CHARSET.search(data[:4096])):
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")
