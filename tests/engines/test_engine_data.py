"""The espeak-ng data folder with audiobrief's voice variant, made once per data folder."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from audiobrief.engines.espeak import VARIANT, espeak_data_path


def test_made_once_when_many_threads_ask_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The web app makes several briefings at once in one process; each asks for the folder."""
    monkeypatch.setenv("AUDIOBRIEF_HOME", str(tmp_path))
    found: list[Path] = []
    failures: list[BaseException] = []

    def ask() -> None:
        try:
            found.append(espeak_data_path())
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures and len(set(found)) == 1 and len(found) == 8
    folder = found[0]
    assert [p.name for p in (folder / "voices" / "!v").iterdir()] == [VARIANT]
    assert (folder / "phontab").exists() and (folder / "en_dict").exists()
    assert [p.name for p in tmp_path.iterdir()] == [folder.name], "no scratch folder is left"


def test_both_engines_live_in_one_process() -> None:
    """The espeak-ng library loaded for its version (the web process does it for cache keys) must not
    take the place of the espeak-ng inside Piper's phonemizer: loaded for all to see, it did, and the
    next phonemization crashed the process."""
    script = ("from audiobrief.engines.espeak import pyttsx3_engine_id\n"
              "from audiobrief.engines.piper import PiperEngine\n"
              "from audiobrief.presets import load_voice\n"
              "pyttsx3_engine_id()\n"
              "engine = PiperEngine(load_voice('en-us'))\n"
              "engine.start()\n"
              "print(''.join(engine.phonemes('U.S. About to Build a Bridge')))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr[-2000:]
    assert result.stdout.strip().endswith(".")
