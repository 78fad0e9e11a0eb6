"""Checks a form body before it is parsed: a multipart body must be complete, and every text field
valid UTF-8 (starlette reads an unfinished body as fewer fields, and undecodable text as Latin-1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.exceptions import HTTPException

from ..services.intake import FORM_FIELDS, FieldError, InvalidRequest

CUT_SHORT = "The upload was cut short or is malformed: send the form again."


@dataclass
class _Part:
    """One part of a multipart body as it is read."""

    header_name: bytearray = field(default_factory=bytearray)
    header_value: bytearray = field(default_factory=bytearray)
    options: dict[bytes, bytes] = field(default_factory=dict)  #: of its Content-Disposition
    data: bytearray = field(default_factory=bytearray)

    def header_end(self) -> None:
        """Keep the Content-Disposition options; forget other headers."""
        if self.header_name.lower() == b"content-disposition":
            self.options = parse_options_header(bytes(self.header_value))[1]
        self.header_name.clear()
        self.header_value.clear()

    def keep(self, data: bytes) -> None:
        """Keep a text field's data (a file's content is not a text field)."""
        if b"filename" not in self.options:
            self.data.extend(data)

    def field(self) -> tuple[str, bytes]:
        """(name, raw value); for a file, its file name."""
        name = self.options.get(b"name", b"").decode("utf-8", "replace")
        return name, self.options.get(b"filename", bytes(self.data))


def check_form_body(media_type: str, options: dict[bytes, bytes], body: bytes) -> None:
    """Raise HTTPException 400 for a cut-short or malformed body, InvalidRequest for a field that is
    not UTF-8 (naming the field)."""
    if media_type == "multipart/form-data":
        fields = _multipart_fields(options.get(b"boundary", b""), body)
    else:
        fields = _urlencoded_fields(body)
    errors = [FieldError(name, ("body", name),
                         f"{_what(name)} is not valid UTF-8 text: type it again as plain text")
              for name, value in fields if name in FORM_FIELDS and not _is_utf8(value)]
    if errors:
        raise InvalidRequest(errors)


def _what(name: str) -> str:
    return "A file name" if name == "files" else f"The {name} field"


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _urlencoded_fields(body: bytes) -> list[tuple[str, bytes]]:
    """Every field of a urlencoded body as (name, raw value bytes after percent-decoding)."""
    fields = []
    for pair in body.split(b"&"):
        name, _, value = pair.partition(b"=")
        fields.append((unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8", "replace"),
                       unquote_to_bytes(value.replace(b"+", b" "))))
    return fields


def _multipart_fields(boundary: bytes, body: bytes) -> list[tuple[str, bytes]]:
    """Every field of a complete multipart body as (name, raw value); a file gives its file name."""
    if not boundary:
        raise HTTPException(400, CUT_SHORT)
    parts: list[_Part] = []
    ended = False

    def on_end() -> None:
        nonlocal ended
        ended = True

    callbacks = {
        "on_part_begin": lambda: parts.append(_Part()),
        "on_header_field": lambda data, start, end: parts[-1].header_name.extend(data[start:end]),
        "on_header_value": lambda data, start, end: parts[-1].header_value.extend(data[start:end]),
        "on_header_end": lambda: parts[-1].header_end(),
        "on_part_data": lambda data, start, end: parts[-1].keep(data[start:end]),
        "on_end": on_end,
    }
    try:
        parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
        parser.write(body)
        parser.finalize()
    except (FormParserError, ValueError) as exc:
        raise HTTPException(400, CUT_SHORT) from exc
    if not ended:
        raise HTTPException(400, CUT_SHORT)
    return [part.field() for part in parts]
