"""`audiobrief show` without speaking (the command's main, in this process; test_shows_e2e.py runs
it as a user would): each kind of bad input is one line and exit status 1, and the sources
commands list, add, remove, import and export."""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from audiobrief.cli import main
from audiobrief.server.store.records import Store


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


def show(home: Path, *args: str) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, {"AUDIOBRIEF_HOME": str(home)}), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        code = main(["show", *args])
    return Result(code, out.getvalue(), err.getvalue())


@pytest.mark.parametrize(("args", "message"), [
    (("add", "Bad Name", "--title", "x"), "'Bad Name' is not a show name: use 1 to 64 lowercase letters, "
                                          "digits and hyphens, like morning-news"),
    (("add", "b", "--title", "x", "--schedule", "every day at 7"),
     "'every day at 7' is not a schedule: write it like 'every day at 06:30 Europe/Berlin', 'weekdays at "
     "07:00' or 'every 4 hours'"),
    (("add", "b", "--title", "x", "--max-stories", "0"), "max-stories must be a whole number from 1 to 20"),
    (("add", "b", "--title", "x", "--source", "feed.xml"),
     "'feed.xml' is not an http or https address: give the feed's URL"),
    (("run", "nope"), "there is no show called 'nope': see `audiobrief show list`"),
    (("remove", "nope"), "there is no show called 'nope': see `audiobrief show list`"),
    (("sources", "desk", "--import", "missing.opml"),
     "'missing.opml' does not exist: check the path"),
    (("sources", "desk", "--import", "/dev/zero"),
     "'/dev/zero' is a device, not a regular file: give an OPML file exported by a feed reader"),
    (("sources", "desk", "--remove", "https://z.example/rss"),
     "'https://z.example/rss' is not a source of show 'desk': see `audiobrief show sources desk`"),
])
def test_bad_input_is_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    assert show(tmp_path, "add", "desk", "--title", "Desk").returncode == 0
    result = show(tmp_path, *args)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"audiobrief: error: {message}\n")


def test_sources_commands(tmp_path: Path) -> None:
    added = show(tmp_path, "add", "desk", "--title", "Desk", "--source", "https://a.example/rss")
    assert added.stdout == "added show 'desk' with 1 source\n"
    assert show(tmp_path, "sources", "desk", "--add", "https://b.example/atom").returncode == 0
    assert show(tmp_path, "sources", "desk").stdout == ("https://a.example/rss\tnot read yet\n"
                                                        "https://b.example/atom\tnot read yet\n")
    exported = tmp_path / "desk.opml"
    exported.write_text(show(tmp_path, "sources", "desk", "--export").stdout, encoding="utf-8")
    assert show(tmp_path, "add", "copy", "--title", "Copy").returncode == 0
    imported = show(tmp_path, "sources", "copy", "--import", str(exported))
    assert imported.stderr == f"imported 2 new sources from {exported}\n"
    assert show(tmp_path, "sources", "copy", "--remove", "https://a.example/rss").returncode == 0
    assert show(tmp_path, "sources", "copy").stdout == "https://b.example/atom\tnot read yet\n"
    listed = show(tmp_path, "list").stdout.splitlines()
    assert listed == ["copy\tCopy\ton demand\t-\t1 sources", "desk\tDesk\ton demand\t-\t2 sources"]
    assert show(tmp_path, "remove", "copy").stdout == "removed show 'copy' and its episodes\n"


def test_a_run_over_the_quota_is_refused_in_one_line(tmp_path: Path) -> None:
    assert show(tmp_path, "add", "desk", "--title", "Desk").returncode == 0
    store = Store(tmp_path / "server.sqlite3")
    store.add("a" * 32, "Kept", "en-us-espeak", None, {}, [])
    with mock.patch.dict(os.environ, {"AUDIOBRIEF_QUOTA_BRIEFINGS": "1"}):
        result = show(tmp_path, "run", "desk")
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", "audiobrief: error: this server keeps 1 briefings, its limit: delete some in the library to "
               "make new ones\n")
