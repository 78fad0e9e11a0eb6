"""Re-making a briefing reuses the cache: every encoded chunk when nothing changed, and the
chunks before an edit when one sentence changed. Briefings made at once share it safely."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.commands import FIXTURES, run

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server or browser


def _chunks(home: Path) -> set[Path]:
    return set((home / "cache" / "clips").glob("*/*.mp3"))


def _clips(home: Path) -> set[Path]:
    return set((home / "cache" / "clips").glob("*/*.wav"))


def test_remade_briefing_reuses_chunks_and_an_edit_redoes_only_what_follows(
        seed_path: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    first, again, edited = tmp_path / "first.mp3", tmp_path / "again.mp3", tmp_path / "edited.mp3"
    assert run("make", str(seed_path), "-o", str(first), home=home).returncode == 0
    chunks, clips = _chunks(home), _clips(home)
    assert len(chunks) >= 5, "the seed should need several 20-second chunks"

    assert run("make", str(seed_path), "-o", str(again), home=home).returncode == 0
    assert again.read_bytes() == first.read_bytes()
    assert _chunks(home) == chunks and _clips(home) == clips

    changed = tmp_path / "changed.txt"
    text = seed_path.read_text("utf-8")
    assert text.count("French SCALP") == 1
    changed.write_text(text.replace("French SCALP", "Italian SCALP"), "utf-8")
    assert run("make", str(changed), "-o", str(edited), home=home).returncode == 0
    new_clips, new_chunks = _clips(home) - clips, _chunks(home) - chunks
    assert len(new_clips) == 1, "only the edited sentence is spoken again"
    assert 1 <= len(new_chunks) <= 2, "only the chunk holding the edit (and any after it) is encoded"
    assert edited.read_bytes() != first.read_bytes()


def test_briefings_made_at_once_share_one_data_folder(seed_path: Path, tmp_path: Path) -> None:
    """Two processes, both with a cold data folder, speak the same clips at the same time: both
    finish, the first clip written is the one both use (so the briefings are identical), and no
    scratch file is left behind."""
    home = tmp_path / "home"
    outs = [tmp_path / "one.mp3", tmp_path / "two.mp3"]
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)}
    makers = [subprocess.Popen([sys.executable, "-m", "audiobrief", "make", str(seed_path), "-o",
                                str(out)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for out in outs]
    try:
        for maker in makers:
            _, errors = maker.communicate(timeout=600)
            assert maker.returncode == 0, errors
    finally:
        for maker in makers:
            maker.kill()
    assert outs[0].read_bytes() == outs[1].read_bytes()
    scratch = [p for p in home.rglob("*")
               if ".part" in p.name or p.name.endswith(".engine.wav") or p.name.startswith(".")]
    assert not scratch, f"scratch files left: {scratch[:3]}"

    clips = _clips(home)
    again = tmp_path / "again.mp3"
    assert run("make", str(seed_path), "-o", str(again), home=home).returncode == 0
    assert again.read_bytes() == outs[0].read_bytes()
    assert _clips(home) == clips


def test_cache_bound_is_set_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, out = tmp_path / "home", tmp_path / "b.mp3"
    monkeypatch.setenv("AUDIOBRIEF_CACHE_MB", "1")
    result = run("make", str(FIXTURES / "library-hours.txt"), "-o", str(out), home=home)
    assert result.returncode == 0, result.stderr
    segments = int(result.stdout.split(" segments")[0].rsplit(" ", 1)[1])
    cached = [p for p in (home / "cache" / "clips").glob("*/*") if p.is_file()]
    assert sum(p.stat().st_size for p in cached) <= 1024 * 1024
    assert 0 < len(_clips(home)) < segments, "the bound evicted the oldest clips, not all"
    # (this fixture's clips take about 2 MB, so a 1 MB bound must evict some)
