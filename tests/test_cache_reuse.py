"""Re-making a briefing reuses the cache: every encoded chunk when nothing changed, and the
chunks before an edit when one sentence changed."""

from __future__ import annotations

from pathlib import Path

from conftest import run


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
