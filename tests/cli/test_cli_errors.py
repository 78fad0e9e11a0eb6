"""Bad input: one clear line on stderr, a non-zero exit, no traceback, nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.commands import FIXTURES


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


def command(*args: str, stdin: object = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audiobrief", *args], capture_output=True, text=True,
                          timeout=120, stdin=stdin)


ARTICLE_FIX = "give a .txt, .md or .html file, or - for standard input"


@pytest.mark.parametrize("verb", ["clean", "make"])
def test_a_device_is_refused_and_never_read(tmp_path: Path, verb: str) -> None:
    """/dev/zero says it is 0 bytes long and never ends: it is refused for what it is."""
    args = ["/dev/zero", "-o", str(tmp_path / "zero.mp3")] if verb == "make" else ["/dev/zero"]
    result = command(verb, *args)
    assert (result.returncode, result.stderr) == (
        1, f"audiobrief: error: '/dev/zero' is a device, not a regular file: {ARTICLE_FIX}\n")
    assert list(tmp_path.iterdir()) == []


def test_a_named_pipe_and_a_socket_are_refused_without_waiting(tmp_path: Path) -> None:
    """Opening a named pipe waits for a writer; it is judged without waiting, and refused."""
    import socket

    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    result = command("clean", str(pipe))
    assert (result.returncode, result.stderr) == (
        1, f"audiobrief: error: '{pipe}' is a named pipe, not a regular file: {ARTICLE_FIX}\n")
    listening = tmp_path / "sock.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(listening))
        result = command("clean", str(listening))
    assert (result.returncode, result.stderr) == (
        1, f"audiobrief: error: '{listening}' is a socket, not a regular file: {ARTICLE_FIX}\n")


def test_endless_standard_input_is_read_only_up_to_the_limit() -> None:
    with open("/dev/zero", "rb") as zeros:
        cleaned = command("clean", "-", stdin=zeros)
        spoken = command("speak-text", stdin=zeros)
    assert (cleaned.returncode, cleaned.stderr) == (
        1, "audiobrief: error: '-' is over the 5 MB limit: split it into articles\n")
    assert (spoken.returncode, spoken.stderr) == (
        1, "audiobrief: error: standard input is over the 5 MB limit: give less text at a time\n")


def test_a_device_as_lexicon_is_refused() -> None:
    result = command("speak-text", "--lexicon", "/dev/zero", "Hello")
    assert (result.returncode, result.stderr) == (
        1, "audiobrief: error: '/dev/zero' is a device, not a regular file: give a lexicon file (.tsv)\n")


def test_an_endless_password_on_standard_input_is_refused(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zeros:
        result = subprocess.run([sys.executable, "-m", "audiobrief", "user", "add", "dave"], stdin=zeros,
                                capture_output=True, text=True, timeout=120,
                                env={**os.environ, "AUDIOBRIEF_HOME": str(tmp_path)})
    assert (result.returncode, result.stderr) == (
        1, "audiobrief: error: the password is over 1024 characters: use a shorter one\n")
