"""Bad input: one clear line on stderr, a non-zero exit, no traceback, nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES


def make(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    out_dir = tmp_path / "out"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / "b.mp3"
    result = subprocess.run([sys.executable, "-m", "audiobrief", "make", *args, "-o", str(out)],
                            capture_output=True, text=True, timeout=300)
    return result, out


def assert_clean_failure(result: subprocess.CompletedProcess[str], out: Path, *words: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("audiobrief: error: ")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]
    assert not list(out.parent.iterdir()), "no output, partial or not, may be left"


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "notes.txt"
    empty.write_text("")
    assert_clean_failure(*make(tmp_path, str(empty)), "'" + str(empty) + "'", "empty")


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(os.urandom(4096))
    assert_clean_failure(*make(tmp_path, str(binary)), "photo.txt", "binary")


def test_all_boilerplate(tmp_path: Path) -> None:
    page = tmp_path / "menu.txt"
    page.write_text("Home\nNews\nSports\nWeather\nSubscribe now\nSign in\n"
                    "Privacy policy\nTerms of use\nCookie settings\n© 2025 Example Media\n")
    assert_clean_failure(*make(tmp_path, str(page)), "menu.txt", "no article text")


def test_unknown_voice(tmp_path: Path) -> None:
    result, out = make(tmp_path, str(FIXTURES / "library-hours.txt"), "--voice", "klingon")
    assert_clean_failure(result, out, "klingon", "audiobrief voices")


def test_unwritable_output_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "audiobrief", "make", str(FIXTURES / "library-hours.txt"),
         "-o", str(tmp_path / "missing" / "b.mp3")], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_read_only_output_folder() -> None:
    """/proc refuses new files even to root."""
    result = subprocess.run(
        [sys.executable, "-m", "audiobrief", "make", str(FIXTURES / "library-hours.txt"),
         "-o", "/proc/b.mp3"], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "'/proc' is not writable" in result.stderr


def test_huge_input(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"All work and no play makes a dull article. " * 480_000)
    assert huge.stat().st_size > 20_000_000
    assert_clean_failure(*make(tmp_path, str(huge)), "huge.txt", "5 MB limit")


def test_bad_rate(tmp_path: Path) -> None:
    result, out = make(tmp_path, str(FIXTURES / "library-hours.txt"), "--rate", "5")
    assert_clean_failure(result, out, "--rate")


def test_bad_cache_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIOBRIEF_CACHE_MB", "lots")
    assert_clean_failure(*make(tmp_path, str(FIXTURES / "library-hours.txt")),
                         "AUDIOBRIEF_CACHE_MB='lots'", "whole number")
