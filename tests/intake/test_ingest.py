"""Reading inputs: type sniffing, decoding, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiobrief.errors import InputError
from audiobrief.ingest import MAX_INPUT_BYTES, document_from_bytes, looks_like_html, read_source


def test_html_detected_by_content_not_name(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("<!DOCTYPE html><html><body><p>Hello</p></body></html>")
    assert read_source(str(page)).is_html


def test_plain_text_is_not_html(tmp_path: Path) -> None:
    note = tmp_path / "note.html"
    note.write_text("Just words about a <b> tag in prose.\n")
    assert not read_source(str(note)).is_html


@pytest.mark.parametrize("data", [b"<html><p>x</p></html>", b"  <!-- c --><!doctype html>",
                                  b"<div><p>a</p><p>b</p><p>c</p><a>d</a><br></div>"])
def test_looks_like_html(data: bytes) -> None:
    assert looks_like_html(data)


def test_latin1_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Café prices rose.".encode("latin-1"))
    assert read_source(str(path)).text == "Café prices rose."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n ", "is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        ("sheet.xlsx", b"PK\x03\x04", "not a .txt, .md, .html or .json file"),
    ],
)
def test_refusals(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_source(str(path))
    assert name in str(caught.value)


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_source(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a folder"):
        read_source(str(tmp_path))


def test_oversized_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (MAX_INPUT_BYTES // 5 + 10))
    with pytest.raises(InputError, match="5 MB limit"):
        read_source(str(path))
    with pytest.raises(InputError, match="5 MB limit"):
        document_from_bytes(b"a" * (MAX_INPUT_BYTES + 1), "-")
