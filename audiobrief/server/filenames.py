"""Download names: a briefing's files named after its title, for Content-Disposition (RFC 6266, with
an ASCII filename and an RFC 5987 filename* for the full name) and the pages' download links."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

MAX_STEM = 80  #: characters of the title kept in a file name
FALLBACK = "briefing"  #: the stem when nothing of the title is usable
#: public file name -> the download name's ending after the title
ENDINGS = {
    "audio.mp3": ".mp3",
    "transcript.vtt": ".vtt",
    "segments.json": " segments.json",
    "chapters.json": " chapters.json",
    "cover.png": " cover.png",
    "spoken.txt": " spoken text.txt",
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f"\\/:*?<>|%;]')
_SPACES = re.compile(r"\s+")


def file_stem(title: str) -> str:
    """The title with what file systems and headers refuse removed, spaces collapsed, cut to MAX_STEM."""
    cleaned = _SPACES.sub(" ", _UNSAFE.sub(" ", unicodedata.normalize("NFC", title))).strip(" .")
    if len(cleaned) > MAX_STEM:
        cleaned = cleaned[:MAX_STEM].rsplit(" ", 1)[0] if " " in cleaned[:MAX_STEM] else cleaned[:MAX_STEM]
    return cleaned.strip(" .") or FALLBACK


def download_name(title: str, name: str) -> str:
    """The name a briefing's public file is saved under: "Night Ferry Returns.mp3"."""
    return file_stem(title) + ENDINGS.get(name, "-" + name)


def ascii_name(name: str) -> str:
    """The name in printable ASCII: accents dropped, other letters left out, never empty."""
    stem, dot, ending = name.rpartition(".")
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    folded = _SPACES.sub(" ", folded).strip(" .") or FALLBACK
    return f"{folded}{dot}{ending}"


def content_disposition(name: str) -> str:
    """An inline Content-Disposition naming the file, for browsers old and new."""
    return f"inline; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
