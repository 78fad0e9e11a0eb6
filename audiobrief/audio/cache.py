"""The audio cache: clip WAVs keyed by spoken text, voice and engine, encoded MP3 chunks keyed by
what they hold, and covers keyed by title; one size bound for all, least recently used out."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path

from ..model import Voice
from ..settings import DEFAULT_CACHE_BYTES
from .prepare import PREP_VERSION

ENTRY_SUFFIXES = (".mp3", ".png")  #: encoded chunks and covers, besides the clips
PUBLISH_ATTEMPTS = 5  #: tries to put a clip in place while others evict the one there
#: What os.link raises on a file system without hard links.
NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}
KEY_NAME = re.compile(r"[0-9a-f]{64}\.(wav|mp3|png)")  #: cache entries (not other processes' scratch)
STALE_SCRATCH_S = 3600  #: a scratch file this old was left by a process that was killed


def scratch_beside(path: Path, tag: str) -> Path:
    """A scratch file beside path for this process and thread alone (two threads writing the same
    entry at once must not share one: the second rename would find the file gone)."""
    return path.with_name(f"{path.stem}.{os.getpid()}-{threading.get_ident()}.{tag}")


@dataclass(frozen=True)
class ClipCache:
    """A folder of cached clips; safe for many processes (every file appears whole, by a rename
    or a hard link, and a clip once there is never replaced)."""

    root: Path
    max_bytes: int = DEFAULT_CACHE_BYTES

    def path_for(self, engine_id: str, voice: Voice, spoken: str) -> Path:
        """Where the clip for this text, voice and engine lives (whether or not it exists)."""
        fields = (voice.engine, engine_id, PREP_VERSION, voice.engine_voice, str(voice.rate),
                  str(voice.pitch), spoken)
        key = hashlib.sha256("\0".join(fields).encode("utf-8")).hexdigest()
        return self.root / key[:2] / f"{key}.wav"

    def publish(self, prepared: Path, path: Path, samples: int) -> int:
        """Move a prepared clip of this many samples to its place, unless another process put
        one there first: then that one stays and its sample count is returned. A clip in the
        cache never changes under a reader (the engine can differ by a sample between runs)."""
        try:
            for _ in range(PUBLISH_ATTEMPTS):
                try:
                    os.link(prepared, path)
                    return samples
                except FileExistsError:
                    theirs = _clip_samples(path)
                    if theirs is not None:
                        return theirs
                    # evicted in between, or broken (and removed): ours goes there instead
                except OSError as exc:
                    if exc.errno not in NO_HARD_LINKS:
                        raise
                    os.replace(prepared, path)  # no hard links here: the last writer wins
                    return samples
            raise OSError(f"cannot put a clip in place at {path}")
        finally:
            prepared.unlink(missing_ok=True)

    def has(self, engine_id: str, voice: Voice, spoken: str) -> bool:
        """Whether the clip for this text, voice and engine is cached."""
        return self.path_for(engine_id, voice, spoken).exists()

    def has_entry(self, key: str, suffix: str) -> bool:
        """Whether a chunk or cover is stored under key."""
        return self._entry_path(key, suffix).exists()

    def lookup(self, engine_id: str, voice: Voice, spoken: str) -> tuple[Path, int] | None:
        """The cached clip and its sample count, marked as used; None when there is none (a
        broken file is removed)."""
        path = self.path_for(engine_id, voice, spoken)
        samples = _clip_samples(path)
        if samples is None:
            return None
        self.touch(path)
        return path, samples

    def read_entry(self, key: str, suffix: str) -> bytes | None:
        """A stored MP3 chunk (suffix ".mp3") or cover (".png") named by key, marked as used
        (None when there is none)."""
        path = self._entry_path(key, suffix)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        self.touch(path)
        return data

    def write_entry(self, key: str, suffix: str, data: bytes) -> None:
        """Store a chunk or cover under key (written aside, then renamed into place)."""
        path = self._entry_path(key, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = scratch_beside(path, "part")
        scratch.write_bytes(data)
        os.replace(scratch, path)

    def _entry_path(self, key: str, suffix: str) -> Path:
        if suffix not in ENTRY_SUFFIXES:
            raise ValueError(f"the cache keeps {', '.join(ENTRY_SUFFIXES)} entries, not {suffix}")
        return self.root / key[:2] / f"{key}{suffix}"

    def touch(self, path: Path) -> None:
        """Mark a clip as just used."""
        with contextlib.suppress(FileNotFoundError):
            os.utime(path)

    def prune(self) -> int:
        """Delete least recently used clips and chunks until the cache fits its bound; returns
        entries removed. Scratch files are left alone unless a killed process left them long ago."""
        entries = []
        stale = time.time() - STALE_SCRATCH_S
        for path in self.root.glob("*/*"):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            if KEY_NAME.fullmatch(path.name):
                entries.append((stat.st_mtime, stat.st_size, path))
            elif stat.st_mtime < stale:
                path.unlink(missing_ok=True)
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed


def _clip_samples(path: Path) -> int | None:
    """Samples in the clip WAV at path; None when there is none (a broken one is removed)."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes()
    except FileNotFoundError:
        return None
    except (wave.Error, EOFError):
        path.unlink(missing_ok=True)
        return None
