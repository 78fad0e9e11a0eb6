"""The clip cache on its own: the first clip written stays, the size bound evicts the least
recently used, and a clip that leaves the cache under a briefing fails it with a clear error."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest
from support.sound import write_wav

from audiobrief.audio.cache import ClipCache
from audiobrief.audio.encode import ClipPart, encode_chunk
from audiobrief.errors import SynthesisError
from audiobrief.model import Voice

VOICE = Voice("test", "gmw/en-us")
ENGINE = "test-engine"


def _write_wav(path: Path, samples: int) -> Path:
    return write_wav(path, b"\1\0" * samples)


def _clip(cache: ClipCache, text: str, samples: int, used_at: float) -> Path:
    path = _write_wav(cache.path_for(ENGINE, VOICE, text), samples)
    os.utime(path, (used_at, used_at))
    return path


def test_first_clip_published_stays(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path / "clips")
    path = cache.path_for(ENGINE, VOICE, "Hello there.")
    first = _write_wav(path.with_name("first.part.wav"), 1000)
    assert cache.publish(first, path, 1000) == 1000
    second = _write_wav(path.with_name("second.part.wav"), 1002)
    assert cache.publish(second, path, 1002) == 1000, "the clip already there is the one used"
    assert cache.lookup(ENGINE, VOICE, "Hello there.") == (path, 1000)
    assert not first.exists() and not second.exists()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_broken_clip_is_replaced_when_published(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path / "clips")
    path = cache.path_for(ENGINE, VOICE, "Hello there.")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"RIFF")
    prepared = _write_wav(path.with_name("mine.part.wav"), 500)
    assert cache.publish(prepared, path, 500) == 500
    assert cache.lookup(ENGINE, VOICE, "Hello there.") == (path, 500)


def test_prune_evicts_least_recently_used_until_within_bound(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path / "clips")
    texts = [f"Sentence {n}." for n in range(6)]
    paths = [_clip(cache, text, 10_000, used_at=1_000_000 + n) for n, text in enumerate(texts)]
    chunk_key = "ab" * 32
    cache.write_entry(chunk_key, ".mp3", b"\xff" * 20_000)
    chunk = next((tmp_path / "clips").glob("*/*.mp3"))
    os.utime(chunk, (1_000_003.5, 1_000_003.5))
    assert cache.lookup(ENGINE, VOICE, texts[0]) is not None  # the oldest, used again just now

    size = paths[0].stat().st_size
    bounded = ClipCache(cache.root, max_bytes=3 * size + 20_000)
    removed = bounded.prune()

    kept = {path for path in paths if path.exists()}
    assert removed == 3
    assert kept == {paths[0], paths[4], paths[5]}, "the three least recently used clips go"
    assert chunk.exists(), "a chunk used more recently than the evicted clips stays"
    total = sum(p.stat().st_size for p in (tmp_path / "clips").glob("*/*") if p.is_file())
    assert total <= bounded.max_bytes


def test_prune_at_the_bound_keeps_everything(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path / "clips")
    paths = [_clip(cache, f"Sentence {n}.", 1000, used_at=1_000_000 + n) for n in range(3)]
    exactly = ClipCache(cache.root, max_bytes=sum(path.stat().st_size for path in paths))
    assert exactly.prune() == 0
    assert all(path.exists() for path in paths)


def test_prune_leaves_fresh_scratch_files_and_clears_stale_ones(tmp_path: Path) -> None:
    """Scratch files belong to processes at work (never evicted), unless a killed process left
    them long ago."""
    cache = ClipCache(tmp_path / "clips", max_bytes=0)
    clip = _clip(cache, "Sentence.", 1000, used_at=1_000_000)
    fresh = _write_wav(clip.with_name(f"{clip.stem}.4242.part.wav"), 1000)
    stale = _write_wav(clip.with_name(f"{clip.stem}.4343.engine.wav"), 1000)
    os.utime(stale, (1_000_000, 1_000_000))
    assert cache.prune() == 1
    assert not clip.exists() and fresh.exists() and not stale.exists()


def test_clip_is_published_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    cache = ClipCache(tmp_path / "clips")
    path = cache.path_for(ENGINE, VOICE, "Hello there.")
    prepared = _write_wav(path.with_name("mine.part.wav"), 700)
    assert cache.publish(prepared, path, 700) == 700
    assert cache.lookup(ENGINE, VOICE, "Hello there.") == (path, 700)
    assert not prepared.exists()


def test_clip_evicted_while_published_is_put_in_place(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process's clip is there when we try, and evicted before we can read it."""
    cache = ClipCache(tmp_path / "clips")
    path = cache.path_for(ENGINE, VOICE, "Hello there.")
    _write_wav(path, 900)
    real_link = os.link

    def seen_then_evicted(source: str, target: str) -> None:
        monkeypatch.setattr(os, "link", real_link)
        Path(target).unlink()
        raise FileExistsError(target)

    monkeypatch.setattr(os, "link", seen_then_evicted)
    prepared = _write_wav(path.with_name("mine.part.wav"), 700)
    assert cache.publish(prepared, path, 700) == 700
    assert cache.lookup(ENGINE, VOICE, "Hello there.") == (path, 700)


def test_clip_that_left_the_cache_during_a_briefing_fails_it_clearly(tmp_path: Path) -> None:
    path = _write_wav(tmp_path / "clip.wav", 1000)
    with pytest.raises(SynthesisError, match=r"clip\.wav changed or left the cache.*make the briefing again"):
        encode_chunk([ClipPart(str(path), 0.0, 1002)])
    path.unlink()
    with pytest.raises(SynthesisError, match=r"clip\.wav changed or left the cache"):
        encode_chunk([ClipPart(str(path), 0.0, 1000)])


def test_threads_storing_the_same_chunk_at_once_both_succeed(tmp_path: Path) -> None:
    """Two briefings in one process encode the same chunk together on a cold cache (a server with
    two workers failed one of them when both renamed one scratch file)."""
    cache = ClipCache(tmp_path)
    start = threading.Barrier(4)
    failures: list[BaseException] = []

    def store(data: bytes) -> None:
        start.wait()
        for _ in range(200):
            try:
                cache.write_entry("ab" * 32, ".mp3", data)
            except OSError as exc:
                failures.append(exc)

    threads = [threading.Thread(target=store, args=(bytes([n]) * 4096,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert cache.read_entry("ab" * 32, ".mp3") in {bytes([n]) * 4096 for n in range(4)}
    assert [path.name for path in (tmp_path / "ab").iterdir()] == ["ab" * 32 + ".mp3"]
