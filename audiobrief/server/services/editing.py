"""A stored briefing turned back into the form's fields, for "Edit and make again"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...clean.markdown import looks_like_markdown, split_front_matter
from ...errors import AudiobriefError
from ...ingest import document_from_bytes
from ..store.records import Record, Source

MARKDOWN_MARK = "---\nformat: markdown\n---\n"  #: front matter that says "Markdown" and nothing else

_DASH_LINE = re.compile(r"^([ \t]*)-{3,}([ \t]*)$", re.M)
_SETEXT_H2 = re.compile(r"^([ \t]{0,3}\S[^\n]*)\n[ \t]{0,3}-{3,}[ \t]*$", re.M)


def edit_values(record: Record, sources: Sequence[Source]) -> dict[str, str]:
    """The form's text fields for making a briefing like this one again: pasted texts and files in the
    text box (a line of three dashes between them), addresses one a line, title, voice, rate,
    pronunciations and sharing."""
    texts = [_as_pasted(source) for source in sources if source.kind != "url"]
    values = {
        "text": "\n---\n".join(texts),
        "urls": "\n".join(source.data.decode("utf-8", errors="replace") for source in sources
                          if source.kind == "url"),
        "title": record.requested_title,
        "voice": record.voice,
        "rate": str(record.rate) if record.rate else "",
        "pronunciations": "\n".join(f"{written} = {spoken}"
                                    for written, spoken in record.pronunciations.items()),
    }
    if record.public:
        values["public"] = "on"
    return values


def _as_pasted(source: Source) -> str:
    """An article's text as it goes in the text box, in a form that is read as the article was. A
    file's own lines of dashes, which the box would take for a break between articles, change: in
    Markdown an underlined heading becomes a "## " heading and a rule becomes asterisks; its front
    matter stays (the box knows it), and a Markdown file that does not look like Markdown gets a
    front matter block saying it is."""
    try:
        document = document_from_bytes(source.data, source.label)
    except AudiobriefError:
        return source.data.decode("utf-8", errors="replace")
    text = document.text.replace("\r\n", "\n").strip("\n")
    if source.kind != "file":
        return text
    if not document.is_markdown:
        return _DASH_LINE.sub(r"\1***\2", text)
    head, body = split_front_matter(text)
    body = _DASH_LINE.sub(r"\1***\2", _SETEXT_H2.sub(lambda m: f"## {m[1].strip()}", body))
    if not head and not looks_like_markdown(body):
        head = MARKDOWN_MARK
    return head + body
