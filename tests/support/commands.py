"""Running the audiobrief command as a user would, and where the project's files are."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = REPO / "samples" / "harbor-bridge.txt"


def run(*args: str, stdin: str | None = None, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the audiobrief command as a user would."""
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)} if home else None
    return subprocess.run([sys.executable, "-m", "audiobrief", *args], capture_output=True,
                          text=True, input=stdin, timeout=900, env=env)


def make_seed_briefing(seed_path: Path, folder: Path, *options: str) -> Path:
    """The seed article made into a briefing in folder, with a cold cache of its own."""
    out = folder / "a.mp3"
    result = run("make", str(seed_path), "-o", str(out), *options, home=folder / "home")
    assert result.returncode == 0, result.stderr
    out.with_suffix(".summary").write_text(result.stdout, "utf-8")
    out.with_suffix(".stderr").write_text(result.stderr, "utf-8")
    return out
