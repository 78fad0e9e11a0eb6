"""Download names from titles: what file systems and headers refuse is removed, nothing is empty."""

from __future__ import annotations

import pytest

from audiobrief.server.filenames import MAX_STEM, ascii_name, content_disposition, download_name, file_stem


@pytest.mark.parametrize(("title", "name", "expected"), [
    ("Night Ferry Returns", "audio.mp3", "Night Ferry Returns.mp3"),
    ("Night Ferry Returns", "transcript.vtt", "Night Ferry Returns.vtt"),
    ("Night Ferry Returns", "chapters.json", "Night Ferry Returns chapters.json"),
    ("Night Ferry Returns", "spoken.txt", "Night Ferry Returns spoken text.txt"),
    ('Two <b>stories</b> & "more"', "audio.mp3", "Two b stories b & more.mp3"),
    ("../../etc/passwd", "audio.mp3", "etc passwd.mp3"),
    ("a\r\nContent-Type: text/html", "audio.mp3", "a Content-Type text html.mp3"),
    ("...", "audio.mp3", "briefing.mp3"),
    ("", "cover.png", "briefing cover.png"),
    ("Café in Zürich 50% off; now", "audio.mp3", "Café in Zürich 50 off now.mp3"),
])
def test_download_names(title: str, name: str, expected: str) -> None:
    assert download_name(title, name) == expected


def test_a_long_title_is_cut_at_a_word() -> None:
    stem = file_stem("word " * 40)
    assert len(stem) <= MAX_STEM and stem.endswith("word") and "  " not in stem


@pytest.mark.parametrize(("name", "expected"), [
    ("Café in Zürich.mp3", "Cafe in Zurich.mp3"),
    ("東京の朝.mp3", "briefing.mp3"),
    ("Night Ferry Returns.vtt", "Night Ferry Returns.vtt"),
])
def test_ascii_names(name: str, expected: str) -> None:
    assert ascii_name(name) == expected


def test_content_disposition_has_both_forms() -> None:
    assert content_disposition("Café 東京.mp3") == (
        "inline; filename=\"Cafe.mp3\"; filename*=UTF-8''Caf%C3%A9%20%E6%9D%B1%E4%BA%AC.mp3")
