"""The text commands as users run them: speak-text, clean, voices."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audiobrief", *args], capture_output=True,
                          text=True, input=stdin, timeout=120)


def test_speak_text_reads_stdin() -> None:
    result = run("speak-text", stdin="The ATACMS cost $300 million in 2022.\n")
    assert result.returncode == 0, result.stderr
    assert "attack-ems" in result.stdout
    assert "three hundred million dollars" in result.stdout
    assert "$" not in result.stdout


def test_speak_text_one_line_per_line() -> None:
    lines = ["", "Gen. Smith arrived at 10:30 a.m.", "   ", "It rose 5%.", "WHO said so", "$2.5 billion"]
    result = run("speak-text", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    said = result.stdout.split("\n")[:-1]
    assert len(said) == len(lines)
    assert said[0] == "" and said[2] == ""
    assert "percent" in said[3]


def test_speak_text_argument_and_explain() -> None:
    result = run("speak-text", "--explain", "It cost $5 in 1999.")
    assert result.returncode == 0, result.stderr
    first, *changes = result.stdout.splitlines()
    assert first == "It cost five dollars in nineteen ninety-nine."
    assert any("[money]" in line for line in changes)


def test_user_lexicon_overrides(tmp_path: Path) -> None:
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("NATO\tnay-toe\n", "utf-8")
    result = run("speak-text", "--lexicon", str(lexicon), "--expand", "never", "NATO met.")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "nay-toe met."


def test_clean_json_of_seed(seed_path: Path) -> None:
    result = run("clean", str(seed_path), "--json")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["title"] == "US About to Build a Whole Lot More ATACMS"
    assert article["byline"] == "Ellie Cook"
    assert len(article["paragraphs"]) == 12
    assert article["paragraphs"][0].startswith("The United States will soon have")
    assert article["paragraphs"][-1].endswith("Storm Shadow and French SCALP air-launched cruise missiles.")
    assert any(p.startswith("Newsweek has reached out to the Pentagon") for p in article["paragraphs"])


def test_voices_lists_presets() -> None:
    result = run("voices")
    assert result.returncode == 0
    assert "en-us" in result.stdout and "(default)" in result.stdout
