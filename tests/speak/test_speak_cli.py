"""speak-text as users run it: the voice's language variety and --explain naming context rules."""

from __future__ import annotations

import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audiobrief", "speak-text", *args], capture_output=True,
                          text=True, timeout=120)


def test_voice_picks_the_variety() -> None:
    american = run("The farm covers 170 acres and cost $125.67.")
    british = run("--voice", "en-gb", "The farm covers 170 acres and cost $125.67.")
    assert american.returncode == 0 and british.returncode == 0, american.stderr + british.stderr
    assert american.stdout == (
        "The farm covers one hundred seventy acres and cost one hundred twenty-five dollars "
        "and sixty-seven cents.\n"
    )
    assert british.stdout == (
        "The farm covers one hundred and seventy acres and cost one hundred and twenty-five dollars "
        "sixty-seven cents.\n"
    )


def test_unknown_voice_is_one_line_error() -> None:
    result = run("--voice", "en-xx", "170")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("audiobrief: error: unknown voice 'en-xx': choose one of ")
    assert len(result.stderr.splitlines()) == 1


def test_explain_names_context_rules() -> None:
    result = run("--explain", "Dr Smith of St Louis paid a $5 fee beginning 3/20 on Queen St.")
    assert result.returncode == 0, result.stderr
    first, *changes = result.stdout.splitlines()
    assert first == ("Doctor Smith of Saint Louis paid a five dollar fee beginning March twentieth "
                     "on Queen Street.")
    rules = "\n".join(changes)
    for name in ("[title without a full stop: 'Dr Smith' is Doctor Smith]",
                 "[St before a name: 'St Louis' is Saint Louis]",
                 "[street type after a name: 'Queen St' is Queen Street]",
                 "[money as a modifier: 'a $5 fee' is a five dollar fee]",
                 "[date: a date word before m/d]"):
        assert name in rules


def test_explain_names_the_variety_rule() -> None:
    result = run("--explain", "170 acres")
    assert result.returncode == 0, result.stderr
    assert "'one hundred and seventy' -> 'one hundred seventy'  [American numbers" in result.stdout
